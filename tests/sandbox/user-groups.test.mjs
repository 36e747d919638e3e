// POST /sandbox/user-groups: a sandbox-only route that creates user groups, so that tests and
// demos can prepare thousands of them. 201 with the group, 409 when it exists, 401 without a
// token, 415/422 for a bad body; scoped to the session; quotas for sessions; the preflight allows
// POST; the access log (--log FILE) names each body's user_group_id and never the token.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  assertValidResponse,
  createGroups,
  put,
  readAllGroups,
  readGroup,
  request,
  SEEDS,
  startServer,
  tmp,
} from './server.mjs';

const servers = [];
after(async () => {
  for (const s of servers) if (!s.exited()) await s.stop();
});
async function fresh(options = {}) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}

const post = (server, body, { token = server.token, headers = {} } = {}) =>
  request(server, {
    method: 'POST',
    path: '/sandbox/user-groups',
    headers: token === null ? headers : { Authorization: `Token ${token}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function newSession(server) {
  const r = await request(server, { method: 'POST', path: '/sandbox/sessions' });
  assert.equal(r.status, 201, r.text);
  return JSON.parse(r.text).token;
}

describe('POST /sandbox/user-groups', () => {
  test('201 with the group (name defaults to the id), Location, and PUT /api/user then updates it', async () => {
    const s = await fresh();
    const r = await post(s, { user_group_id: 'new group/1', name: 'New Group' });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.headers.location, '/sandbox/user-groups/new%20group%2F1');
    const g = JSON.parse(r.text).user_group;
    assert.deepEqual(
      { ...g, token: typeof g.token },
      {
        team_id: 113,
        token: 'string',
        name: 'New Group',
        provided_id: 'new group/1',
        properties: null,
        api_environment_tag: null,
        mapping: {},
      },
    );
    assert.match(g.token, /^[0-9a-f]{32}$/);
    assert.deepEqual(await readGroup(s, 'new group/1'), g);
    const plain = await post(s, { user_group_id: 'plain' });
    assert.equal(plain.status, 201, plain.text);
    assert.equal(JSON.parse(plain.text).user_group.name, 'plain');
    const update = { user_group_id: 'plain', name: 'Plain', mapping: { 40: '213' }, properties: { a: 1 } };
    const u = await put(s, update);
    assert.equal(u.status, 200, u.text);
    await assertValidResponse(u, JSON.stringify(update), 'PUT after POST');
    assert.deepEqual(Object.keys(await readAllGroups(s)).sort(), [...SEEDS, 'new group/1', 'plain'].sort());
  });

  test('409 when it exists (a seed or one made before), and nothing changes', async () => {
    const s = await fresh();
    for (const id of ['example_1', 'twice']) {
      if (id === 'twice') assert.equal((await post(s, { user_group_id: id })).status, 201);
      const before = await readGroup(s, id);
      const r = await post(s, { user_group_id: id, name: 'Other' });
      assert.equal(r.status, 409, r.text);
      assert.equal(JSON.parse(r.text).error.code, 'already_exists');
      await assertValidResponse(r, undefined, '409');
      assert.deepEqual(await readGroup(s, id), before);
    }
  });
});

describe('POST /sandbox/user-groups: refusals', () => {
  test('401 without a token or with a wrong one; 405 for other methods', async () => {
    const s = await fresh();
    for (const token of [null, 'wrong-token']) {
      const r = await post(s, { user_group_id: 'x' }, { token });
      assert.equal(r.status, 401, r.text);
      assert.equal(JSON.parse(r.text).error.code, 'unauthorized');
      assert.match(r.headers['www-authenticate'], /^Token /);
    }
    const del = await request(s, { method: 'DELETE', path: '/sandbox/user-groups', auth: true });
    assert.equal(del.status, 405);
    assert.equal(del.headers.allow, 'GET, POST, OPTIONS');
    assert.equal((await request(s, { path: '/sandbox/user-groups/x', auth: true })).status, 404, 'not made');
  });

  test('a bad body: 415 not JSON by type, 422 with the contract violations, 422 for other members', async () => {
    const s = await fresh();
    const type = await post(s, '{"user_group_id":"x"}', { headers: { 'Content-Type': 'text/plain' } });
    assert.equal(type.status, 415, type.text);
    for (const [body, code] of [
      ['{"user_group_id": "x",}', 'json.syntax'],
      ['', 'json.syntax'],
      ['{"name": "x"}', 'required'],
      ['{"user_group_id": 7}', 'type.string'],
      [JSON.stringify({ user_group_id: 'x'.repeat(256) }), 'string.max_len'],
      ['{"user_group_id": "   "}', 'string.blank'],
      ['{"user_group_id": "x", "name": "a\\u0001"}', 'string.control_char'],
      ['{"user_group_id": "x", "userGroupId": "y"}', 'unknown_field'],
    ]) {
      const r = await post(s, body);
      assert.equal(r.status, 422, `${body}: ${r.text}`);
      const answer = JSON.parse(r.text);
      assert.equal(answer.error.code, 'invalid_body');
      assert.ok(
        answer.violations.some((v) => v.code === code),
        `${body}: ${JSON.stringify(answer.violations)}`,
      );
      await assertValidResponse(r, undefined, body);
    }
    const members = await post(s, { user_group_id: 'x', mapping: { 40: '1' } });
    assert.equal(members.status, 422, members.text);
    assert.match(JSON.parse(members.text).error.message, /user_group_id and name only/);
    assert.equal((await request(s, { path: '/sandbox/user-groups/x', auth: true })).status, 404, 'not made');
  });
});

describe('POST /sandbox/user-groups: sessions and quotas', () => {
  test('scoped to the session: another session and the dev token neither see nor clash with it', async () => {
    const s = await fresh();
    const [a, b] = [await newSession(s), await newSession(s)];
    assert.equal((await post(s, { user_group_id: 'mine', name: 'A' }, { token: a })).status, 201);
    const read = (token) =>
      request(s, { path: '/sandbox/user-groups/mine', headers: { Authorization: `Token ${token}` } });
    assert.equal((await read(a)).status, 200);
    assert.equal((await read(b)).status, 404);
    assert.equal((await read(s.token)).status, 404);
    assert.equal(
      (await post(s, { user_group_id: 'mine', name: 'B' }, { token: b })).status,
      201,
      'B has its own',
    );
    assert.equal((await post(s, { user_group_id: 'mine' }, { token: a })).status, 409);
    assert.equal(JSON.parse((await read(a)).text).user_group.name, 'A');
    assert.equal(JSON.parse((await read(b)).text).user_group.name, 'B');
  });

  test('session quotas: --session-groups (the seeds count) and --session-bytes give 413 session_quota', async () => {
    // The seeds cost 1,172 bytes as the quota counts them (store.h), q1 and q2 264 each.
    const s = await fresh({ args: ['--session-groups', '6', '--session-bytes', '1750'] });
    const token = await newSession(s);
    for (const id of ['q1', 'q2'])
      assert.equal((await post(s, { user_group_id: id }, { token })).status, 201);
    const over = await post(s, { user_group_id: 'q3' }, { token });
    assert.equal(over.status, 413, over.text);
    assert.equal(JSON.parse(over.text).error.code, 'session_quota');
    const t2 = await newSession(s);
    const big = await post(s, { user_group_id: 'big', name: '\u{1F600}'.repeat(255) }, { token: t2 });
    assert.equal(big.status, 413, big.text);
    assert.equal(
      (await request(s, { path: '/sandbox/user-groups/big', headers: { Authorization: `Token ${t2}` } }))
        .status,
      404,
      'rolled back',
    );
    await createGroups(s, ['d1', 'd2', 'd3', 'd4'], { concurrency: 2 });
    assert.equal(Object.keys(await readAllGroups(s)).length, 8, 'the dev token has no quota');
  });
});

describe('POST /sandbox/user-groups: CORS and the log', () => {
  test('the preflight allows POST and GET from an allowed origin', async () => {
    const s = await fresh();
    for (const method of ['POST', 'GET']) {
      const r = await request(s, {
        method: 'OPTIONS',
        path: '/sandbox/user-groups',
        headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': method },
      });
      assert.equal(r.status, 204, `${method}: ${r.text}`);
      assert.equal(r.headers['access-control-allow-methods'], 'GET, POST');
    }
    const one = await request(s, {
      method: 'OPTIONS',
      path: '/sandbox/user-groups/x',
      headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(one.status, 403, 'POST is not a method of /sandbox/user-groups/<id>');
    const evil = await request(s, {
      method: 'OPTIONS',
      path: '/sandbox/user-groups',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(evil.status, 403);
  });

  test('--log FILE: a line per request, with the user_group_id of valid bodies, never the token', async () => {
    const log = path.join(tmp, 'access.log');
    const s = await fresh({ args: ['--log', log] });
    await post(s, { user_group_id: 'logged "one" é' });
    await post(s, { user_group_id: 'logged "one" é' });
    await put(s, { user_group_id: 'example_1', name: 'x' });
    await put(s, '{"user_group_id": "never-parsed",}');
    await post(s, { user_group_id: 'x' }, { token: null });
    await s.stop();
    const lines = fs.readFileSync(log, 'utf8').trimEnd().split('\n');
    const tail = lines.map((l) => l.replace(/^\S+ /, ''));
    assert.deepEqual(
      tail.map((l) =>
        l.replace(/^(\S+ \S+ \d{3}) \d+/, '$1 SIZE').replace(/after \d+ bytes$/, 'after N bytes'),
      ),
      [
        'POST /sandbox/user-groups 201 SIZE user_group_id="logged \\x22one\\x22 \\xc3\\xa9"',
        'POST /sandbox/user-groups 409 SIZE user_group_id="logged \\x22one\\x22 \\xc3\\xa9"',
        'PUT /api/user 200 SIZE user_group_id="example_1"',
        'PUT /api/user 422 SIZE',
        // Refused from its head, before the body was read (bodies.test.mjs).
        'POST /sandbox/user-groups 401 SIZE refused after N bytes',
      ],
    );
    for (const line of lines) assert.match(line, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ /);
    assert.ok(!fs.readFileSync(log, 'utf8').includes(s.token), 'the token is in the log');
    assert.doesNotMatch(s.log(), /POST \/sandbox\/user-groups/, 'with --log the lines are not on stderr');
  });
});

// Every kind of answer the sandbox gives passes the core's own response check
// (`userapi check-response --format json`: valid, outcome success exactly for 200), and carries
// the headers HTTP and the browser need: WWW-Authenticate on 401, Allow on 405, CORS only for
// allowed origins, Content-Security-Policy on the page routes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

import {
  assertTokenNotLogged,
  assertValidResponse,
  put,
  rawExchange,
  request,
  startServer,
  tmp,
} from './server.mjs';

const WEB = path.join(tmp, 'web');
fs.mkdirSync(WEB);
fs.writeFileSync(path.join(WEB, 'index.html'), '<!doctype html><title>sandbox page</title><p>hello</p>\n');

let server;
before(async () => {
  server = await startServer({ args: ['--web', WEB] });
});
after(async () => {
  if (!server) return;
  await server.stop();
  assertTokenNotLogged(server);
});

const OK_BODY = JSON.stringify({ user_group_id: '6', name: 'ok', properties: { plan: 'pro' } });

// [name, request options, expected status, extra assertion]
const PUT_CASES = [
  [
    '200 a valid update',
    { body: OK_BODY, auth: true },
    200,
    (r) => {
      const g = JSON.parse(r.text).user_group;
      assert.equal(g.provided_id, '6');
      assert.equal(g.name, 'ok');
      assert.deepEqual(g.properties, { plan: 'pro' });
    },
  ],
  [
    '200 a valid update with charset',
    { body: OK_BODY, auth: true, headers: { 'Content-Type': 'application/json; charset=utf-8' } },
    200,
  ],
  [
    '200 only mapping, numeric value (warning only)',
    { body: '{"user_group_id":"acme","mapping":{"40":213}}', auth: true },
    200,
  ],
  ['401 no Authorization', { body: OK_BODY }, 401],
  ['401 wrong token', { body: OK_BODY, headers: { Authorization: 'Token not-the-token' } }, 401],
  ['401 Bearer scheme', { body: OK_BODY, bearer: true }, 401],
  ['401 token with one more character', { body: OK_BODY, suffix: 'x' }, 401],
  ['404 unknown user_group_id', { body: '{"user_group_id":"no such group","name":"x"}', auth: true }, 404],
  [
    '413 body over 1 MiB',
    { body: JSON.stringify({ user_group_id: '6', properties: { pad: 'x'.repeat(1 << 20) } }), auth: true },
    413,
  ],
  ['415 text/plain', { body: OK_BODY, auth: true, headers: { 'Content-Type': 'text/plain' } }, 415],
  [
    '415 form encoding',
    { body: OK_BODY, auth: true, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } },
    415,
  ],
  ['422 broken JSON', { body: '{"user_group_id":"6","name":"x",}', auth: true }, 422],
  [
    '422 contract violations',
    { body: '{"userGroupId":"6","name":"","mapping":{"01":"a"}}', auth: true },
    422,
    (r) => {
      const codes = JSON.parse(r.text).violations.map((v) => `${v.path} ${v.code}`);
      assert.ok(codes.includes('/user_group_id required'), codes.join());
      assert.ok(codes.includes('/userGroupId unknown_field'), codes.join());
    },
  ],
  [
    '422 nothing but the id is fine? no: a warning only, so 200',
    { body: '{"user_group_id":"test_group"}', auth: true },
    200,
  ],
  ['422 lone surrogate', { body: '{"user_group_id":"6","name":"\\ud800"}', auth: true }, 422],
];

describe('PUT /api/user: every answer passes check-response', () => {
  for (const [name, o, status, extra] of PUT_CASES) {
    test(name, async () => {
      const headers = { ...(o.headers ?? {}) };
      if (o.bearer) headers.Authorization = `Bearer ${server.token}`;
      if (o.suffix) headers.Authorization = `Token ${server.token}${o.suffix}`;
      const r = await request(server, {
        method: 'PUT',
        path: '/api/user',
        body: o.body,
        auth: o.auth,
        headers,
      });
      assert.equal(r.status, status, r.text.slice(0, 300));
      assert.match(r.headers['content-type'] ?? '', /^application\/json/);
      assert.equal(r.headers['cache-control'], 'no-store');
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      if (status === 401)
        assert.match(r.headers['www-authenticate'] ?? '', /^Token realm=/, '401 without WWW-Authenticate');
      await assertValidResponse(r, o.body, name);
      if (extra) extra(r);
    });
  }
});

describe('other answers pass check-response too', () => {
  for (const method of ['GET', 'POST', 'PATCH', 'DELETE']) {
    test(`405 ${method} /api/user`, async () => {
      const body = method === 'GET' || method === 'DELETE' ? undefined : OK_BODY;
      const r = await request(server, { method, path: '/api/user', body, auth: true });
      assert.equal(r.status, 405, r.text);
      assert.equal(r.headers.allow, 'PUT, OPTIONS');
      await assertValidResponse(r, body, method);
    });
  }
  test('404 an unknown API path', async () => {
    const r = await request(server, { method: 'PUT', path: '/api/users', body: OK_BODY, auth: true });
    assert.equal(r.status, 404, r.text);
    await assertValidResponse(r, OK_BODY);
  });
  test('401 and 404 of the read-back route', async () => {
    const noAuth = await request(server, { path: '/sandbox/user-groups/6' });
    assert.equal(noAuth.status, 401);
    assert.ok(noAuth.headers['www-authenticate']);
    await assertValidResponse(noAuth);
    const list = await request(server, { path: '/sandbox/user-groups' });
    assert.equal(list.status, 401);
    await assertValidResponse(list);
    const missing = await request(server, { path: '/sandbox/user-groups/nope', auth: true });
    assert.equal(missing.status, 404);
    await assertValidResponse(missing);
  });
  test('400 a malformed request line (raw socket)', async () => {
    const r = await rawExchange(server.port, ['GARBAGE\r\n\r\n']);
    assert.equal(r.status, 400, r.bytes.toString('latin1'));
    const text = r.bytes.toString('utf8').split('\r\n\r\n')[1];
    await assertValidResponse({ status: 400, text }, undefined, 'bad request line');
  });
});

describe('CORS', () => {
  const preflight = (origin, method = 'PUT') =>
    request(server, {
      method: 'OPTIONS',
      path: '/api/user',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': method,
        'Access-Control-Request-Headers': 'authorization,content-type',
      },
    });
  test('preflight from http://localhost:3000 is allowed', async () => {
    const r = await preflight('http://localhost:3000');
    assert.equal(r.status, 204);
    assert.equal(r.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.match(r.headers['access-control-allow-methods'], /\bPUT\b/);
    const allowed = r.headers['access-control-allow-headers'].toLowerCase().split(/\s*,\s*/);
    assert.ok(allowed.includes('authorization') && allowed.includes('content-type'), allowed.join());
    assert.match(r.headers.vary ?? '', /Origin/);
    // A 204 has no body by definition (RFC 9110 15.3.5), so there is no JSON for check-response.
    assert.equal(r.text, '');
  });
  test('preflight from https://evil.example is refused', async () => {
    const r = await preflight('https://evil.example');
    assert.equal(r.status, 403);
    assert.equal(r.headers['access-control-allow-origin'], undefined);
    assert.equal(r.headers['access-control-allow-methods'], undefined);
    await assertValidResponse(r, undefined, 'refused preflight');
  });
  test('preflight for another method is refused', async () => {
    const r = await preflight('http://localhost:3000', 'DELETE');
    assert.equal(r.status, 403);
    await assertValidResponse(r);
  });
  test('origins that only look local are refused', async () => {
    for (const origin of [
      'http://localhost.evil.example',
      'http://localhost:3000.evil.example',
      'http://127.0.0.1@evil.example',
      'https://localhost:3000',
      'null',
    ]) {
      const r = await preflight(origin);
      assert.equal(r.status, 403, origin);
      assert.equal(r.headers['access-control-allow-origin'], undefined, origin);
    }
  });
});

describe("CORS: the API's answers", () => {
  test('a PUT carries Access-Control-Allow-Origin only for an allowed origin', async () => {
    const good = await put(server, OK_BODY, { headers: { Origin: 'http://localhost:3000' } });
    assert.equal(good.status, 200);
    assert.equal(good.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.match(good.headers['access-control-expose-headers'] ?? '', /WWW-Authenticate/);
    const evil = await put(server, OK_BODY, { headers: { Origin: 'https://evil.example' } });
    assert.equal(evil.headers['access-control-allow-origin'], undefined);
    // 401 from an allowed origin: the page must be able to read it, and its WWW-Authenticate.
    const denied = await request(server, {
      method: 'PUT',
      path: '/api/user',
      body: OK_BODY,
      headers: { Origin: 'http://localhost:3000' },
    });
    assert.equal(denied.status, 401);
    assert.equal(denied.headers['access-control-allow-origin'], 'http://localhost:3000');
  });
});

describe('page routes (--web)', () => {
  test('/ serves index.html with a Content-Security-Policy', async () => {
    const r = await request(server, { path: '/' });
    assert.equal(r.status, 200);
    assert.match(r.text, /sandbox page/);
    assert.match(r.headers['content-type'], /^text\/html/);
    const csp = r.headers['content-security-policy'];
    assert.ok(csp, 'no Content-Security-Policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /object-src 'none'/);
    assert.equal(r.headers['x-content-type-options'], 'nosniff');
  });
  test('/index.html and a missing page carry the policy too', async () => {
    const r = await request(server, { path: '/index.html' });
    assert.equal(r.status, 200);
    assert.ok(r.headers['content-security-policy']);
    const missing = await request(server, { path: '/nope.html' });
    assert.equal(missing.status, 404);
    assert.ok(missing.headers['content-security-policy']);
    await assertValidResponse(missing);
  });
  test('no path escapes the web folder', async () => {
    fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
    for (const target of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await rawExchange(server.port, [
        `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      ]);
      assert.ok(r.status >= 400 && r.status < 500, `${target}: ${r.status}`);
      assert.ok(
        !r.bytes.toString('latin1').includes('secret\n') && !r.bytes.toString('latin1').endsWith('secret'),
        target,
      );
    }
  });
});

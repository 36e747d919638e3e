// Accept-Language: a body that breaks the contract is answered (422) with the core's violations
// in the language the request asks for, by the core's own matching (q-values honoured, anything
// unknown or unreadable is English, never an error); codes, pointers and positions never change
// with the language, and the answer says it varies by Accept-Language. The expected messages are
// the CLI's (`userapi --lang TAG validate`), so the test follows the catalogs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';

import { CLI, assertCli, put, rawExchange, request, run, scratchFile, startServer } from './server.mjs';

// An unknown member with a suggestion, an empty name, a missing user_group_id: three messages
// with and without params.
const BODY = '{"userGroupId":"x","name":""}';

let server;
const expected = new Map(); // language tag -> the CLI's violations for BODY

async function cliViolations(tag) {
  if (!expected.has(tag)) {
    const r = await run(CLI, ['--lang', tag, 'validate', '--format', 'json', scratchFile(BODY, '.json')]);
    assert.equal(r.code, 1, r.stderr);
    expected.set(tag, JSON.parse(r.stdout).violations);
  }
  return expected.get(tag);
}

const withoutMessage = ({ message, ...rest }) => rest;

function assertLocalised(r, tag) {
  assert.equal(r.status, 422, r.text);
  assert.match(r.headers.vary ?? '', /\bAccept-Language\b/);
  const answer = JSON.parse(r.text);
  assert.equal(answer.error.code, 'invalid_body');
  assert.deepEqual(answer.violations, expected.get(tag), `Accept-Language should give ${tag}`);
  return answer.violations;
}

before(async () => {
  assertCli();
  server = await startServer();
  for (const tag of ['en', 'de', 'ja']) await cliViolations(tag);
});
after(async () => {
  if (server) await server.stop();
});

test('the catalogs differ from English, so a test below can tell them apart', () => {
  for (const tag of ['de', 'ja'])
    expected.get(tag).forEach((v, i) => assert.notEqual(v.message, expected.get('en')[i].message, tag));
});

test('German and Japanese: messages in that language; codes, pointers, positions as in English', async () => {
  const english = assertLocalised(await put(server, BODY), 'en');
  for (const [header, tag] of [
    ['de', 'de'],
    ['de-AT', 'de'],
    ['ja', 'ja'],
    ['ja-JP, en;q=0.1', 'ja'],
  ]) {
    const violations = assertLocalised(
      await put(server, BODY, { headers: { 'Accept-Language': header } }),
      tag,
    );
    assert.deepEqual(violations.map(withoutMessage), english.map(withoutMessage), header);
  }
});

test('quality values decide, not the order; q=0 excludes a language', async () => {
  for (const [header, tag] of [
    ['de;q=0.9, en;q=0.5', 'de'],
    ['en;q=0.5, de;q=0.9', 'de'],
    ['ja;q=0, de;q=0.2', 'de'],
    ['de;q=0.5, ja;q=0.8, en;q=0.7', 'ja'],
    ['en, de', 'en'],
  ])
    assertLocalised(await put(server, BODY, { headers: { 'Accept-Language': header } }), tag);
});

test('unknown, wildcard or unreadable headers get English, never an error', async () => {
  for (const header of ['tlh', '*', 'C', ';;,,q=x,', 'q=1;de', '-', 'x'.repeat(4000)])
    assertLocalised(await put(server, BODY, { headers: { 'Accept-Language': header } }), 'en');
  // Bytes outside ASCII (obs-text) are allowed in a header value: still English, still 422.
  const body = Buffer.from(BODY);
  const head =
    `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${server.token}\r\n` +
    `Content-Type: application/json\r\nAccept-Language: \xff\xfe\xe4;q=1\r\nContent-Length: ${body.length}\r\n\r\n`;
  const { status, bytes } = await rawExchange(server.port, [Buffer.from(head, 'latin1'), body]);
  const answer = bytes.toString('utf8');
  const text = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  assertLocalised({ status, headers: { vary: /\r\nVary: ([^\r]*)/i.exec(answer)?.[1] }, text }, 'en');
});

test('POST /sandbox/user-groups localises its violations the same way', async () => {
  const r = await request(server, {
    method: 'POST',
    path: '/sandbox/user-groups',
    body: BODY,
    auth: true,
    headers: { 'Accept-Language': 'ja' },
  });
  assertLocalised(r, 'ja');
});

test('an answer that does not depend on it does not vary by Accept-Language', async () => {
  const ok = await put(server, { user_group_id: '6', name: 'ok' }, { headers: { 'Accept-Language': 'de' } });
  assert.equal(ok.status, 200, ok.text);
  assert.doesNotMatch(ok.headers.vary ?? '', /Accept-Language/);
  assert.equal(JSON.parse(ok.text).user_group.name, 'ok');
});

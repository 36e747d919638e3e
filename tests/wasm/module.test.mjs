// The ES module's own behaviour: text from JS, sizes, memory, and send() against a local server.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { test } from 'node:test';

import { createUserApi } from 'userapi';

const api = await createUserApi();
const codes = (report) => report.violations.map((v) => `${v.path} ${v.code}`);

test('lone surrogates in a JS string are json.encoding, at the string', () => {
  for (const lone of ['\uD800', '\uDC00', 'a\uDBFFb', '\uDC00\uD800']) {
    const text = `{"user_group_id":"x","name":"${lone}"}`;
    const report = api.validate(text);
    assert.deepEqual(codes(report), [' json.encoding'], JSON.stringify(lone));
    assert.equal(
      report.violations[0].from,
      text.search(/[\uD800-\uDFFF]/),
      'UTF-16 index of the lone code unit',
    );
  }
});

test('U+FFFD is a character like any other; a lone surrogate beside it is still json.encoding', () => {
  // TextEncoder writes U+FFFD for a lone surrogate, so the wrapper looks closer at any text
  // whose bytes hold one (EF BF BD), wherever they fall against the core's 16-byte blocks.
  for (const pad of ['', 'x'.repeat(13), 'x'.repeat(14), '東'.repeat(40)]) {
    const ok = `{"user_group_id":"${pad}\uFFFD","name":"\uFFFD${pad}"}`;
    assert.deepEqual(api.validate(ok), { valid: true, violations: [] }, pad);
    const bad = `{"user_group_id":"${pad}\uFFFD","name":"${pad}\uD83D"}`;
    assert.deepEqual(codes(api.validate(bad)), [' json.encoding'], pad);
  }
});

test('from/to are UTF-16 indices: astral characters count two', () => {
  const text = '{"😀😀":1,"user_group_id":"a","name":"b"}';
  const [v] = api.validate(text).violations;
  assert.equal(v.code, 'unknown_field');
  assert.equal(text.slice(v.from, v.to), '"😀😀"');
  assert.equal(v.column, 2);
  assert.equal(v.offset, 1);
});

test('an object body is serialised first', () => {
  assert.deepEqual(api.validate({ user_group_id: 'a', name: 'b' }), { valid: true, violations: [] });
  assert.deepEqual(codes(api.validate({ userGroupId: 'a' })), [
    '/userGroupId unknown_field',
    '/user_group_id required',
  ]);
});

test('bodies up to the limit work; larger ones are json.too_large, never an abort', () => {
  const frame = (n) => `{"user_group_id":"a","properties":{"p":"${'x'.repeat(n)}"}}`;
  const overhead = frame(0).length;
  const limit = api.limits.maxBytes;
  assert.deepEqual(api.validate(frame(limit - overhead)), { valid: true, violations: [] });
  const over = api.validate(frame(limit - overhead + 1));
  assert.deepEqual(codes(over), [' json.too_large']);
  assert.equal(over.violations[0].params.actual, limit + 1);
  const huge = api.validate('['.repeat(50 << 20));
  assert.deepEqual(codes(huge), [' json.too_large']);
  assert.equal(api.validate('{"user_group_id":"a","name":"b"}').valid, true, 'still usable afterwards');
});

test('200,000 validate calls leave the heap where it was after 1,000', () => {
  const inputs = [
    '{"user_group_id":"example_1","name":"Example 1","mapping":{"40":"213","134":"386"},"properties":{"filterValue":"value"}}',
    '{"userGroupId":"x","mapping":{"01":5}}',
    '{"a":1,}',
    '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]',
    '{"user_group_id":"\uD800"}',
    `{"user_group_id":"a","properties":{${Array.from({ length: 50 }, (_, i) => `"k${i}":[${i},{"x":null}]`).join(',')}}}`,
  ];
  for (let i = 0; i < 1000; i++) api.validate(inputs[i % inputs.length]);
  const after1000 = api.memory();
  for (let i = 1000; i < 200000; i++) api.validate(inputs[i % inputs.length]);
  assert.deepEqual(api.memory(), after1000);
});

// A local API stand-in: the path prefix of the base URL picks the behaviour.
async function withServer(fn) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const kind = req.url.split('/')[1];
      if (kind === 'slow') return; // never answers
      if (kind === 'ok') {
        const sent = JSON.parse(body);
        res.setHeader('content-type', 'application/json');
        return res.end(
          JSON.stringify({
            success: 1,
            user_group: { team_id: 1, token: 'ug', name: sent.name, provided_id: sent.user_group_id },
          }),
        );
      }
      if (kind === 'notfound') {
        res.writeHead(404, { 'content-type': 'application/json' });
        return res.end('{"success":0,"error":{"code":"not_found","message":"no such user group"}}');
      }
      if (kind === 'crash') return res.writeHead(500).end('Internal Server Error');
      if (kind === 'html') return res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>hello</h1>');
      if (kind === 'broken')
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":1}');
      res.writeHead(400).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    return await fn(base);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const body = { user_group_id: 'example_1', name: 'Example 1' };
const token = 'dev-token';

test('send: success, with the response checked against the request', async () => {
  await withServer(async (base) => {
    const r = await api.send(body, { baseUrl: `${base}/ok`, token });
    assert.equal(r.ok, true);
    assert.equal(r.status, 200);
    assert.equal(r.request.url, `${base}/ok/api/user`);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.deepEqual(r.check, { valid: true, outcome: 'success', succeeded: true, violations: [] });
    assert.ok(r.durationMs >= 0);
  });
});

test('send: every failure is a typed result, never a rejection', async () => {
  await withServer(async (base) => {
    const invalid = await api.send({ user_group_id: '' }, { baseUrl: base, token });
    assert.equal(invalid.kind, 'invalid');
    assert.ok(invalid.violations.some((v) => v.code === 'string.min_len'));

    const forced = await api.send('{"user_group_id":"example_1","name":""}', {
      baseUrl: `${base}/ok`,
      token,
      force: true,
    });
    assert.equal(forced.ok, true, 'send anyway delivers the invalid body');

    const timeout = await api.send(body, { baseUrl: `${base}/slow`, token, timeoutMs: 200 });
    assert.equal(timeout.kind, 'timeout');

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = await api.send(body, { baseUrl: `${base}/slow`, token, signal: controller.signal });
    assert.equal(aborted.kind, 'aborted');

    const notFound = await api.send(body, { baseUrl: `${base}/notfound`, token });
    assert.equal(notFound.kind, 'http');
    assert.equal(notFound.status, 404);
    assert.equal(notFound.check.outcome, 'failure');
    assert.equal(notFound.check.server.message, 'no such user group');

    const crash = await api.send(body, { baseUrl: `${base}/crash`, token });
    assert.equal(crash.kind, 'http');
    assert.deepEqual(codes(crash.check), [' json.syntax']);

    const html = await api.send(body, { baseUrl: `${base}/html`, token });
    assert.equal(html.ok, true, 'a 2xx is delivered');
    assert.equal(html.check.outcome, 'failure');
    assert.equal(html.check.succeeded, false);
    assert.deepEqual(codes(html.check), [' json.syntax']);

    // A 2xx that says "success": 1 but breaks the contract: the outcome is success, the one
    // verdict (what the CLI, batches and the page show) is not.
    const broken = await api.send(body, { baseUrl: `${base}/broken`, token });
    assert.equal(broken.ok, true, 'a 2xx is delivered');
    assert.equal(broken.check.outcome, 'success');
    assert.equal(broken.check.valid, false);
    assert.equal(broken.check.succeeded, false);
  });
  // Nothing listens on port 9 (discard) here: the connection is refused.
  const refused = await api.send(body, { baseUrl: 'http://127.0.0.1:9', token });
  assert.equal(refused.kind, 'network');
  assert.match(refused.message, /unreachable|CORS/);
});

test('snippet rejects unknown languages and token modes with RangeError', () => {
  const { request } = api.buildRequest(body, { token });
  assert.throws(() => api.snippet(request, 'cobol'), RangeError);
  assert.match(api.snippet(request, 'ruby'), /Net::HTTP::Put/);
  assert.throws(() => api.snippet(request, 'curl', { token: { env: '1X' } }), RangeError);
  assert.ok(!api.snippet(request, 'curl').includes(token));
});

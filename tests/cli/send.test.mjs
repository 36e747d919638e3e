// `userapi send` against the sandbox (`userapi serve`) and against servers that fail: it sends
// only valid bodies, exactly as built, checks the answer with the core, and tells a failed
// outcome (exit 1) from a network error or timeout (exit 3). The token never shows.
//
//   node --test tests/cli/      (after scripts/build)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

import { CLI, readGroup, repoRoot, run, scratchFile, startServer } from '../sandbox/server.mjs';

const REFERENCE = path.join(repoRoot, 'examples/update-user.json');
const MiB = 1 << 20;

let server;
before(async () => {
  server = await startServer();
});
after(() => server?.stop());

const send = (args, options) => run(CLI, ['send', ...args], options);
const toServer = () => ['--base-url', server.origin, '--token', server.token];
const putsLogged = () =>
  server
    .log()
    .split('\n')
    .filter((line) => / PUT \/api\/user /.test(line)).length;

function assertNoToken(r, token = server.token) {
  assert.ok(!r.stdout.includes(token) && !r.stderr.includes(token), 'the token shows in the output');
}

/** A valid body of exactly `size` bytes: the reference example with padding in properties. */
function bodyOfSize(size) {
  const head = '{"user_group_id":"acme","properties":{"pad":"';
  const tail = '"}}';
  return head + 'x'.repeat(size - head.length - tail.length) + tail;
}

describe('userapi send', () => {
  test('the reference example: 200, a valid successful response, exit 0', async () => {
    const r = await send([REFERENCE, ...toServer()]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^PUT http:\/\/127\.0\.0\.1:\d+\/api\/user: HTTP 200 in \d+(\.\d)? ms$/m);
    assert.match(r.stdout, /^response: valid, outcome: success$/m);
    assertNoToken(r);
    assert.equal((await readGroup(server, 'example_1')).name, 'Example 1');
  });

  test('--format json and --token-env: the outcome as JSON, the same fields api.send has', async () => {
    const putsBefore = putsLogged();
    const r = await send(
      [REFERENCE, '--base-url', server.origin, '--token-env', 'SEND_TOKEN', '--format', 'json'],
      {
        env: { ...process.env, SEND_TOKEN: server.token },
      },
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.ok, true);
    assert.equal(out.status, 200);
    assert.equal(typeof out.duration_ms, 'number');
    assert.deepEqual(out.check, { valid: true, outcome: 'success', succeeded: true, violations: [] });
    assert.equal(JSON.parse(out.text).user_group.provided_id, 'example_1');
    assert.equal(putsLogged(), putsBefore + 1);
    assertNoToken(r);
  });
});

describe('userapi send: refused before the wire', () => {
  test('an invalid body: exit 1, its violations, and nothing on the wire', async () => {
    const putsBefore = putsLogged();
    const r = await send([path.join(repoRoot, 'examples/bad.json'), ...toServer()]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /\[unknown_field\]/);
    assert.match(r.stderr, /not sent/);
    const json = await send(['-', ...toServer(), '--format', 'json'], {
      input: '{"user_group_id": 1, "name": "n"}',
    });
    assert.equal(json.code, 1);
    assert.deepEqual(
      JSON.parse(json.stdout).report.violations.map((v) => v.code),
      ['type.string'],
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(putsLogged(), putsBefore, 'the sandbox logged a PUT for an invalid body');
  });

  test('a wrong token: exit 1, the 401 and the server message shown, no token printed', async () => {
    const wrong = 'wrong-token-0123456789';
    const r = await send([REFERENCE, '--base-url', server.origin, '--token', wrong]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /HTTP 401 in/);
    assert.match(r.stdout, /outcome: failure/);
    assert.match(r.stdout, /server says: The token is not valid/);
    assertNoToken(r, wrong);
    const json = JSON.parse(
      (await send([REFERENCE, '--base-url', server.origin, '--token', wrong, '--format', 'json'])).stdout,
    );
    assert.equal(json.ok, false);
    assert.equal(json.kind, 'http');
    assert.equal(json.status, 401);
  });
});

describe('userapi send: size limits', () => {
  // The sandbox echoes every member back, so its answer to a 1 MiB body is over the contract's
  // 1 MiB limit for responses too: the core says json.too_large and send exits 1 (docs/native.md).
  test('a 1 MiB body is sent whole (and its over-limit echo judged); one byte more is refused', async () => {
    const body = bodyOfSize(MiB);
    assert.equal(Buffer.byteLength(body), MiB);
    const r = await send(['-', ...toServer()], { input: body });
    assert.match(r.stdout, /HTTP 200 in/, r.stderr);
    assert.match(r.stdout, /^response: error: \(root\): .* \[json\.too_large\]$/m);
    assert.equal(r.code, 1);
    assert.equal((await readGroup(server, 'acme')).properties.pad, JSON.parse(body).properties.pad);
    const putsBefore = putsLogged();
    const over = await send(['-', ...toServer()], { input: bodyOfSize(MiB + 1) });
    assert.equal(over.code, 1);
    assert.match(over.stdout, /\[json\.too_large\]/);
    assert.equal(putsLogged(), putsBefore);
  });
});

describe('userapi send: network errors and timeouts', () => {
  test('the sandbox down: a network error, exit 3', async () => {
    const down = await startServer();
    await down.stop();
    const r = await send([REFERENCE, '--base-url', down.origin, '--token', down.token]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr, /^userapi: send: network: .*127\.0\.0\.1/m);
    assertNoToken(r, down.token);
    const json = JSON.parse(
      (await send([REFERENCE, '--base-url', down.origin, '--token', 't', '--format', 'json'])).stdout,
    );
    assert.equal(json.kind, 'network');
  });

  test('a server that never answers: --timeout 500 gives up within about a second, exit 3', async () => {
    const sockets = [];
    const silent = net.createServer((socket) => sockets.push(socket)); // reads, never writes
    await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const r = await send([
        REFERENCE,
        '--base-url',
        `http://127.0.0.1:${silent.address().port}`,
        '--token',
        't',
        '--timeout',
        '500',
      ]);
      const elapsed = Date.now() - started;
      assert.equal(r.code, 3, r.stdout + r.stderr);
      assert.match(r.stderr, /^userapi: send: timeout: no response within 500 ms$/m);
      // The timeout, not the default 30 s, ended it: no sooner than 500 ms, and well before 30 s
      // however busy the machine (the message above says which limit it was).
      assert.ok(elapsed >= 450 && elapsed < 20000, `took ${elapsed} ms`);
      assert.equal(sockets.length, 1, 'the request reached the server');
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});

describe('userapi send: the request on the wire', () => {
  test('the request on the wire is the built one: PUT, the two headers, the compact body', async () => {
    let received = '';
    const echo = net.createServer((socket) => {
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
        if (!received.includes('\r\n\r\n')) return;
        const [head, body] = received.split('\r\n\r\n');
        const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (Buffer.byteLength(body, 'latin1') < length) return;
        const answer = '{"success":0,"error":{"code":"x","message":"echo"}}';
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${answer.length}\r\n\r\n${answer}`,
        );
      });
    });
    await new Promise((resolve) => echo.listen(0, '127.0.0.1', resolve));
    try {
      const token = 'echo-token-42';
      const r = await send([
        REFERENCE,
        '--base-url',
        `http://127.0.0.1:${echo.address().port}/v2/`,
        '--token',
        token,
      ]);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stdout, /HTTP 400 in/);
      assertNoToken(r, token);
      const [head, body] = received.split('\r\n\r\n');
      const lines = head.split('\r\n');
      assert.equal(lines[0], 'PUT /v2/api/user HTTP/1.1');
      const names = lines.slice(1).map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
      assert.deepEqual(names.sort(), ['authorization', 'content-length', 'content-type', 'host']);
      assert.ok(lines.includes('Content-Type: application/json'));
      assert.ok(lines.includes(`Authorization: Token ${token}`));
      const built = JSON.parse((await run(CLI, ['build', REFERENCE, '--token', token])).stdout);
      assert.equal(body, built.request.body);
    } finally {
      echo.close();
    }
  });

  test('usage: no token, an unset --token-env, an unreadable file: exit 2', async () => {
    assert.equal((await send([REFERENCE, '--base-url', server.origin])).code, 2);
    const unset = await send([REFERENCE, '--base-url', server.origin, '--token-env', 'NO_SUCH_VAR_12']);
    assert.equal(unset.code, 2);
    assert.match(unset.stderr, /NO_SUCH_VAR_12 is not set/);
    const gone = await send([scratchFile('') + '.absent', ...toServer()]);
    assert.equal(gone.code, 2);
    assert.ok(fs.existsSync(REFERENCE));
  });
});

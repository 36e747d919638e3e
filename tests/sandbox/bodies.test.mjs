// Memory a visitor can make the server hold with request bodies: a body is read only after its
// head passed (a valid token, a JSON media type; no 100 Continue before that), and all bodies
// being read together hold at most --max-buffered-bytes (more get 503 with Retry-After).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';

import { pool, put, rssKiB, startServer } from './server.mjs';

const MiB = 1 << 20;
const servers = [];
async function fresh(options) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}
after(async () => {
  for (const s of servers) if (!s.exited()) await s.kill9();
});

// Resolves once count() reaches `target`, or when it has not grown for `quietMs`.
async function whileProgressing(count, target, quietMs = 10000) {
  let last = -1;
  let since = Date.now();
  for (let now = count(); now < target && Date.now() - since < quietMs; now = count()) {
    if (now !== last) [last, since] = [now, Date.now()];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const head = (token, length, extra = '') =>
  `PUT /api/user HTTP/1.1\r\nHost: x\r\nAuthorization: Token ${token}\r\nContent-Type: application/json\r\n` +
  `Content-Length: ${length}\r\n${extra}\r\n`;

/**
 * Writes `first`, then `bodyBytes` of body in 64 KiB pieces (while the connection lasts), and
 * resolves with the first bytes of the answer once one came (or with what came when the
 * connection ended). `hold: true` stops after the body bytes without waiting for an answer;
 * `interim: true` takes a 100 Continue for the answer.
 */
function exchange(port, first, bodyBytes, { hold = false, interim = false, timeoutMs = 15000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let answer = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!hold) socket.destroy();
      resolve({ answer, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0), socket });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (c) => {
      answer += c.toString('latin1');
      if (answer.includes('\r\n\r\n') && (interim || !/^HTTP\/1\.1 100 /.test(answer))) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', async () => {
      socket.write(first);
      const piece = Buffer.alloc(64 * 1024, 0x20);
      for (let sent = 0; sent < bodyBytes && !socket.destroyed && !answer; sent += piece.length) {
        if (!socket.write(piece.subarray(0, Math.min(piece.length, bodyBytes - sent))))
          await new Promise((r) => {
            socket.once('drain', r);
            socket.once('close', r);
          });
      }
      if (hold) finish();
    });
  });
}

describe('bodies before authentication', () => {
  test('200 connections sending 1 MiB bodies with a wrong token: 401 after the head, the bodies unread, RSS bounded', async () => {
    const s = await fresh();
    const before = rssKiB(s.pid);
    const results = await pool(
      Array.from({ length: 200 }, () => () => exchange(s.port, head('nope', MiB), MiB)),
      200,
    );
    const peak = rssKiB(s.pid);
    console.log(`200 x 1 MiB with a wrong token: RSS ${before} KiB before, ${peak} KiB after`);
    assert.equal(results.filter((r) => r.status === 401).length, 200, results.map((r) => r.status).join(' '));
    // The server logs a request after answering it: wait for the lines while they keep coming.
    const refused = () => [...s.log().matchAll(/ PUT \/api\/user 401 \d+ refused after (\d+) bytes$/gm)];
    await whileProgressing(() => refused().length, 200);
    const counts = refused().map((m) => Number(m[1]));
    assert.equal(counts.length, 200, `the log: ${s.log().slice(-500)}`);
    assert.ok(Math.max(...counts) <= 64 * 1024, `read up to ${Math.max(...counts)} bytes before answering`);
    assert.ok(peak - before < 48 * 1024, `RSS grew by ${peak - before} KiB`);
  });

  test('Expect: 100-continue with a wrong token or media type: the refusal, never 100 Continue', async () => {
    const s = await fresh();
    const bad = await exchange(s.port, head('nope', 100, 'Expect: 100-continue\r\n'), 0);
    assert.match(bad.answer, /^HTTP\/1\.1 401 /);
    assert.doesNotMatch(bad.answer, /100 Continue/);
    const type = head(s.token, 100, 'Expect: 100-continue\r\n').replace('application/json', 'text/plain');
    const wrongType = await exchange(s.port, type, 0);
    assert.match(wrongType.answer, /^HTTP\/1\.1 415 /);
    const good = await exchange(s.port, head(s.token, 2, 'Expect: 100-continue\r\n'), 0, { interim: true });
    assert.match(good.answer, /^HTTP\/1\.1 100 Continue\r\n\r\n$/);
  });
});

describe('--max-buffered-bytes', () => {
  test('3 MiB: three 1 MiB bodies in flight fill it, a fourth body gets 503 + Retry-After; once answered, the budget is back', async () => {
    const s = await fresh({ args: ['--max-buffered-bytes', String(3 * MiB)] });
    const body = (n) => `{"user_group_id":"acme","name":"held ${n}"}`.padEnd(MiB, ' ');
    const holders = await Promise.all(
      [0, 1, 2].map((n) =>
        exchange(s.port, head(s.token, MiB) + body(n).slice(0, MiB / 2), 0, { hold: true }),
      ),
    );
    // Waits for the server to have admitted the three heads: the next body is then refused.
    let refused;
    for (let i = 0; i < 200 && !refused; i++) {
      const r = await put(s, { user_group_id: 'acme', name: 'small' });
      if (r.status === 503) refused = r;
      else assert.equal(r.status, 200, r.text);
    }
    assert.ok(refused, 'no 503 while three 1 MiB bodies were being read');
    assert.equal(refused.headers['retry-after'], '1');
    assert.equal(JSON.parse(refused.text).error.code, 'server_busy');
    const answers = holders.map(
      ({ socket }, n) =>
        new Promise((resolve) => {
          let text = '';
          socket.on('data', (c) => {
            text += c.toString('latin1');
            if (/\r\n\r\n[\s\S]*\}$/.test(text)) resolve(text);
          });
          socket.write(body(n).slice(MiB / 2));
        }),
    );
    for (const text of await Promise.all(answers)) assert.match(text, /^HTTP\/1\.1 200 /);
    for (const { socket } of holders) socket.destroy();
    assert.equal((await put(s, { user_group_id: 'acme', name: 'after' })).status, 200);
  });
});

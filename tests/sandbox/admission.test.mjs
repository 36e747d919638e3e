// Session admission that one client or one network cannot exhaust: sessions are capped and
// rate-limited per network (an IPv4 /24), and when every session is taken the least recently
// used one that has been idle long enough gives way, so a new visitor waits at most what
// Retry-After says instead of a whole TTL. Clients on several loopback networks (127.0.x.1).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';

import { startServer } from './server.mjs';

const servers = [];
after(async () => {
  for (const s of servers) if (!s.exited()) await s.kill9();
});

/** One request from `localAddress`; resolves to { status, headers, text }. */
function from(server, localAddress, { method = 'POST', path = '/sandbox/sessions', token, body } = {}) {
  return new Promise((resolve, reject) => {
    const headers = token ? { Authorization: `Token ${token}`, 'Content-Type': 'application/json' } : {};
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path, localAddress, headers, agent: false },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
      },
    );
    req.setTimeout(10000, () => req.destroy(new Error('no answer')));
    req.on('error', reject);
    req.end(body);
  });
}

describe('session admission', () => {
  test('per /24: 10 sessions, then 503 for every address of that network; another network still gets one', async () => {
    const s = await startServer({ args: ['--network-sessions', '10'] });
    servers.push(s);
    for (let i = 0; i < 10; i++) assert.equal((await from(s, '127.0.1.1')).status, 201);
    for (const address of ['127.0.1.1', '127.0.1.2', '127.0.1.200']) {
      const r = await from(s, address);
      assert.equal(r.status, 503, `${address}: ${r.text}`);
      assert.equal(JSON.parse(r.text).error.code, 'session_quota');
      assert.ok(Number(r.headers['retry-after']) > 0);
    }
    assert.equal((await from(s, '127.0.2.1')).status, 201);
  });

  test('--max-sessions 50 filled from five networks: a sixth gets one once the least recently used has been idle', async () => {
    const s = await startServer({
      args: ['--max-sessions', '50', '--network-sessions', '10', '--session-idle', '2s'],
    });
    servers.push(s);
    const tokens = [];
    for (let n = 1; n <= 5; n++)
      for (let i = 0; i < 10; i++) {
        const r = await from(s, `127.0.${n}.1`);
        assert.equal(r.status, 201, r.text);
        tokens.push(JSON.parse(r.text).token);
      }
    // Use is recorded to the half minute: these 50 are equally recent, so the oldest gives way.
    const refused = await from(s, '127.0.6.1');
    assert.equal(refused.status, 503, refused.text);
    const wait = Number(refused.headers['retry-after']);
    assert.ok(wait >= 1 && wait <= 2, `Retry-After: ${wait}`);
    // The server's own answer says when to come back; the visitor does, once.
    await new Promise((resolve) => setTimeout(resolve, wait * 1000 + 100));
    const admitted = await from(s, '127.0.6.1');
    assert.equal(admitted.status, 201, admitted.text);
    const gone = await from(s, '127.0.1.1', {
      method: 'GET',
      path: '/sandbox/user-groups/6',
      token: tokens[0],
    });
    assert.equal(gone.status, 401, 'the least recently used session gave way');
    const kept = await from(s, '127.0.1.1', {
      method: 'GET',
      path: '/sandbox/user-groups/6',
      token: tokens[1],
    });
    assert.equal(kept.status, 200);
  });
});

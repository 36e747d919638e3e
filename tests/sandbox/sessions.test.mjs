// Per-visitor sandboxes (POST /sandbox/sessions), their isolation, expiry, quotas and
// durability; --public; rate limits (429 + Retry-After); frame-ancestors for --allow-origin.
//
// Isolation: 50 sessions, concurrently, each write their own copy of `example_1` (name and
// properties carry the session and a sequence number) while the dev token writes its own; every
// echo and every read-back must show exactly that session's last write, never another's.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { PYTHON, pool, request, run, startServer, tmp } from './server.mjs';

const servers = [];
after(async () => {
  for (const s of servers) if (!s.exited()) await s.stop();
});
async function fresh(options = {}) {
  const s = await startServer(options);
  servers.push(s);
  return s;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const auth = (token) => ({ Authorization: `Token ${token}` });

async function newSession(server) {
  const r = await request(server, { method: 'POST', path: '/sandbox/sessions' });
  assert.equal(r.status, 201, r.text);
  const body = JSON.parse(r.text);
  assert.deepEqual(Object.keys(body), ['token', 'expires_at']);
  return body;
}

/** PUT /api/user with `token` on a keep-alive `agent`. */
function putWith(server, token, body, agent = false) {
  return request(server, {
    method: 'PUT',
    path: '/api/user',
    headers: auth(token),
    body: JSON.stringify(body),
    agent,
  });
}

async function readWith(server, token, id) {
  const r = await request(server, { path: `/sandbox/user-groups/${id}`, headers: auth(token) });
  assert.equal(r.status, 200, r.text);
  return JSON.parse(r.text).user_group;
}

async function sql(db, query) {
  const r = await run(PYTHON, [
    '-c',
    'import sqlite3,sys,json; print(json.dumps(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchall()))',
    db,
    query,
  ]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

const bodyOf = (who, seq) => ({
  user_group_id: 'example_1',
  name: `${who} write ${seq}`,
  properties: { who, seq },
});

/** `writers` (tokens by name) each send `writes` updates in order; resolves to the last acknowledged. */
async function writeAll(server, writers, writes, { stopAt = () => false } = {}) {
  const last = Object.fromEntries(Object.keys(writers).map((w) => [w, { acked: -1, inFlight: null }]));
  let acked = 0;
  let stop = false;
  await Promise.all(
    Object.entries(writers).map(async ([who, token]) => {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let seq = 0; seq < writes && !stop; seq++) {
          last[who].inFlight = seq;
          let r;
          try {
            r = await putWith(server, token, bodyOf(who, seq), agent);
          } catch (e) {
            if (stop) return;
            throw e;
          }
          assert.equal(r.status, 200, `${who} write ${seq}: ${r.text}`);
          const echo = JSON.parse(r.text).user_group;
          assert.equal(echo.name, `${who} write ${seq}`, `${who}'s echo shows another write`);
          assert.deepEqual(echo.properties, { who, seq });
          last[who] = { acked: seq, inFlight: null };
          if (stopAt(++acked)) stop = true;
        }
      } finally {
        agent.destroy();
      }
    }),
  );
  return last;
}

describe('per-visitor sandboxes', () => {
  test('POST /sandbox/sessions: 201 {token, expires_at} 24 h ahead; the token opens its own copy of the seeds', async () => {
    const s = await fresh();
    const t0 = Date.now();
    const session = await newSession(s);
    assert.match(session.token, /^s-[0-9a-f]{64}$/);
    assert.match(session.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const ahead = Date.parse(session.expires_at) - t0;
    assert.ok(Math.abs(ahead - 24 * 3600e3) < 120e3, `expires ${ahead} ms ahead`);
    const r = await request(s, { path: '/sandbox/user-groups', headers: auth(session.token) });
    assert.equal(r.status, 200);
    const groups = JSON.parse(r.text).user_groups.map((g) => g.provided_id);
    assert.deepEqual(groups, ['6', 'acme', 'example_1', 'test_group']);
    assert.match(
      s.stdout(),
      /^sessions: POST http:\/\/127\.0\.0\.1:\d+\/sandbox\/sessions \(each valid 24 h\)$/m,
    );
  });

  test('50 concurrent sessions and the dev token: each reads back exactly its own writes', async () => {
    const s = await fresh();
    const sessions = await pool(
      Array.from({ length: 50 }, () => () => newSession(s)),
      10,
    );
    const writers = Object.fromEntries(sessions.map((x, i) => [`session ${i}`, x.token]));
    writers.dev = s.token;
    const t0 = performance.now();
    const last = await writeAll(s, writers, 40);
    const seconds = (performance.now() - t0) / 1000;
    console.log(
      `sessions: 51 writers x 40 updates in ${seconds.toFixed(1)} s (${((51 * 40) / seconds).toFixed(0)} req/s)`,
    );
    const embedTokens = new Set();
    for (const [who, token] of Object.entries(writers)) {
      const g = await readWith(s, token, 'example_1');
      assert.equal(g.name, `${who} write ${last[who].acked}`, `${who} reads another's write`);
      assert.deepEqual(g.properties, { who, seq: last[who].acked });
      embedTokens.add(g.token);
      const other = await readWith(s, token, 'acme');
      assert.equal(other.name, 'Acme Corp', `${who}'s acme changed`);
    }
    assert.equal(embedTokens.size, 51, 'two sandboxes share an embed token');
    // Isolated by construction: every row is keyed by its sandbox.
    const rows = await sql(s.db, 'SELECT sandbox, COUNT(*) FROM groups GROUP BY sandbox');
    assert.equal(rows.length, 51);
    for (const [, n] of rows) assert.equal(n, 4);
  });
});

describe('per-visitor sandboxes: expiry and kill -9', () => {
  test('a token of no session, or of an expired one, gets 401; an expired session is deleted', async () => {
    const s = await fresh({ args: ['--session-ttl', '2s'] });
    assert.match(s.stdout(), /each valid 2 s/);
    const session = await newSession(s);
    assert.equal((await putWith(s, session.token, bodyOf('x', 0))).status, 200);
    const bogus = await putWith(s, `s-${'0'.repeat(64)}`, bodyOf('x', 1));
    assert.equal(bogus.status, 401);
    assert.equal(JSON.parse(bogus.text).error.code, 'unauthorized');
    await sleep(2500);
    const r = await putWith(s, session.token, bodyOf('x', 1));
    assert.equal(r.status, 401, r.text);
    // "expired" while its row is still there, "not valid" once the sweeper deleted it.
    assert.equal(JSON.parse(r.text).error.code, 'unauthorized');
    assert.match(JSON.parse(r.text).error.message, /expired|not valid/);
    assert.equal(
      (await request(s, { path: '/sandbox/user-groups', headers: auth(session.token) })).status,
      401,
    );
    await sleep(1500); // the sweeper runs every second for a 2 s lifetime
    assert.deepEqual(await sql(s.db, "SELECT COUNT(*) FROM groups WHERE sandbox <> ''"), [[0]]);
    assert.deepEqual(await sql(s.db, 'SELECT COUNT(*) FROM sessions'), [[0]]);
    assert.equal((await putWith(s, s.token, bodyOf('dev', 0))).status, 200, 'the dev sandbox is kept');
  });

  test('kill -9 under load from 20 sessions: after a restart every acknowledged write is there', async () => {
    const s = await fresh();
    const sessions = await pool(
      Array.from({ length: 20 }, () => () => newSession(s)),
      5,
    );
    const writers = Object.fromEntries(sessions.map((x, i) => [`session ${i}`, x.token]));
    const killAfter = 300 + Math.floor(Math.random() * 300);
    let killed = null;
    const last = await writeAll(s, writers, 1000, {
      stopAt: (n) => {
        if (n < killAfter || killed) return false;
        killed = s.kill9();
        return true;
      },
    });
    assert.ok(killed, `the load ended before ${killAfter} acknowledged writes`);
    assert.equal((await killed).signal, 'SIGKILL');
    const again = await fresh({ db: s.db });
    let acked = 0;
    for (const [who, token] of Object.entries(writers)) {
      const g = await readWith(again, token, 'example_1');
      const seq = g.properties?.seq ?? -1;
      const { acked: a, inFlight } = last[who];
      acked += a + 1;
      assert.ok(
        seq === a || (inFlight !== null && seq === inFlight),
        `${who}: stored ${seq}, acknowledged ${a}, in flight ${inFlight}`,
      );
      assert.equal(g.properties?.who ?? who, who);
    }
    console.log(`sessions kill -9: ${acked} acknowledged writes of 20 sessions, all there after the restart`);
  });
});

describe('per-visitor sandboxes: quotas', () => {
  test('quotas: a session holds at most --session-bytes (413 session_quota); at most --max-sessions (503)', async () => {
    const s = await fresh({ args: ['--session-bytes', '2000', '--max-sessions', '2'] });
    const a = await newSession(s);
    await newSession(s);
    const third = await request(s, { method: 'POST', path: '/sandbox/sessions' });
    assert.equal(third.status, 503, third.text);
    assert.equal(JSON.parse(third.text).error.code, 'session_quota');
    assert.ok(Number(third.headers['retry-after']) > 0);
    const big = { user_group_id: 'example_1', properties: { pad: 'p'.repeat(2000) } };
    const r = await putWith(s, a.token, big);
    assert.equal(r.status, 413, r.text);
    assert.deepEqual(JSON.parse(r.text), {
      success: 0,
      error: { code: 'session_quota', message: JSON.parse(r.text).error.message },
    });
    assert.deepEqual(
      (await readWith(s, a.token, 'example_1')).properties,
      { filterValue: 'value' },
      'nothing stored',
    );
    assert.equal((await putWith(s, a.token, { user_group_id: 'example_1', name: 'small' })).status, 200);
    assert.equal((await putWith(s, s.token, big)).status, 200, 'the dev sandbox has no quota');
  });
});

describe('per-visitor sandboxes: upgrades and --public', () => {
  test('a database of the previous version (user_groups, no sandbox column) becomes the dev sandbox; its plain-text dev token is replaced', async () => {
    const db = path.join(tmp, 'old-schema', 'sandbox.db');
    fs.mkdirSync(path.dirname(db), { recursive: true });
    const r = await run(PYTHON, [
      '-c',
      `import sqlite3,sys
c = sqlite3.connect(sys.argv[1])
c.executescript("""
CREATE TABLE user_groups (provided_id TEXT PRIMARY KEY, team_id INTEGER NOT NULL, token TEXT NOT NULL,
  name TEXT NOT NULL, mapping TEXT NOT NULL DEFAULT '{}', properties TEXT, api_environment_tag TEXT, updated_at TEXT);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO user_groups VALUES ('example_1', 113, 'embed', 'kept from before', '{}', NULL, 'Customer', NULL);
INSERT INTO meta VALUES ('api_token', 'dev-0123456789abcdef0123456789abcdef');
""")
c.commit()`,
      db,
    ]);
    assert.equal(r.code, 0, r.stderr);
    const s = await fresh({ db });
    // The database keeps no token now (at-rest.test.mjs): the dev token is derived from the key.
    assert.match(s.token, /^dev-[0-9a-f]{32}$/);
    assert.notEqual(s.token, 'dev-0123456789abcdef0123456789abcdef');
    assert.equal((await putWith(s, 'dev-0123456789abcdef0123456789abcdef', bodyOf('old', 0))).status, 401);
    assert.equal((await readWith(s, s.token, 'example_1')).name, 'kept from before');
    const session = await newSession(s);
    assert.equal((await readWith(s, session.token, 'example_1')).name, 'Example 1');
    assert.deepEqual(await sql(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'user_groups'"), [[0]]);
  });

  test('--public: the dev token is refused; session tokens work', async () => {
    const s = await fresh({ args: ['--public'] });
    assert.match(s.stdout(), /^dev token: none \(--public\)$/m);
    const store = await startServer({ db: s.db }); // the same database, not public: its dev token
    const devToken = store.token;
    await store.stop();
    assert.equal((await putWith(s, devToken, bodyOf('dev', 0))).status, 401);
    const session = await newSession(s);
    assert.equal((await putWith(s, session.token, bodyOf('visitor', 0))).status, 200);
  });
});

describe('rate limits', () => {
  async function burst(server, n, make) {
    return Promise.all(Array.from({ length: n }, (_, i) => make(i)));
  }

  test('per client address: a burst over the limit gets 429 with Retry-After; honouring it succeeds', async () => {
    const s = await fresh({ rateLimits: true, args: ['--client-rate', '5'] }); // bursts of 10
    const rs = await burst(s, 30, () => request(s, { path: '/sandbox/user-groups', headers: auth(s.token) }));
    const limited = rs.filter((r) => r.status === 429);
    assert.ok(limited.length >= 15, `${limited.length} of 30 got 429`);
    assert.ok(rs.filter((r) => r.status === 200).length >= 8);
    const first = limited[0];
    assert.deepEqual(JSON.parse(first.text).error.code, 'rate_limited');
    assert.equal(JSON.parse(first.text).success, 0);
    const wait = Number(first.headers['retry-after']);
    assert.ok(
      Number.isInteger(wait) && wait >= 1 && wait <= 2,
      `Retry-After: ${first.headers['retry-after']}`,
    );
    await sleep(wait * 1000 + 100);
    assert.equal((await request(s, { path: '/sandbox/user-groups', headers: auth(s.token) })).status, 200);
  });

  test('per token: one token over its limit gets 429; another token is not affected', async () => {
    const s = await fresh({ rateLimits: true, args: ['--client-rate', '0', '--token-rate', '2'] }); // bursts of 4
    const a = await newSession(s);
    const b = await newSession(s);
    const rs = await burst(s, 12, (i) => putWith(s, a.token, { user_group_id: '6', name: `n${i}` }));
    const limited = rs.filter((r) => r.status === 429);
    assert.ok(limited.length >= 6, `${limited.length} of 12 got 429`);
    assert.equal(JSON.parse(limited[0].text).error.code, 'rate_limited');
    assert.equal((await putWith(s, b.token, { user_group_id: '6', name: 'b' })).status, 200);
    const wait = Number(limited[0].headers['retry-after']);
    await sleep(wait * 1000 + 100);
    assert.equal((await putWith(s, a.token, { user_group_id: '6', name: 'after' })).status, 200);
  });

  test('new sessions per client address: --session-rate 3 allows 3 at once, then 429', async () => {
    const s = await fresh({ rateLimits: true, args: ['--session-rate', '3'] });
    for (let i = 0; i < 3; i++) await newSession(s);
    const r = await request(s, { method: 'POST', path: '/sandbox/sessions' });
    assert.equal(r.status, 429, r.text);
    assert.equal(JSON.parse(r.text).error.code, 'rate_limited');
    assert.ok(Number(r.headers['retry-after']) >= 1 && Number(r.headers['retry-after']) <= 20);
  });
});

describe('embedding', () => {
  test('--allow-origin O lets O frame the page (frame-ancestors) and call the API; by default no one frames it', async () => {
    const plain = await fresh();
    const csp = (await request(plain, { path: '/' })).headers['content-security-policy'];
    assert.match(csp, /frame-ancestors 'none'$/);
    const s = await fresh({ args: ['--allow-origin', 'https://docs.example.com', '--public'] });
    const page = await request(s, { path: '/' });
    assert.match(page.headers['content-security-policy'], /frame-ancestors https:\/\/docs\.example\.com$/);
    const created = await request(s, {
      method: 'POST',
      path: '/sandbox/sessions',
      headers: { Origin: 'https://docs.example.com' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers['access-control-allow-origin'], 'https://docs.example.com');
    const pre = await request(s, {
      method: 'OPTIONS',
      path: '/sandbox/user-groups/example_1',
      headers: { Origin: 'https://docs.example.com', 'Access-Control-Request-Method': 'GET' },
    });
    assert.equal(pre.status, 204);
    const other = await request(s, {
      method: 'OPTIONS',
      path: '/api/user',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'PUT' },
    });
    assert.equal(other.status, 403);
  });
});

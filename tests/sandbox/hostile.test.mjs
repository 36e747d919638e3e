// 1,000 hostile requests, twice: broken JSON, huge headers, bad request lines, wrong methods,
// bad or missing tokens, wrong content types, bodies over 1 MiB, slow senders that stop half
// way, raw garbage. Each must get a 4xx or have its connection closed (never 2xx, 3xx, 5xx or a
// hang); afterwards the server still answers a valid PUT with 200, its memory does not grow
// from the first round to the second, and its log never holds the dev token.
//
// The requests come from a seeded generator (HOSTILE_SEED=n to replay a run); both rounds send
// the same 1,000 requests, so the second round measures growth, not a different mix.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { assertTokenNotLogged, pool, put, rawExchange, rssKiB, startServer } from './server.mjs';

const ROUND = 1000;
const SLOW = 20; // slow senders per round, all at once: each is held until its 10 s body timeout
const CONCURRENCY = 8; // the other requests at a time
const SEED = Number(process.env.HOSTILE_SEED ?? Math.floor(Math.random() * 2 ** 31));

// mulberry32: a small seeded PRNG, so that a failing mix can be replayed.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID = '{"user_group_id":"6","name":"hostile","properties":{"k":"v"}}';

/** One request message: request line, Host, the headers given, Content-Length when a body is given. */
function message(line, headers = [], body) {
  const head = [line, 'Host: 127.0.0.1', ...headers];
  if (body !== undefined) head.push(`Content-Length: ${Buffer.byteLength(body)}`);
  const text = `${head.join('\r\n')}\r\n\r\n`;
  return body === undefined
    ? [Buffer.from(text, 'latin1')]
    : [Buffer.from(text, 'latin1'), Buffer.from(body)];
}

/** The hostile requests of one round: [{ kind, name, chunks, options }]. */
function hostileRequests(token, seed) {
  const random = rng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
  const auth = `Authorization: Token ${token}`;
  const json = 'Content-Type: application/json';
  const out = [];
  const add = (kind, n, make) => {
    for (let i = 0; i < n; i++) out.push({ kind, ...make(i) });
  };

  const context = { token, random, pick, int, auth, json, add, out };
  brokenJson(context);
  hugeHeaders(context);
  badRequestLines(context);
  wrongMethodsAndTokens(context);
  contentTypesAndSizes(context);
  slowSenders(context);
  rawGarbage(context);
  return out;
}

// Bodies that are not JSON, with and without a token.
function brokenJson({ random, pick, int, auth, json, add }) {
  const broken = [
    '{',
    '}',
    '[',
    '{"user_group_id":"6",}',
    "{'user_group_id':'6'}",
    '{"user_group_id":NaN}',
    '{"user_group_id":"6"} x',
    '{"user_group_id":"6","name":"a" /* c */}',
    '{"user_group_id":06}',
    '{"user_group_id":"6","user_group_id":"6"}',
    '{"user_group_id":"\\ud800"}',
    '{"user_group_id":"6","name":"\\x41"}',
    'null',
    '"6"',
    '[]',
    '',
    ' ',
    '\ufeff{"user_group_id":"6"}',
    `{"user_group_id":"6","properties":${'['.repeat(200)}${']'.repeat(200)}}`,
    '{"user_group_id":"6","name":"tab\there"}',
    '{"user_group_id":"no such group","name":"x"}',
    '{"name":"no id"}',
    '{"user_group_id":""}',
    '{"user_group_id":"6","mapping":{"01":"x"}}',
  ];
  add('broken JSON (token)', 120, () => {
    // A listed case, or a valid body cut short (never valid JSON).
    const body = random() < 0.5 ? pick(broken) : VALID.slice(0, int(1, VALID.length - 1));
    return {
      name: JSON.stringify(body.slice(0, 60)),
      chunks: message('PUT /api/user HTTP/1.1', [auth, json], body),
    };
  });
  add('broken JSON (invalid UTF-8)', 15, () => {
    const bad = pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]);
    const body = Buffer.concat([
      Buffer.from('{"user_group_id":"6","name":"'),
      Buffer.from(bad),
      Buffer.from('"}'),
    ]);
    const [head] = message('PUT /api/user HTTP/1.1', [auth, json, `Content-Length: ${body.length}`]);
    return { name: `bytes ${bad.join(',')}`, chunks: [head, body] };
  });
  add('broken JSON (no token)', 15, () => ({
    name: 'no token',
    chunks: message('PUT /api/user HTTP/1.1', [json], pick(broken)),
  }));
}

// Header sections far over the limits.
function hugeHeaders({ int, auth, json, add }) {
  add('huge headers', 80, (i) => {
    const size = int(8200, 30000);
    switch (i % 5) {
      case 0:
        return {
          name: `one ${size}-byte header`,
          chunks: message('PUT /api/user HTTP/1.1', [auth, json, `X-Big: ${'a'.repeat(size)}`], VALID),
        };
      case 1:
        return {
          name: `${size}-byte Authorization`,
          chunks: message(
            'PUT /api/user HTTP/1.1',
            [`Authorization: Token ${'t'.repeat(size)}`, json],
            VALID,
          ),
        };
      case 2:
        return {
          name: `${size}-byte Cookie`,
          chunks: message('PUT /api/user HTTP/1.1', [auth, json, `Cookie: a=${'c'.repeat(size)}`], VALID),
        };
      case 3:
        return {
          name: `${size}-byte URI`,
          chunks: message(`PUT /api/user?${'q'.repeat(size)} HTTP/1.1`, [auth, json], VALID),
        };
      default: {
        // Many headers under 8 KB each, ~64 KB in all, no token: the answer is 401 (or a 4xx for the size).
        const lines = Array.from({ length: 16 }, (_, k) => `X-Filler-${k}: ${'f'.repeat(4000)}`);
        return {
          name: '16 x 4 KB headers, no token',
          chunks: message('PUT /api/user HTTP/1.1', [json, ...lines], VALID),
        };
      }
    }
  });
}

// Request lines HTTP does not allow.
function badRequestLines({ pick, auth, json, add }) {
  const badLines = [
    'GARBAGE',
    'PUT /api/user HTTP/9.9',
    'PUT /api/user',
    'PUT',
    'put /api/user HTTP/1.1',
    'PUT /api/user HTTP/1.1 extra',
    'PUT /api/user HTTP/1',
    'PUT /api/user HTTP/1.1.1',
    'PUT /api/user\0 HTTP/1.1',
    '\0\0\0\0',
    'HTTP/1.1 200 OK',
    'PRI * HTTP/2.0',
    'PUT ftp://evil.example/api/user HTTP/1.1', // http absolute-form is accepted (findings.test.mjs)
    'PUT api/user HTTP/1.1',
    'PUT /api/%zz HTTP/1.1',
    'PUT /api/user/ HTTP/1.1',
    'PUT /x/../api/user HTTP/1.1',
    'PUT * HTTP/1.1',
    'PUT\t/api/user\tHTTP/1.1',
  ];
  add('bad request lines', 100, (i) => {
    if (i % 10 === 9) {
      // Bare LF line endings throughout.
      return {
        name: 'LF only',
        chunks: [
          Buffer.from(
            `PUT /api/user HTTP/1.1\nHost: x\n${auth}\n${json}\nContent-Length: ${VALID.length}\n\n${VALID}`,
          ),
        ],
      };
    }
    const line = pick(badLines);
    return { name: JSON.stringify(line), chunks: message(line, [auth, json], VALID) };
  });
}

// Methods the route does not take; tokens that are missing or wrong.
function wrongMethodsAndTokens({ token, pick, auth, json, add }) {
  add('wrong methods', 100, () => {
    const [method, target, body] = pick([
      ['GET', '/api/user'],
      ['POST', '/api/user', VALID],
      ['PATCH', '/api/user', VALID],
      ['DELETE', '/api/user'],
      ['HEAD', '/api/user'],
      ['TRACE', '/api/user'],
      ['CONNECT', '127.0.0.1:1'],
      ['FOO', '/api/user'],
      ['OPTIONS', '/api/user'],
      ['PUT', '/sandbox/user-groups', VALID],
      ['DELETE', '/sandbox/user-groups/6'],
      ['POST', '/sandbox/user-groups/6', VALID],
      ['PUT', '/', VALID],
      ['PUT', '/api', VALID],
      ['PUT', '/api/users', VALID],
    ]);
    return {
      name: `${method} ${target}`,
      chunks: message(`${method} ${target} HTTP/1.1`, [auth, json], body),
      options: { headOnly: method === 'HEAD' },
    };
  });

  const badAuth = [
    null,
    'Authorization:',
    'Authorization: Token',
    'Authorization: Token wrong',
    `Authorization: Bearer ${token}`,
    `Authorization: token ${token}`,
    `Authorization: TOKEN ${token}`,
    `Authorization: Token ${token}x`,
    `Authorization: Token ${token.slice(0, -1)}`,
    `Authorization: Token  ${token}`,
    `Authorization: Token ${token.toUpperCase()}`,
    `Authorization: Basic ${Buffer.from(`u:${token}`).toString('base64')}`,
    `Authorization: Token "${token}"`,
    `Authorization: Token ${token};`,
    `X-Authorization: Token ${token}`,
    `Authorization: Tokens ${token}`,
    'Authorization: Token é',
    `Authorization: Token ${'z'.repeat(4000)}`,
  ];
  add('bad or missing tokens', 120, () => {
    const a = pick(badAuth);
    return {
      name: a === null ? 'no Authorization' : JSON.stringify(a.replace(token, '<token>').slice(0, 60)),
      chunks: message('PUT /api/user HTTP/1.1', a === null ? [json] : [a, json], VALID),
    };
  });
}

// Content types other than JSON; bodies over 1 MiB.
function contentTypesAndSizes({ pick, int, auth, json, add }) {
  add('wrong content types', 80, () => {
    const type = pick([
      null,
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json-patch+json',
      'application/jsonx',
      'text/json',
      'application/xml',
      '*/*',
      'application',
      'json',
      ';application/json',
    ]);
    return {
      name: String(type),
      chunks: message(
        'PUT /api/user HTTP/1.1',
        type === null ? [auth] : [auth, `Content-Type: ${type}`],
        VALID,
      ),
    };
  });

  add('bodies over 1 MiB', 30, (i) => {
    const big = `{"user_group_id":"6","properties":{"pad":"${'p'.repeat((1 << 20) + int(0, 4096))}"}}`;
    switch (i % 3) {
      case 0:
        return {
          name: `Content-Length ${big.length}`,
          chunks: message('PUT /api/user HTTP/1.1', [auth, json], big),
        };
      case 1: {
        // Announces 10 MiB, sends 1.1 MiB, then closes its side.
        const [head] = message('PUT /api/user HTTP/1.1', [auth, json, `Content-Length: ${10 << 20}`]);
        return { name: 'announced 10 MiB', chunks: [head, Buffer.from(big)], options: { end: true } };
      }
      default: {
        // Chunked, so no Content-Length tells the size up front.
        const [head] = message('PUT /api/user HTTP/1.1', [auth, json, 'Transfer-Encoding: chunked']);
        const body = Buffer.from(big);
        const parts = [head];
        for (let at = 0; at < body.length; at += 65536) {
          const piece = body.subarray(at, at + 65536);
          parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'));
        }
        parts.push(Buffer.from('0\r\n\r\n'));
        return { name: 'chunked 1 MiB+', chunks: parts };
      }
    }
  });
}

// Senders that stall mid-request.
function slowSenders({ auth, json, add }) {
  add('slow senders', SLOW, (i) => {
    if (i % 2 === 0) {
      const [head, body] = message('PUT /api/user HTTP/1.1', [auth, json], VALID);
      return {
        name: 'half a body, then silence',
        chunks: [head, body.subarray(0, body.length >> 1)],
        slow: true,
      };
    }
    return {
      name: 'half the headers, then silence',
      chunks: [Buffer.from(`PUT /api/user HTTP/1.1\r\nHost: x\r\n${auth.slice(0, 20)}`)],
      slow: true,
    };
  });
}

// Random bytes, to fill the round.
function rawGarbage({ random, int, add, out }) {
  add('raw garbage', ROUND - out.length, () => {
    const bytes = Buffer.alloc(int(1, 3000));
    for (let k = 0; k < bytes.length; k++) bytes[k] = Math.floor(random() * 256);
    // Ending in an empty line makes the server parse at once; else it ends the connection itself.
    const end = random() < 0.5;
    return {
      name: `${bytes.length} random bytes${end ? ', then FIN' : ''}`,
      chunks: [bytes, Buffer.from('\r\n\r\n')],
      options: { end },
    };
  });
  assert.equal(out.length, ROUND);
}

/** Sends one round; resolves to the failures, one line per distinct failure. */
async function round(server, requests, outcomes = new Map()) {
  const send = (r) => async () => {
    const result = await rawExchange(server.port, r.chunks, {
      ...(r.options ?? {}),
      timeoutMs: r.slow ? 12000 : 8000,
    });
    const seen = outcomes.get(r.kind) ?? new Map();
    const key = result.status ?? (result.closed ? 'closed' : 'open');
    seen.set(key, (seen.get(key) ?? 0) + 1);
    outcomes.set(r.kind, seen);
    const ok = result.status !== null ? result.status >= 400 && result.status <= 499 : result.closed;
    return ok
      ? null
      : {
          kind: r.kind,
          name: r.name,
          outcome: result.timedOut
            ? 'no answer and still open (hang)'
            : `HTTP ${result.status} ${JSON.stringify(result.bytes.toString('latin1').split('\r\n\r\n')[1]?.slice(0, 120))}`,
        };
  };
  const slow = requests.filter((r) => r.slow);
  const rest = requests.filter((r) => !r.slow);
  const [a, b] = await Promise.all([pool(slow.map(send), SLOW), pool(rest.map(send), CONCURRENCY)]);
  // One line per distinct failure, with how often it happened.
  const counts = new Map();
  for (const f of [...a, ...b].filter(Boolean)) {
    const key = `${f.kind}: ${f.name} -> ${f.outcome}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n} x ${key}`);
}

let server;
let requests;
const rss = [];
before(async () => {
  // A fixed mmap threshold (glibc): blocks of 128 KiB and more, i.e. every body near 1 MiB, are
  // mapped for themselves and given back to the system when freed. With glibc's default dynamic
  // threshold, freed 1-2 MiB bodies stay cached in the per-thread arenas, and VmRSS climbs over
  // the first 3-4 rounds until every arena has held one (here ~29, 38, 51, 57, 57, 57 MiB):
  // memory kept by the allocator for reuse, bounded, not a leak, and it would hide one. With the
  // fixed threshold VmRSS tracks what the server really keeps (~13 MiB, +1% per round).
  server = await startServer({ env: { MALLOC_MMAP_THRESHOLD_: '131072' } });
  requests = hostileRequests(server.token, SEED);
});
after(async () => {
  if (server && !server.exited()) await server.stop();
});

async function afterRound(label) {
  assert.equal(server.exited(), null, `the server died during ${label}: ${server.log().slice(-500)}`);
  const r = await put(server, VALID);
  assert.equal(r.status, 200, `a valid PUT after ${label}: ${r.status} ${r.text}`);
  // Threads drop their last request when the next one comes: let the slow senders' threads finish.
  await new Promise((resolve) => setTimeout(resolve, 300));
  rss.push(rssKiB(server.pid));
}

describe(`1,000 hostile requests, twice (HOSTILE_SEED=${SEED})`, () => {
  test('round 1: each gets a 4xx or a closed connection', async (t) => {
    const started = Date.now();
    const outcomes = new Map();
    const failures = await round(server, requests, outcomes);
    t.diagnostic(`round 1: ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const [kind, seen] of outcomes)
      t.diagnostic(`${kind}: ${[...seen].map(([k, n]) => `${n} x ${k}`).join(', ')}`);
    assert.deepEqual(failures, []);
    await afterRound('round 1');
  });
  test('round 2: the same, and the server still answers', async (t) => {
    const failures = await round(server, requests);
    assert.deepEqual(failures, []);
    await afterRound('round 2');
    t.diagnostic(`VmRSS after round 1: ${rss[0]} KiB, after round 2: ${rss[1]} KiB`);
  });
  test('memory does not grow from round 1 to round 2', () => {
    // Round 2 sends the very same requests as round 1, so a server that keeps nothing per
    // request needs no new memory: what round 1 allocated for good (thread stacks, arenas,
    // SQLite's page cache) is reused. VmRSS after round 1 is ~13 MiB, so 20% is ~2.6 MiB of
    // room for allocator and scheduling noise (measured: +0.2 MiB), and a leak of more than
    // ~2.6 KiB per hostile request (say, one header block or one response body each) fails.
    assert.equal(rss.length, 2, 'both rounds ran');
    const bound = Math.round(rss[0] * 1.2);
    assert.ok(rss[1] <= bound, `VmRSS grew from ${rss[0]} KiB to ${rss[1]} KiB (bound ${bound} KiB)`);
  });
  test('the log never holds the dev token', async () => {
    assert.equal(server.exited(), null);
    await server.stop();
    assertTokenNotLogged(server);
    assert.doesNotMatch(server.log(), / 5\d\d \d+( user_group_id=.*)?\n/, 'a 5xx in the log');
  });
});

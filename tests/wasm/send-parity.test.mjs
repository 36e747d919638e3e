// Send parity: one scripted HTTP server, the same batch sent by the CLI (libcurl) and by the
// module in Node (fetch); both drive the core's batch engine, so their reports must be equal field
// for field apart from timings (durations, started, finished). Each row has a fixed script:
// 200, 200 with a broken body, 404, 429 with Retry-After: 1 then 200, 503 then 200, a reset
// connection, an answer that never comes (the client's timeout), and a row the core refuses.
//
//   node --test tests/wasm/send-parity.test.mjs      (after scripts/build)
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import { test } from 'node:test';
import { readFileSync } from 'node:fs';

import { createUserApi } from '../../build/wasm/pkg/userapi.mjs';
import { cliPath, scratchFile } from './native-cli.mjs';

const TIMEOUT_MS = 1000; // the hanging row waits this long per attempt
const STALL_MS = 20000; // no request and no finish for this long: the client is stuck
const ok = (id) => ({
  status: 200,
  body: JSON.stringify({ success: 1, user_group: { team_id: 1, token: 't', name: 'n', provided_id: id } }),
});
const fail = (status, message, headers = {}) => ({
  status,
  headers,
  body: JSON.stringify({ success: 0, message }),
});

// What the server does for attempt `n` of the row with this user_group_id.
const SCRIPT = {
  ok: () => ok('ok'),
  broken: () => ({ status: 200, body: '{"success":1,' }),
  missing: () => fail(404, 'no such group'),
  'slow-down': (n) => (n === 1 ? fail(429, 'slow down', { 'retry-after': '1' }) : ok('slow-down')),
  busy: (n) => (n === 1 ? fail(503, 'busy') : ok('busy')),
  reset: () => 'reset',
  hang: () => 'hang',
};
const ROWS = [
  ...Object.keys(SCRIPT).map((id) => JSON.stringify({ user_group_id: id, name: 'n' })),
  '{"user_group_id":""}',
];

// A fresh server per client (its attempt counts start at zero); `activity` is stamped on every
// request, for the stall check.
async function scriptedServer() {
  const attempts = new Map();
  const sockets = new Set();
  const state = { activity: Date.now() };
  const server = http.createServer(async (req, res) => {
    state.activity = Date.now();
    if (req.method === 'GET') return res.writeHead(204).end(); // a warm-up, not an attempt
    let text = '';
    for await (const chunk of req) text += chunk;
    const id = JSON.parse(text).user_group_id;
    const n = (attempts.get(id) ?? 0) + 1;
    attempts.set(id, n);
    const answer = SCRIPT[id](n);
    if (answer === 'reset') return req.socket.resetAndDestroy();
    if (answer === 'hang') return; // the client gives up; its socket closes
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(answer.body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const stop = () => {
    for (const s of sockets) s.destroy();
    return new Promise((r) => server.close(r));
  };
  return { base: `http://127.0.0.1:${server.address().port}`, attempts, state, stop };
}

// Resolves with `promise`, or rejects when the server saw nothing for STALL_MS meanwhile.
async function unlessStalled(server, promise) {
  let timer;
  const stalled = new Promise((_, reject) => {
    timer = setInterval(() => {
      if (Date.now() - server.state.activity > STALL_MS) reject(new Error(`no progress for ${STALL_MS} ms`));
    }, 500);
  });
  try {
    return await Promise.race([promise, stalled]);
  } finally {
    clearInterval(timer);
  }
}

const file = scratchFile(`${ROWS.join('\n')}\n`);

async function cliReport() {
  const server = await scriptedServer();
  const out = `${file}.report.json`;
  const args = [
    'send',
    '--batch',
    file,
    '--batch-format',
    'ndjson',
    '--base-url',
    server.base,
    '--token',
    't',
  ];
  args.push('--concurrency', '2', '--retries', '1', '--timeout', String(TIMEOUT_MS), '--report', out);
  const child = spawn(cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.resume();
  try {
    const code = await unlessStalled(server, new Promise((r) => child.on('close', r)));
    assert.equal(code, 1, stderr); // rows failed
  } finally {
    child.kill();
    await server.stop();
  }
  return { report: JSON.parse(readFileSync(out, 'utf8')), base: server.base };
}

async function moduleReport() {
  const server = await scriptedServer();
  const api = await createUserApi();
  const batch = await api.parseBatch(readFileSync(file), { format: 'ndjson' });
  // Node's first fetch loads its HTTP client, which on a busy machine can take longer than the
  // timeout: load it before the clock of any row runs.
  await fetch(`${server.base}/warm-up`);
  try {
    const report = await unlessStalled(
      server,
      api.sendBatch(batch, {
        baseUrl: server.base,
        token: 't',
        concurrency: 2,
        timeoutMs: TIMEOUT_MS,
        retry: { maxAttempts: 2 },
        file,
      }),
    );
    return { report, base: server.base };
  } finally {
    await server.stop();
  }
}

// The report without its timings, and with the server's port (each client had its own server).
function comparable({ report, base }) {
  const { started, finished, ...rest } = report;
  assert.match(started, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(finished >= started, `${finished} < ${started}`);
  assert.equal(rest.base_url, base);
  return {
    ...rest,
    base_url: 'BASE',
    rows: rest.rows.map(({ duration_ms, ...row }) => {
      assert.equal(typeof duration_ms, 'number');
      return row;
    }),
  };
}

test('the CLI and the module send a scripted batch to the same report', async () => {
  const [cli, module] = [comparable(await cliReport()), comparable(await moduleReport())];
  assert.deepEqual(module, cli);
  // And the report is the one the script calls for (so parity is not two equal mistakes).
  const by = Object.fromEntries(cli.rows.map((r) => [r.user_group_id, r]));
  const brief = (id) => [by[id].outcome, by[id].status, by[id].attempts, by[id].check];
  assert.deepEqual(brief('ok'), ['succeeded', 200, 1, 'valid']);
  assert.deepEqual(brief('broken'), ['failed', 200, 1, 'json.syntax']);
  assert.deepEqual(brief('missing'), ['failed', 404, 1, 'valid']);
  assert.deepEqual(brief('slow-down'), ['succeeded', 200, 2, 'valid']);
  assert.deepEqual(brief('busy'), ['succeeded', 200, 2, 'valid']);
  assert.deepEqual(brief('reset'), ['failed', 0, 2, '']);
  assert.deepEqual(brief('hang'), ['failed', 0, 2, '']);
  assert.equal(by.missing.error, 'The server answered 404: no such group');
  assert.equal(by.reset.error, 'The connection was closed before an answer came');
  assert.equal(by.hang.error, `No response within ${TIMEOUT_MS} ms`);
  assert.equal(by[''].outcome, 'invalid');
  assert.deepEqual(cli.summary, { rows: 8, succeeded: 3, failed: 4, invalid: 1, cancelled: 0, skipped: 0 });
});

test("the CLI's defaults are the module's limits (one home: contract.h)", async () => {
  const api = await createUserApi();
  const help = spawnSync(cliPath, ['send', '--help'], { encoding: 'utf8' }).stdout;
  const number = (re) => Number(re.exec(help)?.[1]);
  assert.equal(number(/--concurrency N=(\d+)/), api.limits.defaultConcurrency);
  assert.equal(number(/requests in flight at once \(1 to (\d+)\)/), api.limits.maxConcurrency);
  assert.equal(number(/--timeout MS:INT in \[[^\]]*\]=(\d+)/), api.limits.sendTimeoutMs);
  assert.ok(api.limits.playgroundTimeoutMs > 0 && api.limits.playgroundTimeoutMs <= api.limits.sendTimeoutMs);
});

// Shared helpers of the sandbox tests: start `userapi serve` on a free port with a temporary
// database, talk to it with node's own HTTP client or raw sockets, and run the core's CLI
// (`userapi check-response`) on what it answers. No npm packages.
//
//   const server = await startServer();          // { url, port, token, db, proc, pid, stop, kill9, log }
//   const r = await request(server, { method: 'PUT', path: '/api/user', body, auth: true });
//   await server.stop();                         // SIGTERM, waits for the exit
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
const CLI_PATH = path.resolve(repoRoot, process.env.USERAPI_CLI ?? 'build/native/src/cli/userapi');
export const PYTHON = '/usr/bin/python3';

/** A scratch folder for this test file, removed when the process exits. */
export const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'userapi-sandbox-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

// A private copy of the binary, so that a rebuild while the suite runs cannot pull it away.
export const CLI = path.join(tmp, 'userapi');
if (fs.existsSync(CLI_PATH)) fs.copyFileSync(CLI_PATH, CLI);
export function assertCli() {
  assert.ok(
    fs.existsSync(CLI),
    `no userapi CLI at ${CLI_PATH}: build it (cmake --build build/native) or set USERAPI_CLI`,
  );
}

let serial = 0;
/** Writes `content` to a new scratch file and returns its path. */
export function scratchFile(content, ext = '') {
  const file = path.join(tmp, `f${++serial}${ext}`);
  fs.writeFileSync(file, content);
  return file;
}

/** Runs a child process; resolves to { code, signal, stdout, stderr } (strings), never rejects on exit codes. */
export function run(cmd, args, { input, env, cwd, timeout = 20000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: env ?? process.env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let error;
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    child.on('error', (e) => {
      error = e;
    });
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code,
        signal,
        error,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    child.stdin.end(input ?? '');
  });
}

const BANNER =
  /^userapi sandbox on (http:\/\/127\.0\.0\.1:(\d+)\/) {2}\(PUT (\S+)\)\ndev token: (\S+)[^\n]*\ndatabase: (.+)\n/;

// The banner `userapi serve` prints once it listens; rejects (and kills it) when it exits first,
// fails to start or prints none within timeoutMs. `stdout()` is what it printed so far.
function readBanner(proc, exited, stderr, timeoutMs) {
  let stdout = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(`no banner within ${timeoutMs} ms`), timeoutMs);
    function fail(why) {
      clearTimeout(timer);
      proc.kill('SIGKILL');
      reject(
        new Error(
          `userapi serve: ${why}; stdout: ${stdout}; stderr: ${Buffer.concat(stderr).toString('utf8')}`,
        ),
      );
    }
    proc.on('error', (e) => fail(e.message));
    exited.then(({ code, signal }) => fail(`exited (${code ?? signal}) before the banner`));
    proc.stdout.on('data', (c) => {
      stdout += c.toString('utf8');
      const m = BANNER.exec(stdout);
      if (!m) return;
      clearTimeout(timer);
      const banner = { url: m[1], port: Number(m[2]), apiUrl: m[3], token: m[4], dbLine: m[5] };
      resolve({ banner, stdout: () => stdout });
    });
  });
}

/**
 * Starts `userapi serve --port PORT --db DB [...args]` and waits for its three banner lines.
 * port defaults to 0 (a free one; give the old port to restart a server in its place); db
 * defaults to a new file in the scratch folder; env adds environment variables. Resolves to
 * { url, origin, port, token, db, proc, pid, log(), stop(), kill9() }: url ends in '/';
 * log() is everything the server wrote to stderr so far; stop() sends SIGTERM and kill9()
 * SIGKILL, both resolve to { code, signal } once the process is gone.
 */
export async function startServer({
  db = path.join(tmp, `db-${++serial}`, 'sandbox.db'),
  port = 0,
  args = [],
  env,
  timeoutMs = 10000,
  rateLimits = false,
} = {}) {
  assertCli();
  // Suites about something else (load, hostile requests) send far more than a visitor may: they
  // run with the rate limits raised out of reach (still checked on every request), unless
  // `rateLimits: true` keeps the defaults (off on loopback, on with --public) or what `args` says.
  const raised = rateLimits ? [] : ['--client-rate', '1e6', '--token-rate', '1e6', '--session-rate', '1e6'];
  const proc = spawn(CLI, ['serve', '--port', String(port), '--db', db, ...raised, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: env ? { ...process.env, ...env } : process.env,
  });
  const stderr = [];
  proc.stderr.on('data', (c) => stderr.push(c));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const { banner, stdout } = await readBanner(proc, exited, stderr, timeoutMs);
  assert.equal(banner.apiUrl, `${banner.url}api/user`, 'the banner names PUT <origin>/api/user');
  assert.equal(banner.dbLine, db, 'the banner names the database');
  let gone = null;
  exited.then((r) => {
    gone = r;
  });
  const end = async (signal) => {
    if (!gone) proc.kill(signal);
    const r = await exited;
    return r;
  };
  return {
    url: banner.url,
    origin: banner.url.slice(0, -1),
    port: banner.port,
    token: banner.token,
    db,
    proc,
    pid: proc.pid,
    stdout,
    log: () => Buffer.concat(stderr).toString('utf8'),
    exited: () => gone,
    stop: () => end('SIGTERM'),
    kill9: () => end('SIGKILL'),
  };
}

/** Fails when the server's stderr log holds its dev token (in any spelling a log could carry). */
export function assertTokenNotLogged(server) {
  const log = server.log();
  assert.ok(log.length > 0, 'the server logged nothing');
  for (const form of [server.token, encodeURIComponent(server.token)]) {
    assert.ok(!log.includes(form), 'the server log holds the dev token');
  }
}

/**
 * One HTTP request with node's client. `auth: true` adds `Authorization: Token <server.token>`;
 * `body` (string or Buffer) is sent with `Content-Type: application/json` unless headers say
 * otherwise. Resolves to { status, headers, text }. A new connection unless `agent` is given.
 */
export function request(
  server,
  {
    method = 'GET',
    path: target = '/',
    headers = {},
    body,
    auth = false,
    agent = false,
    timeoutMs = 15000,
  } = {},
) {
  return new Promise((resolve, reject) => {
    const h = { ...headers };
    if (auth) h.Authorization = `Token ${server.token}`;
    if (body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-type'))
      h['Content-Type'] = 'application/json';
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path: target, headers: h, agent },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`${method} ${target}: no answer within ${timeoutMs} ms`)),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** PUT /api/user with the dev token; `body` is an object (stringified) or raw text. */
export function put(server, body, options = {}) {
  return request(server, {
    method: 'PUT',
    path: '/api/user',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    auth: true,
    ...options,
  });
}

/** GET /sandbox/user-groups/<id>: the stored group, or fails. */
export async function readGroup(server, id) {
  const r = await request(server, { path: `/sandbox/user-groups/${encodeURIComponent(id)}`, auth: true });
  assert.equal(r.status, 200, `GET /sandbox/user-groups/${id}: ${r.status} ${r.text}`);
  return JSON.parse(r.text).user_group;
}

/** GET /sandbox/user-groups: every stored group by id. */
export async function readAllGroups(server) {
  const r = await request(server, { path: '/sandbox/user-groups', auth: true });
  assert.equal(r.status, 200, `GET /sandbox/user-groups: ${r.status} ${r.text}`);
  return Object.fromEntries(JSON.parse(r.text).user_groups.map((g) => [g.provided_id, g]));
}

export const SEEDS = ['6', 'acme', 'example_1', 'test_group'];

/**
 * The core's verdict on a response: `userapi check-response FILE --status N [--request BODY_FILE]
 * --format json`, parsed ({ valid, outcome, violations, ... }).
 */
export async function checkResponse(text, status, sentBody) {
  const args = ['check-response', scratchFile(text), '--status', String(status), '--format', 'json'];
  if (sentBody !== undefined) args.push('--request', scratchFile(sentBody));
  const r = await run(CLI, args);
  assert.ok(r.code === 0 || r.code === 1, `userapi check-response exited ${r.code}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Asserts the core finds the response valid, with outcome success exactly for 200. */
export async function assertValidResponse(r, sentBody, what = '') {
  const verdict = await checkResponse(r.text, r.status, sentBody);
  const where = `${what} HTTP ${r.status} ${r.text.slice(0, 300)}`;
  assert.equal(
    verdict.valid,
    true,
    `check-response finds it invalid: ${JSON.stringify(verdict.violations)}; ${where}`,
  );
  assert.equal(verdict.outcome, r.status === 200 ? 'success' : 'failure', `outcome; ${where}`);
  return verdict;
}

/** `PRAGMA integrity_check` of an SQLite file, by python3's sqlite3 module. */
export async function integrityCheck(db) {
  const r = await run(PYTHON, [
    '-c',
    "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])",
    db,
  ]);
  assert.equal(r.code, 0, `python3 sqlite3 failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** VmRSS of a process in KiB. */
export function rssKiB(pid) {
  const m = /^VmRSS:\s+(\d+) kB$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  assert.ok(m, `no VmRSS for ${pid}`);
  return Number(m[1]);
}

/**
 * Sends raw bytes on a new TCP connection and reads the answer. `chunks` are written in order,
 * then the connection stays open (a slow sender just stops writing); `end: true` half-closes it
 * instead (a server may drop or truncate its answer once it has seen the client's FIN, so
 * use `end` only where closing without an answer is an acceptable outcome); `headOnly: true`
 * for a HEAD request. Resolves, never rejects, to { status (number or null), closed, timedOut,
 * error, bytes } once a whole response has arrived (Content-Length honoured), the server has
 * closed or reset the connection, or timeoutMs passed.
 */
export function rawExchange(port, chunks, { end = false, headOnly = false, timeoutMs = 8000 } = {}) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const got = [];
    let size = 0;
    let done = false;
    let error = null;
    const finish = (how) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const bytes = Buffer.concat(got);
      const m = /^HTTP\/1\.[01] (\d{3}) /.exec(bytes.subarray(0, 64).toString('latin1'));
      resolve({
        status: m ? Number(m[1]) : null,
        closed: how === 'closed',
        timedOut: how === 'timeout',
        error,
        bytes,
      });
    };
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    socket.on('data', (c) => {
      got.push(c);
      size += c.length;
      const bytes = Buffer.concat(got, size);
      const head = bytes.indexOf('\r\n\r\n');
      if (head < 0) return;
      const cl = /\r\ncontent-length:\s*(\d+)/i.exec(bytes.subarray(0, head).toString('latin1'));
      // The answer to HEAD has no body, whatever its Content-Length says.
      if (bytes.length >= head + 4 + (cl && !headOnly ? Number(cl[1]) : 0)) finish('response');
    });
    socket.on('error', (e) => {
      error = e.code ?? e.message;
      finish('closed');
    });
    socket.on('close', () => finish('closed'));
    socket.on('connect', async () => {
      for (const c of chunks) {
        if (done) return;
        if (!socket.write(c))
          await new Promise((r) => {
            socket.once('drain', r);
            socket.once('close', r);
          });
      }
      if (end && !done) socket.end();
    });
  });
}

/** Runs async jobs with at most `limit` at a time; resolves to their results in order. */
export async function pool(jobs, limit) {
  const results = new Array(jobs.length);
  let next = 0;
  async function worker() {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/**
 * Creates user groups with POST /sandbox/user-groups, `concurrency` at a time on kept-alive
 * connections: `groups` are ids or { user_group_id, name } objects; `token` defaults to the dev
 * token. Fails unless every one gets 201.
 */
export async function createGroups(server, groups, { token = server.token, concurrency = 8 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const results = await pool(
      groups.map((g) => () => {
        const body = JSON.stringify(typeof g === 'string' ? { user_group_id: g } : g);
        return request(server, {
          method: 'POST',
          path: '/sandbox/user-groups',
          headers: { Authorization: `Token ${token}` },
          body,
          agent,
        }).then((r) => ({ ...r, body }));
      }),
      concurrency,
    );
    const bad = results.find((r) => r.status !== 201);
    assert.ok(!bad, bad && `POST /sandbox/user-groups ${bad.body}: ${bad.status} ${bad.text}`);
  } finally {
    agent.destroy();
  }
}

// `userapi send --batch` against the sandbox: 10,000-row NDJSON and CSV files with 1% invalid rows
// of known kinds (every invalid row reported where it is, none sent: the sandbox's access log
// proves it), every valid row stored exactly (read back), the report complete; faults (a proxy
// answering 429 with Retry-After, 503, 502 after applying, dropped connections; the sandbox killed
// with kill -9 and restarted on its port mid-batch); SIGINT mid-batch and --resume; rows/s at
// concurrency 1, 4 and 16 (printed, not asserted).
//
//   node --test tests/cli/batch.test.mjs      (after scripts/build)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { CLI, createGroups, readAllGroups, run, scratchFile, startServer, tmp } from '../sandbox/server.mjs';
import { csvBatch, digest, groupId, ndjsonBatch } from './batch-files.mjs';

const ROWS = 10000;
const LOG = path.join(tmp, 'batch-access.log');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let server;
before(async () => {
  server = await startServer({ args: ['--log', LOG] });
  const ids = Array.from({ length: ROWS }, (_, i) => groupId(i + 1));
  // The groups of the rows that are invalid on purpose exist too: were one sent, it would succeed.
  const bad = [...ndjsonBatch({ tag: 'x', rows: ROWS, invalidEvery: 100 }).badIds];
  bad.push(...csvBatch({ tag: 'x', rows: ROWS, invalidEvery: 100 }).badIds);
  await createGroups(server, [...ids, ...bad], { concurrency: 8 });
});
after(() => server?.stop());

const target = () => ['--base-url', server.origin, '--token', server.token];
const send = (args, options = {}) => run(CLI, ['send', ...args], { timeout: 90000, ...options });

/** The access log's size: where the lines of what comes next start. */
const logSize = () => (fs.existsSync(LOG) ? fs.statSync(LOG).size : 0);

/** The PUT /api/user lines of the access log from byte `from` on: [{ status, id }]. */
function puts(from = 0) {
  const fd = fs.openSync(LOG, 'r');
  try {
    const bytes = Buffer.alloc(Math.max(0, fs.fstatSync(fd).size - from));
    fs.readSync(fd, bytes, 0, bytes.length, from);
    return bytes
      .toString('utf8')
      .split('\n')
      .slice(0, -1) // a line being written has no newline yet
      .map((l) => / PUT \/api\/user (\d{3}) \d+(?: user_group_id="(.*)")?$/.exec(l))
      .filter(Boolean)
      .map((m) => ({ status: Number(m[1]), id: m[2] }));
  } finally {
    fs.closeSync(fd);
  }
}

/** Starts the CLI without waiting: { child, done } where done resolves to { code, signal, stdout, stderr }. */
function start(args) {
  const child = spawn(CLI, ['send', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const out = [];
  const err = [];
  child.stdout.on('data', (c) => out.push(c));
  child.stderr.on('data', (c) => err.push(c));
  const done = new Promise((resolve) =>
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    ),
  );
  return { child, done };
}

/** Polls until `ready()` holds (every 10 ms, at most `ms`). */
async function until(ready, ms, what) {
  const end = Date.now() + ms;
  while (!ready()) {
    assert.ok(Date.now() < end, `timed out waiting for ${what}`);
    await sleep(10);
  }
}

const readReport = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

function assertNoToken(...texts) {
  for (const t of texts) assert.ok(!t.includes(server.token), 'the token shows');
}

/** Every valid row of `batch` is stored exactly as the row says. */
async function assertStored(batch) {
  const stored = await readAllGroups(server);
  let n = 0;
  for (const [id, want] of batch.expected) {
    const g = stored[id];
    assert.ok(g, `${id} is gone`);
    assert.deepEqual({ name: g.name, mapping: g.mapping, properties: g.properties }, want, id);
    n++;
  }
  return { stored, n };
}

/** The groups of rows invalid on purpose are as POST made them: never updated. */
function assertUntouched(stored, ids) {
  for (const id of ids) {
    assert.deepEqual(
      { name: stored[id].name, mapping: stored[id].mapping, properties: stored[id].properties },
      { name: id, mapping: {}, properties: null },
      `${id} was changed`,
    );
  }
}

function assertReport(report, batch, file) {
  assert.equal(report.format, 'userapi-batch-report/1');
  assert.equal(report.file, file);
  assert.equal(report.base_url, server.origin);
  assert.match(report.started, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(report.finished >= report.started);
  assert.equal(report.rows.length, batch.rows.length, 'one report row per input row');
  const invalid = batch.rows.filter((r) => !r.valid).length;
  assert.deepEqual(report.summary, {
    rows: batch.rows.length,
    succeeded: batch.rows.length - invalid,
    failed: 0,
    invalid,
    cancelled: 0,
    skipped: 0,
  });
  batch.rows.forEach((want, i) => {
    const got = report.rows[i];
    const where = `report row ${i}: ${JSON.stringify(got)}`;
    assert.equal(got.row, want.row, where);
    assert.equal(got.line, want.line, where);
    // A CSV record with the wrong number of cells makes no body, so it has no digest.
    assert.match(got.digest, want.code === 'batch.cell_count' ? /^$/ : /^[0-9a-f]{16}$/, where);
    if (want.valid) {
      assert.equal(got.user_group_id, want.id, where);
      assert.deepEqual(
        [got.outcome, got.status, got.attempts, got.check, got.error],
        ['succeeded', 200, 1, 'valid', ''],
        where,
      );
      assert.ok(got.duration_ms >= 0, where);
    } else {
      assert.deepEqual([got.outcome, got.status, got.attempts], ['invalid', 0, 0], where);
      assert.ok(got.error.startsWith(`${want.code}`) || want.code === 'unknown_field', where);
    }
  });
}

/** The log has exactly one 200 PUT per valid row since `from`, and none for an invalid row. */
function assertSentOnce(batch, from) {
  const sent = puts(from);
  assert.equal(sent.length, batch.expected.size, 'PUTs in the log');
  assert.ok(
    sent.every((p) => p.status === 200),
    'a PUT was not answered 200',
  );
  const ids = new Set(sent.map((p) => p.id));
  assert.equal(ids.size, sent.length, 'a row was sent twice');
  for (const id of batch.expected.keys()) assert.ok(ids.has(id), `${id} was not sent`);
  for (const r of batch.rows)
    if (!r.valid) assert.ok(!ids.has(r.id), `invalid row ${r.row} (${r.id}) was sent`);
}

const summaryLine = (valid, invalid, sending = valid) =>
  `${valid.toLocaleString('en-US')} valid, ${invalid.toLocaleString('en-US')} invalid; sending ${sending.toLocaleString('en-US')}`;

const rate = (stdout) => {
  const m = /^sent ([\d,]+) rows? in ([\d.]+) s, ([\d,]+) rows\/s: /m.exec(stdout);
  assert.ok(m, `no summary line in ${stdout.slice(-500)}`);
  return {
    rows: Number(m[1].replaceAll(',', '')),
    seconds: Number(m[2]),
    perSecond: Number(m[3].replaceAll(',', '')),
  };
};

describe('userapi send --batch: files, reports, the access log', () => {
  test(`${ROWS.toLocaleString('en-US')}-row NDJSON, 1% invalid: every problem at its line and column, none sent, the rest stored exactly`, async () => {
    const batch = ndjsonBatch({ tag: 'nd', rows: ROWS, invalidEvery: 100 });
    const file = scratchFile(batch.text, '.ndjson');
    const report = path.join(tmp, 'nd-report.json');
    const from = logSize();
    const r = await send(['--batch', file, ...target(), '--report', report, '--report', `${report}.csv`]);
    assert.equal(r.code, 1, `exit ${r.code} (1: some rows invalid); ${r.stderr.slice(-800)}`);
    const invalid = batch.rows.filter((x) => !x.valid);
    assert.equal(invalid.length, ROWS / 100);
    for (const x of invalid) {
      const at = `${file}:${x.line}${x.column ? `:${x.column}` : ':\\d+'}`;
      const path = x.path ? `${x.path.replaceAll('/', '\\/')}: ` : '';
      const re = new RegExp(
        `^${at.replaceAll('.', '\\.')}: error: ${path}.*\\[${x.code.replace('.', '\\.')}\\]$`,
        'm',
      );
      assert.match(r.stdout, re, `${x.kind} on line ${x.line}`);
    }
    assert.ok(r.stdout.includes(summaryLine(ROWS - invalid.length, invalid.length)), r.stdout.slice(-300));
    assert.match(
      r.stderr,
      /^sent 1,\d{3}\/9,900 rows {2}[\d,]+ rows\/s/m,
      'plain progress lines when not a TTY',
    );
    console.log(`NDJSON ${ROWS} rows at concurrency 4: ${rate(r.stdout).perSecond} rows/s`);

    const json = readReport(report);
    assertReport(json, batch, file);
    for (let i = 0; i < batch.rows.length; i += 97)
      assert.equal(json.rows[i].digest, digest(batch.rows[i].text), `digest of row ${i + 1}`);
    const csv = fs.readFileSync(`${report}.csv`, 'utf8').split('\r\n');
    assert.equal(csv[0], 'row,line,user_group_id,digest,outcome,status,attempts,duration_ms,check,error');
    assert.equal(csv.length, ROWS + 2, 'header, a line per row, the final CRLF');
    assertSentOnce(batch, from);
    const { stored } = await assertStored(batch);
    assertUntouched(stored, batch.badIds);
    assertNoToken(
      r.stdout,
      r.stderr,
      fs.readFileSync(report, 'utf8'),
      fs.readFileSync(`${report}.csv`, 'utf8'),
    );
  });

  test(`${ROWS.toLocaleString('en-US')}-row CSV, 1% invalid: every problem at its row and column, none sent, the rest stored exactly`, async () => {
    const batch = csvBatch({ tag: 'csv', rows: ROWS, invalidEvery: 100, crlf: true });
    const file = scratchFile(batch.text, '.csv');
    const report = path.join(tmp, 'csv-report.json');
    const from = logSize();
    const r = await send(['--batch', file, ...target(), '--report', report, '--concurrency', '8']);
    assert.equal(r.code, 1, r.stderr.slice(-800));
    const invalid = batch.rows.filter((x) => !x.valid);
    for (const x of invalid) {
      const column = x.column ? `, column ${x.column.replaceAll('.', '\\.')}` : '';
      const re = new RegExp(
        `^${file.replaceAll('.', '\\.')}: row ${x.row}${column}: error: .*\\[${x.code.replace('.', '\\.')}\\]$`,
        'm',
      );
      assert.match(r.stdout, re, `${x.kind} in row ${x.row}`);
    }
    assert.ok(r.stdout.includes(summaryLine(ROWS - invalid.length, invalid.length)), r.stdout.slice(-300));
    console.log(`CSV ${ROWS} rows at concurrency 8: ${rate(r.stdout).perSecond} rows/s`);
    const json = readReport(report);
    assertReport(json, batch, file);
    assert.ok(
      batch.rows.some((x, i) => i > 0 && x.line !== batch.rows[i - 1].line + 1),
      'multi-line cells moved the lines',
    );
    assertSentOnce(batch, from);
    const { stored } = await assertStored(batch);
    assertUntouched(stored, batch.badIds);
  });

  test('a file that cannot be read as a batch sends nothing: bad header, CSV syntax, not UTF-8, no rows (exit 1)', async () => {
    const from = logSize();
    const cases = [
      [
        'user_group_id,nmae\ng-00001,x\n',
        '.csv',
        /: header, column nmae: error: .*\[batch\.unknown_column\]$/m,
      ],
      ['name\nx\n', '.csv', /: error: .*\[batch\.missing_column\]$/m],
      ['user_group_id,name\ng-00001,"open\ng-00002,x\n', '.csv', /:2: error: .*\[batch\.csv_syntax\]$/m],
      ['user_group_id,name\ng-00001,"a"b\n', '.csv', /:2: error: .*\[batch\.csv_syntax\]$/m],
      [
        Buffer.from('user_group_id,name\ng-00001,\xff\n', 'latin1'),
        '.csv',
        /:2: error: .*\[batch\.csv_syntax\]$/m,
      ],
      ['\n  \n', '.ndjson', /: error: .*\[batch\.empty\]$/m],
    ];
    for (const [text, ext, problem] of cases) {
      const file = scratchFile(text, ext);
      const r = await send(['--batch', file, ...target()]);
      assert.equal(r.code, 1, `${JSON.stringify(String(text))}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, problem);
      assert.doesNotMatch(r.stdout, /sending/);
      assert.match(r.stderr, /nothing sent/);
    }
    await sleep(50);
    assert.equal(puts(from).length, 0, 'something was sent');
  });

  test('usage: exit 2 for --concurrency out of 1..64, FILE or --format with --batch, batch options without it, an unknown format, an unreadable --resume', async () => {
    const file = scratchFile('{"user_group_id":"g-00001","name":"n"}\n', '.ndjson');
    for (const args of [
      ['--batch', file, ...target(), '--concurrency', '0'],
      ['--batch', file, ...target(), '--concurrency', '65'],
      ['--batch', file, ...target(), '--retries', '-1'],
      [file, '--batch', file, ...target()],
      ['--batch', file, ...target(), '--format', 'json'],
      ['--concurrency', '2', ...target()],
      ['--batch', scratchFile('x', '.txt'), ...target()],
      ['--batch', file, ...target(), '--batch-format', 'xml'],
      ['--batch', file, ...target(), '--resume', scratchFile('{"not":"a report"}')],
      ['--batch', path.join(tmp, 'absent.ndjson'), ...target()],
      ['--batch', file, '--base-url', server.origin],
    ]) {
      const r = await send(args);
      assert.equal(r.code, 2, `${args.join(' ')}: exit ${r.code}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /^userapi: /m);
    }
    const txt = scratchFile('{"user_group_id":"g-00001","name":"txt"}\n', '.txt');
    assert.equal((await send(['--batch', txt, ...target(), '--batch-format', 'ndjson'])).code, 0);
    const stdin = await send(['--batch', '-', '--batch-format', 'ndjson', ...target()], {
      input: '{"user_group_id":"g-00001","name":"stdin"}\n',
    });
    assert.equal(stdin.code, 0, stdin.stderr);
    const bad = await send(['--batch', file, '--base-url', 'ftp://x', '--token', 't']);
    assert.equal(bad.code, 1, 'a bad base URL: nothing sent');
    assert.match(bad.stdout, /base_url\.format/);
  });

  test('the base cannot be reached: every row failed with a network error, exit 3', async () => {
    const down = await startServer();
    await down.stop();
    const batch = ndjsonBatch({ tag: 'down', rows: 5 });
    const report = path.join(tmp, 'down.json');
    const r = await send([
      '--batch',
      scratchFile(batch.text, '.ndjson'),
      '--base-url',
      down.origin,
      '--token',
      down.token,
      '--retries',
      '1',
      '--report',
      report,
    ]);
    assert.equal(r.code, 3, r.stdout + r.stderr);
    assert.match(r.stderr, /could not be reached/);
    const rows = readReport(report).rows;
    assert.ok(
      rows.every(
        (x) => x.outcome === 'failed' && x.attempts === 2 && /^The connection was refused/.test(x.error),
      ),
      JSON.stringify(rows[0]),
    );
    assertNoToken(r.stdout, r.stderr);
  });
});

describe('userapi send --batch: faults', () => {
  test('a proxy answering 429 + Retry-After, 503, 502 after applying and dropping connections: every row retried to success, applied as once', async () => {
    const ROWS_F = 2000;
    const HELD = [1000, 1001, 1002, 1004, 1005]; // rows whose first attempt gets 429 + Retry-After: 1
    const attempts = new Map();
    const seen = []; // [ms, id, attempt, what]
    const upstream = new http.Agent({ keepAlive: true, maxSockets: 32 });
    const t0 = Date.now();
    const forward = (req, body) =>
      new Promise((resolve, reject) => {
        const up = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            method: req.method,
            path: req.url,
            headers: req.headers,
            agent: upstream,
          },
          (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
            );
          },
        );
        up.on('error', reject);
        up.end(body);
      });
    const proxy = http.createServer((req, res) => {
      const chunks = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', async () => {
        const body = Buffer.concat(chunks);
        const id = JSON.parse(body).user_group_id;
        const n = Number(id.slice(2));
        const attempt = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, attempt);
        const note = (what) => seen.push([Date.now() - t0, id, attempt, what]);
        const answer = (status, headers = {}) => {
          const text = JSON.stringify({
            success: 0,
            error: { code: 'proxy', message: `proxy says ${status}` },
          });
          res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
          res.end(text);
        };
        if (n % 20 === 3 && attempt === 1) {
          note('503');
          return answer(503);
        }
        if (HELD.includes(n) && attempt === 1) {
          note('429');
          return answer(429, { 'Retry-After': '1' });
        }
        if (n % 40 === 11 && attempt === 1) {
          // Half an answer, then the connection is gone: a network error. (A connection closed
          // before any byte of the answer would be retried by libcurl itself, unseen.)
          note('drop');
          req.socket.write(
            'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"succ',
          );
          return req.socket.destroy();
        }
        const up = await forward(req, body);
        if (n % 50 === 7 && attempt <= 2) {
          note('502 after applying');
          return answer(502);
        }
        note('forwarded');
        res.writeHead(up.status, { 'Content-Type': up.headers['content-type'] });
        res.end(up.body);
      });
    });
    await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const batch = ndjsonBatch({ tag: 'fault', rows: ROWS_F });
      const report = path.join(tmp, 'fault.json');
      const started = Date.now();
      const r = await send([
        '--batch',
        scratchFile(batch.text, '.ndjson'),
        '--base-url',
        `http://127.0.0.1:${proxy.address().port}`,
        '--token',
        server.token,
        '--report',
        report,
      ]);
      assert.equal(r.code, 0, r.stdout.slice(-1000) + r.stderr.slice(-1000));
      const rows = readReport(report).rows;
      const want = (n) => (n % 20 === 3 || HELD.includes(n) || n % 40 === 11 ? 2 : n % 50 === 7 ? 3 : 1);
      rows.forEach((x, i) => {
        assert.deepEqual(
          [x.outcome, x.status, x.attempts, x.error],
          ['succeeded', 200, want(i + 1), ''],
          JSON.stringify(x),
        );
      });
      // Retry-After: 1 honoured: no 429'd row came back within a second, and the whole batch held
      // back (a 429 is the server's limit for the token): nothing new started meanwhile.
      const first429 = seen.find((s) => s[3] === '429');
      for (const [ms, id, attempt, what] of seen.filter((s) => s[3] === '429')) {
        const again = seen.find((s) => s[1] === id && s[2] === attempt + 1);
        assert.ok(again[0] - ms >= 990, `${id}: retried ${again[0] - ms} ms after its 429 (${what})`);
        assert.ok(rows[Number(id.slice(2)) - 1].duration_ms >= 990);
      }
      const meanwhile = seen.filter((s) => s[0] > first429[0] + 300 && s[0] < first429[0] + 900);
      assert.deepEqual(meanwhile, [], 'requests started while a 429 held the batch back');
      await assertStored(batch);
      const counts = Object.fromEntries(
        ['503', '429', 'drop', '502 after applying'].map((w) => [w, seen.filter((s) => s[3] === w).length]),
      );
      console.log(
        `faults: ${ROWS_F} rows through the proxy in ${Date.now() - started} ms, ${JSON.stringify(counts)}`,
      );
    } finally {
      proxy.close();
      upstream.destroy();
    }
  });

  test('the sandbox killed with kill -9 and restarted on its port mid-batch: no row lost, the retried ones say so', async () => {
    const ROWS_K = ROWS; // at concurrency 2: most rows are still to go at the kill, even on a busy machine
    const batch = ndjsonBatch({ tag: 'kill', rows: ROWS_K });
    const report = path.join(tmp, 'kill.json');
    const from = logSize();
    const cli = start([
      '--batch',
      scratchFile(batch.text, '.ndjson'),
      ...target(),
      '--report',
      report,
      '--concurrency',
      '2',
    ]);
    await until(() => puts(from).length >= 1200, 30000, '1,200 rows sent');
    const { port, db } = server;
    await server.kill9();
    await sleep(300);
    server = await startServer({ db, port, args: ['--log', LOG] });
    const r = await cli.done;
    assert.equal(r.code, 0, r.stdout.slice(-1000) + r.stderr.slice(-1000));
    assert.ok(puts(from).length > 1200, 'the batch went on after the restart');
    const rows = readReport(report).rows;
    assert.ok(
      rows.every((x) => x.outcome === 'succeeded' && x.status === 200 && x.error === ''),
      'a row did not succeed',
    );
    const retried = rows.filter((x) => x.attempts > 1);
    assert.ok(retried.length >= 1, 'no row was retried: the kill came too late');
    await assertStored(batch);
    console.log(
      `kill -9: ${ROWS_K} rows, ${retried.length} retried (up to ${Math.max(...retried.map((x) => x.attempts))} attempts), all stored`,
    );
  });

  test('SIGINT mid-batch: in-flight rows finish, the rest cancelled, exit 130; --resume sends exactly the rest', async () => {
    const ROWS_C = ROWS;
    const batch = ndjsonBatch({ tag: 'resume', rows: ROWS_C });
    const file = scratchFile(batch.text, '.ndjson');
    const report = path.join(tmp, 'cancel.json');
    const from = logSize();
    const cli = start(['--batch', file, ...target(), '--report', report, '--concurrency', '1']);
    await until(() => puts(from).length >= 800, 30000, '800 rows sent');
    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.equal(r.code, 130, r.stdout.slice(-500) + r.stderr.slice(-500));
    assert.match(r.stderr, /cancelled by SIGINT; finish with --resume /);
    const first = readReport(report);
    const done = first.rows.filter((x) => x.outcome === 'succeeded');
    const cancelled = first.rows.filter((x) => x.outcome === 'cancelled');
    assert.equal(done.length + cancelled.length, ROWS_C);
    assert.ok(cancelled.length > 0, 'the batch finished before SIGINT');
    assert.ok(
      cancelled.every((x) => x.attempts === 0 && x.error === 'Not sent: the batch was cancelled'),
      JSON.stringify(cancelled[0]),
    );
    assert.equal(first.summary.cancelled, cancelled.length);
    const sentFirst = puts(from);
    assert.equal(sentFirst.length, done.length, 'every request sent finished and is in the report');

    const from2 = logSize();
    const report2 = path.join(tmp, 'resumed.json');
    const again = await send(['--batch', file, ...target(), '--resume', report, '--report', report2]);
    assert.equal(again.code, 0, again.stdout.slice(-500) + again.stderr.slice(-500));
    assert.ok(
      again.stdout.includes(`; sending ${cancelled.length.toLocaleString('en-US')}`),
      again.stdout.slice(-300),
    );
    assert.ok(again.stdout.includes(`${done.length.toLocaleString('en-US')} done in ${report}`));
    const resent = puts(from2).map((p) => p.id);
    assert.deepEqual(
      resent.sort(),
      cancelled.map((x) => x.user_group_id).sort(),
      'exactly the cancelled rows were sent',
    );
    const second = readReport(report2);
    assert.equal(second.summary.skipped, done.length);
    assert.equal(second.summary.succeeded, cancelled.length);
    second.rows.forEach((x, i) =>
      assert.equal(x.outcome, first.rows[i].outcome === 'succeeded' ? 'skipped' : 'succeeded'),
    );
    await assertStored(batch);
    console.log(`cancel: ${done.length} rows sent before SIGINT, ${cancelled.length} by --resume`);
  });
});

describe('userapi send --batch: throughput and the terminal', () => {
  test('rows/s at concurrency 1, 4 and 16 (printed for docs/performance.md)', async () => {
    const batch = ndjsonBatch({ tag: 'speed', rows: ROWS });
    const file = scratchFile(batch.text, '.ndjson');
    const figures = [];
    for (const c of [1, 4, 16]) {
      const r = await send(['--batch', file, ...target(), '--concurrency', String(c)]);
      assert.equal(r.code, 0, r.stderr.slice(-500));
      const { rows, seconds, perSecond } = rate(r.stdout);
      assert.equal(rows, ROWS);
      figures.push(`concurrency ${c}: ${perSecond.toLocaleString('en-US')} rows/s (${seconds} s)`);
    }
    console.log(
      `batch throughput, ${ROWS.toLocaleString('en-US')} rows to the local sandbox: ${figures.join('; ')}`,
    );
  });

  test('on a terminal: one progress line redrawn in place', async () => {
    const batch = ndjsonBatch({ tag: 'tty', rows: 5000 });
    const file = scratchFile(batch.text, '.ndjson');
    const command = [CLI, 'send', '--batch', file, ...target(), '--concurrency', '1']
      .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
      .join(' ');
    const r = await run('script', ['-qefc', command, '/dev/null'], { timeout: 30000 });
    assert.equal(r.code, 0, r.stdout);
    const draws = r.stdout.match(/\r\[#*-*\] {2}[\d,]+\/5,000 rows {2}[\d,]+ rows\/s[^\r\n]*\x1b\[K/g) ?? [];
    assert.ok(draws.length >= 2, `${draws.length} draws: ${JSON.stringify(r.stdout.slice(-400))}`);
    assert.match(draws.at(-1), /^\r\[#{24}\] {2}5,000\/5,000 rows/);
    assert.doesNotMatch(r.stdout, /^sent [\d,]+\/5,000 rows/m, 'plain lines on a terminal');
  });
});

// The playground's Batch tab in Chromium against the sandbox: 10,000-row CSV and NDJSON files
// with 1% invalid rows of known kinds (reported, never sent: the sandbox's log proves it), every
// valid row stored exactly (read back), the reports complete; cancel and resume; 429, 503 and a
// sandbox killed and restarted mid-batch behind a small proxy; the heap while it runs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, test } from 'node:test';

import AxeBuilder from '@axe-core/playwright';

import {
  assertBuilt,
  launchChromium,
  openPlayground,
  screenshot,
  startNodeServer,
  startSandbox,
  tmp,
} from './harness.mjs';

const ROWS = 10_000;
let sandbox, browser;

before(async () => {
  assertBuilt();
  sandbox = await startSandbox({ args: ['--client-rate', '0', '--token-rate', '0'] });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await sandbox?.stop();
});

// ---- Files: row i of `prefix` is group `${prefix}${i}`; every 100th row (from 7) is invalid ----

const BAD_CSV = [
  (id) => [id, 'n'.repeat(300), '1', 'x'], // string.max_len in column name
  () => ['', 'nameless', '1', 'x'], // string.min_len in column user_group_id
  (id) => [id, 'tab\there', '1', 'x'], // string.control_char
  (id) => [id, '   ', '1', 'x'], // string.blank
  (id) => [id, 'short'], // batch.cell_count
];
const BAD_NDJSON = [
  (id) => `{"user_group_id":"${id}","name":`, // json.syntax
  (id) => `{"user_group_id":"${id}","nam":"x"}`, // unknown_field
  (id) => `{"user_group_id":"${id}","name":7}`, // type.string
  (id) => `{"user_group_id":"${id}","name":"${'n'.repeat(300)}"}`, // string.max_len
];

const member = (prefix, i) => ({
  user_group_id: `${prefix}${i}`,
  name: `Group ${i} "quoted", ünïcödé`,
  mapping: { 40: String(i) },
  properties: { plan: i % 2 ? 'pro' : 'free' },
});
const cell = (text) => (/[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

function makeFile(prefix, format, rows = ROWS) {
  const valid = [];
  const invalid = [];
  const lines = format === 'csv' ? ['user_group_id,name,mapping.40,properties.plan'] : [];
  for (let i = 0; i < rows; i++) {
    const bad = i % 100 === 7;
    const id = `${prefix}${i}`;
    if (bad) invalid.push(id);
    else valid.push(member(prefix, i));
    if (format === 'csv') {
      const m = member(prefix, i);
      const cells = bad
        ? BAD_CSV[((i / 100) % BAD_CSV.length) | 0](id)
        : [m.user_group_id, m.name, m.mapping[40], m.properties.plan];
      lines.push(cells.map(cell).join(','));
    } else {
      lines.push(
        bad ? BAD_NDJSON[((i / 100) % BAD_NDJSON.length) | 0](id) : JSON.stringify(member(prefix, i)),
      );
    }
  }
  const file = path.join(tmp, `${prefix}.${format}`);
  fs.writeFileSync(file, `${lines.join(format === 'csv' ? '\r\n' : '\n')}\n`);
  return { file, valid, invalid };
}

// ---- The sandbox: groups made first, read back after, PUTs counted in its log ----

async function pool(items, n, fn) {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function createGroups(ids, target = sandbox) {
  await pool(ids, 16, async (id) => {
    const res = await fetch(`${target.origin}/sandbox/user-groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Token ${target.token}` },
      body: JSON.stringify({ user_group_id: id, name: 'before' }),
    });
    assert.equal(res.status, 201, `${id}: ${await res.text()}`);
  });
}

async function assertStored(rows, target = sandbox) {
  await pool(rows, 16, async (want) => {
    const res = await fetch(
      `${target.origin}/sandbox/user-groups/${encodeURIComponent(want.user_group_id)}`,
      {
        headers: { authorization: `Token ${target.token}` },
      },
    );
    const got = await res.json();
    assert.equal(res.status, 200, JSON.stringify(got));
    const group = got.user_group ?? got;
    assert.deepEqual(
      { name: group.name, mapping: group.mapping, properties: group.properties },
      { name: want.name, mapping: want.mapping, properties: want.properties },
      want.user_group_id,
    );
  });
}

/** PUT /api/user lines of the sandbox log per user_group_id (and those without one). */
function putsById(log, prefix) {
  const counts = new Map();
  for (const line of log.split('\n')) {
    if (!/ PUT \/api\/user /.test(line)) continue;
    const id = /user_group_id="([^"]*)"/.exec(line)?.[1] ?? '(none)';
    if (id === '(none)' || id.startsWith(prefix)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

// ---- The page ----

async function openBatch(url, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  const page = await openPlayground(context, url);
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.locator('#token').fill(sandbox.token);
  return page;
}

async function load(page, file) {
  await page.locator('#batch-file').setInputFiles(file);
  return (await page.locator('.batch-summary', { hasText: /nothing sent yet/ }).textContent()).trim();
}

const outcome = (page) => page.locator('.batch-outcome', { hasText: /^(Done|Paused|Cancelled)\./ });

// How far a batch has come: the page's progress line and what the servers logged. A busy machine
// sends slower, never not at all.
const progressOf = async (page, ...servers) =>
  `${await page.locator('.batch-progress-text').textContent()} ${servers.map((s) => s.log().length).join(' ')}`;

/**
 * Waits for `locator` as long as the batch makes progress: fails only when nothing moved (the
 * progress line, the servers' logs) for `stallMs`, never on a total time.
 */
async function waitWhileProgressing(page, locator, servers, stallMs = 60_000) {
  let last = await progressOf(page, ...servers);
  let movedAt = Date.now();
  for (;;) {
    try {
      return await locator.waitFor({ timeout: 5_000 });
    } catch (error) {
      if (error.name !== 'TimeoutError') throw error;
    }
    const now = await progressOf(page, ...servers);
    if (now !== last) [last, movedAt] = [now, Date.now()];
    else if (Date.now() - movedAt > stallMs) throw new Error(`no progress for ${stallMs} ms (${now})`);
  }
}

async function download(page, label) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: label }).click(),
  ]);
  return fs.readFileSync(await file.path(), 'utf8');
}

// Serious and critical axe findings (axe's own inline styles, refused by the page's CSP, aside).
async function axe(page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  page.errors = page.errors.filter((e) => !/^Applying inline style violates/.test(e.message));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

/** The sandbox's log for the rows of `prefix`: no invalid row sent, each of the 9,900 valid ones once. */
function assertSentOnce(prefix, invalid) {
  const sent = putsById(sandbox.log(), prefix);
  assert.equal(sent.get('(none)') ?? 0, 0, 'no PUT without a readable user_group_id');
  for (const id of invalid) assert.equal(sent.get(id), undefined, `${id} is invalid and was sent`);
  assert.equal(sent.size, 9900);
  assert.ok(
    [...sent.values()].every((n) => n === 1),
    'each valid row sent once',
  );
}

/** The JSON and CSV reports of the sent file: complete, each row's outcome, no token. */
async function assertReports(page, file, invalid) {
  const report = JSON.parse(await download(page, 'Download report (JSON)'));
  assert.equal(report.format, 'userapi-batch-report/1');
  assert.equal(report.file, path.basename(file));
  assert.deepEqual(report.summary, {
    rows: ROWS,
    succeeded: 9900,
    failed: 0,
    invalid: 100,
    cancelled: 0,
    skipped: 0,
  });
  const bad = new Set(invalid);
  for (const r of report.rows)
    assert.equal(
      r.outcome,
      bad.has(r.user_group_id) || r.user_group_id === '' ? 'invalid' : 'succeeded',
      `row ${r.row}`,
    );
  assert.ok(!JSON.stringify(report).includes(sandbox.token), 'the token is not in the report');
  const csv = await download(page, 'Download report (CSV)');
  assert.equal(csv.trim().split('\r\n').length, ROWS + 1);
}

for (const format of ['csv', 'ndjson']) {
  test(`${ROWS.toLocaleString('en-US')} ${format} rows: invalid ones caught and never sent, the rest stored exactly, the report complete`, async () => {
    const prefix = `${format}-`;
    const { file, valid, invalid } = makeFile(prefix, format);
    await createGroups([...valid.map((g) => g.user_group_id), ...invalid]);
    const page = await openBatch(sandbox.url);
    const heapBefore = await heapMb(page);
    const t0 = Date.now();
    const summary = await load(page, file);
    console.log(`# ${format}: ${ROWS} rows parsed and checked in the page in ${Date.now() - t0} ms`);
    assert.match(summary, /10,000 rows: 9,900 valid, 100 invalid; nothing sent yet/);
    // Virtualised: a window of rows in the DOM, not 10,000.
    const inDom = await page.locator('.batch-row').count();
    assert.ok(inDom > 5 && inDom < 80, `${inDom} rows in the DOM`);
    await page.locator('#batch-only-problems').check();
    assert.equal(await page.locator('.batch-rows').getAttribute('aria-rowcount'), '100');
    const firstProblem = await page.locator('.batch-row').first().textContent();
    assert.match(
      firstProblem,
      format === 'csv' ? /row 9.*invalid.*string\.max_len in column name/ : /line 8.*invalid.*json\.syntax/,
    );
    await screenshot(page, `batch-${format}-problems`);
    assert.deepEqual(await axe(page), [], 'axe, with problems listed');
    await page.locator('#batch-only-problems').uncheck();

    const sentBefore = putsById(sandbox.log(), prefix);
    assert.equal(sentBefore.size, 0);
    await page.locator('#batch-concurrency').fill('16');
    const started = Date.now();
    await page.getByRole('button', { name: /^Send 9,900 valid rows$/ }).click();
    await waitWhileProgressing(page, outcome(page), [sandbox]);
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `# ${format}: 9,900 rows sent from the page in ${seconds.toFixed(1)} s (${Math.round(9900 / seconds)} rows/s, 16 at once)`,
    );
    assert.match(
      await outcome(page).textContent(),
      /^Done\. 9,900 succeeded, 0 failed, 100 invalid \(not sent\)\.$/,
    );
    const heapAfter = await heapMb(page);
    console.log(
      `# ${format}: page heap ${heapBefore.toFixed(1)} MB before the file, ${heapAfter.toFixed(1)} MB after sending`,
    );
    assert.ok(heapAfter < 150, `heap ${heapAfter} MB`);
    await screenshot(page, `batch-${format}-done`);
    assert.deepEqual(await axe(page), [], 'axe, after sending');
    assert.deepEqual(page.errors, []);

    assertSentOnce(prefix, invalid);
    await assertStored(valid);

    await assertReports(page, file, invalid);
    await page.context().close();
  });
}

test('cancel mid-batch, then Send resumes with the rest: every row applied, none sent twice', async () => {
  const { file, valid, invalid } = makeFile('cancel-', 'csv', 2000);
  await createGroups([...valid.map((g) => g.user_group_id), ...invalid]);
  const page = await openBatch(sandbox.url);
  await load(page, file);
  await page.locator('#batch-concurrency').fill('2');
  await page.getByRole('button', { name: /^Send 1,980 valid rows$/ }).click();
  await waitWhileProgressing(page, page.locator('.batch-progress-text', { hasText: /^(\d{3}|1,\d{3}) \// }), [
    sandbox,
  ]);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await waitWhileProgressing(page, outcome(page), [sandbox]);
  const cancelled = await outcome(page).textContent();
  const left = Number(/, ([\d,]+) not sent yet/.exec(cancelled)?.[1].replace(',', ''));
  assert.ok(left > 0 && left < 1900, cancelled);
  assert.equal(putsById(sandbox.log(), 'cancel-').size, 1980 - left);
  const report = JSON.parse(await download(page, 'Download report (JSON)'));
  assert.equal(report.summary.cancelled, left);

  await page.getByRole('button', { name: `Resume: send the other ${left.toLocaleString('en-US')}` }).click();
  await waitWhileProgressing(page, outcome(page), [sandbox]);
  assert.match(
    await outcome(page).textContent(),
    new RegExp(
      `^Done\\. ${left.toLocaleString('en-US')} succeeded, 0 failed, 20 invalid \\(not sent\\), ${(1980 - left).toLocaleString('en-US')} skipped`,
    ),
  );
  const sent = putsById(sandbox.log(), 'cancel-');
  assert.equal(sent.size, 1980);
  assert.ok(
    [...sent.values()].every((n) => n === 1),
    'none sent twice',
  );
  await assertStored(valid);
  await page.context().close();
});

// A proxy in front of a sandbox, serving the page and the API from one origin: the first attempt
// of some rows gets 429 (Retry-After: 1: every row waits, so only a few) or 503; `target` can be switched (a restarted sandbox).
async function faultyProxy(target) {
  const seen = new Set();
  const proxy = { target, faults: 0 };
  const server = await startNodeServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const id = req.method === 'PUT' ? /"user_group_id":"([^"]*)"/.exec(body)?.[1] : undefined;
      const n = id ? Number(/(\d+)$/.exec(id)?.[1]) : NaN;
      if (id && !seen.has(id) && n % 200 === 3)
        return (
          seen.add(id),
          proxy.faults++,
          res.writeHead(429, { 'retry-after': '1' }).end('{"success":0}')
        );
      if (id && !seen.has(id) && n % 50 === 4)
        return (seen.add(id), proxy.faults++, res.writeHead(503).end('{"success":0}'));
      const upstream = http.request(
        `${proxy.target.origin}${req.url}`,
        { method: req.method, headers: { ...req.headers, host: new URL(proxy.target.origin).host } },
        (up) => {
          res.writeHead(up.statusCode, up.headers);
          up.pipe(res);
        },
      );
      upstream.on('error', () => req.socket.destroy()); // the sandbox is down: the browser sees a network error
      upstream.end(body);
    });
  });
  return Object.assign(proxy, server);
}

test('429 with Retry-After, 503 and a sandbox killed and restarted mid-batch: no row lost, none differs from once', async () => {
  const db = path.join(tmp, 'faults.db');
  let target = await startSandbox({ db, args: ['--client-rate', '0', '--token-rate', '0'] });
  const { file, valid, invalid } = makeFile('fault-', 'ndjson', 1500);
  await createGroups([...valid.map((g) => g.user_group_id), ...invalid], target);
  const proxy = await faultyProxy(target);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await openPlayground(context, `${proxy.origin}/`);
  await page.getByRole('tab', { name: 'Batch' }).click();
  await page.locator('#base-url').fill(proxy.origin);
  await page.locator('#token').fill(target.token);
  await load(page, file);
  await page.locator('#batch-concurrency').fill('4');
  await page.getByRole('button', { name: /^Send 1,485 valid rows$/ }).click();
  await waitWhileProgressing(page, page.locator('.batch-progress-text', { hasText: /^[5-9]\d\d \// }), [
    target,
  ]);
  await target.stop('SIGKILL');
  const beforeKill = target.log();
  await new Promise((r) => setTimeout(r, 300));
  target = await startSandbox({ db, args: ['--client-rate', '0', '--token-rate', '0'] });
  proxy.target = target;
  await waitWhileProgressing(page, outcome(page), [target]);
  assert.match(
    await outcome(page).textContent(),
    /^Done\. 1,485 succeeded, 0 failed, 15 invalid \(not sent\)\.$/,
  );
  const report = JSON.parse(await download(page, 'Download report (JSON)'));
  const retried = report.rows.filter((r) => r.attempts > 1);
  console.log(
    `# faults: ${proxy.faults} injected 429/503, ${retried.length} rows retried (up to ${Math.max(...retried.map((r) => r.attempts))} attempts)`,
  );
  assert.ok(retried.length >= proxy.faults, `${retried.length} rows retried, ${proxy.faults} faults`);
  assert.ok(report.rows.filter((r) => r.attempts > 0).every((r) => r.outcome === 'succeeded'));
  const sent = new Set([
    ...putsById(beforeKill, 'fault-').keys(),
    ...putsById(target.log(), 'fault-').keys(),
  ]);
  for (const id of invalid) assert.ok(!sent.has(id), `${id} is invalid and was sent`);
  assert.equal(sent.size, 1485);
  await assertStored(valid, target);
  await context.close();
  await proxy.close();
  await target.stop();
});

test('throughput: api.sendBatch beside a plain fetch loop in the same page, 1, 4 and 16 at once (printed)', async () => {
  const page = await openBatch(sandbox.url);
  const figures = await page.evaluate(async (token) => {
    const { createUserApi } = await import('/userapi.mjs');
    const api = await createUserApi();
    const body = JSON.stringify({ user_group_id: 'example_1', name: 'Throughput' });
    const n = 500;
    const rows = Array.from({ length: n }, (_, i) => ({
      row: i + 1,
      line: i + 1,
      user_group_id: 'example_1',
      digest: '0',
      body,
      valid: true,
      problem: '',
      violations: [],
    }));
    const out = [];
    for (const c of [1, 4, 16]) {
      let next = 0;
      const t0 = performance.now();
      const put = () =>
        fetch('/api/user', {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Token ${token}` },
          body,
        }).then((r) => r.text());
      await Promise.all(
        Array.from({ length: c }, async () => {
          while (next++ < n) await put();
        }),
      );
      const fetchRate = n / ((performance.now() - t0) / 1000);
      const t1 = performance.now();
      const report = await api.sendBatch(rows, { baseUrl: location.origin, token, concurrency: c });
      out.push({
        c,
        fetchRate,
        batchRate: n / ((performance.now() - t1) / 1000),
        succeeded: report.summary.succeeded,
      });
    }
    return out;
  }, sandbox.token);
  for (const { c, fetchRate, batchRate, succeeded } of figures) {
    console.log(
      `# page, ${c} at once: api.sendBatch ${Math.round(batchRate)} rows/s, plain fetch ${Math.round(fetchRate)} req/s (ratio ${(fetchRate / batchRate).toFixed(2)})`,
    );
    assert.equal(succeeded, 500);
  }
  await page.context().close();
});

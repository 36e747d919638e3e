// The module's batch functions against a scripted fetch: rows from CSV and NDJSON, bounded
// concurrency, retries (Retry-After, 503, network errors), cancel, resume and the report.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUserApi } from '../../build/wasm/pkg/userapi.mjs';

const api = await createUserApi();
const BASE = 'http://127.0.0.1:9';
const ok = (id) =>
  JSON.stringify({ success: 1, user_group: { team_id: 1, token: 't', name: 'n', provided_id: id } });

// A fetch that answers each PUT with script(body, attempt) -> {status, headers?, body?} or 'network'.
function scriptedFetch(script) {
  const attempts = new Map();
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0, bodies: [] };
  const fetch = async (url, init) => {
    const body = JSON.parse(init.body);
    const n = (attempts.get(body.user_group_id) ?? 0) + 1;
    attempts.set(body.user_group_id, n);
    stats.calls++;
    stats.bodies.push(init.body);
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    await new Promise((r) => setTimeout(r, 2));
    stats.inFlight--;
    const answer = script(body, n) ?? { status: 200 };
    if (answer === 'network') throw new TypeError('fetch failed');
    return new Response(answer.body ?? ok(body.user_group_id), {
      status: answer.status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  };
  return { fetch, stats };
}

const csv = (n, invalidEvery = 0) =>
  ['user_group_id,name,mapping.40,properties.plan']
    .concat(
      Array.from({ length: n }, (_, i) =>
        invalidEvery && i % invalidEvery === 0
          ? `g${i},${'x'.repeat(300)},1,pro`
          : `g${i},Group ${i},${i},pro`,
      ),
    )
    .join('\r\n');

test('CSV rows: bodies by the mapping, problems by column, a summary', async () => {
  const batch = await api.parseBatch(csv(200, 50), { format: 'csv' });
  assert.equal(batch.summary, '196 valid, 4 invalid; nothing sent yet');
  assert.equal(
    batch.rows[1].body,
    '{"user_group_id":"g1","name":"Group 1","mapping":{"40":"1"},"properties":{"plan":"pro"}}',
  );
  assert.equal(batch.rows[1].row, 3); // the header is row 1
  const bad = batch.rows[0];
  assert.equal(bad.valid, false);
  assert.equal(bad.violations[0].params.column, 'name');
  assert.match(bad.problem, /^string\.max_len in column name: /);
});

test('a CSV file of the wrong shape is refused as a whole, with where', async () => {
  const header = await api.parseBatch('user_group_id,plan\na,b\n', { format: 'csv' });
  assert.equal(header.sendable, false);
  assert.equal(header.violations[0].code, 'batch.unknown_column');
  assert.equal(header.violations[0].params.suggestion, 'properties.plan');
  const quote = await api.parseBatch('user_group_id,name\na,"open\nb,c\n', { format: 'csv' });
  assert.equal(quote.violations[0].code, 'batch.csv_syntax');
  assert.equal(quote.violations[0].params.line, 2);
  const bytes = await api.parseBatch(new Uint8Array([0x75, 0x0a, 0xff, 0x0a]), { format: 'csv' });
  assert.equal(bytes.violations[0].code, 'batch.csv_syntax');
  await assert.rejects(api.parseBatch('x'), /give the format/);
  const file = await api.parseBatch(new File(['{"user_group_id":"a","name":"b"}\n'], 'x.jsonl'));
  assert.equal(file.format, 'ndjson');
});

test('NDJSON rows keep their line and positions within it', async () => {
  const batch = await api.parseBatch('{"user_group_id":"a","name":"A"}\n\n{"user_group_id":"b","nam":1}\n', {
    format: 'ndjson',
  });
  assert.deepEqual(
    batch.rows.map((r) => [r.row, r.valid]),
    [
      [1, true],
      [3, false],
    ],
  );
  assert.equal(batch.rows[1].violations[0].column, 22);
});

test('concurrency is bounded, invalid rows are never sent, every valid row once', async () => {
  const batch = await api.parseBatch(csv(200, 50), { format: 'csv' });
  const { fetch, stats } = scriptedFetch(() => undefined);
  const progress = [];
  const report = await api.sendBatch(batch, {
    baseUrl: BASE,
    token: 'secret-token-123',
    concurrency: 3,
    fetch,
    onProgress: (p) => progress.push(p),
  });
  assert.equal(stats.maxInFlight, 3);
  assert.equal(stats.calls, 196);
  assert.ok(!stats.bodies.some((b) => b.includes('x'.repeat(300))));
  assert.deepEqual(report.summary, {
    rows: 200,
    succeeded: 196,
    failed: 0,
    invalid: 4,
    cancelled: 0,
    skipped: 0,
  });
  assert.equal(progress.at(-1).done, 196);
  assert.ok(progress.at(-1).rate > 0);
  assert.equal(report.rows[0].outcome, 'invalid');
  assert.equal(report.rows[1].check, 'valid');
  assert.ok(!JSON.stringify(report).includes('secret-token'), 'the token is not in the report');
});

test('429 with Retry-After, 503 and network errors are retried; 404 is final', async () => {
  const batch = await api.parseBatch(csv(8), { format: 'csv' });
  const { fetch } = scriptedFetch(({ user_group_id: id }, n) => {
    if (id === 'g0' && n === 1) return { status: 429, headers: { 'retry-after': '1' } };
    if (id === 'g1' && n < 3) return { status: 503 };
    if (id === 'g2' && n === 1) return 'network';
    if (id === 'g3')
      return { status: 404, body: '{"success":0,"error":{"code":"not_found","message":"no"}}' };
    if (id === 'g4') return { status: 500 };
    if (id === 'g5')
      return { status: 200, body: '{"success":0,"error":{"code":"nope","message":"not today"}}' };
    if (id === 'g6') return { status: 200, body: '{"success":1}' }; // no user_group: the contract refuses it
  });
  const t0 = performance.now();
  const report = await api.sendBatch(batch, {
    baseUrl: BASE,
    token: 't',
    fetch,
    retry: { baseMs: 10, maxAttempts: 4 },
  });
  const byId = Object.fromEntries(report.rows.map((r) => [r.user_group_id, r]));
  assert.deepEqual([byId.g0.outcome, byId.g0.attempts], ['succeeded', 2]);
  assert.ok(byId.g0.duration_ms >= 1000, 'waited for Retry-After');
  assert.ok(performance.now() - t0 >= 1000);
  assert.deepEqual([byId.g1.outcome, byId.g1.attempts], ['succeeded', 3]);
  assert.deepEqual([byId.g2.outcome, byId.g2.attempts], ['succeeded', 2]);
  assert.deepEqual([byId.g3.outcome, byId.g3.attempts, byId.g3.status], ['failed', 1, 404]);
  assert.deepEqual([byId.g4.outcome, byId.g4.attempts, byId.g4.status], ['failed', 4, 500]);
  // A 2xx succeeds only when the core accepts the response and it says success; it is final.
  assert.deepEqual([byId.g5.outcome, byId.g5.attempts, byId.g5.check], ['failed', 1, 'valid']);
  assert.match(byId.g5.error, /^The server answered 200: not today/);
  assert.deepEqual([byId.g6.outcome, byId.g6.attempts, byId.g6.check], ['failed', 1, 'required']);
  assert.match(byId.g6.error, /breaks the contract: required/);
  assert.equal(byId.g7.outcome, 'succeeded');
});

test('a 429 holds every row, not only its own, until its Retry-After', async () => {
  const batch = await api.parseBatch(csv(40), { format: 'csv' });
  const starts = [];
  let heldAt;
  const { fetch } = scriptedFetch(({ user_group_id: id }, n) => {
    if (id === 'g0' && n === 1)
      return ((heldAt = performance.now()), { status: 429, headers: { 'retry-after': '1' } });
  });
  const timed = (url, init) => (starts.push(performance.now()), fetch(url, init));
  const report = await api.sendBatch(batch, { baseUrl: BASE, token: 't', fetch: timed, concurrency: 4 });
  assert.equal(report.summary.succeeded, 40);
  // Requests already on their way finish; none starts within the second after the 429.
  const early = starts.filter((t) => t > heldAt + 20 && t < heldAt + 990);
  assert.deepEqual(early, [], `${early.length} requests started during the hold`);
  assert.ok(starts.filter((t) => t > heldAt).length >= 37);
});

test('cancel lets rows in flight finish; resuming from the report sends only the rest', async () => {
  const batch = await api.parseBatch(csv(100), { format: 'csv' });
  const controller = new AbortController();
  const first = scriptedFetch(() => undefined);
  const report = await api.sendBatch(batch, {
    baseUrl: BASE,
    token: 't',
    fetch: first.fetch,
    signal: controller.signal,
    onProgress: (p) => p.done === 30 && controller.abort(),
  });
  const { succeeded, cancelled } = report.summary;
  assert.ok(succeeded >= 30 && succeeded <= 34, `${succeeded} succeeded`);
  assert.equal(succeeded + cancelled, 100);
  assert.equal(first.stats.calls, succeeded);
  const text = await api.batchReport(report, 'json');
  const second = scriptedFetch(() => undefined);
  const resumed = await api.sendBatch(batch, {
    baseUrl: BASE,
    token: 't',
    fetch: second.fetch,
    previous: text,
  });
  assert.equal(second.stats.calls, cancelled);
  assert.deepEqual(resumed.summary, {
    rows: 100,
    succeeded: cancelled,
    failed: 0,
    invalid: 0,
    cancelled: 0,
    skipped: succeeded,
  });
  assert.equal(new Set([...first.stats.bodies, ...second.stats.bodies]).size, 100);
  const csvReport = await api.batchReport(resumed, 'csv');
  assert.match(
    csvReport,
    /^row,line,user_group_id,digest,outcome,status,attempts,duration_ms,check,error\r\n/,
  );
  assert.equal(csvReport.trim().split('\r\n').length, 101);
});

test('an unusable token or base URL rejects before anything is sent', async () => {
  const batch = await api.parseBatch(csv(3), { format: 'csv' });
  const { fetch, stats } = scriptedFetch(() => undefined);
  await assert.rejects(api.sendBatch(batch, { baseUrl: BASE, token: '', fetch }), /Not sent: required/);
  await assert.rejects(api.sendBatch(batch, { baseUrl: 'ftp://x', token: 't', fetch }), /base_url\.format/);
  await assert.rejects(
    api.sendBatch(batch, { baseUrl: BASE, token: 't', fetch, previous: '{}' }),
    /not usable/,
  );
  assert.equal(stats.calls, 0);
});

// Batches for the module: a file of bodies (NDJSON or CSV) into rows the core checks, sent with
// bounded concurrency and retries, and the report. Every rule (the CSV tokeniser and mapping,
// retry delays, what resuming skips, the report's format) is the core's (userapi/batch.h), in a
// wasm module of its own that is loaded on first use.
import createBatchCore from './userapi-batch-core.mjs';
import { send } from './send.mjs';
import { loadCore } from './load-core.mjs';

let batchCore;
/** The batch core, loaded once; `options` as createUserApi's (batchWasmUrl, batchWasmBytes). */
export function loadBatchCore(options = {}) {
  batchCore ??= loadCore(createBatchCore, () => new URL('./userapi-batch-core.wasm', import.meta.url), {
    wasmUrl: options.batchWasmUrl,
    wasmBytes: options.batchWasmBytes,
  }).then((core) => Object.assign(core, { defaults: JSON.parse(core.batchDefaults()) }));
  return batchCore;
}

/** The file's bytes and, when it has one, its name (File, Blob, ArrayBuffer, Uint8Array or text). */
async function bytesOf(input) {
  if (typeof input === 'string') return new TextEncoder().encode(input);
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (typeof input?.arrayBuffer === 'function') return new Uint8Array(await input.arrayBuffer());
  throw new TypeError('parseBatch takes a File, Blob, ArrayBuffer, Uint8Array or string');
}

function formatOf(input, format) {
  if (format === 'csv' || format === 'ndjson') return format;
  if (format !== undefined)
    throw new RangeError(`format must be 'csv' or 'ndjson', not ${JSON.stringify(format)}`);
  const name = String(input?.name ?? '');
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
  throw new RangeError('give the format (csv or ndjson): the input has no .csv, .ndjson or .jsonl name');
}

// Writes bytes into the core's memory for one call.
function withBytes(core, bytes, fn) {
  const ptr = core._malloc(Math.max(1, bytes.length));
  try {
    core.HEAPU8.set(bytes, ptr);
    return fn(ptr, bytes.length);
  } finally {
    core._free(ptr);
  }
}

function summaryOf(batch) {
  const n = (x) => x.toLocaleString('en-US');
  if (!batch.sendable) return 'The file cannot be sent: see its problems; nothing sent yet';
  return `${n(batch.valid)} valid, ${n(batch.invalid)} invalid; nothing sent yet`;
}

/** Reads a batch file into rows, each checked by the core. */
export async function parseBatch(api, input, { format } = {}) {
  const kind = formatOf(input, format);
  const [core, bytes] = await Promise.all([loadBatchCore(api.options), bytesOf(input)]);
  const parse = kind === 'ndjson' ? core.batchNdjson : core.batchCsv;
  const batch = JSON.parse(withBytes(core, bytes, (ptr, len) => parse(ptr, len)));
  return { format: kind, ...batch, summary: summaryOf(batch) };
}

const sleep = (ms, signal) =>
  new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });

const firstError = (violations) => {
  const v = violations.find((x) => x.severity === 'error') ?? violations[0];
  return v ? `${v.code}${v.path ? ` at ${v.path}` : ''}: ${v.message}` : '';
};

// A row succeeded when the core's verdict says so (`check.succeeded`: a valid response, a 2xx
// with "success": 1), as userapi/batch.h says; `check` is "valid" or the first error's code.
function verdict(answer) {
  const check = answer.check;
  if (!check) return { succeeded: false, check: '' };
  const error = check.violations.find((v) => v.severity === 'error');
  return { succeeded: check.succeeded, check: error?.code ?? 'valid' };
}

function failure(answer, check) {
  if (!answer.check) return answer.message; // network, timeout
  const said = answer.check.server?.message;
  const base = answer.ok ? `The server answered ${answer.status}${said ? `: ${said}` : '.'}` : answer.message;
  return answer.check.valid ? base : `${base} (the response breaks the contract: ${check})`;
}

// Sends one row until it succeeds, fails for good, or the batch is cancelled between attempts. A
// 429 holds every row (`hold.until`): the server asked this client to slow down.
async function sendRow(api, core, row, o, policy, hold) {
  const started = performance.now();
  const result = { outcome: 'failed', status: 0, attempts: 0, check: '', error: '' };
  for (;;) {
    if (hold.until > Date.now()) {
      await sleep(hold.until - Date.now(), o.signal);
      if (o.signal?.aborted) {
        const error = result.attempts
          ? `cancelled while waiting to retry: ${result.error}`
          : 'not sent: cancelled';
        Object.assign(result, { outcome: 'cancelled', error });
        break;
      }
    }
    const answer = await send(api, row.body, {
      baseUrl: o.baseUrl,
      token: o.token,
      timeoutMs: o.timeoutMs,
      fetch: o.fetch,
    });
    result.attempts++;
    result.status = answer.status ?? 0;
    const { succeeded, check } = verdict(answer);
    result.check = check;
    result.outcome = succeeded ? 'succeeded' : 'failed';
    result.error = succeeded ? '' : failure(answer, check);
    if (succeeded || answer.kind === 'invalid') break;
    const status = answer.kind === 'http' ? answer.status : answer.check ? -1 : 0;
    if (status === -1) break; // a 2xx the core refuses is final, as a 4xx is
    const delay = core.retryDelay(
      policy,
      result.attempts,
      status,
      answer.headers?.['retry-after'] ?? '',
      Math.random(),
      Date.now(),
    );
    if (delay < 0) break;
    if (status === 429) hold.until = Math.max(hold.until, Date.now() + delay);
    if (!o.signal?.aborted) await sleep(delay, o.signal);
    if (o.signal?.aborted) {
      Object.assign(result, {
        outcome: 'cancelled',
        error: `cancelled while waiting to retry: ${result.error}`,
      });
      break;
    }
  }
  result.duration_ms = Math.round((performance.now() - started) * 10) / 10;
  return result;
}

/**
 * Sends the valid rows of a batch (or an array of its rows), at most `concurrency` at once.
 * Resolves to the report (the core's format); rejects only when the base URL or token is unusable.
 */
export async function sendBatch(api, batch, options = {}) {
  const core = await loadBatchCore(api.options);
  const rows = Array.isArray(batch) ? batch : batch.rows;
  const policy = { ...core.defaults.retry, ...options.retry };
  const concurrency = Math.min(64, Math.max(1, Math.trunc(options.concurrency ?? 4)));
  const firstValid = rows.find((r) => r.valid);
  if (firstValid) {
    const built = api.buildRequest(firstValid.body, { baseUrl: options.baseUrl, token: options.token });
    if (!built.request)
      throw Object.assign(new Error(`Not sent: ${firstError(built.violations)}`), {
        violations: built.violations,
      });
  }
  const done = options.previous ? doneRows(core, options.previous, rows) : [];
  const started = new Date();
  const results = rows.map((row, i) => ({
    row: row.row,
    line: row.line,
    user_group_id: row.user_group_id,
    digest: row.digest,
    outcome: !row.valid ? 'invalid' : done[i] ? 'skipped' : 'cancelled',
    status: 0,
    attempts: 0,
    duration_ms: 0,
    check: '',
    error: !row.valid ? row.problem : done[i] ? 'done in the resumed report' : 'not sent: cancelled',
  }));
  const queue = rows.map((_, i) => i).filter((i) => results[i].outcome === 'cancelled');
  const progress = tracker(queue.length, options.onProgress);
  let next = 0;
  const hold = { until: 0 };
  const worker = async () => {
    while (next < queue.length && !options.signal?.aborted) {
      const i = queue[next++];
      progress.start();
      Object.assign(results[i], await sendRow(api, core, rows[i], options, policy, hold));
      progress.finish(results[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const report = {
    format: 'userapi-batch-report/1',
    file: String(options.file ?? batch.file ?? ''),
    base_url: String(options.baseUrl ?? api.limits.defaultBaseUrl),
    started: started.toISOString(),
    finished: new Date().toISOString(),
    rows: results,
  };
  return JSON.parse(formatReport(core, report, 'json'));
}

function doneRows(core, previous, rows) {
  const text = typeof previous === 'string' ? previous : JSON.stringify(previous);
  const result = JSON.parse(
    core.batchDone(
      text,
      rows.map(({ row, digest }) => ({ row, digest })),
    ),
  );
  if (result.error !== undefined) throw new Error(`The report to resume from is not usable: ${result.error}`);
  return result.done;
}

function formatReport(core, report, format) {
  const text = typeof report === 'string' ? report : JSON.stringify(report);
  const result = JSON.parse(core.batchReport(text, format));
  if (result.error !== undefined) throw new Error(`Not a batch report: ${result.error}`);
  return result.text;
}

/** A report as the core writes it: 'json' (what --resume reads) or 'csv'. */
export async function batchReportText(api, report, format = 'json') {
  return formatReport(await loadBatchCore(api.options), report, format);
}

// Counts, rate and ETA for onProgress, reported after every row with that row's result.
function tracker(total, onProgress) {
  const counts = { total, done: 0, inFlight: 0, succeeded: 0, failed: 0, cancelled: 0 };
  const t0 = performance.now();
  const report = (row) => {
    const seconds = (performance.now() - t0) / 1000;
    const rate = seconds > 0 ? counts.done / seconds : 0;
    const etaMs = rate > 0 ? ((total - counts.done) / rate) * 1000 : undefined;
    onProgress?.({ ...counts, rate, etaMs, row });
  };
  return {
    start() {
      counts.inFlight++;
    },
    finish(row) {
      counts.inFlight--;
      counts.done++;
      counts[row.outcome]++;
      report(row);
    },
  };
}

// Batches for the module: a file of bodies (NDJSON or CSV) into rows the core checks, sent with
// fetch as the core's batch engine says, and the report. Every rule (the CSV tokeniser and
// mapping, what to send next, retries and the 429 hold, cancelling, the texts, what resuming
// skips, the report) is the core's (userapi/batch.h, userapi/batch_engine.h), in a wasm module of
// its own that is loaded on first use.
import createBatchCore from './userapi-batch-core.mjs';
import { loadCore } from './load-core.mjs';
import { exchange } from './send.mjs';

let batchCore;
/** The batch core, loaded once; `options` as createUserApi's (batchWasmUrl, batchWasmBytes). */
export function loadBatchCore(options = {}) {
  batchCore ??= loadCore(createBatchCore, () => new URL('./userapi-batch-core.wasm', import.meta.url), {
    wasmUrl: options.batchWasmUrl,
    wasmBytes: options.batchWasmBytes,
  });
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

const firstError = (violations) => {
  const v = violations.find((x) => x.severity === 'error') ?? violations[0];
  return v ? `${v.code}${v.path ? ` at ${v.path}` : ''}: ${v.message}` : '';
};

// The engine's clock: Unix milliseconds with fractions.
const now = () => performance.timeOrigin + performance.now();

// A failed fetch in the engine's words. Node's fetch (undici) names the cause; a browser says
// no more than "Failed to fetch", which is 'other'.
const TRANSPORT_CODES = {
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ENOTFOUND: 'unresolved',
  EAI_AGAIN: 'unresolved',
};
function transportError(error) {
  const code = String(error?.cause?.code ?? error?.code ?? '');
  if (TRANSPORT_CODES[code]) return TRANSPORT_CODES[code];
  return /^(ERR_TLS|ERR_SSL|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code) ? 'tls' : 'other';
}

// One attempt of a row, as the engine asked (`action`); what came back goes to the engine.
async function attempt(engine, { row, request, timeoutMs }, fetchImpl, wake) {
  const answer = await exchange(request, { timeoutMs, fetch: fetchImpl });
  if (!answer.failure)
    engine.received(row, answer.status, answer.headers['retry-after'] ?? '', answer.text, now());
  else engine.failed(row, answer.failure === 'timeout' ? 'timeout' : transportError(answer.error), now());
  wake.notify();
}

// Waits until a time (Unix ms; Infinity: no time) or the next notify(), whichever comes first.
function waker() {
  let resolve;
  let notified = false;
  return {
    notify() {
      notified = true;
      resolve?.();
    },
    async until(ms) {
      let timer;
      if (!notified)
        await new Promise((r) => {
          resolve = r;
          if (Number.isFinite(ms)) timer = setTimeout(r, Math.max(0, ms - now()));
        });
      clearTimeout(timer);
      resolve = undefined;
      notified = false;
    },
  };
}

// The driver: does what the engine says until it is done. Every rule is the engine's.
async function drive(engine, options) {
  const wake = waker();
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const progress = tracker(engine, options.onProgress);
  const cancel = () => {
    engine.cancel(now());
    wake.notify();
  };
  if (options.signal?.aborted) engine.cancel(now());
  else options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (let a = engine.next(now()); a.kind !== 'done'; a = engine.next(now())) {
      if (a.kind === 'send') {
        attempt(engine, a, fetchImpl, wake);
        continue;
      }
      await wake.until(a.untilMs);
      progress.report();
    }
    progress.report();
  } finally {
    options.signal?.removeEventListener('abort', cancel);
  }
}

// Base URL and token, checked once with the first valid row: a batch that cannot go anywhere
// rejects with the core's violations.
function checkTarget(api, rows, target) {
  const firstValid = rows.find((r) => r.valid);
  if (!firstValid) return;
  const built = api.buildRequest(firstValid.body, target);
  if (!built.request)
    throw Object.assign(new Error(`Not sent: ${firstError(built.violations)}`), {
      violations: built.violations,
    });
}

// What the engine takes of sendBatch's options (it has the defaults).
function engineOptions(o) {
  return {
    concurrency: o.concurrency === undefined ? undefined : Math.trunc(Number(o.concurrency)) || 1,
    timeoutMs: o.timeoutMs,
    retry: o.retry,
    seed: o.seed ?? Math.floor(Math.random() * 2 ** 32),
  };
}

/**
 * Sends the valid rows of a batch (or an array of its rows), at most `concurrency` at once,
 * driving the core's batch engine with fetch. Resolves to the report (the core's format); rejects
 * only when the base URL or token is unusable.
 */
export async function sendBatch(api, batch, options = {}) {
  const core = await loadBatchCore(api.options);
  const rows = Array.isArray(batch) ? batch : batch.rows;
  const target = { baseUrl: options.baseUrl ?? api.limits.defaultBaseUrl, token: options.token ?? '' };
  checkTarget(api, rows, target);
  const done = options.previous ? doneRows(core, options.previous, rows) : [];
  const engine = new core.BatchEngine(rows, done, target, engineOptions(options), now());
  try {
    await drive(engine, options);
    return engine.report(String(options.file ?? batch.file ?? ''));
  } finally {
    engine.delete();
  }
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

// Counts, rate and ETA for onProgress, called once for every row that was sent (rows a cancel
// kept from being sent are not), with that row's result.
function tracker(engine, onProgress) {
  const total = engine.progress().total;
  const counts = { total, done: 0, inFlight: 0, succeeded: 0, failed: 0, cancelled: 0 };
  const t0 = performance.now();
  const emit = (row) => {
    const seconds = (performance.now() - t0) / 1000;
    const rate = seconds > 0 ? counts.done / seconds : 0;
    const etaMs = rate > 0 ? ((total - counts.done) / rate) * 1000 : undefined;
    onProgress?.({ ...counts, rate, etaMs, row });
  };
  return {
    report() {
      const settled = engine.takeSettled();
      counts.inFlight = engine.progress().inFlight;
      for (const row of settled) {
        if (row.attempts === 0) continue;
        counts.done++;
        counts[row.outcome]++;
        emit(row);
      }
    },
  };
}

// Types of the userapi ES module (bindings/userapi.mjs). Written by hand: Emscripten 3.1.6 cannot
// generate them. Checked by `tsc --noEmit` over tests/wasm/types-usage.ts in the test run.

// Generated from the core by scripts/contract-docs.
// locations:begin
export type Location = 'base_url' | 'body' | 'file' | 'response' | 'token';
// locations:end
export type Severity = 'error' | 'warning';

/** The stable codes of the contract (docs/contract.md). */
// Generated from the core by scripts/contract-docs; the test command fails when it drifts.
// codes:begin
export type Code =
  | 'json.too_large'
  | 'json.encoding'
  | 'json.syntax'
  | 'json.depth'
  | 'json.duplicate_key'
  | 'type.object'
  | 'type.string'
  | 'type.integer'
  | 'required'
  | 'unknown_field'
  | 'string.min_len'
  | 'string.max_len'
  | 'string.blank'
  | 'string.control_char'
  | 'object.max_entries'
  | 'mapping.key_format'
  | 'mapping.numeric_value'
  | 'properties.key_format'
  | 'nothing_to_update'
  | 'base_url.format'
  | 'base_url.insecure'
  | 'token.format'
  | 'enum.value'
  | 'response.mismatch'
  | 'batch.csv_syntax'
  | 'batch.unknown_column'
  | 'batch.duplicate_column'
  | 'batch.missing_column'
  | 'batch.cell_count'
  | 'batch.empty'
  | 'batch.too_many_rows';
// codes:end

/** The languages of the core's messages (i18n/*.json), as BCP 47 tags. */
// Generated from the core by scripts/contract-docs.
// locales:begin
export type LocaleTag = 'en' | 'de' | 'fr' | 'es' | 'pt-BR' | 'ja' | 'zh-Hans';
// locales:end

/**
 * What a user asked for: a BCP 47 tag ('de-AT', 'pt', 'zh-CN'), a list in preference order
 * (navigator.languages) or an Accept-Language value. Matched by the core's language subtag;
 * anything unknown is English, never an error. Only messages change with it.
 */
export type LocaleRequest = string | readonly string[];

export interface LocaleOptions {
  /** Default: createUserApi's `locale`, else English. */
  locale?: LocaleRequest;
}

/** A catalog of the core's messages (i18n/<tag>.json as compiled into the core). */
export interface Catalog {
  locale: LocaleTag;
  /** The language's own name: 'Deutsch', '日本語'. */
  language: string;
  /** Message templates: {name} is a param of the violation, [part] is kept when its params are present. */
  codes: Record<Code, string>;
  /** The texts of reason, actual and expected params, by id. */
  phrases: Record<string, string>;
}

/** Body text, its UTF-8 bytes, or a value to serialise. */
export type Body = string | Uint8Array | object;

export interface Violation {
  location: Location;
  /** RFC 6901 JSON Pointer into that input; "" is the whole input. */
  path: string;
  code: Code;
  severity: Severity;
  /** For people, in the requested locale; may change between versions. Never parse it. */
  message: string;
  /** Facts: limit, actual, expected, suggestion, reason, index. */
  params?: Record<string, string | number>;
  /** Where the offending key or value starts: UTF-8 byte offset, 1-based line and column (code points). */
  offset?: number;
  line?: number;
  column?: number;
  /** The key or value as UTF-16 indices [from, to) of the JavaScript string: for editors. */
  from?: number;
  to?: number;
}

export interface Report {
  /** True when no violation is an error. */
  valid: boolean;
  violations: Violation[];
}

export interface Request {
  method: 'PUT';
  url: string;
  /** In sending order: Content-Type, then Authorization. */
  headers: [name: string, value: string][];
  /** The exact bytes to send (compact JSON, numbers spelled as given). */
  body: string;
}

export interface BuildResult extends Report {
  /** Present when no violation is an error (or with `force`, when only the body has errors). */
  request?: Request;
}

export interface BuildOptions extends LocaleOptions {
  /** Default: limits.defaultBaseUrl. */
  baseUrl?: string;
  token: string;
  /** Build even when the body has errors ("send anyway"). */
  force?: boolean;
}

// languages:begin
export type Language =
  | 'curl'
  | 'fetch'
  | 'python'
  | 'http'
  | 'httpie'
  | 'wget'
  | 'go'
  | 'java'
  | 'php'
  | 'ruby'
  | 'node'
  | 'python-http'
  | 'c'
  | 'cpp'
  | 'csharp'
  | 'kotlin'
  | 'typescript'
  | 'python-httpx'
  | 'axios'
  | 'perl';
// languages:end
export type TokenMode = 'redact' | 'inline' | { env: string };

export interface ResponseCheck extends Report {
  outcome: 'success' | 'failure';
  /**
   * The verdict to show and count, computed by the core: `valid` and `outcome` is 'success'. A 2xx
   * with "success": 1 that breaks the contract is not a success. The CLI, batches and the page use it.
   */
  succeeded: boolean;
  /** What the server said about a failure, passed through for display (as text, never HTML). */
  server?: { message?: string; violations?: unknown[] };
}

export interface SendOptions extends BuildOptions {
  /** Default limits.sendTimeoutMs (30000). */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface Exchange {
  request: Request;
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  text: string;
  durationMs: number;
  check: ResponseCheck;
}

export type SendResult =
  | ({ ok: true } & Exchange)
  | ({ ok: false; kind: 'http'; message: string } & Exchange)
  | { ok: false; kind: 'invalid'; message: string; violations: Violation[] }
  | {
      ok: false;
      kind: 'network';
      /** In browsers: 'cors' (a server answers, but refused this page's origin) or 'unreachable'. */
      cause?: 'cors' | 'unreachable';
      message: string;
      request: Request;
    }
  | { ok: false; kind: 'timeout' | 'aborted'; message: string; request: Request };

export interface Limits {
  maxBytes: number;
  maxDepth: number;
  maxStringLength: number;
  maxEntries: number;
  maxSchemaIdDigits: number;
  maxTokenLength: number;
  /** Batch rows in flight at once: the default and the most. */
  defaultConcurrency: number;
  maxConcurrency: number;
  /** The timeout of a request, by default (send, sendBatch, the CLI). */
  sendTimeoutMs: number;
  /** The playground's timeout field starts here. */
  playgroundTimeoutMs: number;
  defaultBaseUrl: string;
}

export interface ContractMember {
  name: string;
  type: 'string' | 'object';
  required: boolean;
  /** From the reference page. */
  description: string;
  /** Object members: what a key and a value are, and the values' type. */
  entries?: { key: string; value: string; type: 'string' | 'any' };
}

export interface ContractGroupMember {
  name: string;
  type: 'integer' | 'string' | 'object';
  required: boolean;
  /** null is accepted too. */
  nullable: boolean;
  minLength?: number;
  description?: string;
  /** The strings it takes; another string is a warning (api_environment_tag). */
  warnUnless?: string[];
}

export interface ContractCode {
  id: Code;
  severity: Severity;
  /** When the code fires, in one sentence. */
  when: string;
  /** The message template ({param} is filled from params). */
  message: string;
  /** An input that raises it (absent when none is short). */
  example?: { location: Location; input: string };
}

/** The contract as the core holds it (include/userapi/contract.h and codes.h). */
export interface Contract {
  method: 'PUT';
  path: string;
  defaultBaseUrl: string;
  contentType: string;
  auth: { header: string; scheme: string; redacted: string };
  limits: Omit<Limits, 'defaultBaseUrl'>;
  members: ContractMember[];
  /** The reference page's example body (examples/update-user.json). */
  referenceBody: { user_group_id: string; name: string; mapping: Record<string, string>; properties: object };
  responseMembers: string[];
  environmentTags: string[];
  /** Every error body the sandbox answers with (contract.h's table); `{name}` in a message is a fact. */
  errors: { status: number; code: string; message: string }[];
  /** The members of a success's `user_group`, as the core checks them. */
  userGroupMembers: ContractGroupMember[];
  codes: ContractCode[];
  languages: Language[];
  /** What a person reads for each language: "Python (requests)", "C# (HttpClient)", ... */
  languageLabels: Record<Language, string>;
}

/** One row of a batch file as a body, checked by the core (docs/batch.md). */
export interface BatchRow {
  /** NDJSON: the line; CSV: the record number counting the header as 1 (a spreadsheet's row). */
  row: number;
  /** The file line the row starts on. */
  line: number;
  user_group_id: string;
  /** 16 hex digits: ties a report row to this body (for resuming). */
  digest: string;
  /** The body checked and sent. */
  body: string;
  valid: boolean;
  /** The first error (else warning) in one line; "" when there is none. */
  problem: string;
  /** For CSV rows, params.column and params.column_number say where; NDJSON positions are in the line. */
  violations: Violation[];
}

export interface Batch {
  format: 'csv' | 'ndjson';
  valid: number;
  invalid: number;
  /** False when the file itself has an error (violations): then nothing may be sent. */
  sendable: boolean;
  violations: Violation[];
  rows: BatchRow[];
  /** "4,982 valid, 18 invalid; nothing sent yet". */
  summary: string;
}

export type BatchOutcome = 'succeeded' | 'failed' | 'invalid' | 'cancelled' | 'skipped';

export interface BatchRowResult {
  row: number;
  line: number;
  user_group_id: string;
  digest: string;
  outcome: BatchOutcome;
  /** The last HTTP status; 0 when none. */
  status: number;
  attempts: number;
  /** From the first attempt to the last answer, retry delays included. */
  duration_ms: number;
  /** The response check: 'valid' or its first code; '' when there was no response. */
  check: string;
  error: string;
}

/** The report of a batch (format userapi-batch-report/1). Never holds the token. */
export interface BatchReport {
  format: 'userapi-batch-report/1';
  file: string;
  base_url: string;
  started: string;
  finished: string;
  summary: { rows: number } & Record<BatchOutcome, number>;
  rows: BatchRowResult[];
}

export interface BatchProgress {
  /** Rows to send (valid, not skipped), done so far, and in flight. */
  total: number;
  done: number;
  inFlight: number;
  succeeded: number;
  failed: number;
  cancelled: number;
  /** Rows per second so far, and the time left at that rate. */
  rate: number;
  etaMs?: number;
  /** The row just finished. */
  row: BatchRowResult;
}

export interface SendBatchOptions {
  baseUrl?: string;
  token: string;
  /** Rows in flight at once, 1 to limits.maxConcurrency (64); default limits.defaultConcurrency (4). */
  concurrency?: number;
  /** Cancel: no new row is sent; rows in flight finish; the rest are 'cancelled'. */
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  /** Attempts per row (default 6), first retry delay (200 ms) and the longest delay (30 s). */
  retry?: { maxAttempts?: number; baseMs?: number; maxMs?: number };
  /** Per attempt; default limits.sendTimeoutMs (30000). */
  timeoutMs?: number;
  /** The retry delays' jitter sequence (default: random); the same seed, the same delays. */
  seed?: number;
  /** A previous report (object or JSON text): rows it did with the same body are 'skipped'. */
  previous?: BatchReport | string;
  /** The file's name, for the report. */
  file?: string;
  fetch?: typeof fetch;
}

export interface UserApi {
  readonly version: string;
  readonly limits: Readonly<Limits>;
  readonly contract: Readonly<Contract>;
  /** The catalog messages default to: createUserApi's `locale`, matched. */
  readonly locale: LocaleTag;
  /** Every language of the messages, English first. */
  readonly locales: readonly { tag: LocaleTag; language: string }[];
  /** How the batch core is loaded (from createUserApi's options). */
  readonly options: Readonly<Pick<CreateOptions, 'batchWasmUrl' | 'batchWasmBytes'>>;
  /**
   * A string is checked as is (positions refer to it), a Uint8Array as its exact bytes; any other
   * value is JSON.stringify'd first.
   */
  validate(body: Body, options?: LocaleOptions): Report;
  buildRequest(body: Body, options: BuildOptions): BuildResult;
  /** Throws RangeError, with the core's reason, for an unknown language or token mode. */
  snippet(request: Request, language: Language, options?: { token?: TokenMode }): string;
  checkResponse(
    status: number,
    text: string,
    sent?: Request | string,
    options?: LocaleOptions,
  ): ResponseCheck;
  /** A catalog of the core's messages (default: this API's locale). */
  catalog(locale?: LocaleRequest): Catalog;
  /** Never rejects for invalid input, network failure, timeout, cancel or an HTTP error. */
  send(body: Body, options: SendOptions): Promise<SendResult>;
  /** Wasm heap size and bytes in use by malloc. */
  memory(): { heapSize: number; inUse: number };
  /** Reads a batch file; the format comes from a File's name (.csv, .ndjson, .jsonl) or `format`. */
  parseBatch(
    input: Blob | ArrayBuffer | Uint8Array | string,
    options?: { format?: 'csv' | 'ndjson' },
  ): Promise<Batch>;
  /** Rejects only when the base URL or token is unusable (the error's violations say why). */
  sendBatch(batch: Batch | BatchRow[], options: SendBatchOptions): Promise<BatchReport>;
  /** The report as the core writes it: JSON (what resuming reads) or CSV. */
  batchReport(report: BatchReport | string, format?: 'json' | 'csv'): Promise<string>;
}

export interface CreateOptions extends LocaleOptions {
  /**
   * The .wasm bytes, for hosts that cannot fetch it (CSP-strict pages, tests). Without it Node
   * reads the file next to the module, and browsers fetch it from `wasmUrl`.
   */
  wasmBytes?: ArrayBuffer | Uint8Array;
  /** The same as wasmBytes (the name Emscripten uses). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * Where browsers fetch the .wasm from, e.g. a CDN. Default: next to the module
   * (new URL('userapi-core.wasm', import.meta.url), which bundlers follow).
   */
  wasmUrl?: string | URL;
  /** The same two for the batch core (userapi-batch-core.wasm), loaded by the batch functions. */
  batchWasmBytes?: ArrayBuffer | Uint8Array;
  batchWasmUrl?: string | URL;
}

export function createUserApi(options?: CreateOptions): Promise<UserApi>;

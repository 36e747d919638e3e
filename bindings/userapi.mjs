// userapi for JavaScript: the C++ core compiled to WebAssembly, as one ES module that works in
// browsers, Web Workers and Node 20. This file only moves text in and out of wasm memory; every
// rule lives in the core, and send.mjs is the HTTP client.
import createUserApiCore from './userapi-core.mjs';
import { send } from './send.mjs';
import { loadCore } from './load-core.mjs';

// The batch functions (batch.mjs and the batch core) load on first use.
const batchModule = () => import('./batch.mjs');

/**
 * Loads the module. Browsers fetch the .wasm next to the Emscripten glue or from `wasmUrl`; Node
 * reads it from disk; `wasmBytes` skips both. The batch functions load a second module on first
 * use (`batchWasmUrl`, `batchWasmBytes` likewise).
 */
export async function createUserApi(options = {}) {
  const core = await loadCore(createUserApiCore, () => new URL('./userapi-core.wasm', import.meta.url), {
    wasmUrl: options.wasmUrl,
    wasmBytes: options.wasmBytes ?? options.wasmBinary,
  });
  return new UserApi(core, options);
}

class UserApi {
  #core;
  #buffer = 0;
  #capacity = 0;
  #target = null;
  #encoder = new TextEncoder();
  #decoder = new TextDecoder();

  #locales = new Map(); // requested locale -> the core's index for it

  constructor(core, options) {
    this.#core = core;
    /** The languages of the core's messages: [{tag, language}], English first. */
    this.locales = deepFreeze(JSON.parse(core.locales()));
    /** The catalog messages default to (`locale` of createUserApi, matched by the core). */
    this.locale = this.locales[this.#localeIndex(options.locale)].tag;
    /** How the module was loaded; the batch functions load their own core the same way. */
    this.options = Object.freeze({
      batchWasmUrl: options.batchWasmUrl,
      batchWasmBytes: options.batchWasmBytes,
    });
    /** The contract's constants, members and codes, as the core has them. */
    this.contract = deepFreeze(JSON.parse(core.contract()));
    this.limits = Object.freeze({ ...this.contract.limits, defaultBaseUrl: this.contract.defaultBaseUrl });
    this.version = core.version();
    Object.freeze(this);
  }

  /** Wasm memory: the heap's size and the bytes malloc has handed out (for leak checks). */
  memory() {
    return { heapSize: this.#core.HEAPU8.byteLength, inUse: this.#core.heapInUse() };
  }

  /**
   * Checks a body: the exact text (positions refer to it), its UTF-8 bytes (a Uint8Array, taken
   * as is, even when not valid UTF-8), or any other value, serialised with JSON.stringify first.
   * `locale` picks the messages' language (default: createUserApi's); nothing else changes.
   */
  validate(body, { locale } = {}) {
    const core = this.#core;
    const text = toText(body);
    const lang = this.#localeIndex(locale);
    let at = 0;
    if (typeof text === 'string') {
      // TextEncoder first; String.isWellFormed (slow on long two-byte strings in Node) only when
      // the bytes hold U+FFFD, which is what TextEncoder writes for a lone surrogate.
      const written = this.#encoder.encodeInto(text, this.#view(text.length * 3)).written;
      at = core._userapi_validate(this.#buffer, written, true, lang);
    }
    if (!at) {
      const length = this.#write(text); // (may move this.#buffer)
      at = core._userapi_validate(this.#buffer, length, false, lang);
    }
    at >>>= 2; // {address, length} of the result's JSON
    const heap = core.HEAPU32;
    return JSON.parse(this.#decoder.decode(core.HEAPU8.subarray(heap[at], heap[at] + heap[at + 1])));
  }

  /** Checks body, base URL and token; `request` is present when nothing is an error. */
  buildRequest(body, { baseUrl = this.limits.defaultBaseUrl, token = '', force = false, locale } = {}) {
    const lang = this.#localeIndex(locale);
    const json = this.#withBytes(toText(body), (ptr, len) =>
      this.#core.build(ptr, len, String(baseUrl), String(token), !!force, lang),
    );
    return JSON.parse(json);
  }

  /** A snippet that sends `request`; token: 'redact' (default), 'inline' or {env: NAME}. */
  snippet(request, language, { token = 'redact' } = {}) {
    const mode = typeof token === 'object' && token !== null ? `env:${token.env}` : String(token);
    const headers = request.headers.map(([name, value]) => [String(name), String(value)]);
    const result = this.#core.snippet(
      request.method,
      request.url,
      headers,
      request.body,
      String(language),
      mode,
    );
    if (result.error !== undefined) throw new RangeError(result.error);
    return result.text;
  }

  /** Checks a response; `sent` is the request (or body text) that was sent. */
  checkResponse(status, text, sent, { locale } = {}) {
    const sentBody = typeof sent === 'string' ? sent : sent?.body;
    const lang = this.#localeIndex(locale);
    const json = this.#withBytes(String(text), (ptr, len) =>
      this.#core.checkResponse(status | 0, ptr, len, sentBody !== undefined, sentBody ?? '', lang),
    );
    return JSON.parse(json);
  }

  /**
   * Builds and sends the request with fetch. Resolves to {ok: true, ...response} for a 2xx
   * response, or to {ok: false, kind, message, ...} for 'invalid', 'network', 'timeout',
   * 'aborted' and 'http' (a non-2xx response); never rejects for those.
   */
  send(body, options) {
    return send(this, body, options);
  }

  /**
   * Reads a batch file (a File, Blob, bytes or text; NDJSON or CSV, from its name or `format`)
   * into rows, each checked by the core: {format, valid, invalid, sendable, violations, rows,
   * summary}. Loads the batch core on first use.
   */
  async parseBatch(input, options) {
    return (await batchModule()).parseBatch(this, input, options);
  }

  /** Sends a batch's valid rows; resolves to its report (see docs/batch.md). */
  async sendBatch(batch, options) {
    return (await batchModule()).sendBatch(this, batch, options);
  }

  /**
   * A catalog of the core's messages: {locale, language, codes: {code: template}, phrases}; the
   * templates' {name}s are the violations' params (see the contract doc).
   */
  catalog(locale) {
    return JSON.parse(this.#core.catalog(this.#localeIndex(locale)));
  }

  /** A batch report as text, written by the core: 'json' (for resuming) or 'csv'. */
  async batchReport(report, format) {
    return (await batchModule()).batchReportText(this, report, format);
  }

  // The core's index of the catalog for `locale` (a BCP 47 tag, a list such as navigator.languages
  // or an Accept-Language value); undefined is this API's default. Never throws: English at worst.
  #localeIndex(locale) {
    if (locale === undefined || locale === null)
      return this.locale === undefined ? 0 : this.#localeIndex(this.locale);
    const key = Array.isArray(locale) ? locale.join(',') : String(locale);
    let index = this.#locales.get(key);
    if (index === undefined) {
      index = this.#core.matchLocale(key);
      if (this.#locales.size < 64) this.#locales.set(key, index); // a bound: tags may come from users
    }
    return index;
  }

  // A view of wasm memory at this.#buffer with room for `bytes`, kept from call to call (HEAPU8,
  // and so the view, is replaced when memory grows).
  #view(bytes) {
    const core = this.#core;
    if (bytes > this.#capacity) {
      if (this.#buffer) core._free(this.#buffer);
      this.#capacity = Math.max(4096, bytes);
      this.#buffer = core._malloc(this.#capacity);
      this.#target = null;
    }
    if (this.#target?.buffer !== core.HEAPU8.buffer)
      this.#target = core.HEAPU8.subarray(this.#buffer, this.#buffer + this.#capacity);
    return this.#target;
  }

  // Writes `text` as UTF-8 into wasm memory at this.#buffer and returns its length in bytes. A
  // string with lone surrogates is written as WTF-8 (a surrogate as its 3-byte form), so the core
  // sees and reports it instead of the U+FFFD that TextEncoder would substitute.
  #write(text) {
    const target = this.#view(typeof text === 'string' ? text.length * 3 : text.length); // UTF-8 upper bound
    if (typeof text !== 'string') return (target.set(text), text.length);
    if (text.isWellFormed()) return this.#encoder.encodeInto(text, target).written;
    return encodeWtf8(text, target);
  }

  #withBytes(text, fn) {
    const length = this.#write(text);
    return fn(this.#buffer, length);
  }
}

function toText(body) {
  return typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
}

function encodeWtf8(text, out) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[n++] = c;
    else if (c < 0x800) {
      out[n++] = 0xc0 | (c >> 6);
      out[n++] = 0x80 | (c & 63);
    } else if (c < 0x10000) {
      out[n++] = 0xe0 | (c >> 12);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    } else {
      out[n++] = 0xf0 | (c >> 18);
      out[n++] = 0x80 | ((c >> 12) & 63);
      out[n++] = 0x80 | ((c >> 6) & 63);
      out[n++] = 0x80 | (c & 63);
    }
  }
  return n;
}

function deepFreeze(value) {
  if (value && typeof value === 'object') Object.values(Object.freeze(value)).forEach(deepFreeze);
  return value;
}

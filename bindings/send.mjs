// The HTTP client of the module: builds the request with the core, sends it with fetch, and
// checks the response with the core. Every failure is a value (a `kind`), never a rejection.

/**
 * Builds and sends the request. Resolves to {ok: true, ...response} for a 2xx response, or to
 * {ok: false, kind, message, ...} for 'invalid', 'network', 'timeout', 'aborted' and 'http'.
 */
export async function send(api, body, options = {}) {
  const { baseUrl, token, timeoutMs = 30000, signal, force = false, locale } = options;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const built = api.buildRequest(body, { baseUrl, token, force, locale });
  if (!built.request) {
    return {
      ok: false,
      kind: 'invalid',
      message: describeViolations(built.violations),
      violations: built.violations,
    };
  }
  const { request } = built;
  if (signal?.aborted)
    return {
      ok: false,
      kind: 'aborted',
      message: 'The request was cancelled before it was sent.',
      request,
    };
  const deadline = new Deadline(signal, timeoutMs);
  try {
    return answered(api, request, await fetchOnce(fetchImpl, request, deadline.signal), locale);
  } catch (error) {
    return notAnswered({ fetchImpl, request, error, signal, timedOut: deadline.timedOut, timeoutMs });
  } finally {
    deadline.clear();
  }
}

// One signal for the caller's cancel and the timeout; `timedOut` says which fired.
class Deadline {
  #controller = new AbortController();
  #onAbort = () => this.#controller.abort();
  #timer;
  #outer;
  timedOut = false;

  constructor(outer, timeoutMs) {
    this.#outer = outer;
    outer?.addEventListener('abort', this.#onAbort, { once: true });
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#controller.abort();
    }, timeoutMs);
  }

  get signal() {
    return this.#controller.signal;
  }

  clear() {
    clearTimeout(this.#timer);
    this.#outer?.removeEventListener('abort', this.#onAbort);
  }
}

async function fetchOnce(fetchImpl, request, signal) {
  const started = performance.now();
  const response = await fetchImpl(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal,
    credentials: 'omit',
    cache: 'no-store',
    redirect: 'follow',
  });
  const text = await response.text();
  return { response, text, durationMs: performance.now() - started };
}

function answered(api, request, { response, text, durationMs }, locale) {
  const headers = Object.fromEntries(response.headers);
  const check = api.checkResponse(response.status, text, request, { locale });
  const result = { request, status: response.status, headers, text, durationMs, check };
  if (response.ok) return { ok: true, ...result };
  return {
    ok: false,
    kind: 'http',
    message: `The server answered ${response.status}${check.server?.message ? `: ${check.server.message}` : '.'}`,
    ...result,
  };
}

const NETWORK_WHY = {
  cors: "the server is up, but it did not allow this page's origin (CORS)",
  unreachable: 'nothing answers there: the server is down or unreachable',
  unknown: "the server is down or unreachable, or (in a browser) it does not allow this page's origin (CORS)",
};

async function notAnswered({ fetchImpl, request, error, signal, timedOut, timeoutMs }) {
  if (timedOut)
    return { ok: false, kind: 'timeout', message: `No response within ${timeoutMs} ms.`, request };
  if (signal?.aborted) return { ok: false, kind: 'aborted', message: 'The request was cancelled.', request };
  const cause = await networkCause(fetchImpl, request.url);
  const why = NETWORK_WHY[cause ?? 'unknown'];
  return {
    ok: false,
    kind: 'network',
    ...(cause && { cause }),
    message:
      `The request could not reach ${new URL(request.url).origin}: ${why}. ${error?.message ?? ''}`.trim(),
    request,
  };
}

// In a browser a failed fetch is a server that is not there or one that refused this page's
// origin (CORS), and the error does not say which. A no-cors request to the same origin needs no
// permission: it resolves (opaquely) whenever a server answers, so it tells the two apart.
// Elsewhere (Node) there is no CORS, and no cause to tell.
async function networkCause(fetchImpl, url) {
  if (typeof document === 'undefined' && typeof WorkerGlobalScope === 'undefined') return undefined;
  try {
    await fetchImpl(`${new URL(url).origin}/`, {
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.timeout(3000),
    });
    return 'cors';
  } catch {
    return 'unreachable';
  }
}

function describeViolations(violations) {
  const errors = violations.filter((v) => v.severity === 'error');
  const first = errors[0];
  return `Not sent: ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? `, first at ${first.location} ${first.path || '(root)'}: ${first.message}` : ''}`;
}

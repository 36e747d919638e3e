// The HTTP client of the module: builds the request with the core, sends it with fetch, and
// checks the response with the core. Every failure is a value (a `kind`), never a rejection.

/**
 * Builds and sends the request. Resolves to {ok: true, ...response} for a 2xx response, or to
 * {ok: false, kind, message, ...} for 'invalid', 'network', 'timeout', 'aborted' and 'http'.
 */
export async function send(api, body, options = {}) {
  const { baseUrl, token, signal, force = false, locale } = options;
  const timeoutMs = options.timeoutMs ?? api.limits.sendTimeoutMs;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const built = api.buildRequest(body, { baseUrl, token, force, locale });
  const unsent = notSent(built, signal);
  if (unsent) return unsent;
  const { request } = built;
  const started = performance.now();
  const answer = await exchange(request, { timeoutMs, signal, fetch: fetchImpl });
  if (answer.failure) return failure(answer, request, fetchImpl, timeoutMs);
  const durationMs = performance.now() - started;
  const { status, headers, text } = answer;
  const check = api.checkResponse(status, text, request, { locale });
  const result = { request, status, headers, text, durationMs, check };
  if (status >= 200 && status <= 299) return { ok: true, ...result };
  return {
    ok: false,
    kind: 'http',
    message: `The server answered ${status}${check.server?.message ? `: ${check.server.message}` : '.'}`,
    ...result,
  };
}

/**
 * One exchange of a built request with fetch, limited to `timeoutMs`: {status, headers, text},
 * or {failure: 'timeout' | 'aborted' | 'network', error}. Never rejects. send() and the batch
 * driver (batch.mjs) both send through it.
 */
export async function exchange(request, { timeoutMs, signal, fetch: fetchImpl = globalThis.fetch }) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'follow',
    });
    const text = await response.text();
    return { status: response.status, headers: Object.fromEntries(response.headers), text };
  } catch (error) {
    return { failure: timedOut ? 'timeout' : signal?.aborted ? 'aborted' : 'network', error };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

// send()'s answer for a request that is not sent: it has errors, or the caller cancelled first.
function notSent(built, signal) {
  if (!built.request) {
    const { violations } = built;
    return { ok: false, kind: 'invalid', message: describeViolations(violations), violations };
  }
  if (signal?.aborted) {
    const message = 'The request was cancelled before it was sent.';
    return { ok: false, kind: 'aborted', message, request: built.request };
  }
  return undefined;
}

// send()'s answer for an exchange that got no response.
async function failure({ failure: kind, error }, request, fetchImpl, timeoutMs) {
  if (kind === 'timeout')
    return { ok: false, kind: 'timeout', message: `No response within ${timeoutMs} ms.`, request };
  if (kind === 'aborted')
    return { ok: false, kind: 'aborted', message: 'The request was cancelled.', request };
  const cause = await networkCause(fetchImpl, request.url);
  const why =
    cause === 'cors'
      ? "the server is up, but it did not allow this page's origin (CORS)"
      : cause === 'unreachable'
        ? 'nothing answers there: the server is down or unreachable'
        : "the server is down or unreachable, or (in a browser) it does not allow this page's origin (CORS)";
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

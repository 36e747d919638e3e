// The HTTP client of the module: builds the request with the core, sends it with fetch, and
// checks the response with the core. Every failure is a value (a `kind`), never a rejection.

/**
 * Builds and sends the request. Resolves to {ok: true, ...response} for a 2xx response, or to
 * {ok: false, kind, message, ...} for 'invalid', 'network', 'timeout', 'aborted' and 'http'.
 */
export async function send(
  api,
  body,
  { baseUrl, token, timeoutMs = 30000, signal, fetch: fetchImpl = globalThis.fetch, force = false } = {},
) {
  const built = api.buildRequest(body, { baseUrl, token, force });
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

  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const started = performance.now();
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
    const durationMs = performance.now() - started;
    const headers = Object.fromEntries(response.headers);
    const check = api.checkResponse(response.status, text, request);
    const result = { request, status: response.status, headers, text, durationMs, check };
    if (response.ok) return { ok: true, ...result };
    return {
      ok: false,
      kind: 'http',
      message: `The server answered ${response.status}${check.server?.message ? `: ${check.server.message}` : '.'}`,
      ...result,
    };
  } catch (error) {
    if (timedOut)
      return { ok: false, kind: 'timeout', message: `No response within ${timeoutMs} ms.`, request };
    if (signal?.aborted)
      return { ok: false, kind: 'aborted', message: 'The request was cancelled.', request };
    return {
      ok: false,
      kind: 'network',
      message:
        `The request could not reach ${new URL(request.url).origin}: the server is down or unreachable, or (in a browser) it does not allow this page's origin (CORS). ${error?.message ?? ''}`.trim(),
      request,
    };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function describeViolations(violations) {
  const errors = violations.filter((v) => v.severity === 'error');
  const first = errors[0];
  return `Not sent: ${errors.length} error${errors.length === 1 ? '' : 's'}${first ? `, first at ${first.location} ${first.path || '(root)'}: ${first.message}` : ''}`;
}

// Renders what came back from a send: status, time, headers, body and the core's check, or a
// plain explanation of why nothing came back. Server text is always shown as text.
import { h } from './dom.js';
import { formatBytes, requestView } from './request-view.js';

const PREVIEW_LIMIT = 200_000; // characters shown before "Show all", so huge bodies stay responsive

const STATUS_TEXT = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function explainFailure(result, pageOrigin) {
  switch (result.kind) {
    case 'invalid':
      return 'Not sent: the request has errors (listed under Problems). Fix them, or use "Send anyway" to see how the server reacts.';
    case 'timeout':
      return `${result.message} The server may be slow or stuck; raise the timeout or check the server.`;
    case 'aborted':
      return 'Cancelled: you stopped the request before a response arrived.';
    case 'network': {
      const target = new URL(result.request.url).origin;
      if (result.cause === 'unreachable')
        return `Nothing answers at ${target}: the server is not running, or the address or port is wrong. Start it (userapi serve) or check the base URL.`;
      const how = `a browser only delivers the response when the server answers with Access-Control-Allow-Origin for this origin (CORS). For the userapi sandbox, start it with --allow-origin ${pageOrigin}.`;
      if (result.cause === 'cors')
        return `The server at ${target} is up, but it does not allow requests from this page's origin (${pageOrigin}): ${how}`;
      return `Could not reach ${target}. Either the server is not running, or it does not allow requests from this page's origin (${pageOrigin}): ${how}`;
    }
    default:
      return result.message;
  }
}

export function violationList(violations) {
  return h(
    'ul',
    { class: 'violations' },
    violations.map((v) =>
      h(
        'li',
        { class: v.severity },
        h('span', { class: 'badge' }, v.severity),
        ' ',
        h('code', {}, v.path || '(root)'),
        ' ',
        v.message,
        ' ',
        h('code', { class: 'code' }, `[${v.code}]`),
      ),
    ),
  );
}

// Offers the body as a file, with the type the server gave it.
function saveAs(text, type, status) {
  const url = URL.createObjectURL(new Blob([text], { type: type || 'application/octet-stream' }));
  const a = h('a', { href: url, download: `response-${status}.${/json/.test(type ?? '') ? 'json' : 'txt'}` });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The status line. Green only for the core's verdict (check.succeeded): a 2xx whose body breaks
// the contract is a failure here as in a batch and the CLI.
function statusLine({ status, durationMs, text, check }) {
  const size = new TextEncoder().encode(text).length;
  const broken =
    check.outcome === 'success' && !check.succeeded ? ', but the response breaks the contract' : '';
  return h(
    'p',
    { class: `outcome ${check.succeeded ? 'success' : 'failure'}`, role: 'status' },
    h('strong', {}, `${status} ${STATUS_TEXT[status] ?? ''}`.trim()),
    ` · ${Math.round(durationMs)} ms · ${formatBytes(size)} · outcome: ${check.outcome}${broken}`,
  );
}

/** Shows api.send's `result` (token masked); `typed` is the editor's text that was sent. */
export function renderResponse(container, result, pageOrigin, typed) {
  container.replaceChildren();
  if (!('status' in result)) {
    container.append(
      h(
        'p',
        { class: `outcome failure kind-${result.kind}`, role: 'alert' },
        explainFailure(result, pageOrigin),
      ),
    );
    if (result.request) container.append(requestView(result, typed));
    return;
  }
  const { status, headers, text, check } = result;
  container.append(statusLine(result));
  // The status line says "400 Bad Request" already; the server's own message follows below.
  if (result.kind === 'http' && !check.server?.message) container.append(h('p', {}, result.message));
  if (check.server?.message)
    container.append(h('p', { class: 'server-message' }, 'Server says: ', h('q', {}, check.server.message)));
  if (check.server?.violations?.length) {
    container.append(
      h('p', {}, 'The server reported these violations:'),
      violationList(check.server.violations),
    );
  }
  container.append(
    h('h3', {}, 'Response check'),
    check.violations.length
      ? violationList(check.violations)
      : h('p', {}, 'The response matches the contract.'),
  );
  container.append(requestView(result, typed));
  const headerRows = Object.entries(headers).map(([k, v]) =>
    h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)),
  );
  container.append(
    h(
      'details',
      {},
      h('summary', {}, `Headers (${headerRows.length})`),
      h('table', { class: 'headers' }, h('tbody', {}, headerRows)),
    ),
  );
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as received
  }
  const pre = h(
    'pre',
    { class: 'response-body', tabindex: '0', 'aria-label': 'Response body' },
    pretty.slice(0, PREVIEW_LIMIT),
  );
  const download = h(
    'button',
    { type: 'button', class: 'secondary', onclick: () => saveAs(text, headers['content-type'], status) },
    'Download',
  );
  container.append(h('div', { class: 'section-head' }, h('h3', {}, 'Body'), download), pre);
  if (pretty.length > PREVIEW_LIMIT) {
    const more = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          pre.textContent = pretty;
          more.remove();
        },
      },
      `Show all ${pretty.length.toLocaleString()} characters`,
    );
    container.append(more);
  }
}

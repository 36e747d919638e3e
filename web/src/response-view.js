// Renders what came back from a send: status, time, headers, body and the core's check, or a
// plain explanation of why nothing came back. Server text is always shown as text.
import { download, h, violationParts } from './dom.js';
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

/** Why nothing came back, in the page's language (`t`, texts.js). */
export function explainFailure(result, pageOrigin, t) {
  switch (result.kind) {
    case 'invalid':
      return t('failure.invalid');
    case 'timeout':
      return t('failure.timeout', { message: result.message });
    case 'aborted':
      return t('failure.aborted');
    case 'network': {
      const params = { target: new URL(result.request.url).origin, origin: pageOrigin };
      if (result.cause === 'unreachable') return t('failure.unreachable', params);
      const how = t('failure.corsHow', params);
      return t(result.cause === 'cors' ? 'failure.cors' : 'failure.network', { ...params, how });
    }
    default:
      return result.message;
  }
}

export function violationList(violations, t) {
  return h(
    'ul',
    { class: 'violations' },
    violations.map((v) => h('li', { class: v.severity }, violationParts(v, t, { root: t('response.root') }))),
  );
}

// Offers the body as a file, with the type the server gave it.
function saveAs(text, type, status, parent) {
  const name = `response-${status}.${/json/.test(type ?? '') ? 'json' : 'txt'}`;
  download(text, type || 'application/octet-stream', name, parent);
}

// The status line. Green only for the core's verdict (check.succeeded): a 2xx whose body breaks
// the contract is a failure here as in a batch and the CLI.
function statusLine({ status, durationMs, text, check }, t) {
  const size = new TextEncoder().encode(text).length;
  const broken = check.outcome === 'success' && !check.succeeded;
  // The reason phrase is HTTP's own (English) wording, as servers send it.
  return h(
    'p',
    { class: `outcome ${check.succeeded ? 'success' : 'failure'}`, role: 'status' },
    h(
      'strong',
      {},
      String(status),
      STATUS_TEXT[status] && h('span', { lang: 'en' }, ` ${STATUS_TEXT[status]}`),
    ),
    ` · ${Math.round(durationMs)} ms · ${formatBytes(size)} · `,
    t(broken ? 'response.outcomeBroken' : 'response.outcome', { outcome: check.outcome }),
  );
}

/** Shows api.send's `result` (token masked); `typed` is the editor's text that was sent; `t` the page's texts. */
export function renderResponse(container, result, pageOrigin, typed, t) {
  container.replaceChildren();
  if (!('status' in result)) {
    const why = explainFailure(result, pageOrigin, t);
    container.append(h('p', { class: `outcome failure kind-${result.kind}`, role: 'alert' }, why));
    if (result.request) container.append(requestView(result, typed, t));
    return;
  }
  container.append(
    statusLine(result, t),
    ...serverParts(result, t),
    h('h3', {}, t('response.check')),
    result.check.violations.length
      ? violationList(result.check.violations, t)
      : h('p', {}, t('response.matches')),
    requestView(result, typed, t),
    headersPart(result.headers, t),
    ...bodyParts(result, container, t),
  );
}

// What the server said of itself: its message and violations, when the body carries them.
function serverParts({ kind, message, check }, t) {
  const server = check.server ?? {};
  const parts = [];
  // The status line says "400 Bad Request" already; the server's own message follows below.
  if (kind === 'http' && !server.message) parts.push(h('p', {}, message));
  if (server.message)
    parts.push(
      h('p', { class: 'server-message' }, t('response.serverSays'), ' ', h('q', {}, server.message)),
    );
  if (server.violations?.length)
    parts.push(h('p', {}, t('response.serverViolations')), violationList(server.violations, t));
  return parts;
}

function headersPart(headers, t) {
  const rows = Object.entries(headers).map(([k, v]) =>
    h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v)),
  );
  return h(
    'details',
    {},
    h('summary', {}, t('response.headers', { count: rows.length })),
    h('table', { class: 'headers' }, h('tbody', {}, rows)),
  );
}

// The body, pretty-printed when it is JSON, its start only when long ("Show all"), and Download.
function bodyParts({ status, headers, text }, container, t) {
  let pretty = text;
  try {
    pretty = JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    // not JSON: shown as received
  }
  const pre = h(
    'pre',
    { class: 'response-body', translate: 'no', tabindex: '0', 'aria-label': t('response.bodyLabel') },
    pretty.slice(0, PREVIEW_LIMIT),
  );
  const save = () => saveAs(text, headers['content-type'], status, container);
  const parts = [
    h(
      'div',
      { class: 'section-head' },
      h('h3', {}, t('body.heading')),
      h('button', { type: 'button', class: 'secondary', onclick: save }, t('response.download')),
    ),
    pre,
  ];
  if (pretty.length > PREVIEW_LIMIT) {
    const more = h(
      'button',
      { type: 'button', class: 'secondary' },
      t('response.showAll', { count: pretty.length }),
    );
    more.addEventListener('click', () => {
      pre.textContent = pretty;
      more.remove();
    });
    parts.push(more);
  }
  return parts;
}

// The request of a send, under Response: "Request as sent" only when a response proves it went
// out; otherwise "Request (not sent)" with the reason, or "no response" when it may have left.
// The caller masks the token first.
import { h } from './dom.js';
import { compareSent, DETAIL_LIMIT } from './sent-bytes.js';

const PREVIEW_LIMIT = 200_000; // characters of body shown

export function formatBytes(n) {
  return n < 1024
    ? `${n} B`
    : n < 1048576
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${(n / 1048576).toFixed(2)} MiB`;
}

/** 'sent', 'not-sent' or 'unknown', and the words of the summary line. */
export function requestFate(result) {
  if ('status' in result) return { fate: 'sent', label: 'Request as sent' };
  if (result.kind === 'network') {
    const target = new URL(result.request.url).origin;
    const why =
      result.cause === 'cors'
        ? `the browser's CORS preflight was refused by ${target}, so the PUT never left this page`
        : result.cause === 'unreachable'
          ? `nothing answers at ${target} (network), so no byte reached a server`
          : `the browser could not reach ${target} (network, or CORS)`;
    return { fate: 'not-sent', label: `Request (not sent: ${why})` };
  }
  const why =
    result.kind === 'timeout' ? 'no response before the timeout' : 'cancelled before a response arrived';
  return { fate: 'unknown', label: `Request (${why}; it may or may not have reached the server)` };
}

// What the body is, in bytes, and how it relates to the editor's text (`typed`, when known).
function bodyNote(body, typed, fate) {
  const bytes = formatBytes(new TextEncoder().encode(body).length);
  const verb = fate === 'sent' ? 'sent' : 'to send';
  if (typed === undefined || typed === body) return `Body: ${bytes}, exactly these bytes ${verb}:`;
  const d = typed.length <= DETAIL_LIMIT ? compareSent(typed, body) : { escapes: [] };
  const escapes = d.escapes.map(([a, b]) => `${a} → ${b}`).join(', ');
  const typedBytes = new TextEncoder().encode(typed).length;
  return `Body: ${bytes}, exactly these bytes ${verb}: the editor's ${typedBytes} bytes re-written compactly by the contract${escapes ? ` (${escapes})` : ''}:`;
}

/** The request of `result` (api.send's, token masked); `typed` is the editor's text that was sent. */
export function requestView(result, typed) {
  const { request } = result;
  const { fate, label } = requestFate(result);
  return h(
    'details',
    { class: `request-view${fate === 'sent' ? ' request-sent' : ''}`, 'data-fate': fate },
    h('summary', {}, `${label}: ${request.method} ${request.url}`),
    h(
      'table',
      { class: 'headers' },
      h(
        'tbody',
        {},
        request.headers.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))),
      ),
    ),
    h('p', { class: 'hint' }, bodyNote(request.body, typed, fate)),
    h(
      'pre',
      { tabindex: '0', 'aria-label': fate === 'sent' ? 'Request body as sent' : 'Request body' },
      request.body.slice(0, PREVIEW_LIMIT),
    ),
  );
}

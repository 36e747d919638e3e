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

const NOT_SENT = { cors: 'fate.cors', unreachable: 'fate.unreachable' };

/** 'sent', 'not-sent' or 'unknown', and the words of the summary line (`t`: texts.js). */
export function requestFate(result, t) {
  if ('status' in result) return { fate: 'sent', label: t('fate.sent') };
  if (result.kind === 'network') {
    const why = t(NOT_SENT[result.cause] ?? 'fate.network', { target: new URL(result.request.url).origin });
    return { fate: 'not-sent', label: t('fate.notSent', { why }) };
  }
  const why = t(result.kind === 'timeout' ? 'fate.timeout' : 'fate.cancelled');
  return { fate: 'unknown', label: t('fate.unknown', { why }) };
}

// What the body is, in bytes, and how it relates to the editor's text (`typed`, when known).
function bodyNote(body, typed, fate, t) {
  const bytes = formatBytes(new TextEncoder().encode(body).length);
  const sent = fate === 'sent';
  if (typed === undefined || typed === body) return t(sent ? 'note.sent' : 'note.toSend', { bytes });
  const d = typed.length <= DETAIL_LIMIT ? compareSent(typed, body) : { escapes: [] };
  const escapes = d.escapes.map(([a, b]) => `${a} → ${b}`).join(', ');
  const typedBytes = new TextEncoder().encode(typed).length;
  const key = `${sent ? 'note.sent' : 'note.toSend'}Rewritten${escapes ? 'Escapes' : ''}`;
  return t(key, { bytes, typed: typedBytes, escapes });
}

/** The request of `result` (api.send's, token masked); `typed` is the editor's text that was sent. */
export function requestView(result, typed, t) {
  const { request } = result;
  const { fate, label } = requestFate(result, t);
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
    h('p', { class: 'hint' }, bodyNote(request.body, typed, fate, t)),
    h(
      'pre',
      {
        translate: 'no',
        tabindex: '0',
        'aria-label': t(fate === 'sent' ? 'request.bodySent' : 'request.body'),
      },
      request.body.slice(0, PREVIEW_LIMIT),
    ),
  );
}

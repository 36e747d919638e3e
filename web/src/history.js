// This tab's sends, newest first: in memory only, never the token (requests are kept with the
// Authorization value redacted). Each entry re-opens its body and base URL, or sends it again.
import { h } from './dom.js';

const MAX_ENTRIES = 50;

export class SendHistory {
  #entries = [];
  #list = h('ol', { class: 'history-list' });
  #empty = h('p', { class: 'hint' }, 'Nothing sent yet in this tab.');

  /** onOpen(entry) puts an entry back into the editor; onResend(entry) also sends it. */
  constructor({ onOpen, onResend }) {
    this.onOpen = onOpen;
    this.onResend = onResend;
    this.element = h(
      'section',
      { class: 'card history', part: 'card history', 'aria-labelledby': 'history-heading' },
      h('h2', { id: 'history-heading' }, 'History'),
      this.#empty,
      this.#list,
    );
  }

  /** Records a send: the editor's text, the base URL and the outcome (request already redacted). */
  add({ body, baseUrl, result }) {
    const entry = {
      at: new Date(),
      body,
      baseUrl,
      outcome: result.status ? String(result.status) : result.kind, // a status, or why there is none
      ok: !!result.check?.succeeded, // the core's verdict, as batches and the CLI count it
      durationMs: result.durationMs,
    };
    this.#entries.unshift(entry);
    this.#entries.length = Math.min(this.#entries.length, MAX_ENTRIES);
    this.#render();
  }

  #render() {
    this.#empty.hidden = this.#entries.length > 0;
    this.#list.replaceChildren(
      ...this.#entries.map((entry, i) =>
        h(
          'li',
          { class: entry.ok ? 'success' : 'failure' },
          h('span', { class: 'badge' }, entry.outcome),
          ' ',
          h('time', { datetime: entry.at.toISOString() }, entry.at.toLocaleTimeString()),
          entry.durationMs !== undefined ? ` · ${Math.round(entry.durationMs)} ms` : '',
          ' · ',
          h('code', {}, summary(entry.body)),
          h(
            'span',
            { class: 'inline' },
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': `Open ${i + 1}`,
                onclick: () => this.onOpen(entry),
              },
              'Open',
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': `Re-send ${i + 1}`,
                onclick: () => this.onResend(entry),
              },
              'Re-send',
            ),
          ),
        ),
      ),
    );
  }
}

// The user_group_id of a body, or its first characters.
function summary(body) {
  try {
    const id = JSON.parse(body)?.user_group_id;
    if (typeof id === 'string') return id.length > 40 ? `${id.slice(0, 40)}…` : id;
  } catch {
    // not JSON: its start
  }
  return body.length > 40 ? `${body.slice(0, 40)}…` : body;
}

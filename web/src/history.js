// This tab's sends, newest first: in memory only, never the token (requests are kept with the
// Authorization value redacted). Each entry re-opens its body and base URL, or sends it again.
import { h } from './dom.js';
import { translator } from './texts.js';

const MAX_ENTRIES = 50;

export class SendHistory {
  #entries = [];
  #list = h('ol', { class: 'history-list' });
  #empty = h('p', { class: 'hint' });
  #heading = h('h2', { id: 'history-heading' });
  #t;

  /** onOpen(entry) puts an entry back into the editor; onResend(entry) also sends it. */
  constructor({ onOpen, onResend }) {
    this.onOpen = onOpen;
    this.onResend = onResend;
    this.element = h(
      'section',
      { class: 'card history', part: 'card history', 'aria-labelledby': 'history-heading' },
      this.#heading,
      this.#empty,
      this.#list,
    );
    this.setTexts(translator('en'));
  }

  /** Shows the list in the language of `t` (texts.js). */
  setTexts(t) {
    this.#t = t;
    this.#heading.textContent = t('history.heading');
    this.#empty.textContent = t('history.empty');
    this.#render();
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
    const t = this.#t;
    this.#empty.hidden = this.#entries.length > 0;
    this.#list.replaceChildren(
      ...this.#entries.map((entry, i) =>
        h(
          'li',
          { class: entry.ok ? 'success' : 'failure' },
          h('span', { class: 'badge' }, entry.outcome),
          ' ',
          h('time', { datetime: entry.at.toISOString() }, entry.at.toLocaleTimeString(t.tag)),
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
                'aria-label': t('history.openLabel', { n: i + 1 }),
                onclick: () => this.onOpen(entry),
              },
              t('history.open'),
            ),
            h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'aria-label': t('history.resendLabel', { n: i + 1 }),
                onclick: () => this.onResend(entry),
              },
              t('history.resend'),
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

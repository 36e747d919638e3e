// The Response card: what the last send brought back (response-view.js), and "What is stored
// now?", which reads the user group back from a userapi sandbox.
import { h } from './dom.js';
import { renderResponse } from './response-view.js';
import { readStored } from './sandbox-client.js';

export class ResponseCard {
  #ui = {};
  #shown; // the last response shown, re-rendered in another locale
  #t;

  /** `target()` gives {id, baseUrl, token, auth} for reading back (id: the body's user_group_id). */
  constructor(target) {
    const ui = this.#ui;
    this.target = target;
    ui.response = h(
      'div',
      { class: 'response', part: 'response', 'aria-live': 'polite' },
      h('p', { class: 'hint', 'data-t': 'response.nothing' }),
    );
    ui.stored = h('pre', {
      class: 'stored',
      translate: 'no',
      tabindex: '0',
      'data-t-label': 'response.storedLabel',
    });
    const readBack = h('button', {
      type: 'button',
      class: 'secondary',
      'data-t': 'response.readBack',
      onclick: () => this.#readBack(),
    });
    this.element = h(
      'section',
      { class: 'card response-card', part: 'card', 'aria-labelledby': 'response-heading' },
      h('h2', { id: 'response-heading', 'data-t': 'response.heading' }),
      ui.response,
      h(
        'div',
        { class: 'inline' },
        readBack,
        h('span', { class: 'hint', 'data-t': 'response.readBackHint' }),
      ),
      ui.stored,
    );
  }

  sending() {
    this.#ui.response.replaceChildren(h('p', { class: 'hint' }, this.#t('send.sending')));
  }

  /** Shows api.send's `result` (token masked); `typed` is the editor's text that was sent. */
  show(result, typed) {
    this.#shown = { result, typed };
    renderResponse(this.#ui.response, result, location.origin, typed, this.#t);
  }

  setTexts(t) {
    this.#t = t;
    if (this.#shown) this.show(this.#shown.result, this.#shown.typed);
  }

  async #readBack() {
    const { id, baseUrl, token, auth } = this.target();
    const stored = this.#ui.stored;
    if (typeof id !== 'string' || !id) {
      stored.textContent = this.#t('stored.needId');
      return;
    }
    const answer = await readStored(baseUrl, id, auth, token);
    const t = this.#t;
    if (answer.json !== undefined) stored.textContent = answer.json;
    else if (answer.error !== undefined) stored.textContent = t('stored.failed', { error: answer.error });
    else if (answer.status === 404) stored.textContent = t('stored.none');
    else stored.textContent = t('stored.status', { status: String(answer.status), text: answer.text });
  }
}

// "Where to send": the base URL (with Sandbox and Production presets) and the API token (show,
// forget, and "Remember for this tab" when the page allows session storage). Both the single
// request and the Batch tab use it; the element moves the card to the panel shown.
import { h } from './dom.js';
import { sessionNote } from './sandbox-client.js';
import { TokenStore } from './token-store.js';

export class TargetCard {
  #ui = {};
  #store;
  #t;
  #session; // the sandbox session's expiry, when a session token is in use

  /**
   * `baseUrl`: the preset; `pageOrigin`: the page's web origin (Sandbox button) or undefined;
   * `production()`: the production API's URL; `onChange()` after every edit.
   */
  constructor({ baseUrl, pageOrigin, allowSession, production, onChange }) {
    this.#store = new TokenStore(allowSession);
    const ui = this.#ui;
    ui.baseUrl = h('input', {
      id: 'base-url',
      type: 'url',
      value: baseUrl,
      spellcheck: 'false',
      oninput: onChange,
    });
    ui.token = h('input', {
      id: 'token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-t-placeholder': 'target.tokenPlaceholder',
      oninput: () => (this.#remember(), onChange()),
    });
    this.onChange = onChange;
    this.element = h(
      'section',
      { class: 'card target', part: 'card', 'aria-labelledby': 'target-heading' },
      h('h2', { id: 'target-heading', 'data-t': 'target.heading' }),
      this.#baseUrlField(pageOrigin, production),
      this.#tokenField(allowSession),
    );
  }

  #baseUrlField(pageOrigin, production) {
    const preset = (key, url) =>
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-t': key,
        onclick: () => this.setBaseUrl(url()),
      });
    return h(
      'div',
      { class: 'field' },
      h('label', { for: 'base-url', 'data-t': 'target.baseUrl' }),
      h(
        'div',
        { class: 'inline' },
        this.#ui.baseUrl,
        pageOrigin && preset('target.sandbox', () => pageOrigin),
        preset('target.production', production),
      ),
    );
  }

  #tokenField(allowSession) {
    const ui = this.#ui;
    ui.showToken = h('button', {
      type: 'button',
      class: 'secondary',
      'aria-controls': 'token',
      onclick: () => this.#toggleToken(),
    });
    ui.remember = h('input', { id: 'remember', type: 'checkbox', onchange: () => this.#remember() });
    ui.sessionNote = h('p', { class: 'hint', id: 'session-note', role: 'status' });
    const forget = h('button', {
      type: 'button',
      class: 'secondary',
      'data-t-label': 'target.forgetLabel',
      'data-t': 'target.forget',
      onclick: () => this.#forget(),
    });
    const storage = allowSession
      ? h('label', {}, ui.remember, ' ', h('span', { 'data-t': 'target.remember' }))
      : h('span', { 'data-t': 'target.memoryOnly' });
    return h(
      'div',
      { class: 'field' },
      h('label', { for: 'token', 'data-t': 'target.token' }),
      h('div', { class: 'inline' }, ui.token, ui.showToken, forget),
      h('p', { class: 'hint' }, storage),
      ui.sessionNote,
    );
  }

  get baseUrl() {
    return this.#ui.baseUrl.value;
  }

  get token() {
    return this.#ui.token.value;
  }

  setBaseUrl(url) {
    this.#ui.baseUrl.value = url;
    this.onChange();
  }

  /** Puts back the token remembered for this tab, if any. */
  restoreToken() {
    const saved = this.#store.restore();
    if (!saved) return;
    this.#ui.token.value = saved;
    this.#ui.remember.checked = true;
  }

  /** Uses a sandbox session's token (expiresAt: its expiry), or says why there is none. */
  useSession(session) {
    if (session.error) {
      this.#ui.sessionNote.textContent = this.#t('session.failed', { error: session.error });
      return;
    }
    this.#session = session.expiresAt;
    this.#ui.token.value = session.token;
    this.#ui.sessionNote.textContent = sessionNote(session.expiresAt, this.#t);
    this.onChange();
  }

  /** Moves the focus to the field a violation's location names. */
  focus(location) {
    (location === 'token' ? this.#ui.token : this.#ui.baseUrl).focus();
  }

  /** The texts that are not static (texts.js writes the data-t ones). */
  setTexts(t) {
    this.#t = t;
    this.#ui.showToken.textContent = t(this.#ui.token.type === 'text' ? 'target.hide' : 'target.show');
    if (this.#session) this.#ui.sessionNote.textContent = sessionNote(this.#session, t);
  }

  #toggleToken() {
    const shown = this.#ui.token.type === 'text';
    this.#ui.token.type = shown ? 'password' : 'text';
    // The label says what a press does (no aria-pressed as well: a toggle keeps its label).
    this.#ui.showToken.textContent = this.#t(shown ? 'target.show' : 'target.hide');
  }

  #remember() {
    this.#store.store(this.#ui.token.value, this.#ui.remember.checked);
  }

  #forget() {
    this.#ui.token.value = '';
    this.#ui.remember.checked = false;
    this.#store.forget();
    this.onChange();
  }
}

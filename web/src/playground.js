// <update-user-playground base-url="..." token-storage="memory|session" theme="auto|light|dark">:
// build, validate and send PUT /api/user requests with the userapi wasm core. The page is this
// element and nothing else, so a docs site can drop the same element in (`import
// 'userapi/playground'`). Its public surface is documented in docs/playground.md and typed in
// playground.d.ts.
import { createUserApi } from 'userapi';

import styles from './playground.css';

import { BatchView } from './batch-view.js';
import { BodyForm } from './body-form.js';
import { createEditor } from './editor.js';
import { docsPanel } from './docs-panel.js';
import { h } from './dom.js';
import { SendHistory } from './history.js';
import { followHostTheme } from './host-theme.js';
import { renderResponse } from './response-view.js';
import { sandboxSession, sessionNote } from './sandbox-session.js';
import { sentBytesText } from './sent-bytes.js';
import { applyTexts, pickLocale, translator } from './texts.js';

const TOKEN_KEY = 'userapi.playground.token';
const EXAMPLE = `{
  "user_group_id": "example_1",
  "name": "Example 1",
  "mapping": {"40": "213", "134": "386"},
  "properties": {"filterValue": "value"}
}
`;
const LOCATION_LABELS = { base_url: 'target.baseUrl', token: 'target.token' };
const SNIPPET_PREVIEW = 20_000; // characters of snippet shown; Copy copies the whole

// The Problems list reads like the text: base URL and token first (they sit above the body), then
// the body's violations by where they start, then those without a place (a missing member).
const LOCATION_ORDER = { base_url: 0, token: 1, body: 2, response: 3 };
function inPositionOrder(violations) {
  const key = (v) => [LOCATION_ORDER[v.location] ?? 9, v.offset === undefined ? 1 : 0, v.offset ?? 0];
  return [...violations].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}

// One stylesheet object for every instance, adopted into each shadow root: no <link> or <style>
// to add, nothing global, and allowed under a CSP without 'unsafe-inline'.
let sheet;
function adoptStyles(root) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(styles);
  }
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

// On a server (SSR, Node) there is no DOM: the class extends a stand-in and nothing is defined, so
// importing this module never throws there; the element upgrades when the page loads it in a browser.
const ElementBase = globalThis.HTMLElement ?? class {};

export class UpdateUserPlayground extends ElementBase {
  #api;
  #editor;
  #form;
  #ui = {};
  #language = 'curl';
  #built;
  #controller;
  #snippetText = ''; // the whole snippet (the preview may show only its start)
  #editing = false; // the form is writing into the editor
  #mode = 'single'; // or 'batch'
  #batch; // the Batch tab's view, made when the tab is first opened
  #stopTheme; // stops following the host page's theme (while disconnected)
  #t = translator('en'); // the page's texts in the element's locale
  #langSet; // the lang this element wrote on itself (not the author's)
  #status = ['status.loading', {}]; // the status line's text key and params
  #session; // the sandbox session's expiry, when the page uses one
  #shownResponse; // the last response shown, re-rendered when the locale changes

  static observedAttributes = ['locale'];

  #pending = {}; // body / baseUrl set before the element was ready
  #history = new SendHistory({
    onOpen: (entry) => this.#open(entry),
    onResend: (entry) => {
      this.#open(entry);
      this.#send(false);
    },
  });

  /** Milliseconds the wasm module took to load and instantiate (for tests and curious users). */
  instantiateMs;

  /** The body text in the editor; setting it replaces the text (and validates it). */
  get body() {
    return this.#editor ? this.#editor.text : (this.#pending.body ?? this.#initialBody());
  }
  set body(text) {
    if (this.#editor) this.#editor.setText(String(text));
    else this.#pending.body = String(text);
  }

  /** The base URL in the "Where to send" field. */
  get baseUrl() {
    return this.#ui.baseUrl
      ? this.#ui.baseUrl.value
      : (this.#pending.baseUrl ?? this.getAttribute('base-url'));
  }
  set baseUrl(url) {
    if (!this.#ui.baseUrl) {
      this.#pending.baseUrl = String(url);
      return;
    }
    this.#ui.baseUrl.value = String(url);
    this.#update();
  }

  /** The language of the element's texts and messages (the `locale` attribute, see docs/playground.md). */
  get locale() {
    return this.#t.tag;
  }
  set locale(tag) {
    this.setAttribute('locale', String(tag));
  }

  attributeChangedCallback(name) {
    if (name === 'locale' && this.shadowRoot) this.#applyLocale();
  }

  // The `locale` attribute, else the nearest lang (the author's own on this element, an
  // ancestor's, the document's), else the browser's languages.
  #requestedLocale() {
    const own = this.getAttribute('lang');
    const authored = own && own !== this.#langSet ? own : '';
    return (
      this.getAttribute('locale') ||
      authored ||
      this.parentElement?.closest('[lang]')?.getAttribute('lang') ||
      document.documentElement.lang ||
      navigator.languages
    );
  }

  async connectedCallback() {
    if (this.shadowRoot) return this.#followTheme(); // moved: the new place's theme
    // The module compiles (from the bytes the page preloads) while the layout is built.
    const started = performance.now();
    const loading = createUserApi();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    this.#t = translator(pickLocale(this.#requestedLocale()));
    root.append(this.#layout());
    this.#applyLocale();
    this.#followTheme();
    if (this.#pending.baseUrl !== undefined) this.#ui.baseUrl.value = this.#pending.baseUrl;
    try {
      this.#api = await loading;
    } catch (error) {
      this.#setStatus('status.failed', { error: error.message });
      return;
    }
    this.instantiateMs = performance.now() - started;
    this.#setStatus('status.ready', { version: this.#api.version });
    if (!this.#ui.baseUrl.value) this.#ui.baseUrl.value = this.#api.contract.defaultBaseUrl;
    this.#form = new BodyForm((body) => this.#fromForm(body), this.#api.contract.members, this.#t);
    this.#ui.docs.append(...docsPanel(this.#api.contract, this.#t));
    this.#ui.tabs.append(...this.#languageTabs(this.#api.contract));
    this.#ui.tabs.removeAttribute('aria-busy');
    this.#ui.formSlot.append(this.#form.element);
    this.#editor = createEditor({
      parent: this.#ui.editorSlot,
      root,
      text: this.#pending.body ?? this.#initialBody(),
      label: this.#t('body.editorLabel'),
      describedBy: 'editor-hint',
      onChange: (text) => this.#update(text),
      onSubmit: () => this.#send(false),
    });
    this.#restoreToken();
    this.#update(this.#editor.text);
    this.#askForSession();
    this.dispatchEvent(new CustomEvent('userapi-ready', { bubbles: true, composed: true }));
  }

  #setStatus(key, params) {
    this.#status = [key, params];
    this.#ui.status.textContent = this.#t(key, params);
  }

  // Shows every text in the current locale: the static layout by its data-t keys, the rest
  // re-rendered. The element's lang says which language that is (screen readers, axe).
  #applyLocale() {
    const tag = pickLocale(this.#requestedLocale());
    const t = (this.#t = translator(tag));
    this.#langSet = tag;
    this.setAttribute('lang', tag);
    applyTexts(this.shadowRoot, t);
    this.#ui.status.textContent = t(...this.#status);
    this.#ui.showToken.textContent = t(this.#ui.token.type === 'text' ? 'target.hide' : 'target.show');
    if (this.#session) this.#ui.sessionNote.textContent = sessionNote(this.#session, t);
    this.#history.setTexts(t);
    if (!this.#api) return;
    this.#ui.docs.replaceChildren(...docsPanel(this.#api.contract, t));
    this.#form.setTexts(t);
    this.#batch?.setTexts(t);
    this.#editor.setLabel(t('body.editorLabel'));
    if (this.#shownResponse)
      renderResponse(
        this.#ui.response,
        this.#shownResponse.shown,
        location.origin,
        this.#shownResponse.typed,
        t,
      );
    this.#update();
  }

  disconnectedCallback() {
    this.#stopTheme?.();
    this.#stopTheme = undefined;
  }

  // theme="auto" follows the host page (host-theme.js); the stylesheet keys on data-scheme.
  #followTheme() {
    this.#stopTheme?.();
    const wrapper = this.shadowRoot.querySelector('.playground');
    this.#stopTheme = followHostTheme(this, (theme) => (wrapper.dataset.scheme = theme));
  }

  #layout() {
    const ui = this.#ui;
    const pageOrigin = /^https?:$/.test(location.protocol) ? location.origin : undefined;
    ui.baseUrl = h('input', {
      id: 'base-url',
      type: 'url',
      // Without an attribute or a web origin (a file:// page): the production API, once the core is loaded.
      value: this.getAttribute('base-url') ?? pageOrigin ?? '',
      spellcheck: 'false',
      oninput: () => this.#update(),
    });
    ui.token = h('input', {
      id: 'token',
      type: 'password',
      autocomplete: 'off',
      spellcheck: 'false',
      'data-t-placeholder': 'target.tokenPlaceholder',
      oninput: () => {
        this.#storeToken();
        this.#update();
      },
    });
    ui.showToken = h(
      'button',
      { type: 'button', class: 'secondary', 'aria-controls': 'token', onclick: () => this.#toggleToken() },
      this.#t('target.show'),
    );
    ui.remember = h('input', { id: 'remember', type: 'checkbox', onchange: () => this.#storeToken() });
    ui.sessionNote = h('p', { class: 'hint', id: 'session-note', role: 'status' });
    const allowSession = this.getAttribute('token-storage') === 'session';
    ui.status = h('p', { class: 'status', role: 'status', part: 'status' }, this.#t('status.loading'));
    ui.formSlot = h('div', { class: 'form-slot' });
    ui.editorSlot = h('div', { class: 'editor-slot', part: 'editor' });
    // Only the count is a live region: the list changes on every keystroke and would be read out
    // again and again.
    ui.problemCount = h('p', { class: 'problem-count', role: 'status' });
    ui.problemList = h('ul', {});
    ui.problems = h('div', { class: 'problems' }, ui.problemCount, ui.problemList);
    ui.snippet = h('pre', {
      class: 'snippet',
      part: 'snippet',
      tabindex: '0',
      'aria-labelledby': 'request-heading',
    });
    ui.snippetNote = h('p', { class: 'hint' });
    ui.reveal = h('input', { id: 'reveal', type: 'checkbox', onchange: () => this.#renderSnippet() });
    ui.copyStatus = h('span', { class: 'copy-status', role: 'status' });
    // The tabs come from the core's list (api.contract.languages) once the module is loaded.
    ui.tabs = h('div', {
      class: 'tabs',
      role: 'tablist',
      'data-t-label': 'request.languages',
      'aria-busy': 'true',
    });
    ui.timeout = h('input', {
      id: 'timeout',
      type: 'number',
      min: '100',
      step: '100',
      value: '10000',
      inputmode: 'numeric',
    });
    ui.send = h('button', {
      type: 'button',
      class: 'primary',
      part: 'send-button',
      onclick: () => this.#send(false),
      'data-t': 'send.send',
    });
    ui.sendAnyway = h('button', {
      type: 'button',
      class: 'secondary',
      hidden: true,
      onclick: () => this.#send(true),
      'data-t': 'send.anyway',
    });
    ui.cancel = h('button', {
      type: 'button',
      class: 'secondary',
      disabled: true,
      onclick: () => this.#controller?.abort(),
      'data-t': 'send.cancel',
    });
    ui.sendHint = h('p', { class: 'hint', id: 'send-hint' });
    ui.sentBytes = h('p', { class: 'hint sent-bytes' });
    ui.docs = h('section', { class: 'card docs', part: 'card docs', 'aria-labelledby': 'docs-heading' });
    ui.response = h(
      'div',
      { class: 'response', part: 'response', 'aria-live': 'polite' },
      h('p', { class: 'hint', 'data-t': 'response.nothing' }),
    );
    ui.stored = h('pre', { class: 'stored', tabindex: '0', 'data-t-label': 'response.storedLabel' });
    ui.shareStatus = h('span', { class: 'copy-status', role: 'status' });

    const wrapper = h(
      'div',
      {
        class: 'playground',
        part: 'playground',
        onkeydown: (e) => {
          // defaultPrevented: the editor's own Mod-Enter already sent.
          if (
            e.key === 'Enter' &&
            (e.ctrlKey || e.metaKey) &&
            !e.defaultPrevented &&
            this.#mode === 'single'
          ) {
            e.preventDefault();
            this.#send(false);
          }
        },
      },
      h(
        'header',
        { part: 'header' },
        h('h1', { 'data-t': 'header.title' }),
        h(
          'p',
          { class: 'endpoint' },
          h('span', { class: 'method' }, 'PUT'),
          ' ',
          h('code', {}, '{base}/api/user'),
        ),
        this.#modeTabs(),
        ui.status,
      ),
      h(
        'div',
        { class: 'columns', id: 'mode-single', role: 'tabpanel', 'aria-labelledby': 'mode-tab-single' },
        h(
          'div',
          { class: 'request-column' },
          h(
            'section',
            { class: 'card target', part: 'card', 'aria-labelledby': 'target-heading' },
            h('h2', { id: 'target-heading', 'data-t': 'target.heading' }),
            h(
              'div',
              { class: 'field' },
              h('label', { for: 'base-url', 'data-t': 'target.baseUrl' }),
              h(
                'div',
                { class: 'inline' },
                ui.baseUrl,
                pageOrigin &&
                  h('button', {
                    type: 'button',
                    class: 'secondary',
                    onclick: () => this.#setBase(pageOrigin),
                    'data-t': 'target.sandbox',
                  }),
                h('button', {
                  type: 'button',
                  class: 'secondary',
                  onclick: () => this.#setBase(this.#api.contract.defaultBaseUrl),
                  'data-t': 'target.production',
                }),
              ),
            ),
            h(
              'div',
              { class: 'field' },
              h('label', { for: 'token', 'data-t': 'target.token' }),
              h(
                'div',
                { class: 'inline' },
                ui.token,
                ui.showToken,
                h('button', {
                  type: 'button',
                  class: 'secondary',
                  'data-t-label': 'target.forgetLabel',
                  'data-t': 'target.forget',
                  onclick: () => this.#forgetToken(),
                }),
              ),
              h(
                'p',
                { class: 'hint' },
                allowSession
                  ? h('label', {}, ui.remember, ' ', h('span', { 'data-t': 'target.remember' }))
                  : h('span', { 'data-t': 'target.memoryOnly' }),
              ),
              ui.sessionNote,
            ),
          ),
          h(
            'section',
            { class: 'card body', part: 'card', 'aria-labelledby': 'body-heading' },
            h(
              'div',
              { class: 'section-head' },
              h('h2', { id: 'body-heading', 'data-t': 'body.heading' }),
              h(
                'div',
                { class: 'inline' },
                h('button', {
                  type: 'button',
                  class: 'secondary',
                  onclick: () => this.#editor?.setText(EXAMPLE),
                  'data-t': 'body.reset',
                }),
                h('button', {
                  type: 'button',
                  class: 'secondary',
                  onclick: () => this.#share(),
                  'data-t': 'body.share',
                }),
                ui.shareStatus,
              ),
            ),
            // The problems sit under the editor (above the form in one column): the first one
            // and its fix are in the first screen (playground.css, .body-grid).
            h(
              'div',
              { class: 'body-grid' },
              h('div', { class: 'form-col' }, h('h3', { 'data-t': 'body.form' }), ui.formSlot),
              h(
                'div',
                { class: 'json-col' },
                h('h3', { 'data-t': 'body.json' }),
                ui.editorSlot,
                // Tab indents in the editor, so keyboard users need the way out (WCAG 2.1.2).
                h('p', { class: 'hint', id: 'editor-hint', 'data-t': 'body.editorHint' }),
              ),
              h(
                'section',
                { class: 'problems-area', part: 'problems', 'aria-labelledby': 'problems-heading' },
                h('h3', { id: 'problems-heading', 'data-t': 'problems.heading' }),
                ui.problems,
              ),
            ),
          ),
          h(
            'section',
            { class: 'card send-bar', part: 'card', 'aria-labelledby': 'send-heading' },
            h('h2', { id: 'send-heading', class: 'visually-hidden', 'data-t': 'send.heading' }),
            h(
              'div',
              { class: 'inline' },
              ui.send,
              ui.sendAnyway,
              ui.cancel,
              h('label', { for: 'timeout', 'data-t': 'send.timeout' }),
              ui.timeout,
            ),
            ui.sendHint,
            ui.sentBytes,
          ),
          h(
            'section',
            { class: 'card', part: 'card', 'aria-labelledby': 'request-heading' },
            h(
              'div',
              { class: 'section-head' },
              h('h2', { id: 'request-heading', 'data-t': 'request.heading' }),
              ui.tabs,
            ),
            h(
              'div',
              { id: 'snippet-panel', role: 'tabpanel', 'aria-labelledby': `tab-${this.#language}` },
              ui.snippet,
              ui.snippetNote,
            ),
            h(
              'div',
              { class: 'inline' },
              h('button', {
                type: 'button',
                class: 'secondary',
                'data-t-label': 'request.copyLabel',
                'data-t': 'request.copy',
                onclick: () => this.#copySnippet(),
              }),
              ui.copyStatus,
              h('label', {}, ui.reveal, ' ', h('span', { 'data-t': 'request.reveal' })),
            ),
          ),
        ),
        h(
          'div',
          { class: 'response-column' },
          h(
            'section',
            { class: 'card response-card', part: 'card', 'aria-labelledby': 'response-heading' },
            h('h2', { id: 'response-heading', 'data-t': 'response.heading' }),
            ui.response,
            h(
              'div',
              { class: 'inline' },
              h('button', {
                type: 'button',
                class: 'secondary',
                onclick: () => this.#readStored(),
                'data-t': 'response.readBack',
              }),
              h('span', { class: 'hint', 'data-t': 'response.readBackHint' }),
            ),
            ui.stored,
          ),
          this.#history.element,
          ui.docs,
        ),
      ),
      h('div', {
        class: 'batch-panel',
        id: 'mode-batch',
        role: 'tabpanel',
        'aria-labelledby': 'mode-tab-batch',
        hidden: true,
      }),
    );
    ui.send.setAttribute('aria-describedby', 'send-hint');
    ui.columns = wrapper.querySelector('#mode-single');
    ui.batchPanel = wrapper.querySelector('#mode-batch');
    ui.target = wrapper.querySelector('.card.target');
    return wrapper;
  }

  // "One request" and "Batch": the same base URL and token (their card moves to the shown panel).
  #modeTabs() {
    const modes = [
      ['single', 'mode.single'],
      ['batch', 'mode.batch'],
    ];
    const keys = (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next =
        modes[(modes.findIndex(([id]) => id === this.#mode) + step + modes.length) % modes.length][0];
      this.#selectMode(next);
      this.shadowRoot.getElementById(`mode-tab-${next}`).focus();
    };
    this.#ui.modeTabs = h(
      'div',
      { class: 'tabs mode-tabs', role: 'tablist', 'data-t-label': 'mode.label' },
      modes.map(([id, label]) =>
        h('button', {
          type: 'button',
          role: 'tab',
          id: `mode-tab-${id}`,
          tabindex: id === this.#mode ? '0' : '-1',
          'aria-selected': String(id === this.#mode),
          'aria-controls': `mode-${id}`,
          onclick: () => this.#selectMode(id),
          onkeydown: keys,
          'data-t': label,
        }),
      ),
    );
    return this.#ui.modeTabs;
  }

  #selectMode(mode) {
    const ui = this.#ui;
    if (!this.#api) return; // the Batch tab needs the validator
    this.#mode = mode;
    for (const tab of ui.modeTabs.children) {
      const selected = tab.id === `mode-tab-${mode}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    if (mode === 'batch' && !this.#batch) {
      this.#batch = new BatchView(
        this.#api,
        () => ({ baseUrl: ui.baseUrl.value, token: ui.token.value }),
        (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail })),
        this.#t,
      );
      ui.batchPanel.append(this.#batch.element);
    }
    ui.columns.hidden = mode !== 'single';
    ui.batchPanel.hidden = mode !== 'batch';
    if (mode === 'batch') ui.batchPanel.prepend(ui.target);
    else ui.columns.querySelector('.request-column').prepend(ui.target);
  }

  #initialBody() {
    const match = /^#body=([A-Za-z0-9_-]*)$/.exec(location.hash);
    if (!match) return EXAMPLE;
    try {
      const bytes = Uint8Array.from(atob(match[1].replaceAll('-', '+').replaceAll('_', '/')), (c) =>
        c.charCodeAt(0),
      );
      return new TextDecoder().decode(bytes);
    } catch {
      return EXAMPLE;
    }
  }

  // Runs on every edit of the body, base URL or token: validate, mark, preview.
  #update(text = this.#editor?.text) {
    if (!this.#api || text === undefined) return;
    const started = performance.now();
    const baseUrl = this.#ui.baseUrl.value;
    const token = this.#ui.token.value;
    // force: the preview (and "Send anyway") still get a request when only the body has errors.
    const locale = this.#t.tag;
    const report = this.#api.buildRequest(text, { baseUrl, token, force: true, locale });
    // Before a token is typed, a placeholder lets the preview show the (redacted) request.
    this.#built = token
      ? report
      : this.#api.buildRequest(text, { baseUrl, token: 'placeholder', force: true, locale });
    const { violations } = report;
    const bodyViolations = violations.filter((v) => v.location === 'body');
    this.#editor.showViolations(bodyViolations);
    if (!this.#editing) {
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      this.#form.render(parsed);
    }
    this.#form.showViolations(bodyViolations);
    this.#renderProblems(violations);
    this.#renderSnippet();
    const errors = violations.filter((v) => v.severity === 'error');
    const bodyErrors = errors.filter((v) => v.location === 'body');
    this.#ui.send.disabled = errors.length > 0 || !!this.#controller;
    this.#ui.sendAnyway.hidden = !(bodyErrors.length > 0 && bodyErrors.length === errors.length);
    this.#ui.sendHint.textContent = errors.length
      ? this.#t.plural('send.blocked', errors.length)
      : this.#t('send.ready');
    this.#showSentBytes(text);
    this.dispatchEvent(
      new CustomEvent('userapi-validate', {
        detail: { valid: report.valid, violations, ms: performance.now() - started },
      }),
    );
  }

  // What Send puts on the wire: the core's compact body; sent-bytes.js says how it differs.
  #showSentBytes(text) {
    const body = this.#built?.request?.body;
    this.#ui.sentBytes.textContent = body === undefined ? '' : sentBytesText(text, body, this.#t);
  }

  #open(entry) {
    this.#ui.baseUrl.value = entry.baseUrl;
    this.#editor.setText(entry.body);
    this.#update();
  }

  #fromForm(body) {
    this.#editing = true;
    try {
      this.#editor.setText(`${JSON.stringify(body, null, 2)}\n`);
    } finally {
      this.#editing = false;
    }
  }

  #renderProblems(violations) {
    const list = this.#ui.problemList;
    list.replaceChildren();
    const errors = violations.filter((v) => v.severity === 'error').length;
    const warnings = violations.length - errors;
    const t = this.#t;
    const count =
      violations.length === 0
        ? t('problems.none')
        : t('problems.count', {
            errors: t.plural('problems.errors', errors),
            warnings: t.plural('problems.warnings', warnings),
          });
    // Rewritten only when it changes, so a screen reader announces changes, not keystrokes.
    if (this.#ui.problemCount.textContent !== count) this.#ui.problemCount.textContent = count;
    this.#ui.problemCount.classList.toggle('all-good', violations.length === 0);
    const items = inPositionOrder(violations).map((v) => {
      const where =
        v.location === 'body'
          ? v.line
            ? t('problems.line', { line: v.line, column: v.column })
            : t('problems.body')
          : t(LOCATION_LABELS[v.location]);
      const jump = h(
        'button',
        { type: 'button', class: `problem ${v.severity}`, onclick: () => this.#jumpTo(v) },
        h('span', { class: 'badge' }, t(`severity.${v.severity}`)),
        ' ',
        h('span', { class: 'where' }, where),
        ' ',
        v.location === 'body' && h('code', {}, v.path || t('problems.wholeBody')),
        ' ',
        v.message,
        ' ',
        h('code', { class: 'code' }, `[${v.code}]`),
      );
      const fix =
        v.params?.suggestion && v.code === 'unknown_field' && v.from !== undefined
          ? h(
              'button',
              { type: 'button', class: 'secondary fix', onclick: () => this.#rename(v) },
              t('problems.rename', { suggestion: v.params.suggestion }),
            )
          : null;
      return h('li', {}, jump, fix);
    });
    list.append(...items);
  }

  // Applies a "did you mean" suggestion. The list is redrawn without the pressed button, so the
  // focus goes to the renamed key instead of getting lost.
  #rename(v) {
    const key = JSON.stringify(v.params.suggestion);
    this.#editor.replace(v.from, v.to, key);
    this.#editor.select(v.from, v.from + key.length);
  }

  #jumpTo(v) {
    if (v.location === 'base_url') return this.#ui.baseUrl.focus();
    if (v.location === 'token') return this.#ui.token.focus();
    const field = v.from === undefined ? this.#form.fieldFor(v.path) : undefined;
    if (field) return field.focus();
    this.#editor.select(v.from ?? 0, v.to ?? v.from ?? 0);
  }

  #renderSnippet() {
    const request = this.#built?.request;
    if (!request) {
      this.#snippetText = '';
      this.#ui.snippet.textContent = this.#t('request.needsTarget');
      this.#ui.snippetNote.textContent = '';
      return;
    }
    const token = this.#ui.token.value;
    const mode = this.#ui.reveal.checked && token ? 'inline' : 'redact';
    // Without a token (or without "show"), the core writes its redaction placeholder.
    const text = this.#api.snippet(request, this.#language, { token: mode });
    this.#snippetText = text;
    // Laying out a megabyte of preview on every keystroke makes typing lag: show the start,
    // copy the whole.
    const long = text.length > SNIPPET_PREVIEW;
    this.#ui.snippet.textContent = long ? `${text.slice(0, SNIPPET_PREVIEW)}…` : text;
    this.#ui.snippetNote.textContent = long
      ? this.#t('request.preview', { shown: SNIPPET_PREVIEW, total: text.length })
      : '';
  }

  // One tab per snippet language of the core, with its label.
  #languageTabs({ languages, languageLabels }) {
    return languages.map((id) =>
      // Roving tabindex: Tab reaches the selected tab only, the arrow keys move between tabs.
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${id}`,
          tabindex: id === this.#language ? '0' : '-1',
          'aria-selected': String(id === this.#language),
          'aria-controls': 'snippet-panel',
          onclick: () => this.#selectLanguage(id),
          onkeydown: (e) => this.#tabKeys(e),
        },
        languageLabels[id],
      ),
    );
  }

  #selectLanguage(id) {
    this.#language = id;
    for (const tab of this.#ui.tabs.children) {
      const selected = tab.id === `tab-${id}`;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
    }
    this.shadowRoot.getElementById('snippet-panel').setAttribute('aria-labelledby', `tab-${id}`);
    this.#renderSnippet();
  }

  #tabKeys(e) {
    const ids = this.#api.contract.languages;
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = ids[(ids.indexOf(this.#language) + step + ids.length) % ids.length];
    this.#selectLanguage(next);
    this.shadowRoot.getElementById(`tab-${next}`).focus();
  }

  async #copySnippet() {
    await this.#copy(this.#snippetText, this.#ui.copyStatus, this.#t('request.copied'));
  }

  async #share() {
    const bytes = new TextEncoder().encode(this.#editor.text);
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    const hash = `#body=${btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')}`;
    history.replaceState(null, '', hash);
    await this.#copy(location.href, this.#ui.shareStatus, this.#t('share.copied'));
  }

  async #copy(text, status, done) {
    try {
      await navigator.clipboard.writeText(text);
      status.textContent = done;
    } catch {
      status.textContent = this.#t('copy.failed');
    }
    setTimeout(() => (status.textContent = ''), 4000);
  }

  #setBase(url) {
    this.#ui.baseUrl.value = url;
    this.#update();
  }

  // Served by a sandbox that hands out sessions (userapi serve --public), with no token given:
  // ask it for one, and say so. Only for the page's own origin, where the token is the page's.
  async #askForSession() {
    const base = this.#ui.baseUrl.value.replace(/\/$/, '');
    if (this.#ui.token.value || !/^https?:$/.test(location.protocol) || base !== location.origin) return;
    const session = await sandboxSession(location.origin);
    if (!session || this.#ui.token.value) return;
    if (session.error) {
      this.#ui.sessionNote.textContent = this.#t('session.failed', { error: session.error });
      return;
    }
    this.#ui.token.value = session.token;
    this.#session = session.expiresAt;
    this.#ui.sessionNote.textContent = sessionNote(session.expiresAt, this.#t);
    this.#update();
  }

  #toggleToken() {
    const shown = this.#ui.token.type === 'text';
    this.#ui.token.type = shown ? 'password' : 'text';
    // The label says what a press does (no aria-pressed as well: a toggle keeps its label).
    this.#ui.showToken.textContent = this.#t(shown ? 'target.show' : 'target.hide');
  }

  #restoreToken() {
    if (this.getAttribute('token-storage') !== 'session') return;
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) {
      this.#ui.token.value = saved;
      this.#ui.remember.checked = true;
    }
  }

  #storeToken() {
    if (this.getAttribute('token-storage') === 'session' && this.#ui.remember.checked && this.#ui.token.value)
      sessionStorage.setItem(TOKEN_KEY, this.#ui.token.value);
    else sessionStorage.removeItem(TOKEN_KEY);
  }

  #forgetToken() {
    this.#ui.token.value = '';
    this.#ui.remember.checked = false;
    sessionStorage.removeItem(TOKEN_KEY);
    this.#update();
  }

  async #send(force) {
    if (this.#controller) return;
    // A listener may veto the send (preventDefault), e.g. to send through its own client.
    const detail = { body: this.#editor.text, baseUrl: this.#ui.baseUrl.value, force };
    const intent = new CustomEvent('userapi-send', { cancelable: true, detail });
    if (!this.dispatchEvent(intent)) return;
    const timeoutMs = Math.max(100, Number(this.#ui.timeout.value) || 10000);
    this.#controller = new AbortController();
    // A disabled button drops the focus: a keyboard user who pressed Send goes to Cancel, and
    // back to a send button when the answer is in.
    const fromButton = [this.#ui.send, this.#ui.sendAnyway].includes(this.shadowRoot.activeElement);
    this.#ui.send.disabled = true;
    this.#ui.sendAnyway.disabled = true;
    this.#ui.cancel.disabled = false;
    if (fromButton) this.#ui.cancel.focus();
    this.#ui.response.replaceChildren(h('p', { class: 'hint' }, this.#t('send.sending')));
    try {
      const result = await this.#api.send(this.#editor.text, {
        baseUrl: this.#ui.baseUrl.value,
        token: this.#ui.token.value,
        timeoutMs,
        signal: this.#controller.signal,
        force,
        locale: this.#t.tag,
      });
      // The view, the history and listeners get the outcome, never the token.
      const shown = result.request ? { ...result, request: this.#redacted(result.request) } : result;
      this.#shownResponse = { shown, typed: detail.body };
      renderResponse(this.#ui.response, shown, location.origin, detail.body, this.#t);
      this.#history.add({ ...detail, result: shown });
      this.dispatchEvent(new CustomEvent('userapi-response', { detail: shown }));
    } finally {
      this.#controller = undefined;
      // Chrome moves the focus off a disabled button only at its next frame: ask before disabling.
      const onCancel = this.shadowRoot.activeElement === this.#ui.cancel;
      this.#ui.cancel.disabled = true;
      this.#ui.sendAnyway.disabled = false;
      this.#update();
      if (fromButton && (onCancel || !this.shadowRoot.activeElement))
        [this.#ui.send, this.#ui.sendAnyway].find((b) => !b.disabled && !b.hidden)?.focus();
    }
  }

  #redacted(request) {
    const { header, scheme, redacted } = this.#api.contract.auth;
    const headers = request.headers.map(([n, v]) => [n, n === header ? `${scheme} ${redacted}` : v]);
    return { ...request, headers };
  }

  async #readStored() {
    let id;
    try {
      id = JSON.parse(this.#editor.text)[this.#api.contract.members.find((m) => m.required).name];
    } catch {
      id = undefined;
    }
    if (typeof id !== 'string' || !id) {
      this.#ui.stored.textContent = this.#t('stored.needId');
      return;
    }
    const base = this.#ui.baseUrl.value.replace(/\/$/, '');
    const { auth } = this.#api.contract;
    try {
      const response = await fetch(`${base}/sandbox/user-groups/${encodeURIComponent(id)}`, {
        headers: { [auth.header]: `${auth.scheme} ${this.#ui.token.value}` },
        credentials: 'omit',
        cache: 'no-store',
      });
      const text = await response.text();
      if (!response.ok) {
        this.#ui.stored.textContent =
          response.status === 404
            ? this.#t('stored.none')
            : this.#t('stored.status', { status: String(response.status), text });
        return;
      }
      this.#ui.stored.textContent = JSON.stringify(JSON.parse(text), null, 2);
    } catch (error) {
      this.#ui.stored.textContent = this.#t('stored.failed', { error: error.message });
    }
  }
}

// Importing the module twice (two bundles on one page, HMR) must not throw; on a server it defines nothing.
if (globalThis.customElements && !customElements.get('update-user-playground'))
  customElements.define('update-user-playground', UpdateUserPlayground);

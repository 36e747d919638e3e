// <update-user-playground base-url="..." token-storage="memory|session" theme="auto|light|dark"
// locale="de">: build, validate and send PUT /api/user requests with the userapi wasm core. The
// page is this element and nothing else, so a docs site can drop the same element in (`import
// 'userapi/playground'`). Its public surface is documented in docs/playground.md and typed in
// playground.d.ts. The element holds the state (the core, the locale, the last build, a send in
// flight) and lays out small views that render it: target-card, body-card, problems-list,
// send-bar, snippet-panel, response-card, history, docs-panel and the Batch tab.
import { createUserApi } from 'userapi';

import styles from './playground.css';

import { BatchView } from './batch-view.js';
import { BodyCard } from './body-card.js';
import { docsPanel } from './docs-panel.js';
import { h } from './dom.js';
import { SendHistory } from './history.js';
import { followHostTheme } from './host-theme.js';
import { ProblemsList } from './problems-list.js';
import { ResponseCard } from './response-card.js';
import { sandboxSession } from './sandbox-client.js';
import { SendBar } from './send-bar.js';
import { bodyFromHash } from './share-link.js';
import { SnippetPanel } from './snippet-panel.js';
import { tablist } from './tablist.js';
import { TargetCard } from './target-card.js';
import { applyTexts, pickLocale, translator } from './texts.js';

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

// The reference page's example (the core's api.contract.referenceBody) as the editor shows it:
// one member a line, objects inline.
function exampleText(body) {
  const inline = (value) =>
    value && typeof value === 'object'
      ? `{${Object.entries(value)
          .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
          .join(', ')}}`
      : JSON.stringify(value);
  const lines = Object.entries(body).map(([key, value]) => `  ${JSON.stringify(key)}: ${inline(value)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

const MODES = [
  { id: 'single', tabId: 'mode-tab-single', controls: 'mode-single', labelKey: 'mode.single' },
  { id: 'batch', tabId: 'mode-tab-batch', controls: 'mode-batch', labelKey: 'mode.batch' },
];

// On a server (SSR, Node) there is no DOM: the class extends a stand-in and nothing is defined, so
// importing this module never throws there; the element upgrades when the page loads it in a browser.
const ElementBase = globalThis.HTMLElement ?? class {};

export class UpdateUserPlayground extends ElementBase {
  #api;
  #views; // the parts of the layout (#layout)
  #built; // the last build, for the snippet and the sent bytes
  #controller; // the send in flight
  #mode = 'single'; // or 'batch'
  #batch; // the Batch tab's view, made when the tab is first opened
  #stopTheme; // stops following the host page's theme (while disconnected)
  #t = translator('en'); // the page's texts in the element's locale
  #langSet; // the lang this element wrote on itself (not the author's)
  #status = ['status.loading', {}]; // the status line's text key and params
  #pending = {}; // body / baseUrl set before the element was ready
  #history = new SendHistory({
    onOpen: (entry) => this.#open(entry),
    onResend: (entry) => {
      this.#open(entry);
      this.#send(false);
    },
  });

  static observedAttributes = ['locale'];

  /** Milliseconds the wasm module took to load and instantiate (for tests and curious users). */
  instantiateMs;

  /** The body text in the editor; setting it replaces the text (and validates it). */
  get body() {
    if (this.#views?.body.started) return this.#views.body.text;
    return this.#pending.body ?? bodyFromHash(location.hash) ?? '';
  }
  set body(text) {
    if (this.#views?.body.started) this.#views.body.setText(String(text));
    else this.#pending.body = String(text);
  }

  /** The base URL in the "Where to send" field. */
  get baseUrl() {
    return this.#views
      ? this.#views.target.baseUrl
      : (this.#pending.baseUrl ?? this.getAttribute('base-url'));
  }
  set baseUrl(url) {
    if (this.#views) this.#views.target.setBaseUrl(String(url));
    else this.#pending.baseUrl = String(url);
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

  async connectedCallback() {
    if (this.shadowRoot) return this.#followTheme(); // moved: the new place's theme
    // The module compiles (from the bytes the page preloads) while the layout is built.
    const started = performance.now();
    const loading = createUserApi();
    const root = this.attachShadow({ mode: 'open' });
    adoptStyles(root);
    root.append(this.#layout());
    this.#applyLocale();
    this.#followTheme();
    if (this.#pending.baseUrl !== undefined) this.#views.target.setBaseUrl(this.#pending.baseUrl);
    try {
      this.#api = await loading;
    } catch (error) {
      this.#setStatus('status.failed', { error: error.message });
      return;
    }
    this.instantiateMs = performance.now() - started;
    this.#start();
  }

  disconnectedCallback() {
    this.#stopTheme?.();
    this.#stopTheme = undefined;
  }

  // The core is loaded: the parts that need it, then the first check.
  #start() {
    const { contract } = this.#api;
    const v = this.#views;
    this.#setStatus('status.ready', { version: this.#api.version });
    if (!v.target.baseUrl) v.target.setBaseUrl(contract.defaultBaseUrl);
    v.docs.append(...docsPanel(contract, this.#t));
    v.snippet.start(this.#api, this.#t);
    v.sendBar.start(this.#api.limits);
    v.body.start({
      root: this.shadowRoot,
      members: contract.members,
      example: exampleText(contract.referenceBody),
      text: this.#pending.body ?? bodyFromHash(location.hash),
      t: this.#t,
      onChange: () => this.#update(),
      onSubmit: () => this.#send(false),
    });
    v.target.restoreToken();
    this.#update();
    this.#askForSession();
    this.dispatchEvent(new CustomEvent('userapi-ready', { bubbles: true, composed: true }));
  }

  // theme="auto" follows the host page (host-theme.js); the stylesheet keys on data-scheme.
  #followTheme() {
    this.#stopTheme?.();
    const wrapper = this.shadowRoot.querySelector('.playground');
    this.#stopTheme = followHostTheme(this, (theme) => (wrapper.dataset.scheme = theme));
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

  // Shows every text in the current locale: the static layout by its data-t keys, the rest
  // re-rendered. The element's lang says which language that is (screen readers, axe).
  #applyLocale() {
    const tag = pickLocale(this.#requestedLocale());
    const t = (this.#t = translator(tag));
    const v = this.#views;
    this.#langSet = tag;
    this.setAttribute('lang', tag);
    applyTexts(this.shadowRoot, t);
    v.status.textContent = t(...this.#status);
    for (const view of [v.target, v.body, v.response, this.#history, this.#batch]) view?.setTexts(t);
    if (!this.#api) return;
    v.docs.replaceChildren(...docsPanel(this.#api.contract, t));
    this.#update();
  }

  #setStatus(key, params) {
    this.#status = [key, params];
    this.#views.status.textContent = this.#t(key, params);
  }

  // The views, each rendering a part of the state; the element wires their events to itself.
  #makeViews() {
    const pageOrigin = /^https?:$/.test(location.protocol) ? location.origin : undefined;
    const v = {
      status: h('p', { class: 'status', role: 'status', part: 'status' }),
      // Without an attribute or a web origin (a file:// page): the production API, once the core is loaded.
      target: new TargetCard({
        baseUrl: this.getAttribute('base-url') ?? pageOrigin ?? '',
        pageOrigin,
        allowSession: this.getAttribute('token-storage') === 'session',
        production: () => this.#api?.contract.defaultBaseUrl ?? '',
        onChange: () => this.#update(),
      }),
      problems: new ProblemsList({
        onJump: (violation) => this.#jumpTo(violation),
        onRename: (violation) => this.#views.body.rename(violation),
      }),
      sendBar: new SendBar({
        onSend: (force) => this.#send(force),
        onCancel: () => this.#controller?.abort(),
      }),
      snippet: new SnippetPanel(),
      response: new ResponseCard(() => this.#readBackTarget()),
      docs: h('section', { class: 'card docs', part: 'card docs', 'aria-labelledby': 'docs-heading' }),
      modes: tablist({
        tabs: MODES,
        selected: this.#mode,
        labelKey: 'mode.label',
        class: 'tabs mode-tabs',
        onSelect: (mode) => this.#selectMode(mode),
      }),
    };
    v.body = new BodyCard(v.problems);
    return v;
  }

  #layout() {
    const v = (this.#views = this.#makeViews());
    v.single = h(
      'div',
      { class: 'columns', id: 'mode-single', role: 'tabpanel', 'aria-labelledby': 'mode-tab-single' },
      h(
        'div',
        { class: 'request-column' },
        v.target.element,
        v.body.element,
        v.sendBar.element,
        v.snippet.element,
      ),
      h('div', { class: 'response-column' }, v.response.element, this.#history.element, v.docs),
    );
    v.batchPanel = h('div', {
      class: 'batch-panel',
      id: 'mode-batch',
      role: 'tabpanel',
      'aria-labelledby': 'mode-tab-batch',
      hidden: true,
    });
    const header = h(
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
      v.modes.element,
      v.status,
    );
    return h(
      'div',
      { class: 'playground', part: 'playground', onkeydown: (e) => this.#sendKey(e) },
      header,
      v.single,
      v.batchPanel,
    );
  }

  // Ctrl/Cmd+Enter sends from anywhere in the single-request panel.
  #sendKey(e) {
    // defaultPrevented: the editor's own Mod-Enter already sent.
    if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || e.defaultPrevented) return;
    if (this.#mode !== 'single') return;
    e.preventDefault();
    this.#send(false);
  }

  // "One request" and "Batch": the same base URL and token (their card moves to the shown panel).
  #selectMode(mode) {
    if (!this.#api) return; // the Batch tab needs the validator
    const v = this.#views;
    this.#mode = mode;
    v.modes.select(mode);
    if (mode === 'batch' && !this.#batch) {
      this.#batch = new BatchView(
        this.#api,
        () => ({ baseUrl: v.target.baseUrl, token: v.target.token }),
        (type, detail) => this.dispatchEvent(new CustomEvent(type, { detail })),
        this.#t,
      );
      v.batchPanel.append(this.#batch.element);
    }
    v.single.hidden = mode !== 'single';
    v.batchPanel.hidden = mode !== 'batch';
    if (mode === 'batch') v.batchPanel.prepend(v.target.element);
    else v.single.querySelector('.request-column').prepend(v.target.element);
  }

  // Runs on every edit of the body, base URL or token: validate, mark, preview.
  #update() {
    const v = this.#views;
    if (!this.#api || !v.body.started) return;
    const started = performance.now();
    const text = v.body.text;
    const { baseUrl, token } = v.target;
    const locale = this.#t.tag;
    // force: the preview (and "Send anyway") still get a request when only the body has errors.
    const report = this.#api.buildRequest(text, { baseUrl, token, force: true, locale });
    // Before a token is typed, a placeholder lets the preview show the (redacted) request.
    this.#built = token
      ? report
      : this.#api.buildRequest(text, { baseUrl, token: 'placeholder', force: true, locale });
    const { violations } = report;
    v.body.show(
      text,
      violations.filter((x) => x.location === 'body'),
    );
    v.problems.render(violations, this.#t);
    v.snippet.render(this.#built.request, token, this.#t);
    v.sendBar.show(violations, !!this.#controller, this.#t);
    v.sendBar.showSentBytes(text, this.#built.request?.body, this.#t);
    this.dispatchEvent(
      new CustomEvent('userapi-validate', {
        detail: { valid: report.valid, violations, ms: performance.now() - started },
      }),
    );
  }

  #open(entry) {
    this.#views.target.setBaseUrl(entry.baseUrl);
    this.#views.body.setText(entry.body);
    this.#update();
  }

  #jumpTo(violation) {
    if (violation.location === 'base_url' || violation.location === 'token')
      return this.#views.target.focus(violation.location);
    this.#views.body.jumpTo(violation);
  }

  // Served by a sandbox that hands out sessions (userapi serve --public), with no token given:
  // ask it for one, and say so. Only for the page's own origin, where the token is the page's.
  async #askForSession() {
    const target = this.#views.target;
    const base = target.baseUrl.replace(/\/$/, '');
    if (target.token || !/^https?:$/.test(location.protocol) || base !== location.origin) return;
    const session = await sandboxSession(location.origin);
    if (session && !target.token) target.useSession(session);
  }

  async #send(force) {
    if (this.#controller) return;
    const v = this.#views;
    // A listener may veto the send (preventDefault), e.g. to send through its own client.
    const detail = { body: v.body.text, baseUrl: v.target.baseUrl, force };
    const intent = new CustomEvent('userapi-send', { cancelable: true, detail });
    if (!this.dispatchEvent(intent)) return;
    this.#controller = new AbortController();
    const fromButton = v.sendBar.started(this.shadowRoot);
    v.response.sending();
    try {
      const result = await this.#api.send(detail.body, {
        baseUrl: detail.baseUrl,
        token: v.target.token,
        timeoutMs: v.sendBar.timeoutMs,
        signal: this.#controller.signal,
        force,
        locale: this.#t.tag,
      });
      // The view, the history and listeners get the outcome, never the token.
      const shown = result.request ? { ...result, request: this.#redacted(detail) } : result;
      v.response.show(shown, detail.body);
      this.#history.add({ ...detail, result: shown });
      this.dispatchEvent(new CustomEvent('userapi-response', { detail: shown }));
    } finally {
      this.#controller = undefined;
      v.sendBar.finished(this.shadowRoot, fromButton, () => this.#update());
    }
  }

  // The request of a send as others may see it: the core builds it again (the same bytes:
  // building is deterministic) with its redaction placeholder in place of the token.
  #redacted({ body, baseUrl, force }) {
    const token = this.#api.contract.auth.redacted;
    return this.#api.buildRequest(body, { baseUrl, token, force }).request;
  }

  // What "What is stored now?" reads: the body's user_group_id, where and with which token.
  #readBackTarget() {
    const { members, auth } = this.#api.contract;
    let id;
    try {
      id = JSON.parse(this.#views.body.text)[members.find((m) => m.required).name];
    } catch {
      id = undefined;
    }
    return { id, baseUrl: this.#views.target.baseUrl, token: this.#views.target.token, auth };
  }
}

// Importing the module twice (two bundles on one page, HMR) must not throw; on a server it defines nothing.
if (globalThis.customElements && !customElements.get('update-user-playground'))
  customElements.define('update-user-playground', UpdateUserPlayground);

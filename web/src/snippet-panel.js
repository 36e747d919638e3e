// The Request card: the built request as a snippet in one of the core's languages (a tab each),
// the token redacted unless "Show the token" is ticked, and Copy.
import { copyText } from './copy.js';
import { h } from './dom.js';
import { tablist } from './tablist.js';
import { applyTexts } from './texts.js';

const PREVIEW = 20_000; // characters of snippet shown; Copy copies the whole

export class SnippetPanel {
  #ui = {};
  #api;
  #tabs;
  #language = 'curl';
  #text = ''; // the whole snippet (the preview may show only its start)
  #shown = {}; // the request and token last rendered, and the texts
  #panel;

  constructor() {
    const ui = this.#ui;
    ui.snippet = h('pre', {
      class: 'snippet',
      part: 'snippet',
      translate: 'no',
      tabindex: '0',
      'aria-labelledby': 'request-heading',
    });
    ui.note = h('p', { class: 'hint' });
    ui.reveal = h('input', { id: 'reveal', type: 'checkbox', onchange: () => this.#render() });
    ui.copyStatus = h('span', { class: 'copy-status', role: 'status' });
    // The tabs come from the core's list (api.contract.languages) once the module is loaded.
    ui.tabs = h('div', {
      class: 'tabs',
      role: 'tablist',
      'data-t-label': 'request.languages',
      'aria-busy': 'true',
    });
    this.#panel = h(
      'div',
      { id: 'snippet-panel', role: 'tabpanel', 'aria-labelledby': `tab-${this.#language}` },
      ui.snippet,
      ui.note,
    );
    const copy = h('button', {
      type: 'button',
      class: 'secondary',
      'data-t-label': 'request.copyLabel',
      'data-t': 'request.copy',
      onclick: () => copyText(this.#text, ui.copyStatus, this.#shown.t, 'request.copied'),
    });
    this.element = h(
      'section',
      { class: 'card', part: 'card', 'aria-labelledby': 'request-heading' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'request-heading', 'data-t': 'request.heading' }),
        ui.tabs,
      ),
      this.#panel,
      h(
        'div',
        { class: 'inline' },
        copy,
        ui.copyStatus,
        h('label', {}, ui.reveal, ' ', h('span', { 'data-t': 'request.reveal' })),
      ),
    );
  }

  /** Makes a tab for each of the core's snippet languages (api.contract). */
  start(api, t) {
    this.#api = api;
    const { languages, languageLabels } = api.contract;
    this.#tabs = tablist({
      tabs: languages.map((id) => ({
        id,
        tabId: `tab-${id}`,
        controls: 'snippet-panel',
        label: languageLabels[id],
      })),
      selected: this.#language,
      labelKey: 'request.languages',
      onSelect: (id) => this.#select(id),
    });
    applyTexts(this.#tabs.element, t);
    this.#ui.tabs.replaceWith(this.#tabs.element);
  }

  /** Shows `request` (or why there is none) in the current language; `token` for "Show the token". */
  render(request, token, t) {
    this.#shown = { request, token, t };
    this.#render();
  }

  #select(id) {
    this.#language = id;
    this.#tabs.select(id);
    this.#panel.setAttribute('aria-labelledby', `tab-${id}`);
    this.#render();
  }

  #render() {
    const { request, token, t } = this.#shown;
    const ui = this.#ui;
    if (!request) {
      this.#text = '';
      ui.snippet.textContent = t('request.needsTarget');
      ui.note.textContent = '';
      return;
    }
    // Without a token (or without "show"), the core writes its redaction placeholder.
    const mode = ui.reveal.checked && token ? 'inline' : 'redact';
    const text = (this.#text = this.#api.snippet(request, this.#language, { token: mode }));
    // Laying out a megabyte of preview on every keystroke makes typing lag: show the start,
    // copy the whole.
    const long = text.length > PREVIEW;
    ui.snippet.textContent = long ? `${text.slice(0, PREVIEW)}…` : text;
    ui.note.textContent = long ? t('request.preview', { shown: PREVIEW, total: text.length }) : '';
  }
}

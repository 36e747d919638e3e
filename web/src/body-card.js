// The Body card: the form and the JSON editor kept in step (an edit in either rewrites the
// other), the Problems list under them, "Reset to example" and "Copy share link".
import { BodyForm } from './body-form.js';
import { copyText } from './copy.js';
import { h } from './dom.js';
import { createEditor } from './editor.js';
import { shareHash } from './share-link.js';

export class BodyCard {
  #ui = {};
  #editor;
  #form;
  #editing = false; // the form is writing into the editor
  #example = '';
  #t;

  /** `problems`: the ProblemsList shown under the editor. */
  constructor(problems) {
    const ui = this.#ui;
    ui.formSlot = h('div', { class: 'form-slot' });
    // JSON is not translated (translate="no": a browser's page translation must not rewrite it).
    ui.editorSlot = h('div', { class: 'editor-slot', part: 'editor', translate: 'no' });
    ui.shareStatus = h('span', { class: 'copy-status', role: 'status' });
    const button = (key, onclick) =>
      h('button', { type: 'button', class: 'secondary', 'data-t': key, onclick });
    this.element = h(
      'section',
      { class: 'card body', part: 'card', 'aria-labelledby': 'body-heading' },
      h(
        'div',
        { class: 'section-head' },
        h('h2', { id: 'body-heading', 'data-t': 'body.heading' }),
        h(
          'div',
          { class: 'inline' },
          button('body.reset', () => this.#editor?.setText(this.#example)),
          button('body.share', () => this.#share()),
          ui.shareStatus,
        ),
      ),
      // The problems sit under the editor (above the form in one column): the first one and
      // its fix are in the first screen (playground.css, .body-grid).
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
        problems.element,
      ),
    );
  }

  /**
   * Makes the editor and the form once the core is loaded: `members` (api.contract.members) for
   * the form, `example` for "Reset to example" and as the text when `text` is undefined;
   * onChange(text) after every edit, onSubmit() on Ctrl/Cmd+Enter.
   */
  start({ root, members, example, text, t, onChange, onSubmit }) {
    this.#t = t;
    this.#example = example;
    this.#form = new BodyForm((body) => this.#fromForm(body), members, t);
    this.#ui.formSlot.append(this.#form.element);
    this.#editor = createEditor({
      parent: this.#ui.editorSlot,
      root,
      text: text ?? this.#example,
      label: t('body.editorLabel'),
      describedBy: 'editor-hint',
      onChange,
      onSubmit,
    });
  }

  get started() {
    return !!this.#editor;
  }

  get text() {
    return this.#editor.text;
  }

  setText(text) {
    this.#editor.setText(text);
  }

  /** Marks the body's violations in the editor and the form (re-read from `text` unless the form wrote it). */
  show(text, violations) {
    this.#editor.showViolations(violations);
    if (!this.#editing) this.#form.render(parseOrUndefined(text));
    this.#form.showViolations(violations);
  }

  /** Shows a violation's place: its field in the form for a missing member, else its text. */
  jumpTo(v) {
    const field = v.from === undefined ? this.#form.fieldFor(v.path) : undefined;
    if (field) return field.focus();
    this.#editor.select(v.from ?? 0, v.to ?? v.from ?? 0);
  }

  // Applies a "did you mean" suggestion. The list is redrawn without the pressed button, so the
  // focus goes to the renamed key instead of getting lost.
  rename(v) {
    const key = JSON.stringify(v.params.suggestion);
    this.#editor.replace(v.from, v.to, key);
    this.#editor.select(v.from, v.from + key.length);
  }

  setTexts(t) {
    this.#t = t;
    if (!this.#editor) return;
    this.#form.setTexts(t);
    this.#editor.setLabel(t('body.editorLabel'));
  }

  #fromForm(body) {
    this.#editing = true;
    try {
      this.#editor.setText(`${JSON.stringify(body, null, 2)}\n`);
    } finally {
      this.#editing = false;
    }
  }

  async #share() {
    history.replaceState(null, '', shareHash(this.#editor.text));
    await copyText(location.href, this.#ui.shareStatus, this.#t, 'share.copied');
  }
}

function parseOrUndefined(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

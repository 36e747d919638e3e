// The form view of the body: a field for each string member and rows for each object member of
// the contract (api.contract.members). It reads the body as an object (from the editor) and
// reports edits as a new object; it never validates.
import { h, pointerSegments, uid } from './dom.js';

export class BodyForm {
  #root;
  #onEdit;
  #fields = new Map(); // JSON Pointer -> input (or fieldset) that shows its violations
  #messages = [];

  #members;
  #t; // the page's texts (texts.js)

  constructor(onEdit, members, t) {
    this.#onEdit = onEdit;
    this.#members = members;
    this.#t = t;
    this.#root = h('form', { class: 'body-form', novalidate: true, onsubmit: (e) => e.preventDefault() });
    this.element = this.#root;
  }

  /** Uses the texts of another locale from the next render on. */
  setTexts(t) {
    this.#t = t;
    this.#shape = undefined;
  }

  /** Shows `body` (a parsed object), or a notice when the text is not an object. */
  render(body) {
    if (!isObject(body)) {
      this.#shape = undefined;
      this.#fields.clear();
      this.#root.replaceChildren(h('p', { class: 'notice' }, this.#t('form.notObject')));
      return;
    }
    this.#body = structuredClone(body);
    // Same rows as shown: only values changed, so update them in place. Rebuilding a thousand
    // rows on every keystroke in a large body would make typing lag.
    const shape = JSON.stringify(this.#objectMembers().map((m) => rowKeys(body[m.name])));
    if (shape === this.#shape) {
      this.#refresh();
      return;
    }
    this.#shape = shape;
    this.#fields.clear();
    this.#root.replaceChildren();
    this.#root.append(
      ...this.#members.map((m) =>
        m.type === 'object'
          ? this.#rows(m)
          : // The member's description and rules are in the Documentation panel beside the form.
            this.#textField(
              m.name,
              humanize(m.name),
              this.#t(m.required ? 'form.required' : 'form.optional'),
            ),
      ),
    );
  }

  #objectMembers() {
    return this.#members.filter((m) => m.type === 'object');
  }

  #body = {};
  #shape; // the row keys of the rendered form, to tell a value edit from a change of rows

  // Writes the current body's values into the inputs that show them (same rows as rendered).
  #refresh() {
    const set = (input, text) => {
      if (input.value !== text) input.value = text;
    };
    for (const m of this.#members) {
      if (m.type !== 'object') {
        set(this.#fields.get(`/${m.name}`), fieldText(this.#body[m.name]));
        continue;
      }
      const source = this.#body[m.name];
      if (!isObject(source)) continue;
      for (const [k, v] of Object.entries(source)) {
        const row = this.#fields.get(`/${m.name}/${escapePointer(k)}`);
        if (row) set(row.value, m.entries.type === 'any' ? JSON.stringify(v) : fieldText(v));
      }
    }
  }

  #emit() {
    this.#shape = undefined; // the inputs may now differ from the body: the next render rebuilds
    this.#onEdit(structuredClone(this.#body));
  }

  #textField(key, label, hint) {
    const id = uid(`field-${key}`);
    const hintId = uid('hint');
    const value = this.#body[key];
    const input = h('input', {
      id,
      name: key,
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      value: fieldText(value),
      'aria-describedby': hintId,
      oninput: () => {
        if (input.value === '') delete this.#body[key];
        else this.#body[key] = input.value;
        this.#emit();
      },
    });
    this.#fields.set(`/${key}`, input);
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label),
      input,
      h('p', { class: 'hint', id: hintId }, hint),
    );
  }

  // Rows of key -> value for an object member: string values as typed, any-JSON values as JSON text.
  #rows(member) {
    const key = member.name;
    const isJson = member.entries.type === 'any';
    const legend = humanize(key);
    const fieldset = h('fieldset', { class: 'rows' }, h('legend', {}, legend));
    this.#fields.set(`/${key}`, fieldset);
    const list = h('div', { class: 'row-list' });
    const sync = () => {
      const object = {};
      for (const row of list.children) {
        const [k, v] = row.querySelectorAll('input');
        if (k.value === '' && v.value === '') continue;
        object[k.value] = isJson ? parseLoose(v.value) : v.value;
      }
      if (list.children.length === 0 && !(key in this.#body)) return;
      this.#body[key] = object;
      this.#emit();
    };
    const addRow = (k = '', v = '') => this.#row({ member, legend, list, sync }, k, v);
    const source = this.#body[key];
    for (const [k, v] of isObject(source) ? Object.entries(source) : []) addRow(k, v);
    const add = this.#t('form.addRow', { member: key });
    fieldset.append(
      list,
      h('button', { type: 'button', class: 'secondary', onclick: () => addRow().focus() }, add),
    );
    return fieldset;
  }

  // One row (key and value inputs, and a remove button) appended to `list`; returns the key input.
  #row({ member, legend, list, sync }, k, v) {
    const isJson = member.entries.type === 'any';
    const keyLabel = member.entries.key;
    const valueLabel = isJson ? `${member.entries.value} (JSON)` : member.entries.value;
    const input = (label, value) =>
      h('input', {
        type: 'text',
        'aria-label': `${legend}: ${label}`,
        value,
        placeholder: label,
        oninput: sync,
        spellcheck: 'false',
      });
    const keyInput = input(keyLabel, k);
    const valueInput = input(valueLabel, isJson ? JSON.stringify(v) : fieldText(v));
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'icon',
        'aria-label': this.#t('form.removeRow', { member: legend.toLowerCase() }),
        onclick: () => {
          row.remove();
          sync();
        },
      },
      '×',
    );
    const row = h('div', { class: 'row' }, keyInput, valueInput, remove);
    list.append(row);
    this.#fields.set(`/${member.name}/${escapePointer(k)}`, { key: keyInput, value: valueInput });
    return keyInput;
  }

  /** Marks the fields that violations point at (the editor and the summary show them all). */
  showViolations(violations) {
    this.#clearMarks();
    for (const v of violations) {
      if (v.location !== 'body' || v.code === 'unknown_field') continue;
      const target = this.#targetOf(v);
      if (target) this.#mark(target, v);
    }
  }

  #clearMarks() {
    for (const el of this.#messages) el.remove();
    this.#messages = [];
    for (const el of this.#root.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      el.setAttribute(
        'aria-describedby',
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter((id) => !id.startsWith('err-'))
          .join(' '),
      );
    }
  }

  // The input (or fieldset) a violation is about: a row's `*.key_format` is about its key, every
  // other code about its value.
  #targetOf(v) {
    const target = this.#fields.get(v.path);
    if (target && !(target instanceof Element))
      return v.code.endsWith('.key_format') ? target.key : target.value;
    return target;
  }

  #mark(target, v) {
    const id = uid('err');
    const key = v.severity === 'error' ? 'form.error' : 'form.warning';
    const message = h(
      'p',
      { id, class: `field-message ${v.severity}` },
      this.#t(key, { message: v.message }),
    );
    this.#messages.push(message);
    // A row's message goes below the whole row: inside its grid it would take a column and
    // squeeze the key and value inputs.
    const anchor = target.closest('.row') ?? target;
    anchor.insertAdjacentElement(target.tagName === 'FIELDSET' ? 'beforeend' : 'afterend', message);
    if (v.severity === 'error') target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', `${target.getAttribute('aria-describedby') ?? ''} ${id}`.trim());
  }

  /** The form control for a violation path, to focus it from the summary. */
  fieldFor(path) {
    const target = this.#fields.get(path) ?? this.#fields.get(`/${pointerSegments(path)[0] ?? ''}`);
    if (!target) return undefined;
    return target instanceof Element
      ? target.tagName === 'FIELDSET'
        ? target.querySelector('input, button')
        : target
      : target.value;
  }
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const rowKeys = (value) => (isObject(value) ? Object.keys(value) : null);
const escapePointer = (key) => key.replaceAll('~', '~0').replaceAll('/', '~1');
// A member shown in a text input: a string as it is, anything else as JSON.
const fieldText = (value) =>
  typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);

// A property value typed in the form: JSON when it parses, else the text as a string.
function parseLoose(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** "user_group_id" -> "User group id". */
function humanize(name) {
  const words = name.replaceAll('_', ' ');
  return words[0].toUpperCase() + words.slice(1);
}

// The Problems list under the editor: a count (the only live region: the list changes on every
// keystroke and would be read out again and again) and one button per violation, in reading
// order, that jumps to its place; an unknown member with a suggestion gets a Rename button.
import { h, violationParts } from './dom.js';

const LOCATION_LABELS = { base_url: 'target.baseUrl', token: 'target.token' };

// The list reads like the text: base URL and token first (they sit above the body), then the
// body's violations by where they start, then those without a place (a missing member).
const LOCATION_ORDER = { base_url: 0, token: 1, body: 2, response: 3 };
function inPositionOrder(violations) {
  const key = (v) => [LOCATION_ORDER[v.location] ?? 9, v.offset === undefined ? 1 : 0, v.offset ?? 0];
  return [...violations].sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}

export class ProblemsList {
  #count = h('p', { class: 'problem-count', role: 'status' });
  #list = h('ul', {});

  /** onJump(v) shows a violation's place; onRename(v) applies its suggestion. */
  constructor({ onJump, onRename }) {
    this.onJump = onJump;
    this.onRename = onRename;
    this.element = h(
      'section',
      { class: 'problems-area', part: 'problems', 'aria-labelledby': 'problems-heading' },
      h('h3', { id: 'problems-heading', 'data-t': 'problems.heading' }),
      h('div', { class: 'problems' }, this.#count, this.#list),
    );
  }

  render(violations, t) {
    const errors = violations.filter((v) => v.severity === 'error').length;
    const count = violations.length
      ? t('problems.count', {
          errors: t.plural('problems.errors', errors),
          warnings: t.plural('problems.warnings', violations.length - errors),
        })
      : t('problems.none');
    // Rewritten only when it changes, so a screen reader announces changes, not keystrokes.
    if (this.#count.textContent !== count) this.#count.textContent = count;
    this.#count.classList.toggle('all-good', violations.length === 0);
    this.#list.replaceChildren(...inPositionOrder(violations).map((v) => this.#item(v, t)));
  }

  #item(v, t) {
    const body = v.location === 'body';
    const where = !body
      ? t(LOCATION_LABELS[v.location])
      : v.line
        ? t('problems.line', { line: v.line, column: v.column })
        : t('problems.body');
    const jump = h(
      'button',
      { type: 'button', class: `problem ${v.severity}`, onclick: () => this.onJump(v) },
      violationParts(v, t, { where, path: body, root: t('problems.wholeBody') }),
    );
    const fix =
      v.params?.suggestion && v.code === 'unknown_field' && v.from !== undefined
        ? h(
            'button',
            { type: 'button', class: 'secondary fix', onclick: () => this.onRename(v) },
            t('problems.rename', { suggestion: v.params.suggestion }),
          )
        : null;
    return h('li', {}, jump, fix);
  }
}

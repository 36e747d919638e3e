// Send, "Send anyway" (when only the body has errors), Cancel and the timeout, with a line that
// says whether sending is possible and one that says which bytes go out.
import { h } from './dom.js';
import { sentBytesText } from './sent-bytes.js';

export class SendBar {
  #ui = {};
  #defaultMs;

  /** onSend(force) sends (force: "Send anyway"); onCancel() aborts the send in flight. */
  constructor({ onSend, onCancel }) {
    const ui = this.#ui;
    const button = (props, key) => h('button', { type: 'button', 'data-t': key, ...props });
    ui.send = button({ class: 'primary', part: 'send-button', onclick: () => onSend(false) }, 'send.send');
    ui.anyway = button({ class: 'secondary', hidden: true, onclick: () => onSend(true) }, 'send.anyway');
    ui.cancel = button({ class: 'secondary', disabled: true, onclick: onCancel }, 'send.cancel');
    ui.timeout = h('input', {
      id: 'timeout',
      type: 'number',
      min: '100',
      step: '100',
      inputmode: 'numeric',
    });
    ui.hint = h('p', { class: 'hint', id: 'send-hint' });
    ui.sentBytes = h('p', { class: 'hint sent-bytes' });
    ui.send.setAttribute('aria-describedby', 'send-hint');
    this.element = h(
      'section',
      { class: 'card send-bar', part: 'card', 'aria-labelledby': 'send-heading' },
      h('h2', { id: 'send-heading', class: 'visually-hidden', 'data-t': 'send.heading' }),
      h(
        'div',
        { class: 'inline' },
        ui.send,
        ui.anyway,
        ui.cancel,
        h('label', { for: 'timeout', 'data-t': 'send.timeout' }),
        ui.timeout,
      ),
      ui.hint,
      ui.sentBytes,
    );
  }

  /** The core's limits are loaded: the timeout field starts at the playground's default. */
  start(limits) {
    this.#defaultMs = limits.playgroundTimeoutMs;
    if (!this.#ui.timeout.value) this.#ui.timeout.value = String(this.#defaultMs);
  }

  get timeoutMs() {
    return Math.max(100, Number(this.#ui.timeout.value) || this.#defaultMs);
  }

  /** After a check: `violations` of the build, `busy` while a send is in flight, `t` the texts. */
  show(violations, busy, t) {
    const errors = violations.filter((v) => v.severity === 'error');
    const bodyErrors = errors.filter((v) => v.location === 'body').length;
    this.#ui.send.disabled = errors.length > 0 || busy;
    this.#ui.anyway.hidden = !(bodyErrors > 0 && bodyErrors === errors.length);
    this.#ui.hint.textContent = errors.length ? t.plural('send.blocked', errors.length) : t('send.ready');
  }

  /** What Send puts on the wire (`body`, the core's compact bytes) against the editor's `text`. */
  showSentBytes(text, body, t) {
    this.#ui.sentBytes.textContent = body === undefined ? '' : sentBytesText(text, body, t);
  }

  /**
   * A send starts: the send buttons are disabled and Cancel enabled. A keyboard user who pressed
   * Send goes to Cancel (a disabled button drops the focus). Returns whether the focus was on a
   * send button, for `finished`.
   */
  started(root) {
    const ui = this.#ui;
    const fromButton = [ui.send, ui.anyway].includes(root.activeElement);
    ui.send.disabled = true;
    ui.anyway.disabled = true;
    ui.cancel.disabled = false;
    if (fromButton) ui.cancel.focus();
    return fromButton;
  }

  /** The send is over; `refresh()` re-checks (re-enabling Send); the focus goes back to a send button. */
  finished(root, fromButton, refresh) {
    const ui = this.#ui;
    // Chrome moves the focus off a disabled button only at its next frame: ask before disabling.
    const onCancel = root.activeElement === ui.cancel;
    ui.cancel.disabled = true;
    ui.anyway.disabled = false;
    refresh();
    if (fromButton && (onCancel || !root.activeElement))
      [ui.send, ui.anyway].find((b) => !b.disabled && !b.hidden)?.focus();
  }
}

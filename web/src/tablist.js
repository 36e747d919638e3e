// A keyboard-navigable tab list (WAI-ARIA tabs, roving tabindex): Tab reaches the selected tab
// only, the arrow keys move between tabs and select them, Home and End jump to the ends.
import { h } from './dom.js';

const STEPS = { ArrowRight: 1, ArrowLeft: -1 };

/**
 * tablist({ tabs: [{id, tabId, controls, label | labelKey}], selected, onSelect, labelKey, class })
 * -> { element, select(id) }. `labelKey`s are texts.js keys (data-t), `label`s shown as they are.
 * onSelect(id) runs on a click or a key; select(id) only marks the tab.
 */
export function tablist({ tabs, selected, onSelect, labelKey, class: className = 'tabs' }) {
  const element = h('div', { class: className, role: 'tablist', 'data-t-label': labelKey });
  const buttons = new Map();
  const select = (id) => {
    for (const [tabIdOf, button] of buttons) {
      button.setAttribute('aria-selected', String(tabIdOf === id));
      button.tabIndex = tabIdOf === id ? 0 : -1;
    }
  };
  const onKey = (e, id) => {
    const ids = [...buttons.keys()];
    const at = ids.indexOf(id);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? ids.length - 1 : at + (STEPS[e.key] ?? NaN);
    if (Number.isNaN(next)) return;
    e.preventDefault();
    const target = ids[(next + ids.length) % ids.length];
    onSelect(target);
    buttons.get(target).focus();
  };
  for (const tab of tabs) {
    const button = h(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: tab.tabId,
        'aria-controls': tab.controls,
        'data-t': tab.labelKey,
        onclick: () => onSelect(tab.id),
        onkeydown: (e) => onKey(e, tab.id),
      },
      tab.label,
    );
    buttons.set(tab.id, button);
    element.append(button);
  }
  select(selected);
  return { element, select };
}

// The page's own texts in the reader's language: the `page` section of the message catalogs
// (i18n/<tag>.json, bundled by web/build.mjs as 'userapi-page-texts'). The core's messages come
// from the core; these are only the element's labels, buttons and status lines.
//
//   const t = translator('de');
//   t('send.ready');                       // "Bereit zum Senden."
//   t.plural('problems.errors', 2);         // "2 Fehler" ({count} formatted for the locale)
import catalogs from 'userapi-page-texts';

const ENGLISH = catalogs.en;

// The tags the page has texts for, English first.
const pageLocales = Object.keys(catalogs);

/**
 * The catalog for what a reader asked for (a tag, or a list such as navigator.languages): the
 * first tag whose language subtag has a catalog, as the core's match_locale does (de-AT -> de,
 * pt-PT -> pt-BR, zh-TW -> zh-Hans); anything else is English, never an error.
 */
export function pickLocale(requested) {
  const wanted = (Array.isArray(requested) ? requested : String(requested ?? '').split(','))
    .map((item) => {
      const [tag, ...rest] = item.split(';');
      const q = /^\s*q=([\d.]+)\s*$/i.exec(rest.join(';'))?.[1];
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter(({ tag, q }) => tag && q > 0)
    .sort((a, b) => b.q - a.q) // stable: equal weights keep their order
    .map(({ tag }) => tag);
  for (const tag of wanted) {
    const language = tag.split(/[-_.@]/)[0].toLowerCase();
    const found = pageLocales.find((t) => t.split('-')[0].toLowerCase() === language);
    if (found) return found;
  }
  return 'en';
}

function fill(text, params) {
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/**
 * t(key, params) for `tag`: the text with its {placeholders} filled (numbers formatted for the
 * locale); a key the catalog lacks falls back to English. t.plural(key, count, params) picks
 * `<key>.one` or `<key>.other` by the language's plural rules.
 */
export function translator(tag) {
  const texts = catalogs[tag] ?? ENGLISH;
  const numbers = new Intl.NumberFormat(tag);
  const plurals = new Intl.PluralRules(tag);
  const formatted = (params) =>
    Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, typeof v === 'number' ? numbers.format(v) : v]),
    );
  const t = (key, params = {}) => fill(texts[key] ?? ENGLISH[key] ?? key, formatted(params));
  t.plural = (key, count, params = {}) => {
    const form = plurals.select(count) === 'one' ? 'one' : 'other';
    return t(`${key}.${form}`, { ...params, count });
  };
  t.number = (n) => numbers.format(n);
  t.tag = tag;
  return t;
}

/**
 * Writes the texts of a static layout: an element with data-t="key" gets the text, one with
 * data-t-label / data-t-placeholder / data-t-title the aria-label / placeholder / title. Run
 * again when the locale changes; dynamic parts re-render themselves.
 */
export function applyTexts(root, t) {
  for (const el of within(root, '[data-t]')) el.textContent = t(el.dataset.t);
  const attributes = { tLabel: 'aria-label', tPlaceholder: 'placeholder', tTitle: 'title' };
  for (const [data, attribute] of Object.entries(attributes)) {
    const selector = `[data-${data.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}]`;
    for (const el of within(root, selector)) el.setAttribute(attribute, t(el.dataset[data]));
  }
}

// `root` itself (when it is an element that matches) and its descendants that match.
function within(root, selector) {
  const self = root instanceof Element && root.matches(selector) ? [root] : [];
  return [...self, ...root.querySelectorAll(selector)];
}

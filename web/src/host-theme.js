// theme="auto" follows the page the element is on, not only the system: a docs site's own dark
// toggle must turn the element dark too. The first of these that says light or dark wins:
//
//   1. data-theme="dark|light" on <html>: Docusaurus, Starlight (Astro), many others;
//   2. class="dark" (or "light") on <html>: VitePress, Tailwind's `dark` class strategy, Nuxt's
//      color mode;
//   3. the page's color-scheme, computed on the element's parent: a page that says `color-scheme:
//      dark` (or only light); "light dark" and "normal" say nothing;
//   4. the background the page paints behind the element (the nearest ancestor's background
//      colour that is at least half opaque): dark or light by its luminance. This is what tells
//      the light mode of a site that marks only its dark mode (VitePress, Tailwind's class
//      strategy: no class at all in light mode) from the system's dark preference;
//   5. the system's preference (prefers-color-scheme), when the page paints nothing behind it.
//
// theme="light|dark" on the element forces one. followHostTheme() calls apply('light' | 'dark')
// now and whenever the answer may have changed: <html>'s or <body>'s class, data-theme or style,
// the element's theme attribute, or the system's preference.

const DARK_QUERY = '(prefers-color-scheme: dark)';
const WATCHED = ['class', 'data-theme', 'style'];

/** The theme the host page shows around `element`, by the conventions above. */
export function hostTheme(element) {
  const html = document.documentElement;
  // In a shadow root the parent is the root's host.
  const parent = element.parentElement ?? element.getRootNode().host ?? html;
  return (
    markedTheme(html) ??
    schemeTheme(parent) ??
    backgroundTheme(parent) ??
    (matchMedia(DARK_QUERY).matches ? 'dark' : 'light')
  );
}

// 1 and 2: data-theme or class on <html>.
function markedTheme(html) {
  const dataTheme = html.getAttribute('data-theme');
  if (dataTheme === 'dark' || dataTheme === 'light') return dataTheme;
  if (html.classList.contains('dark')) return 'dark';
  return html.classList.contains('light') ? 'light' : undefined;
}

// 3: a color-scheme that names one of the two.
function schemeTheme(parent) {
  const scheme = getComputedStyle(parent).colorScheme.split(/\s+/);
  const dark = scheme.includes('dark');
  if (dark !== scheme.includes('light')) return dark ? 'dark' : 'light';
  return undefined;
}

// 4: the first background behind the element that is at least half opaque.
function backgroundTheme(parent) {
  for (let el = parent; el; el = el.parentElement ?? el.getRootNode().host) {
    const rgba = toRgba(getComputedStyle(el).backgroundColor);
    // Dark when black text would read worse on it than white text (relative luminance < 0.179).
    if (rgba && rgba[3] >= 128) return luminance(rgba) < 0.179 ? 'dark' : 'light';
  }
  return undefined;
}

// Any CSS colour the browser knows (rgb, hex, oklch, color-mix…) as sRGB bytes [r, g, b, a],
// drawn on a 1×1 canvas; undefined when there is no canvas.
let pixel;
function toRgba(color) {
  if (color === 'transparent' || color === 'rgba(0, 0, 0, 0)') return [0, 0, 0, 0];
  pixel ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!pixel) return undefined;
  pixel.clearRect(0, 0, 1, 1);
  pixel.fillStyle = color;
  pixel.fillRect(0, 0, 1, 1);
  return [...pixel.getImageData(0, 0, 1, 1).data];
}

function luminance([r, g, b]) {
  const linear = (v) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The element's theme: its theme attribute when that forces one, else the host page's. */
export function elementTheme(element) {
  const forced = element.getAttribute('theme');
  return forced === 'light' || forced === 'dark' ? forced : hostTheme(element);
}

/**
 * Calls apply(theme) now and on every change that may alter it; returns the function that stops
 * watching (for disconnectedCallback).
 */
export function followHostTheme(element, apply) {
  let last;
  const update = () => {
    const theme = elementTheme(element);
    if (theme !== last) apply((last = theme));
  };
  const observer = new MutationObserver(update);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: WATCHED });
  // A class or style on <body> can change the color-scheme the parent computes.
  if (document.body) observer.observe(document.body, { attributes: true, attributeFilter: WATCHED });
  observer.observe(element, { attributes: true, attributeFilter: ['theme'] });
  const media = matchMedia(DARK_QUERY);
  media.addEventListener('change', update);
  update();
  return () => {
    observer.disconnect();
    media.removeEventListener('change', update);
  };
}

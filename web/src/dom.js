// Tiny DOM helpers. Everything from users, servers or responses goes in as text, never as HTML.

const absent = (value) => value === undefined || value === null || value === false;

// A listener for on*, the class, else an attribute (true: present and empty).
function setProp(el, key, value) {
  if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
  else if (key === 'class') el.className = value;
  else el.setAttribute(key, value === true ? '' : String(value));
}

/** h('button', {class: 'x', onclick}, 'text', child) -> element */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (!absent(value)) setProp(el, key, value);
  for (const child of children.flat(Infinity))
    if (!absent(child)) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return el;
}

let serial = 0;
/** A document-unique id for aria-describedby links. */
export const uid = (prefix) => `${prefix}-${++serial}`;

/** RFC 6901 segments of a JSON Pointer: "/mapping/a~1b" -> ["mapping", "a/b"]. */
export function pointerSegments(path) {
  return path === ''
    ? []
    : path
        .slice(1)
        .split('/')
        .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * One violation as list content: its severity badge, where it is (`where`: text or nothing),
 * its path (unless `path` is false; `root` names the empty one), message and code. The Problems list wraps it in a button, the response
 * check in a list item.
 */
export function violationParts(v, t, { where, path = true, root = '' } = {}) {
  return [
    h('span', { class: 'badge' }, t(`severity.${v.severity}`)),
    ' ',
    where && [h('span', { class: 'where' }, where), ' '],
    path && [h('code', {}, v.path || root), ' '],
    v.message,
    ' ',
    h('code', { class: 'code' }, `[${v.code}]`),
  ];
}

/** Offers `text` as a file `name` of `type`; the link lives in `parent` (a shadow root's part) for the click. */
export function download(text, type, name, parent) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a', { href: url, download: name });
  parent.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

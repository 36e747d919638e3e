// Tiny DOM helpers. Everything from users, servers or responses goes in as text, never as HTML.

/** h('button', {class: 'x', onclick}, 'text', child) -> element */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
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

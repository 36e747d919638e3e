// Which bytes Send puts on the wire, and how they differ from the editor's text. The contract
// (docs/contract.md, "The body as sent") sends the body re-written compactly: white space
// between tokens dropped, members and numbers exactly as typed, and every string escaped the
// minimal way (only `"`, `\` and control characters; `\u00e9` goes out as `é`, `\/` as `/`). The
// page, the snippets and "Request as sent" all carry the core's bytes; this says so, truthfully.

const MAX_EXAMPLES = 3;
export const DETAIL_LIMIT = 65_536; // characters of text compared in detail on every keystroke
const utf8Length = (text) => new TextEncoder().encode(text).length;

// The JSON string tokens of a text, quotes included, in order (a plain scan: the text is valid).
function stringTokens(text) {
  return text.match(/"(?:[^"\\]|\\.)*"/gs) ?? [];
}

// The text without white space between tokens (strings kept as typed).
function withoutSpace(text) {
  return text.replace(/"(?:[^"\\]|\\.)*"|[ \t\r\n]+/gs, (m) => (m[0] === '"' ? m : ''));
}

// How the core writes the character(s) of one escape: JSON.stringify's minimal escaping, which
// the core shares (detail/json_escape.h). Memoised: a big body repeats the same few escapes.
const minimalOf = new Map();
function minimal(escape) {
  if (!minimalOf.has(escape)) {
    let written;
    try {
      written = JSON.stringify(JSON.parse(`"${escape}"`)).slice(1, -1);
    } catch {
      written = escape; // not an escape JSON allows: the core builds no body for it
    }
    if (minimalOf.size > 1000) minimalOf.clear();
    minimalOf.set(escape, written);
  }
  return minimalOf.get(escape);
}

const ESCAPE = /\\u[dD][89abAB][0-9a-fA-F]{2}\\u[0-9a-fA-F]{4}|\\u[0-9a-fA-F]{4}|\\./g;

// The escapes of a typed string that the core writes differently, e.g. ['\\u00e9', 'é'].
function rewrittenEscapes(typed, found) {
  for (const [escape] of typed.matchAll(ESCAPE)) {
    const written = minimal(escape);
    if (written !== escape) found.push([escape, written]);
  }
}

/**
 * Compares the editor's `text` with the `body` the core built from it. Returns
 * {bytes, typedBytes, same, spaced, escapes: [[typed, sent], ...], escapeCount}.
 */
export function compareSent(text, body) {
  const result = { bytes: utf8Length(body), typedBytes: utf8Length(text), same: body === text };
  if (result.same) return { ...result, spaced: false, escapes: [], escapeCount: 0 };
  const compact = withoutSpace(text);
  const escapes = [];
  if (compact !== body) {
    // Escapes differ too: pair the strings of both texts (same members, same order).
    const typed = stringTokens(compact);
    const sent = stringTokens(body);
    for (let i = 0; i < typed.length && i < sent.length; i++)
      if (typed[i] !== sent[i]) rewrittenEscapes(typed[i], escapes);
  }
  const unique = [...new Map(escapes.map(([a, b]) => [a, [a, b]])).values()];
  return {
    ...result,
    spaced: compact !== text,
    escapes: unique.slice(0, MAX_EXAMPLES),
    escapeCount: escapes.length,
  };
}

/** What to say under the Send button, in the page's language (`t`, texts.js). */
export function sentBytesText(text, body, t) {
  const sizes = { bytes: utf8Length(body), typed: utf8Length(text) };
  if (text.length > DETAIL_LIMIT && text !== body) {
    // A big body: the rule, not the list (comparing costs more than a keystroke may).
    return `${t('bytes.big', sizes)}${t('bytes.separator')}${t('bytes.sameBytes')}`;
  }
  const d = compareSent(text, body);
  if (d.same) return t('bytes.same', { bytes: d.bytes });
  const parts = [t('bytes.compact', sizes)];
  if (d.spaced) parts.push(t('bytes.space'));
  if (d.escapeCount) {
    const n = d.escapeCount;
    const shown = d.escapes.map(([a, b]) => `${a} → ${b}`).join(', ');
    const rest = n - d.escapes.length;
    parts.push(
      rest ? t.plural('bytes.escapesMore', n, { shown, rest }) : t.plural('bytes.escapes', n, { shown }),
    );
  }
  parts.push(t('bytes.sameBytes'));
  return parts.join(t('bytes.separator')); // between sentences: a space, none in Japanese and Chinese
}

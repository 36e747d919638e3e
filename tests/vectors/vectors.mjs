// Loads the corpus (format: tests/vectors/README.md) for the JavaScript test suites.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('.', import.meta.url).pathname;

function expandParts(parts) {
  return parts
    .map(({ text, repeat = 1, sep = '' }) =>
      Array.from({ length: repeat }, (_, i) => text.replaceAll('{i}', String(i))).join(sep))
    .join('');
}

/** The body bytes of a case: `body` (text), `body_base64` or `body_parts`. */
export function bodyBytes(c, prefix = 'body') {
  if (c[`${prefix}_base64`] !== undefined) return new Uint8Array(Buffer.from(c[`${prefix}_base64`], 'base64'));
  const text = c[prefix] !== undefined ? c[prefix] : expandParts(c[`${prefix}_parts`]);
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** The bytes as a JS string when they are valid UTF-8, else undefined. */
export function asText(bytes) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Every case of tests/vectors/<kind>/*.json, each with its file name. */
export function loadCases(kind) {
  const dir = join(root, kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')).map((c) => ({ file, ...c })));
}

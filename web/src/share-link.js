// The share link: the body, never the token, as base64url UTF-8 in the fragment (#body=...),
// which no server ever receives.

/** '#body=<base64url>' for a body text. */
export function shareHash(text) {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `#body=${btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')}`;
}

/** The body a fragment carries, or undefined when it carries none (or a broken one). */
export function bodyFromHash(hash) {
  const match = /^#body=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!match) return undefined;
  try {
    const binary = atob(match[1].replaceAll('-', '+').replaceAll('_', '/'));
    return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

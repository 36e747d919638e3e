// What the page asks of a userapi sandbox beyond the API itself (docs/sandbox.md):
//
// - a session for a visitor: when the page is served by a sandbox that wants its visitors to use
//   one (`userapi serve --public`: GET /sandbox/sessions says {"auto": true}) and no token is
//   given, POST /sandbox/sessions makes one. Anything else (another server, an older sandbox, a
//   refusal) resolves to null and the page goes on as before;
// - the user group as stored (GET /sandbox/user-groups/<id>), for "What is stored now?".

/**
 * @param {string} origin the page's own origin, e.g. "https://sandbox.example.com"
 * @returns {Promise<{token: string, expiresAt: string} | {error: string} | null>}
 */
export async function sandboxSession(origin) {
  const url = `${origin}/sandbox/sessions`;
  const options = { credentials: 'omit', cache: 'no-store' };
  try {
    const info = await fetch(url, options);
    if (!info.ok || !(info.headers.get('Content-Type') ?? '').startsWith('application/json')) return null;
    if ((await info.json()).auto !== true) return null;
    const made = await fetch(url, { ...options, method: 'POST' });
    const body = await made.json();
    if (made.status === 201 && typeof body.token === 'string')
      return { token: body.token, expiresAt: body.expires_at };
    return { error: body?.error?.message ?? `HTTP ${made.status}` };
  } catch {
    return null;
  }
}

/** "Using a sandbox session token, valid until 2 Dec 2026, 09:15." in the reader's own time and language (`t`). */
export function sessionNote(expiresAt, t) {
  const when = new Date(expiresAt);
  const shown = Number.isNaN(when.getTime())
    ? expiresAt
    : when.toLocaleString(t.tag, { dateStyle: 'medium', timeStyle: 'short' });
  return t('session.note', { time: shown });
}

/**
 * The stored user group `id` at `base`, read with the API's own Authorization header (`auth` is
 * api.contract.auth). Resolves to {json} (pretty-printed), {status, text} for an answer other
 * than 200, or {error} when nothing answered; never rejects.
 */
export async function readStored(base, id, auth, token) {
  try {
    const response = await fetch(`${base.replace(/\/$/, '')}/sandbox/user-groups/${encodeURIComponent(id)}`, {
      headers: { [auth.header]: `${auth.scheme} ${token}` },
      credentials: 'omit',
      cache: 'no-store',
    });
    const text = await response.text();
    if (!response.ok) return { status: response.status, text };
    return { json: JSON.stringify(JSON.parse(text), null, 2) };
  } catch (error) {
    return { error: error.message };
  }
}

// Copy to the clipboard, saying so in a status line for a few seconds.

/** Copies `text`; `status` shows t(doneKey), or how to copy by hand when the browser refuses. */
export async function copyText(text, status, t, doneKey) {
  try {
    await navigator.clipboard.writeText(text);
    status.textContent = t(doneKey);
  } catch {
    status.textContent = t('copy.failed');
  }
  setTimeout(() => (status.textContent = ''), 4000);
}

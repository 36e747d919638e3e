// Where the playground keeps the token: in memory only (token-storage="memory", the default), or,
// when the page allows it (token-storage="session") and the user ticks "Remember for this tab",
// in sessionStorage as well. Never in localStorage, a cookie or a URL.
const TOKEN_KEY = 'userapi.playground.token';

export class TokenStore {
  /** `allowSession`: the element's token-storage attribute is "session". */
  constructor(allowSession) {
    this.allowSession = allowSession;
  }

  /** The token remembered for this tab, or '' (always '' when session storage is not allowed). */
  restore() {
    return this.allowSession ? (sessionStorage.getItem(TOKEN_KEY) ?? '') : '';
  }

  /** Remembers `token` for this tab when allowed and asked (`remember`); else forgets it. */
  store(token, remember) {
    if (this.allowSession && remember && token) sessionStorage.setItem(TOKEN_KEY, token);
    else this.forget();
  }

  forget() {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

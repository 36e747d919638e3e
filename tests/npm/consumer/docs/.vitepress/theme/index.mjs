// The element is defined in the browser only (VitePress also renders pages on the server).
import DefaultTheme from 'vitepress/theme';

export default {
  extends: DefaultTheme,
  async enhanceApp() {
    if (import.meta.env.SSR) return;
    await import('userapi/playground');
    const base = new URLSearchParams(location.search).get('base');
    if (base)
      customElements
        .whenDefined('update-user-playground')
        .then(() => document.querySelectorAll('update-user-playground').forEach((el) => (el.baseUrl = base)));
  },
};

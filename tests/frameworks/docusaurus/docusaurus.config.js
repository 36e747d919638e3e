// A Docusaurus 3 docs site (classic preset) with the playground on an MDX page.
export default {
  title: 'Example API docs',
  url: 'http://127.0.0.1',
  baseUrl: '/',
  onBrokenLinks: 'throw',
  presets: [
    [
      'classic',
      {
        docs: { routeBasePath: '/', sidebarPath: undefined },
        blog: false,
        theme: {},
      },
    ],
  ],
  themeConfig: {
    colorMode: { defaultMode: 'light', respectPrefersColorScheme: false },
    navbar: { title: 'Example API' },
  },
};

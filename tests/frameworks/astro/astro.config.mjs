// An Astro 5 + Starlight docs site with the playground on an MDX page.
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';

export default defineConfig({
  integrations: [starlight({ title: 'Example API docs', pagefind: false })],
});

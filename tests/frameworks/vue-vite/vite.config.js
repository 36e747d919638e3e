import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vue renders <update-user-playground> as a custom element, not a component to resolve.
export default defineConfig({
  plugins: [
    vue({ template: { compilerOptions: { isCustomElement: (tag) => tag === 'update-user-playground' } } }),
  ],
  base: './',
});

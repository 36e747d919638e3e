// Nothing userapi-specific: Vite bundles the element and emits the .wasm it refers to.
export default { build: { outDir: 'dist-vite', emptyOutDir: true } };

// Loads an Emscripten module of userapi (the core, or the batch core). Browsers fetch the .wasm
// next to the Emscripten glue (its new URL(..., import.meta.url), which Vite, webpack and Rollup
// follow) or from `wasmUrl`; Node reads it from disk; `wasmBytes` skips both.

const isNode = typeof process === 'object' && !!process.versions?.node && typeof window === 'undefined';

export async function loadCore(factory, wasmFile, { wasmUrl, wasmBytes } = {}) {
  const args = {};
  if (wasmBytes) {
    args.wasmBinary = wasmBytes;
  } else if (isNode) {
    // process.getBuiltinModule (Node 20.16+) is synchronous and, unlike an import of node:fs,
    // invisible to bundlers building for browsers.
    const fs = process.getBuiltinModule?.('node:fs/promises');
    if (!fs)
      throw new Error(
        'userapi needs Node 20.16 or later (process.getBuiltinModule), or the wasmBytes option',
      );
    args.wasmBinary = await fs.readFile(new URL(`./${wasmFile}`, import.meta.url));
  } else if (wasmUrl) {
    const url = String(wasmUrl);
    args.locateFile = (file) => (file.endsWith('.wasm') ? url : file);
  }
  return factory(args);
}

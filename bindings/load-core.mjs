// Loads an Emscripten module of userapi (the core, or the batch core). Each caller names its .wasm
// with one literal `new URL('./file.wasm', import.meta.url)`, the pattern Vite, webpack, Rollup and
// Turbopack recognise: they emit that one file and rewrite the URL, and copy nothing else. Browsers
// fetch it (or `wasmUrl`); Node reads it; `wasmBytes` (or a function that resolves to them: the
// bytes userapi.node.mjs carries) skips both.

const isNode = typeof process === 'object' && !!process.versions?.node && typeof window === 'undefined';

export async function loadCore(factory, wasmFileUrl, { wasmUrl, wasmBytes } = {}) {
  const args = {};
  if (wasmBytes) {
    args.wasmBinary = typeof wasmBytes === 'function' ? await wasmBytes() : wasmBytes;
  } else if (isNode) {
    args.wasmBinary = await readWasm(String(wasmUrl ?? wasmFileUrl()));
  } else {
    const url = String(wasmUrl ?? wasmFileUrl());
    args.locateFile = (file) => (file.endsWith('.wasm') ? url : file);
  }
  return factory(args);
}

// A server bundle may hand over a file: URL (plain Node, webpack), a path, or an http(s) URL
// (an asset served by the framework). The URL travels as a string: a URL object made in a bundle's
// own realm is not one node:fs accepts.
async function readWasm(href) {
  if (/^(https?|data):/.test(href)) {
    const response = await fetch(href);
    if (!response.ok)
      throw new Error(`userapi could not load its WebAssembly from ${href}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  // process.getBuiltinModule (Node 20.16+) is synchronous and, unlike an import of node:fs,
  // invisible to bundlers building for browsers.
  const builtin = process.getBuiltinModule;
  if (!builtin)
    throw new Error('userapi needs Node 20.16 or later (process.getBuiltinModule), or the wasmBytes option');
  const path = href.startsWith('file:') ? builtin('node:url').fileURLToPath(href) : href;
  return builtin('node:fs/promises').readFile(path);
}

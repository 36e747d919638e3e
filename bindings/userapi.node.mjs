// userapi in Node and in server bundles (the package's `node` export condition): userapi.mjs with
// both .wasm files inside, as base64 modules. A server bundler does not always keep a file that
// server code can read: Turbopack hands a Next.js page's server code the browser's asset URL
// (/_next/static/media/…). Browsers never load this file; their bundles keep the .wasm separate.
import { createUserApi as createFromFiles } from './userapi.mjs';

export * from './userapi.mjs';

const decode = (base64) => new Uint8Array(Buffer.from(base64, 'base64'));

/** createUserApi, its .wasm taken from the package unless `wasmUrl` or `wasmBytes` says otherwise. */
export async function createUserApi(options = {}) {
  const own = (url, bytes) => options[url] === undefined && options[bytes] === undefined;
  return createFromFiles({
    ...options,
    ...(own('wasmUrl', 'wasmBytes') &&
      options.wasmBinary === undefined && {
        wasmBytes: decode((await import('./userapi-core.wasm.node.mjs')).default),
      }),
    ...(own('batchWasmUrl', 'batchWasmBytes') && {
      batchWasmBytes: async () => decode((await import('./userapi-batch-core.wasm.node.mjs')).default),
    }),
  });
}

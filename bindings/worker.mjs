// userapi/worker: the core in a Web Worker, for pages that check large bodies (a 1 MiB body
// takes 10 to 15 ms to validate, about one frame) without blocking typing. The same methods as
// createUserApi's, each returning a Promise; send stays on the main thread (api.send), because an
// AbortSignal cannot cross into a worker.

const METHODS = ['validate', 'buildRequest', 'snippet', 'checkResponse'];

/** Starts the worker and loads the core in it; resolves once it is ready. */
export async function createUserApiWorker({ wasmUrl, wasmBytes } = {}) {
  // new URL(..., import.meta.url): the pattern Vite, webpack 5 and Rollup bundle as a worker.
  const worker = new Worker(new URL('./worker-thread.mjs', import.meta.url), { type: 'module' });
  const pending = new Map();
  let next = 0;
  worker.onmessage = ({ data }) => {
    const call = pending.get(data.id);
    pending.delete(data.id);
    if (data.error === undefined) call.resolve(data.result);
    else call.reject(new (data.error.range ? RangeError : Error)(data.error.message));
  };
  worker.onerror = (event) => {
    for (const call of pending.values())
      call.reject(new Error(`the userapi worker failed: ${event.message}`));
    pending.clear();
  };
  const call = (method, args) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, method, args });
    });
  const info = await call('init', [{ wasmUrl: wasmUrl && String(wasmUrl), wasmBytes }]);
  const api = { ...info, terminate: () => worker.terminate() };
  for (const method of METHODS) api[method] = (...args) => call(method, args);
  return Object.freeze(api);
}

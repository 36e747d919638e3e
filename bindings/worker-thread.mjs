// The worker side of userapi/worker: runs the module and answers one message per call.
import { createUserApi } from './userapi.mjs';

const METHODS = new Set(['validate', 'buildRequest', 'snippet', 'checkResponse']);
let api;

self.onmessage = async ({ data: { id, method, args } }) => {
  try {
    if (method === 'init') {
      api = await createUserApi(args[0]);
      self.postMessage({ id, result: { version: api.version, contract: api.contract, limits: api.limits } });
    } else if (METHODS.has(method)) {
      self.postMessage({ id, result: api[method](...args) });
    } else {
      throw new Error(`unknown method ${method}`);
    }
  } catch (error) {
    self.postMessage({
      id,
      error: { message: String(error?.message ?? error), range: error instanceof RangeError },
    });
  }
};

// One instantiation of the module in a fresh Node process, as an application starts it. `ms` is
// createUserApi() alone: reading the .wasm, compiling, instantiating and Embind's set-up;
// `import_ms` is import('userapi') before it (loading the two JavaScript files).
// Prints {"ms": ..., "import_ms": ...}. Run by node-bench.mjs, once per process.
const t0 = performance.now();
const { createUserApi } = await import('userapi');
const t1 = performance.now();
const api = await createUserApi();
const t2 = performance.now();
if (!api.validate('{"user_group_id":"a","name":"b"}').valid) throw new Error('the module does not work');
process.stdout.write(JSON.stringify({ ms: t2 - t1, import_ms: t1 - t0 }));

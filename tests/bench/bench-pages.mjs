// What the Chromium benches share: the module's files next to a bench page, and `userapi serve`
// serving it from 127.0.0.1.
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const CLI = new URL('../../build/native/src/cli/userapi', import.meta.url).pathname;

/** Every .mjs and .wasm of `pkgDir` into `dest`, so whatever userapi.mjs imports is there. */
export function copyModuleFiles(pkgDir, dest) {
  for (const file of readdirSync(pkgDir).filter((f) => /\.(mjs|wasm)$/.test(f)))
    copyFileSync(join(pkgDir, file), join(dest, file));
}

/** `userapi serve` on a free port with a database in `workDir` (and `web` at / when given). */
export function startServe(workDir, web) {
  const args = ['serve', '--host', '127.0.0.1', '--port', '0', '--db', join(workDir, 'sandbox.db')];
  const server = spawn(CLI, web ? [...args, '--web', web] : args, { stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/on (http:\/\/[^/\s]+)\//);
      if (m) resolve({ origin: m[1], stop: () => server.kill('SIGTERM') });
    });
    server.on('exit', (code) => reject(new Error(`userapi serve exited with ${code}`)));
  });
}

// The module's files (build/wasm/pkg) copied next to a bench page: every .mjs and .wasm, so that
// whatever userapi.mjs imports is there (the batch files are copied too, and never loaded).
import { copyFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export function copyModuleFiles(pkgDir, dest) {
  for (const file of readdirSync(pkgDir).filter((f) => /\.(mjs|wasm)$/.test(f)))
    copyFileSync(join(pkgDir, file), join(dest, file));
}

// Runs the native userapi command, for comparing its JSON with the wasm module's.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const repo = new URL('../..', import.meta.url).pathname;
export const cliPath = process.env.USERAPI_CLI ?? join(repo, 'build/native/src/cli/userapi');
const scratch = mkdtempSync(join(tmpdir(), 'userapi-cli-'));
let serial = 0;

/** Writes bytes to a scratch file and returns its path. */
export function scratchFile(bytes) {
  const path = join(scratch, `input-${serial++}`);
  writeFileSync(path, bytes);
  return path;
}

/** Runs `userapi ...args` and returns its parsed JSON output (exit codes 0 and 1 are both fine). */
export function cliJson(args) {
  const run = spawnSync(cliPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (run.status !== 0 && run.status !== 1)
    throw new Error(`userapi ${args[0]} exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

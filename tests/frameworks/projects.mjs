// The framework projects of tests/frameworks/: one package.json and lock file for all of them,
// installed once into build/frameworks/ (again only when the lock file or the tarball changed),
// each project copied next to that node_modules and built there, as its users would build it.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

import { repoRoot } from '../browser/harness.mjs';

const source = path.join(repoRoot, 'tests', 'frameworks');
export const work = path.join(repoRoot, 'build', 'frameworks');
const npmDir = path.join(repoRoot, 'build', 'npm');

/** Runs a command in `cwd`, printing how long it took; its output is shown only when it fails. */
export function timed(label, cmd, args, cwd, env = {}) {
  const started = performance.now();
  try {
    execFileSync(cmd, args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ASTRO_TELEMETRY_DISABLED: '1', CI: '1', ...env },
      maxBuffer: 64 << 20,
    });
  } catch (error) {
    throw new Error(`${label} failed (${cmd} ${args.join(' ')}):\n${error.stdout}\n${error.stderr}`);
  }
  console.log(`# ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const digest = (file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

// Reinstalls only what changed: npm ci when the lock file did, the tarball when it did.
function refresh(stampName, key, install) {
  const stamp = path.join(work, 'node_modules', stampName);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) return;
  install();
  fs.writeFileSync(stamp, key);
}

/** Installs the frameworks and the packed tarball into build/frameworks; returns the tarball's name. */
export function installFrameworks() {
  const tarball = fs.readdirSync(npmDir).find((f) => /^userapi-.*\.tgz$/.test(f));
  if (!tarball) throw new Error(`no userapi-*.tgz in ${npmDir}: run scripts/build`);
  fs.mkdirSync(work, { recursive: true });
  const lock = path.join(source, 'package-lock.json');
  refresh('.userapi-lock', digest(lock), () => {
    for (const file of ['package.json', 'package-lock.json'])
      fs.copyFileSync(path.join(source, file), path.join(work, file));
    timed(
      'npm ci (every framework, one lock file)',
      'npm',
      ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
      work,
    );
    fs.rmSync(path.join(work, 'node_modules', '.userapi-tarball'), { force: true });
  });
  const packed = path.join(npmDir, tarball);
  refresh('.userapi-tarball', digest(packed), () =>
    timed(
      `npm install ${tarball}`,
      'npm',
      ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', packed],
      work,
    ),
  );
  return tarball;
}

/** A fresh copy of tests/frameworks/<name> in build/frameworks/<name>; returns its path. */
export function freshProject(name) {
  const dir = path.join(work, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(source, name), dir, { recursive: true });
  return dir;
}

/** Every file under `dir`, relative to it, sorted. */
export function listing(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
}

/** Starts `next start` on host:port in `dir`; resolves to { origin, stop } once it is ready. */
export function startNext(dir, host, port, env = {}) {
  const proc = spawn('npx', ['next', 'start', '--hostname', host, '--port', String(port)], {
    cwd: dir,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const stop = () => {
    if (proc.exitCode === null) process.kill(-proc.pid, 'SIGTERM');
    return new Promise((resolve) => (proc.exitCode === null ? proc.on('exit', resolve) : resolve()));
  };
  return new Promise((resolve, reject) => {
    const collect = (chunk) => {
      output += chunk;
      if (/Ready in/.test(output)) resolve({ origin: `http://${host}:${port}`, stop, output: () => output });
    };
    proc.stdout.on('data', collect);
    proc.stderr.on('data', collect);
    proc.on('exit', (code) => reject(new Error(`next start exited (${code}):\n${output}`)));
  });
}

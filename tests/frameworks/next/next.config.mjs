import path from 'node:path';

// The frameworks share one node_modules one folder up (tests/frameworks/package.json).
const root = path.resolve(import.meta.dirname, '..');

/** @type {import('next').NextConfig} */
export default {
  // The test builds once with Turbopack (.next) and once with webpack (NEXT_DIST_DIR=.next-webpack).
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  turbopack: { root },
  outputFileTracingRoot: root,
};

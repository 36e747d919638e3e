// webpack 5 with no rules for userapi: new URL('…wasm', import.meta.url) is an asset by default.
import { fileURLToPath } from 'node:url';

export default {
  mode: 'production',
  entry: './src/main.js',
  output: { path: fileURLToPath(new URL('dist-webpack', import.meta.url)), filename: 'main.js', clean: true },
  performance: { hints: false },
};

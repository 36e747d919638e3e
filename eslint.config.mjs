// ESLint over the JavaScript (web/, bindings/, tools/, tests/), held to the standard clang-tidy holds
// the C++ to (.clang-tidy): functions of at most 60 lines, few branches. `npx eslint .` is a suite of
// the test command.
import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    // Build outputs and installed packages (the framework test projects build into their own folders).
    ignores: [
      'build*/',
      '**/node_modules/',
      'data/',
      'tests/**/dist/',
      'tests/**/.next/',
      'tests/**/.astro/',
    ],
  },
  {
    // Not yet under the rules (long describe blocks, shadowed hooks, BatchView's #layout): being
    // split; each file leaves this list when it passes.
    ignores: ['tests/cli/batch.test.mjs', 'web/src/batch-view.js'],
  },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs,jsx}'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      // The bindings and the page run in browsers, workers and Node; tests drive browsers, whose
      // page.evaluate callbacks run there.
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 12],
      'max-depth': ['error', 4],
      'no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-shadow': 'error',
      'no-throw-literal': 'error',
      'no-return-assign': 'error',
      'no-else-return': 'error',
      'object-shorthand': 'error',
    },
  },
];

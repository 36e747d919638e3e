// The recipes in the docs are the framework projects' own files (tests/frameworks/recipes.mjs).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

import { DOCS, repoRoot, withRecipes } from './recipes.mjs';

for (const doc of DOCS)
  test(`${doc}: every recipe is its test project's file (node tests/frameworks/recipes.mjs rewrites them)`, () => {
    const text = fs.readFileSync(path.join(repoRoot, doc), 'utf8');
    const { updated, paths } = withRecipes(text);
    assert.ok(paths.length >= 5, `${doc} has ${paths.length} recipes`);
    assert.equal(text, updated, `${doc}: a recipe differs from its file`);
  });

// The recipes in docs/playground.md and bindings/README.md are files of tests/frameworks/: each
// fenced block after `<!-- recipe: PATH -->` holds PATH's text. `node tests/frameworks/recipes.mjs`
// writes them in; recipes.test.mjs fails when one differs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DOCS = ['docs/playground.md', 'bindings/README.md'];
const RECIPE = /(<!-- recipe: (\S+) -->\n```\w*\n)([\s\S]*?)(```)/g;

/** The doc's text with every recipe block holding its file's text; and the paths it names. */
export function withRecipes(text) {
  const paths = [];
  const updated = text.replace(RECIPE, (_, head, file, _body, tail) => {
    paths.push(file);
    return `${head}${fs.readFileSync(path.join(repoRoot, file), 'utf8')}${tail}`;
  });
  return { updated, paths };
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  for (const doc of DOCS) {
    const file = path.join(repoRoot, doc);
    fs.writeFileSync(file, withRecipes(fs.readFileSync(file, 'utf8')).updated);
  }

// The build's own tools, on small made-up inputs: tools/inline-snippets.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, tempDir } from './lib/setup.mjs';

const TOOL = path.join(ROOT, 'tools', 'inline-snippets.mjs');

/**
 * A pkg folder as wasm-bindgen writes it: readmode.js importing one snippet, by name (in single
 * quotes, for a function it calls straight) and as a namespace.
 */
function pkgWith(snippet) {
  const dir = tempDir('readmode-inline-');
  // As in pkg/: ES modules.
  fs.writeFileSync(path.join(dir, 'package.json'), '{ "type": "module" }\n');
  const rel = './snippets/readmode-0123abcd/src/web/walk.js';
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), snippet);
  fs.writeFileSync(path.join(dir, 'readmode.js'), [
    `import { walk as walkNamed } from '${rel}';`,
    `import * as import1 from "${rel}"`,
    'export const named = (x) => walkNamed(x) + 1;',
    'const imports = { "./snippets/readmode-0123abcd/src/web/walk.js": import1 };',
    'export const walk = (x) => imports["./snippets/readmode-0123abcd/src/web/walk.js"].walk(x);',
    'export const twice = (x) => new imports["./snippets/readmode-0123abcd/src/web/walk.js"].Pair(x).sum();',
    '',
  ].join('\n'));
  return dir;
}

const run = (dir) => spawnSync(process.execPath, [TOOL, dir], { encoding: 'utf8' });

test('inline-snippets: the snippet lands in readmode.js, which then imports nothing and works the same', async () => {
  const dir = pkgWith([
    '// export and import in a comment are left alone',
    'const K = 2;',
    'export function walk(x) { return x * K; }',
    'export class Pair { constructor(x) { this.x = x; } sum() { return this.x + this.x; } }',
    '',
  ].join('\n'));
  const res = run(dir);
  assert.equal(res.status, 0, res.stderr);
  assert.equal(fs.existsSync(path.join(dir, 'snippets')), false, 'the snippets folder is gone');
  const js = fs.readFileSync(path.join(dir, 'readmode.js'), 'utf8');
  assert.doesNotMatch(js, /^import /m, 'readmode.js imports nothing');
  const mod = await import(path.join(dir, 'readmode.js'));
  assert.equal(mod.walk(21), 42);
  assert.equal(mod.named(1), 3, 'the import by name is bound to the same snippet');
  assert.equal(mod.twice(4), 8);
  // Run again on its own output: nothing left to do, nothing broken.
  assert.equal(run(dir).status, 0);
  assert.equal(fs.readFileSync(path.join(dir, 'readmode.js'), 'utf8'), js);
});

test('inline-snippets: a snippet it cannot fold in stops the build with a message', () => {
  for (const [src, says] of [
    ['export default function walk() {}\n', /export default/],
    ['import { x } from "./other.js";\nexport function walk() { return x; }\n', /import \{ x \}/],
    ['const walk = 1;\nexport { walk };\n', /export \{ walk \}/],
  ]) {
    const dir = pkgWith(src);
    const res = run(dir);
    assert.equal(res.status, 1, `exit code for ${JSON.stringify(src)}`);
    assert.match(res.stderr, says);
    assert.ok(fs.existsSync(path.join(dir, 'snippets')), 'nothing was changed');
  }
  const none = run(tempDir('readmode-inline-empty-'));
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no readmode\.js/);
});

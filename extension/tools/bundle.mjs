// Bundles the modules the content script loads into a built extension, in place:
//   node extension/tools/bundle.mjs dist/<browser>     (run by build.sh's assemble step)
//
// The content script loads two entry modules into the page: view/on-load.js (the readerable
// check and the warm-up, at idle) and view/reader.js (the view, on a toggle). Unbundled they
// import a dozen modules, each fetched and compiled on its own; bundled, each entry is one file
// and what both import is one shared chunk (so the engine, the settings and the rest exist once
// in the page, whichever entry loaded first). A toggle as soon as the page has loaded waits
// 11.2 ms for the modules instead of 30.5 (median, Mozilla's test pages, bench/activation.mjs
// --no-idle).
//
// What the modules import dynamically stays a file of its own, imported by its path from the
// chunk: the engine's module (pkg/readmode.js, where the wasm runs in the content script: it
// finds its wasm beside it) and engine-host.js (the background's engine on Firefox).
//
// content.js asks for the shared chunks with the entry, not after it (see its MODULES); their
// names carry a hash of their content, so this writes the list into the built content.js.
// Nothing is minified: the shipped code reads as its source does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ENTRIES = ['view/on-load.js', 'view/reader.js'];
// The extension's other module graphs (its own pages and the background), left as they are:
// what they import stays in the build; any other module the bundle took in is removed.
const PAGES = ['background.js', 'offscreen.js', 'options.js', 'engine-host.js'];
// content.js's list of the modules the view needs besides its entry (see the top).
const MODULES_LINE = /^( *const MODULES = )\[\];/m;

// The modules reachable from `roots` by static imports of relative paths (paths in `dir`, the
// roots among them). tests/e2e/static.test.mjs follows the built content script's imports with it.
export function reachable(dir, roots) {
  const seen = new Set();
  const todo = roots.filter((f) => fs.existsSync(path.join(dir, f)));
  while (todo.length) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const m of code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+(['"])(\.{1,2}\/[^'"]+)\1/gm)) {
      todo.push(path.posix.normalize(path.posix.join(path.posix.dirname(file), m[2])));
    }
  }
  return seen;
}

// Leaves each dynamic import of a relative path out of the bundle, its path rewritten to hold
// from the output folder (view/), where the chunks land.
const keepDynamicImports = {
  name: 'keep-dynamic-imports',
  setup(b) {
    b.onResolve({ filter: /^\.{1,2}\// }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const target = path.resolve(args.resolveDir, args.path);
      const out = path.resolve(b.initialOptions.absWorkingDir, b.initialOptions.outdir);
      let rel = path.relative(out, target).split(path.sep).join('/');
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return { path: rel, external: true };
    });
  },
};

async function main(dest) {
  if (!dest || !fs.existsSync(path.join(dest, 'content.js'))) {
    console.error(`usage: bundle.mjs DIST_DIR (a built extension with content.js; got ${dest ?? 'nothing'})`);
    process.exit(2);
  }
  const out = await build({
    absWorkingDir: path.resolve(dest),
    entryPoints: ENTRIES,
    outdir: 'view',
    outbase: 'view',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: ['chrome116', 'firefox140'], // the manifests' minimum versions
    chunkNames: 'shared-[hash]',
    allowOverwrite: true,
    metafile: true,
    plugins: [keepDynamicImports],
    logLevel: 'error',
    legalComments: 'inline',
  });
  const outputs = Object.keys(out.metafile.outputs);
  const taken = Object.keys(out.metafile.inputs).filter((f) => f.startsWith('pkg/') || f === 'engine-host.js');
  if (taken.length) throw new Error(`bundle.mjs: the bundle took in ${taken.join(', ')}: the engine and the background's host must stay files of their own (import them dynamically)`);
  const entries = new Set(ENTRIES);
  const chunks = outputs.filter((f) => !entries.has(f)).sort();
  const missing = ENTRIES.filter((e) => !outputs.includes(e));
  if (missing.length) throw new Error(`bundle.mjs: no output for ${missing.join(', ')}`);
  // The bundled entries import only the chunks (and what the plugin kept out of the bundle).
  for (const e of ENTRIES) {
    for (const imp of out.metafile.outputs[e].imports) {
      if (!imp.external && !chunks.includes(imp.path)) throw new Error(`bundle.mjs: ${e} imports ${imp.path}, not a chunk`);
    }
  }
  // The bundled modules no page imports: gone from the build, so that it ships each once.
  const kept = reachable(dest, PAGES);
  const removed = Object.keys(out.metafile.inputs).filter((f) => !kept.has(f) && !outputs.includes(f));
  for (const f of removed) fs.rmSync(path.join(dest, f));
  const file = path.join(dest, 'content.js');
  const content = fs.readFileSync(file, 'utf8');
  if (!MODULES_LINE.test(content)) throw new Error('bundle.mjs: content.js has no `const MODULES = [];` to fill');
  const list = chunks.map((c) => `'${c}'`).join(', ');
  fs.writeFileSync(file, content.replace(MODULES_LINE, `$1[${list}];`));
  console.log(`bundle.mjs: ${ENTRIES.join(' and ')} bundled; shared: ${chunks.join(', ') || 'none'}; removed: ${removed.join(', ') || 'nothing'}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((e) => {
    console.error(e.message ?? e);
    process.exit(1);
  });
}

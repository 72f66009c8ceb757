// Folds the JS snippets wasm-bindgen writes next to the module (pkg/snippets/…, here the JS half
// of the page walk, src/web/walk.js) into pkg/readmode.js, so loading the engine takes one
// module fetch instead of two in a row.
//
//   node tools/inline-snippets.mjs PKG_DIR
//
// Each snippet readmode.js imports becomes a const holding its exports, evaluated in a function
// scope of its own, and each import line a binding to it (see IMPORT below). A snippet may export only
// `function`, `class`, `const` and `let` declarations and may import nothing; anything else
// stops the build with a message, rather than ship a module that breaks when it loads.
//
// NOTE: why. Every module the engine loads is a round trip to the browser's resource loader,
// and a dynamic import waits for the whole graph: readmode.js, then walk.js, then the wasm. On
// a page that asks for the engine cold (the first activation) the round trips, not the
// compiling, were most of the time (bench/browser.mjs, "instantiate").
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
const main = dir && path.join(dir, 'readmode.js');
if (!main || !fs.existsSync(main)) {
  console.error(`inline-snippets: no readmode.js in ${dir ?? '(no directory given)'}`);
  process.exit(2);
}

const fail = (msg) => {
  console.error(`inline-snippets: ${msg}`);
  process.exit(1);
};

// A snippet's source with its `export` keywords taken off, and the names it exported.
function unexported(file) {
  const src = fs.readFileSync(file, 'utf8');
  const names = [];
  const body = src.replace(/^export\s+(async\s+function\*?|function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
    names.push(name);
    return `${kind} ${name}`;
  });
  const left = body.match(/^\s*(export|import)\b.*$/m);
  if (left) fail(`${file}: cannot inline "${left[0].trim()}" (only exported function, class, const and let declarations, and no imports)`);
  if (!names.length) fail(`${file}: exports nothing`);
  return { body, names };
}

// wasm-bindgen imports a snippet as a namespace (`import * as import1 from "./snippets/…";`)
// or by name (`import { parsePage } from './snippets/…';`), either quote, one file maybe both
// ways. Each file is inlined once, where the first snippet import was; each import line
// becomes a binding to it.
const IMPORT = /^import (?:\* as ([A-Za-z_$][\w$]*)|\{([^}]*)\}) from (["'])(\.\/snippets\/[^"']+)\3;?[ \t]*$/gm;
let js = fs.readFileSync(main, 'utf8');
const modules = new Map(); // snippet path → the const holding its exports
const bindings = [];
let at = -1;
js = js.replace(IMPORT, (line, namespace, named, _quote, rel, offset) => {
  if (at < 0) at = offset;
  if (!modules.has(rel)) modules.set(rel, `snippet${modules.size}`);
  const mod = modules.get(rel);
  if (namespace) {
    bindings.push(`const ${namespace} = ${mod};`);
  } else {
    const parts = named.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
      const m = p.match(/^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/);
      if (!m) fail(`${main}: cannot read the import "${line.trim()}"`);
      return m[2] ? `${m[1]}: ${m[2]}` : m[1];
    });
    bindings.push(`const { ${parts.join(', ')} } = ${mod};`);
  }
  return '';
});
if (/from\s*["']\.\/snippets\//.test(js)) fail(`${main} imports a snippet in a form this script does not know`);
const inlined = [...modules.keys()];
if (inlined.length) {
  const code = inlined.map((rel) => {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file)) fail(`${main} imports ${rel}, which is missing`);
    const { body, names } = unexported(file);
    return `// ${rel.replace(/^\.\/snippets\/[^/]+\//, '')}, inlined by tools/inline-snippets.mjs\n`
      + `const ${modules.get(rel)} = (() => {\n${body.trimEnd()}\nreturn { ${names.join(', ')} };\n})();`;
  }).join('\n') + '\n' + bindings.join('\n') + '\n';
  js = js.slice(0, at) + code + js.slice(at);
}
fs.writeFileSync(main, js);
fs.rmSync(path.join(dir, 'snippets'), { recursive: true, force: true });
console.log(`inline-snippets: ${inlined.length ? inlined.join(', ') : 'nothing'} inlined into ${main}`);

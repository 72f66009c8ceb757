// Copies the demo's bundled sample pages into DIR and writes DIR/index.json.
//   node www/samples.mjs dist/www/samples
// Samples: the project's fixtures (tests/fixtures/*/source.html) and, when the shared fixture
// pages sit beside the repository, the inkl seed page (skipped, with a note, when absent).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] || 'dist/www/samples');
fs.mkdirSync(out, { recursive: true });

/** [id, source file, url] for every sample found. */
const found = [];
const inkl = path.join(ROOT, '..', 'shared', 'fixtures', 'pages', 'inkl-seed', 'source.html');
if (fs.existsSync(inkl)) found.push(['inkl-seed', inkl, path.join(path.dirname(inkl), 'expect.json')]);
else console.log(`samples: ${path.relative(process.cwd(), inkl)} is absent; skipping the inkl seed`);

const fixtures = path.join(ROOT, 'tests', 'fixtures');
if (fs.existsSync(fixtures)) {
  for (const name of fs.readdirSync(fixtures).sort()) {
    const src = path.join(fixtures, name, 'source.html');
    if (fs.existsSync(src) && !found.some(([id]) => id === name)) found.push([name, src, path.join(fixtures, name, 'expect.json')]);
  }
}

/** A readable label: the page's <title>, else the folder name. */
function label(html, id) {
  const m = /<title[^>]*>([^<]*)<\/title>/i.exec(html);
  const t = m ? m[1].replace(/&amp;/g, '&').replace(/&#39;|&apos;/g, "'").replace(/&quot;/g, '"').replace(/\s+/g, ' ').trim() : '';
  return t || id;
}

const index = [];
for (const [id, src, expect] of found) {
  const html = fs.readFileSync(src, 'utf8');
  let url = `https://example.org/${id}`;
  try {
    url = JSON.parse(fs.readFileSync(expect, 'utf8')).url || url;
  } catch {
    // No expect.json: the sample keeps a placeholder URL.
  }
  fs.writeFileSync(path.join(out, `${id}.html`), html);
  index.push({ id, file: `${id}.html`, title: label(html, id), url });
}
fs.writeFileSync(path.join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
console.log(`samples: ${index.length} written to ${path.relative(process.cwd(), out) || '.'}`);

// The first page a reader opens in the view after the browser started: for each page, a new
// browser (a fresh profile with the built Chrome extension, dist/chrome), the page loaded and
// toggled at once, before any idle work of the extension on it. What bench/activation.mjs
// times in a browser that has been running; this, the worst case a session starts with.
//
//   node bench/browser-start.mjs CORPUS_DIR [--ext DIR] [--pages a,b,c]
//
// Reported per page and as medians: the toggle's answer (from the background's service worker
// asking the tab, to the view in place) and where the opening's time went (its phases: waiting
// for the view's modules, the read, building the view, showing it).
// The browser is given a second after its extension's service worker is up, as a reader takes
// to type an address; --ext compares another build (an unpacked Chrome extension).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/lib/serve.mjs';
import { quantile } from './stats.mjs';
import { launchWithExtension } from './extension.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const VALUED = ['--ext', '--pages'];
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const valued = new Set(VALUED.map((n) => args.indexOf(n) + 1).filter((i) => i > 0));
const corpus = args.find((a, i) => !a.startsWith('--') && !valued.has(i));
const ext = path.resolve(flag('--ext') ?? path.join(ROOT, 'dist/chrome'));
// News pages of Mozilla's test pages, by default.
const pages = (flag('--pages') ?? 'telegraph,guardian-1,wapo-1,nytimes-1,bbc-1,cnn').split(',');

if (!corpus || !fs.existsSync(corpus)) {
  console.log(`bench/browser-start.mjs: corpus ${corpus ?? '(none given)'} is absent; skipping`);
  process.exit(0);
}
if (!fs.existsSync(path.join(ext, 'manifest.json'))) {
  console.error(`bench/browser-start.mjs: ${ext} holds no manifest.json (run ./build.sh, or pass --ext an unpacked Chrome extension)`);
  process.exit(2);
}
const missing = pages.filter((p) => !fs.existsSync(path.join(corpus, p, 'source.html')));
if (missing.length) {
  console.error(`bench/browser-start.mjs: no such page in ${corpus}: ${missing.join(', ')}`);
  process.exit(2);
}

const server = await serve(path.resolve(corpus), 0, { headers: () => ({ 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" }) });
const rows = [];
let status = 0;
for (const name of pages) {
  const profile = fs.mkdtempSync('/tmp/readmode-browser-start-');
  let context = null;
  try {
    const launched = await launchWithExtension(ext, profile, server.url);
    context = launched.context;
    const { worker } = launched;
    await new Promise((r) => setTimeout(r, 1000));
    const page = await context.newPage();
    await page.goto(`${server.url}/${name}/source.html`, { waitUntil: 'load', timeout: 30_000 });
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
    const r = await worker.evaluate(async (id) => {
      const start = performance.now();
      const result = await globalThis.readmode.toggle(id);
      return { reply: performance.now() - start, result };
    }, tabId);
    rows.push({ name, state: r.result?.state, engine: r.result?.engine, reply: r.reply, ms: r.result?.ms, phases: r.result?.phases ?? null });
  } catch (e) {
    rows.push({ name, state: 'failed', reason: String(e.message || e).split('\n')[0] });
    status = 1;
  } finally {
    await context?.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
await server.close();

const fmt = (v) => (Number.isFinite(v) ? v.toFixed(1).padStart(7) : '      –');
console.log(`\nThe first page after the browser started (${path.relative(ROOT, ext) || ext}): a new browser per page, toggled as soon as it loaded (ms)`);
console.log(`${'page'.padEnd(14)} ${'answer'.padStart(7)} ${'engine'.padStart(7)} ${'modules'.padStart(7)} ${'read'.padStart(7)} ${'build'.padStart(7)} ${'show'.padStart(7)}  where read`);
for (const r of rows) {
  if (r.state !== 'reading') { console.log(`${r.name.padEnd(14)} ${r.state}${r.reason ? `: ${r.reason}` : ''}`); continue; }
  console.log(`${r.name.padEnd(14)} ${fmt(r.reply)} ${fmt(r.ms)} ${fmt(r.phases?.modules)} ${fmt(r.phases?.read)} ${fmt(r.phases?.build)} ${fmt(r.phases?.show)}  ${r.engine}`);
}
const read = rows.filter((r) => r.state === 'reading');
if (read.length) {
  const med = (f) => quantile(read.map(f).filter(Number.isFinite), 0.5);
  console.log(`${'median'.padEnd(14)} ${fmt(med((r) => r.reply))} ${fmt(med((r) => r.ms))} ${fmt(med((r) => r.phases?.modules))} ${fmt(med((r) => r.phases?.read))} ${fmt(med((r) => r.phases?.build))} ${fmt(med((r) => r.phases?.show))}`);
}
process.exit(status);

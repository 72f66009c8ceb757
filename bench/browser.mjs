// Speed in the browser, on the same pages in the same run: headless Chromium, each corpus page
// served from 127.0.0.1, and in that page, alternating, several repetitions of
//   (a) Readability.js on document.cloneNode(true)           (the reference)
//   (b) Readmode: live DOM → Article (readDocument)          (ours)
//   (c) the floor: one TreeWalker pass reading every element's tag name, id and class and every
//       text node's data                                     (what any reader pays at least)
// after a warm-up of the process on the first page, not counted (see WARM_MS), so that no page
// is timed on code V8 has not optimised yet; plus the wasm instantiation (paid once per page:
// fetching readmode.js and the wasm side by side, as the extension does, compiling,
// instantiating) and the first activation (instantiate + read).
// Those two are measured twice: in the page's own process, which has compiled the same wasm for
// the pages before it, and, on every fourth page, in a fresh renderer process (see COLD_EVERY),
// there both straight away and after the extension's idle work (the readerable check and the
// warm-up read of extension/src/view/warm-up.html).
//
//   node bench/browser.mjs CORPUS_DIR [--reps N] [--json OUT] [--against PKG_DIR]
//
// --against adds (d) another build of the engine (a wasm-pack `--target web` output directory,
// say of an earlier commit) to the same rotation, and reports it beside ours: a change of a
// few percent shows there, while two separate runs drift by more than that. The two builds
// take turns at being instantiated first (every other page), so neither is always the page's
// first module. Instantiation and first activation are then measured with the other build in
// the page; take those from a run without --against.
//
// Page scripts are kept from running by a `script-src 'self' 'wasm-unsafe-eval'` CSP on the
// served pages (scripts from other hosts and inline ones are blocked; ours are same-origin).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/lib/serve.mjs';
import { quantile as q, spread } from './stats.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const flagValues = new Set(['--reps', '--json', '--against'].map((n) => args.indexOf(n) + 1).filter((i) => i > 0));
const corpus = args.find((a, i) => !a.startsWith('--') && !flagValues.has(i));
const REPS = Number(flag('--reps')) || 7;
const jsonOut = flag('--json');
const against = flag('--against') && path.resolve(flag('--against'));
if (!corpus || !fs.existsSync(corpus)) {
  console.log(`bench/browser.mjs: corpus ${corpus ?? '(none given)'} is absent; skipping`);
  process.exit(0);
}
for (const f of ['pkg/readmode.js', 'pkg/readmode_bg.wasm', 'node_modules/@mozilla/readability/Readability.js']) {
  if (!fs.existsSync(path.join(ROOT, f))) { console.error(`bench/browser.mjs: ${f} is missing (run ./build.sh)`); process.exit(2); }
}
if (args.includes('--against') && !(against && ['readmode.js', 'readmode_bg.wasm'].every((f) => fs.existsSync(path.join(against, f))))) {
  console.error(`bench/browser.mjs: --against needs a directory holding readmode.js and readmode_bg.wasm (wasm-pack build --target web); got ${flag('--against') ?? 'nothing'}`);
  process.exit(2);
}

// One origin serves the corpus pages, our pkg and Readability.js.
const mounts = { '/corpus/': path.resolve(corpus), '/pkg/': path.join(ROOT, 'pkg'), '/readability/': path.join(ROOT, 'node_modules/@mozilla/readability'), '/view/': path.join(ROOT, 'extension/src/view') };
if (against) mounts['/against/'] = against;
const tmp = fs.mkdtempSync('/tmp/readmode-bench-');
for (const [m, dir] of Object.entries(mounts)) fs.symlinkSync(dir, path.join(tmp, m.replaceAll('/', '')));
// COOP/COEP make the page cross-origin isolated, which gives performance.now() 5 µs resolution
// instead of 100 µs.
const server = await serve(tmp, 0, { headers: () => ({
  'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'",
  'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }) });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--js-flags=--expose-gc'],
});
const context = await browser.newContext({ bypassCSP: false });
// Nothing leaves 127.0.0.1.
await context.route((url) => !url.href.startsWith(server.url), (route) => route.abort());

const pages = fs.readdirSync(corpus).filter((d) => fs.existsSync(path.join(corpus, d, 'source.html'))).sort();
const rows = [];
const page = await context.newPage();

// One page, timed in the page (see the top of this file); the warm-up runs it too.
const measure = async ({ reps, base, WARMUP, withOther, otherFirst }) => {
  // The other build: its own module and wasm instance.
  const loadOther = async () => {
    const m = await import(`${base}/against/readmode.js`);
    await m.default({ module_or_path: `${base}/against/readmode_bg.wasm` });
    return m;
  };
  let other = withOther && otherFirst ? await loadOther() : null;
  // As the extension loads it where it reads in the content script (Firefox; content.js,
  // view/engine.js): the wasm is fetched while the module loads.
  const t0 = performance.now();
  const wasm = fetch(`${base}/pkg/readmode_bg.wasm`);
  const mod = await import(`${base}/pkg/readmode.js`);
  await mod.default({ module_or_path: wasm });
  const instantiate = performance.now() - t0;
  if (withOther && !otherFirst) other = await loadOther();
  const t1 = performance.now();
  const first = mod.readDocument(document, { url: location.href });
  const firstRead = performance.now() - t1;
  const floor = () => {
    const w = document.createTreeWalker(document, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    let n = 0; let acc = 0;
    for (let node = w.nextNode(); node; node = w.nextNode()) {
      if (node.nodeType === 1) { acc += node.tagName.length + node.id.length + (node.getAttribute('class') || '').length; } else { acc += node.data.length; }
      n++;
    }
    return n + acc;
  };
  const methods = {
    readability: () => new Readability(document.cloneNode(true)).parse(),
    readmode: () => mod.readDocument(document, { url: location.href }),
    floor,
  };
  if (other) methods.other = () => other.readDocument(document, { url: location.href });
  const times = Object.fromEntries(Object.keys(methods).map((m) => [m, []]));
  // Ours, split: the live-DOM walk, the whole engine (walk + pipeline), as Rust timed them;
  // the rest of the call is the result crossing to JS (JSON out of wasm, JSON.parse).
  const parts = { walk: [], engine: [] };
  const order = Object.keys(methods);
  // Warm-up rounds, not counted: every method gets its JIT tiers before timing (the cold
  // first activation is reported on its own).
  for (let i = 0; i < WARMUP; i++) for (const m of order) methods[m]();
  // NOTE: who goes first rotates, and every other repetition runs the cycle backwards, so
  // each method follows each of the others equally often. A method pays for the garbage
  // the one before it left (Readability.js clones the whole document). With the cycle
  // always forwards, ours always ran right after Readability.js: two identical builds of
  // ours measured 8% apart per page, the one after Readability.js the slower (--against).
  for (let i = 0; i < reps; i++) {
    for (let k = 0; k < order.length; k++) {
      const at = i % 2 === 0 ? (i >> 1) + k : (i >> 1) - k;
      const m = order[((at % order.length) + order.length) % order.length];
      const s = performance.now();
      const out = methods[m]();
      times[m].push(performance.now() - s);
      if (m === 'readmode') { parts.walk.push(out.walkMs); parts.engine.push(out.ms); }
    }
  }
  return { instantiate, firstRead, ok: first.ok, nodes: first.nodes, walkMs: first.walkMs, times, parts };
};

// Warm-up of the process, not counted: every method runs on the first page for WARM_MS before
// any page is timed. NOTE: without it the first pages were timed on code V8 had not optimised
// yet, for every method alike: on the first page (001) ours took 7.2 ms a read in the first ten
// reads and 0.9 from the thirtieth on, Readability.js 14.5 and 1.9; from the second page on,
// the process has the code. What the first use costs is reported on its own (instantiate,
// first activation, and in a fresh renderer process).
const WARM_MS = 3000;
let warmRounds = 0;
if (pages.length) {
  try {
    await page.goto(`${server.url}/corpus/${pages[0]}/source.html`, { waitUntil: 'load', timeout: 30000 });
    await page.addScriptTag({ url: `${server.url}/readability/Readability.js` });
    for (const until = Date.now() + WARM_MS; Date.now() < until; warmRounds++) {
      await page.evaluate(measure, { reps: 4, base: server.url, WARMUP: 0, withOther: !!against, otherFirst: warmRounds % 2 === 1 });
    }
  } catch (e) {
    console.log(`bench/browser.mjs: the warm-up on ${pages[0]} failed (${String(e.message || e).split('\n')[0]}); timing without it`);
  }
}
for (const name of pages) {
  try {
    await page.goto(`${server.url}/corpus/${name}/source.html`, { waitUntil: 'load', timeout: 30000 });
    await page.addScriptTag({ url: `${server.url}/readability/Readability.js` });
    const r = await page.evaluate(measure, { reps: REPS, base: server.url, WARMUP: 2, withOther: !!against, otherFirst: pages.indexOf(name) % 2 === 1 });
    rows.push({ page: name, ...r, med: Object.fromEntries(Object.entries({ ...r.times, ...r.parts }).map(([k, v]) => [k, q(v, 0.5)])),
      min: Object.fromEntries(Object.entries(r.times).map(([k, v]) => [k, Math.min(...v)])),
      max: Object.fromEntries(Object.entries(r.times).map(([k, v]) => [k, Math.max(...v)])) });
  } catch (e) {
    rows.push({ page: name, error: String(e.message || e).split('\n')[0] });
  }
}

// The first activation again, in a renderer process of its own (a new browser context per page),
// on every COLD_EVERY-th page. NOTE: in the loop above the page's process has compiled the same
// wasm for the pages before it, and V8 reuses that code (lazily compiled and tiered up) for a
// module with the same bytes; the first page of a site, in a new process, compiles from
// scratch. (Whether the extension, which loads the wasm from its own files, gets compiled code
// from V8's code cache, which rides on the HTTP cache, is not measured here.)
const COLD_EVERY = 4;
const cold = [];
// Pages the loop above could not read (toc-missing's own CSP blocks wasm) are left out here too.
// Each such page is read twice, each time in a new context: straight after instantiation, and
// as the extension reads it in the content script (Firefox) on a page its idle check calls
// readerable: the check (isReaderable), then the warm-up read of view/warm-up.html (see
// view/engine.js), both at idle, and only then the toggle's read. (Chrome's extension reads in
// its offscreen document, whose engine every tab shares: bench/activation.mjs times that.)
for (const name of pages.filter((n, i) => i % COLD_EVERY === 0 && !rows.find((r) => r.page === n)?.error)) {
  const row = { page: name };
  for (const idle of [false, true]) {
    const ctx = await browser.newContext();
    try {
      await ctx.route((url) => !url.href.startsWith(server.url), (route) => route.abort());
      const p = await ctx.newPage();
      await p.goto(`${server.url}/corpus/${name}/source.html`, { waitUntil: 'load', timeout: 30000 });
      const r = await p.evaluate(async ({ base, idle }) => {
        const t0 = performance.now();
        const wasm = fetch(`${base}/pkg/readmode_bg.wasm`);
        const mod = await import(`${base}/pkg/readmode.js`);
        await mod.default({ module_or_path: wasm });
        const instantiate = performance.now() - t0;
        let check = 0;
        let warmUp = 0;
        if (idle) {
          const html = await (await fetch(`${base}/view/warm-up.html`)).text();
          const t = performance.now();
          mod.isReaderable(document);
          check = performance.now() - t;
          const w = performance.now();
          mod.readHtml(html, { url: 'https://news.example/brackwater-courier/lanterns-winter-fair' });
          warmUp = performance.now() - w;
        }
        const t1 = performance.now();
        mod.readDocument(document, { url: location.href });
        const firstRead = performance.now() - t1;
        const t2 = performance.now();
        mod.readDocument(document, { url: location.href });
        return { instantiate, check, warmUp, firstRead, secondRead: performance.now() - t2 };
      }, { base: server.url, idle });
      if (idle) row.idle = r;
      else Object.assign(row, r);
    } catch (e) {
      row.error = String(e.message || e).split('\n')[0];
    } finally {
      await ctx.close();
    }
  }
  cold.push(row);
}
await browser.close();
await server.close();
fs.rmSync(tmp, { recursive: true, force: true });

const ok = rows.filter((r) => !r.error);
const f = (x) => x.toFixed(2).padStart(8);
console.log(`\nIn-browser speed, headless Chromium, ${ok.length}/${rows.length} pages, ${REPS} alternating repetitions each (per-page medians, ms, after 2 warm-up rounds)`);
console.log(`${'page'.padEnd(44)} ${'Readab.'.padStart(8)} ${'ours'.padStart(8)} ${'floor'.padStart(8)} ${'ours/R'.padStart(7)} ${'ours/fl'.padStart(7)}  nodes${against ? `  ${'other'.padStart(8)} ${'ours/ot'.padStart(7)}` : ''}`);
for (const r of rows) {
  if (r.error) { console.log(`${r.page.padEnd(44)} error: ${r.error}`); continue; }
  const more = against ? `  ${f(r.med.other)} ${(r.med.readmode / r.med.other).toFixed(2).padStart(7)}` : '';
  console.log(`${r.page.slice(0, 44).padEnd(44)} ${f(r.med.readability)} ${f(r.med.readmode)} ${f(r.med.floor)} ${(r.med.readmode / r.med.readability).toFixed(2).padStart(7)} ${(r.med.readmode / r.med.floor).toFixed(2).padStart(7)}  ${String(r.nodes).padStart(5)}${more}`);
}
const col = (k) => ok.map((r) => r.med[k]);
// A time below the clock's resolution (5 µs when cross-origin isolated) counts as one tick.
const tick = (ms) => Math.max(ms, 0.005);
const ratioR = ok.map((r) => r.med.readmode / tick(r.med.readability));
const ratioF = ok.map((r) => r.med.readmode / tick(r.med.floor));
const summary = {
  pages: ok.length, reps: REPS, warmUp: { page: pages[0] ?? null, ms: WARM_MS, rounds: warmRounds },
  readability: spread(col('readability')),
  readmode: spread(col('readmode')),
  floor: spread(col('floor')),
  ratioOursReadability: spread(ratioR),
  ratioOursFloor: spread(ratioF),
  instantiate: spread(ok.map((r) => r.instantiate)),
  firstActivation: spread(ok.map((r) => r.instantiate + r.firstRead)),
  // Machine noise: the spread of the repetitions of one method on one page, as a share of its median.
  noise: Object.fromEntries(['readability', 'readmode', 'floor'].map((k) => [k, {
    min: q(ok.map((r) => r.min[k] / r.med[k]), 0.5), max: q(ok.map((r) => r.max[k] / r.med[k]), 0.5) }])),
};
summary.walk = spread(col('walk'));
summary.pipeline = spread(ok.map((r) => r.med.engine - r.med.walk));
summary.toJs = spread(ok.map((r) => r.med.readmode - r.med.engine));
const totals = (k) => ok.reduce((a, r) => a + r.med[k], 0);
// Machine noise next to each median: the same statistic over the pages' fastest and slowest
// repetitions instead of their medians.
for (const k of ['readability', 'readmode', 'floor']) {
  for (const [stat, p] of [['median', 0.5], ['p95', 0.95]]) {
    summary[k][`${stat}Range`] = [q(ok.map((r) => r.min[k]), p), q(ok.map((r) => r.max[k]), p)];
  }
}
const range = (r) => (r ? ` [${r[0].toFixed(2)}–${r[1].toFixed(2)}]` : '');
console.log(`\nsummary over pages (ms; [min–max]: the same statistic over each page's fastest and slowest repetition; before them, ${warmRounds} rounds of every method on ${pages[0]}, not counted, warmed the process up):`);
for (const k of ['readability', 'readmode', 'walk', 'pipeline', 'toJs', 'floor', 'instantiate', 'firstActivation']) {
  const s = summary[k];
  console.log(`  ${k.padEnd(18)} median ${s.median.toFixed(2)}${range(s.medianRange)}  p95 ${s.p95.toFixed(2)}${range(s.p95Range)}`);
}
const coldOk = cold.filter((r) => !r.error);
summary.coldProcess = { pages: coldOk.length,
  instantiate: spread(coldOk.map((r) => r.instantiate)),
  firstRead: spread(coldOk.map((r) => r.firstRead)),
  firstActivation: spread(coldOk.map((r) => r.instantiate + r.firstRead)),
  secondRead: spread(coldOk.map((r) => r.secondRead)),
  afterIdle: {
    check: spread(coldOk.map((r) => r.idle.check)),
    warmUp: spread(coldOk.map((r) => r.idle.warmUp)),
    firstRead: spread(coldOk.map((r) => r.idle.firstRead)),
    secondRead: spread(coldOk.map((r) => r.idle.secondRead)) } };
for (const r of cold.filter((x) => x.error)) console.log(`  (fresh process) ${r.page}: error: ${r.error}`);
if (coldOk.length) {
  const c = summary.coldProcess;
  console.log(`  in a fresh renderer process (${c.pages} pages, every ${COLD_EVERY}th): instantiate median ${c.instantiate.median.toFixed(2)} p95 ${c.instantiate.p95.toFixed(2)}; ` +
    `first read median ${c.firstRead.median.toFixed(2)} p95 ${c.firstRead.p95.toFixed(2)}; first activation median ${c.firstActivation.median.toFixed(2)} p95 ${c.firstActivation.p95.toFixed(2)}; ` +
    `second read median ${c.secondRead.median.toFixed(2)}`);
  const a = c.afterIdle;
  console.log(`    the same pages as the extension reads them in the content script (Firefox: the check and the warm-up read at idle, then the toggle's read): check median ${a.check.median.toFixed(2)}; ` +
    `warm-up median ${a.warmUp.median.toFixed(2)} p95 ${a.warmUp.p95.toFixed(2)}; first read median ${a.firstRead.median.toFixed(2)} p95 ${a.firstRead.p95.toFixed(2)}; second read median ${a.secondRead.median.toFixed(2)}`);
}
console.log(`  ours, summed over pages: ${totals('readmode').toFixed(1)} ms = walk ${totals('walk').toFixed(1)} + pipeline ${(totals('engine') - totals('walk')).toFixed(1)} + to JS ${(totals('readmode') - totals('engine')).toFixed(1)}; Readability.js ${totals('readability').toFixed(1)}, floor ${totals('floor').toFixed(1)}`);
// The ratios again from each page's fastest and from its slowest repetitions, for their noise.
const ratioRange = (a, b, p) => range([q(ok.map((r) => r.min[a] / tick(r.min[b])), p), q(ok.map((r) => r.max[a] / tick(r.max[b])), p)]);
console.log(`  ours/Readability.js per page: median ${summary.ratioOursReadability.median.toFixed(3)}${ratioRange('readmode', 'readability', 0.5)}  p95 ${summary.ratioOursReadability.p95.toFixed(3)}${ratioRange('readmode', 'readability', 0.95)}`);
console.log(`  ours/floor per page:          median ${summary.ratioOursFloor.median.toFixed(2)}${ratioRange('readmode', 'floor', 0.5)}  p95 ${summary.ratioOursFloor.p95.toFixed(2)}${ratioRange('readmode', 'floor', 0.95)}`);
// What ours/floor would be if the walk cost nothing: the pipeline and the crossing back alone,
// per page, over the floor. The walk reads at least what the floor reads, so ours/floor can
// come no lower than this plus one.
const beyondWalk = ok.map((r) => (r.med.readmode - r.med.walk) / tick(r.med.floor));
summary.ratioBeyondWalkFloor = spread(beyondWalk);
console.log(`    of which past the walk (pipeline + to JS)/floor: median ${summary.ratioBeyondWalkFloor.median.toFixed(2)}  p95 ${summary.ratioBeyondWalkFloor.p95.toFixed(2)}`);
console.log(`  noise (typical min/median and max/median of repetitions): ` +
  Object.entries(summary.noise).map(([k, v]) => `${k} ${v.min.toFixed(2)}–${v.max.toFixed(2)}`).join(', '));
if (against) {
  const ratioO = ok.map((r) => r.med.other / tick(r.med.readability));
  const oursO = ok.map((r) => r.med.readmode / tick(r.med.other));
  summary.against = {
    dir: against,
    other: spread(col('other')),
    ratioOtherReadability: spread(ratioO),
    ratioOursOther: spread(oursO),
  };
  const a = summary.against;
  console.log(`\nthe other build (${against}), in the same rotation:`);
  console.log(`  other              median ${a.other.median.toFixed(2)}  p95 ${a.other.p95.toFixed(2)}  summed ${totals('other').toFixed(1)} ms (ours ${totals('readmode').toFixed(1)})`);
  console.log(`  other/Readability.js per page: median ${a.ratioOtherReadability.median.toFixed(3)}  p95 ${a.ratioOtherReadability.p95.toFixed(3)} (ours: ${summary.ratioOursReadability.median.toFixed(3)}, ${summary.ratioOursReadability.p95.toFixed(3)})`);
  console.log(`  ours/other per page:           median ${a.ratioOursOther.median.toFixed(3)}  p95 ${a.ratioOursOther.p95.toFixed(3)}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ summary, rows }, null, 2));

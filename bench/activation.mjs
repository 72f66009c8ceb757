// The activation as a reader waits for it: the built Chrome extension (dist/chrome) in headless
// Chromium, on each corpus page served from 127.0.0.1, from the toggle (what the toolbar button
// does) to the first frame that shows the view, then to the frame that shows the page again
// after closing it, then a second opening in the same tab. bench/browser.mjs times the engine's
// read alone; this times everything around it too: the messages, the stored settings, building
// the view, covering the page and laying the view out.
//
//   node bench/activation.mjs CORPUS_DIR [--ext DIR] [--pages a,b,c] [--json OUT] [--strict-csp] [--no-idle]
//
// --ext is an unpacked Chrome extension (default dist/chrome), say a build of an earlier commit
// to compare with: run both, one after the other, on an otherwise idle machine. --strict-csp
// serves the pages with `script-src 'self'`, which keeps the wasm out of the content script
// too: this build reads every page it can send in the offscreen document anyway, but a build
// that reads in the content script (an earlier one, given with --ext) then reads every page
// the way it reads such pages (walked in the content script, read in the offscreen document).
// --no-idle toggles as soon as the page has loaded, before the extension's idle work on it (a
// reader who clicks at once: the first activation in the tab then pays for whatever that work
// would have readied).
//
// Each page opens in a new tab and is read only after the extension's idle work on it (the
// readerable check and, on a readerable page, the engine's warm-up read), as a reader who
// clicks a few seconds after the page loaded; the view has been opened once before (on the
// first page, not counted), as the warm-up waits for that. Page scripts are kept from running
// (a `script-src 'self' 'wasm-unsafe-eval'` CSP, or `script-src 'self'`), so every run sees the
// same pages.
//
// Times are in ms. The toggle starts in the background's service worker and the frames are
// seen in the page (a requestAnimationFrame callback, then a message posted from it, which runs
// once that frame has been produced); both read performance.timeOrigin + performance.now(),
// which need not agree across the two processes (one run found them 7 s apart), so after each
// page's first toggle the worker asks the page for its clock and takes the difference at the
// middle of that round trip (its half is the error, kept with the row as `clockError`). The opening's
// phases come from the content script (content.js, reader.js): waiting for the view's modules
// (nothing once the idle work preloaded them), the read (the walk and the round trip to the
// extension page, or the engine in the content script and its crossing), waiting for the stored
// settings after it, building the view, and covering the page with it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/lib/serve.mjs';
import { quantile } from './stats.mjs';
import { launchWithExtension } from './extension.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const VALUED = ['--ext', '--pages', '--json'];
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const valued = new Set(VALUED.map((n) => args.indexOf(n) + 1).filter((i) => i > 0));
const corpus = args.find((a, i) => !a.startsWith('--') && !valued.has(i));
const ext = path.resolve(flag('--ext') ?? path.join(ROOT, 'dist/chrome'));
const jsonOut = flag('--json');
// The longest the extension's idle work on a page is waited for (ms).
const IDLE_WAIT_MS = 8000;
const NO_IDLE = args.includes('--no-idle');

if (!corpus || !fs.existsSync(corpus)) {
  console.log(`bench/activation.mjs: corpus ${corpus ?? '(none given)'} is absent; skipping`);
  process.exit(0);
}
if (!fs.existsSync(path.join(ext, 'manifest.json'))) {
  console.error(`bench/activation.mjs: ${ext} holds no manifest.json (run ./build.sh, or pass --ext an unpacked Chrome extension)`);
  process.exit(2);
}
const all = fs.readdirSync(corpus).filter((d) => fs.existsSync(path.join(corpus, d, 'source.html'))).sort();
const pages = flag('--pages') ? flag('--pages').split(',') : all;
const unknown = pages.filter((p) => !all.includes(p));
if (unknown.length || !pages.length) {
  console.error(`bench/activation.mjs: no such page in ${corpus}: ${unknown.join(', ') || '(none given)'}`);
  process.exit(2);
}

// In the page: notes when the view's state attribute changes and when the frame after that
// has been produced.
function frameProbe() {
  const now = () => performance.timeOrigin + performance.now();
  window.__readmodeFrames = [];
  new MutationObserver(() => {
    const state = document.documentElement.getAttribute('data-readmode');
    const seen = { state, at: now(), painted: null };
    window.__readmodeFrames.push(seen);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => { seen.painted = now(); };
      ch.port2.postMessage(null);
    });
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-readmode'] });
}

const median = (a) => quantile(a, 0.5);
const p95 = (a) => quantile(a, 0.95);
const sum = (a) => a.filter(Number.isFinite).reduce((x, y) => x + y, 0);

const CSP = args.includes('--strict-csp') ? "script-src 'self'" : "script-src 'self' 'wasm-unsafe-eval'";
const server = await serve(path.resolve(corpus), 0, { headers: () => ({ 'content-security-policy': CSP }) });
const { context, worker } = await launchWithExtension(ext, fs.mkdtempSync('/tmp/readmode-activation-'), server.url);
let status = 0;
const rows = [];
try {

  const tabOf = (page) => worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
  // Toggles from the worker: the reply and when the call started, on the shared clock.
  const toggle = (tabId) => worker.evaluate(async (id) => {
    const now = () => performance.timeOrigin + performance.now();
    const start = now();
    const result = await globalThis.readmode.toggle(id);
    return { start, reply: now() - start, result };
  }, tabId);
  // How far the page's clock is ahead of the worker's: {skew, error}.
  const clockOf = (tabId) => worker.evaluate(async (id) => {
    const now = () => performance.timeOrigin + performance.now();
    const before = now();
    const [frame] = await chrome.scripting.executeScript({ target: { tabId: id }, func: () => performance.timeOrigin + performance.now() });
    const after = now();
    return { skew: frame.result - (before + after) / 2, error: (after - before) / 2 };
  }, tabId);
  // The frame after the state became `state`, from `start` (the worker's clock; `skew` turns the
  // page's into it); null when none came.
  const painted = async (page, state, start, skew) => {
    const until = Date.now() + 5000;
    for (;;) {
      const seen = await page.evaluate((s) => (window.__readmodeFrames ?? []).find((f) => f.state === s && f.painted !== null) ?? null, state);
      if (seen) return { shown: seen.at - skew - start, painted: seen.painted - skew - start };
      if (Date.now() > until) return null;
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  // Waits for the extension's idle work on the tab: the check, and the warm-up read after a
  // readerable one. Returns the check (null if it never came).
  const idleWork = async (tabId) => {
    const until = Date.now() + IDLE_WAIT_MS;
    for (;;) {
      const check = await worker.evaluate((id) => globalThis.readmode.readerable(id), tabId);
      if (check && (!check.readerable || check.warmMs !== undefined)) return check;
      if (Date.now() > until) return check;
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  // The view opened once in this browser: from then on the extension warms the engine up at
  // idle on readerable pages, as it does for anyone who has used it.
  {
    const page = await context.newPage();
    await page.goto(`${server.url}/${pages[0]}/source.html`, { waitUntil: 'load' });
    const tabId = await tabOf(page);
    await toggle(tabId);
    await toggle(tabId);
    await page.close();
  }

  for (const name of pages) {
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/${name}/source.html`, { waitUntil: 'load', timeout: 30_000 });
      const tabId = await tabOf(page);
      const check = NO_IDLE ? null : await idleWork(tabId);
      await page.evaluate(frameProbe);
      const open = await toggle(tabId);
      // NOTE: asked after the first toggle, whose script injection is the page's first (it
      // costs more than later ones, as it does for a reader's first click).
      const clock = await clockOf(tabId);
      if (open.result?.state !== 'reading') {
        rows.push({ name, state: open.result?.state ?? 'none', reason: open.result?.reason ?? '' });
        continue;
      }
      const openFrame = await painted(page, 'reading', open.start, clock.skew);
      const close = await toggle(tabId);
      const closeFrame = await painted(page, 'original', close.start, clock.skew);
      await page.evaluate(() => { window.__readmodeFrames = []; });
      const again = await toggle(tabId);
      const againFrame = await painted(page, 'reading', again.start, clock.skew);
      await toggle(tabId);
      rows.push({
        name,
        state: 'reading',
        engine: open.result.engine,
        nodes: open.result.nodes,
        readerable: check?.readerable ?? null,
        warmMs: check?.warmMs ?? null,
        warmViewMs: check?.warmViewMs ?? null,
        checkMs: check?.ms ?? null,
        clockSkew: clock.skew,
        clockError: clock.error,
        open: { ms: open.result.ms, walkMs: open.result.walkMs, reply: open.reply, ...openFrame, phases: open.result.phases ?? null },
        close: { reply: close.reply, ...closeFrame },
        again: { ms: again.result.ms, reply: again.reply, ...againFrame, phases: again.result.phases ?? null },
      });
    } catch (e) {
      rows.push({ name, state: 'failed', reason: String(e.message || e).split('\n')[0] });
    } finally {
      await page.close();
    }
  }
} catch (e) {
  console.error(`bench/activation.mjs: ${String(e.message || e).split('\n')[0]}`);
  status = 1;
} finally {
  await context.close();
  await server.close();
}

const read = rows.filter((r) => r.state === 'reading');
const col = (f) => read.map(f);
const line = (label, values) => `  ${label.padEnd(44)} median ${median(values).toFixed(2).padStart(7)}   p95 ${p95(values).toFixed(2).padStart(7)}   summed ${sum(values).toFixed(1).padStart(8)}`;
const summary = {
  pages: read.length,
  extension: ext,
  csp: CSP,
  open: {
    painted: { median: median(col((r) => r.open.painted)), p95: p95(col((r) => r.open.painted)), sum: sum(col((r) => r.open.painted)) },
    shown: { median: median(col((r) => r.open.shown)), p95: p95(col((r) => r.open.shown)), sum: sum(col((r) => r.open.shown)) },
    engine: { median: median(col((r) => r.open.ms)), p95: p95(col((r) => r.open.ms)), sum: sum(col((r) => r.open.ms)) },
  },
  close: { painted: { median: median(col((r) => r.close.painted)), p95: p95(col((r) => r.close.painted)), sum: sum(col((r) => r.close.painted)) } },
  again: { painted: { median: median(col((r) => r.again.painted)), p95: p95(col((r) => r.again.painted)), sum: sum(col((r) => r.again.painted)) } },
};
console.log(`\nActivation in the built extension (${path.relative(ROOT, ext) || ext}), headless Chromium, pages served with ${CSP}, ${NO_IDLE ? 'toggled as soon as loaded (no idle work first), ' : ''}${read.length} of ${rows.length} pages opened in the reading view (ms, per page):`);
console.log(line('first opening: toggle to the view\'s frame', col((r) => r.open.painted)));
console.log(line('  view in place (state set)', col((r) => r.open.shown)));
console.log(line('  of which the engine (data-readmode-ms)', col((r) => r.open.ms)));
const withPhases = read.filter((r) => r.open.phases);
if (withPhases.length) {
  summary.open.phases = {};
  for (const k of ['modules', 'read', 'storage', 'build', 'show']) {
    const v = withPhases.map((r) => r.open.phases[k]).filter(Number.isFinite);
    if (!v.length) continue;
    summary.open.phases[k] = { median: median(v), p95: p95(v), sum: sum(v) };
    console.log(line(`  phase: ${k}`, v));
    if (k === 'read') {
      // The read less the engine's time (which counts the content script's walk): where the
      // extension page reads, the walked page's message there and the Article's back; where the
      // content script reads, the Article crossing out of the wasm.
      const beyond = withPhases.filter((r) => Number.isFinite(r.open.phases.read) && Number.isFinite(r.open.ms)).map((r) => r.open.phases.read - r.open.ms);
      summary.open.phases.readBeyondEngine = { median: median(beyond), p95: p95(beyond), sum: sum(beyond) };
      console.log(line('    of which beyond the engine', beyond));
    }
  }
} else {
  console.log('  (this build reports no phases)');
}
console.log(line('closing: toggle to the page\'s frame', col((r) => r.close.painted)));
console.log(line('second opening: toggle to the view\'s frame', col((r) => r.again.painted)));
// The extension's idle work on each page before the toggle (as the background recorded it): the
// readerable check (every page), then on a readerable page the engine's warm-up read and the
// view's warm-up (for someone who has used the view, as here).
for (const [label, key] of [['idle: the readerable check', 'checkMs'], ['idle: the engine\'s warm-up', 'warmMs'], ['idle: the view\'s warm-up', 'warmViewMs']]) {
  const v = read.map((r) => r[key]).filter(Number.isFinite);
  if (v.length) {
    summary.idle ??= {};
    summary.idle[key] = { median: median(v), p95: p95(v), sum: sum(v), pages: v.length };
    console.log(line(`${label} (${v.length} pages)`, v));
  }
}
console.log(`  clocks: the page's ahead of the worker's by ${median(col((r) => r.clockSkew)).toFixed(2)} ms at the median (corrected), known to ±${median(col((r) => r.clockError)).toFixed(2)} (p95 ±${p95(col((r) => r.clockError)).toFixed(2)})`);
const skipped = rows.filter((r) => r.state !== 'reading');
if (skipped.length) console.log(`  not opened: ${skipped.map((r) => `${r.name} (${r.state}${r.reason ? `: ${r.reason}` : ''})`).join('; ')}`);
// Where each page was read: the extension page (Chrome reads there every page it can send), or
// the content script (a page too big to send, or a build that reads there).
if (read.length) {
  const [fewer, more] = ['extension page', 'content script'].map((engine) => ({ engine, names: read.filter((r) => r.engine === engine).map((r) => r.name) }))
    .sort((a, b) => a.names.length - b.names.length);
  if (!fewer.names.length) console.log(`  every page read in the ${more.engine}`);
  else console.log(`  read in the ${fewer.engine}: ${fewer.names.join(', ')}; the ${more.names.length} others in the ${more.engine}`);
}
if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify({ summary, rows }, null, 1));
process.exit(status);

// Where a read's time goes in the browser: V8's sampling profiler over many reads of the live
// DOM (readDocument) in headless Chromium, on corpus pages served from 127.0.0.1, summed by
// function (self time). It names the JS walk's DOM calls, the glue and, with a build that
// keeps the wasm's names, each Rust function:
//
//   node bench/profile.mjs CORPUS_DIR [--pkg DIR] [--pages a,b,c] [--reads N] [--top N]
//
// --pkg defaults to pkg/ (the shipped build, whose wasm functions show as wasm-function[N]).
// A build with names (about a minute; leaves the shipped pkg/ alone):
//
//   CARGO_PROFILE_RELEASE_STRIP=none cargo build --release --lib --target wasm32-unknown-unknown
//   wasm-bindgen --target web --no-typescript --out-dir target/pkg-names \
//     target/wasm32-unknown-unknown/release/readmode.wasm
//
// (not put through wasm-opt, so its wasm is somewhat slower than the shipped one: a guide to
// where time goes, not a figure to report; bench/browser.mjs gives those.)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../tests/e2e/lib/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
const valued = new Set(['--pkg', '--pages', '--reads', '--top'].map((n) => args.indexOf(n) + 1).filter((i) => i > 0));
const corpus = args.find((a, i) => !a.startsWith('--') && !valued.has(i));
const pkg = path.resolve(flag('--pkg') ?? path.join(ROOT, 'pkg'));
const READS = Number(flag('--reads')) || 200;
const TOP = Number(flag('--top')) || 40;
if (!corpus || !fs.existsSync(corpus)) {
  console.log(`bench/profile.mjs: corpus ${corpus ?? '(none given)'} is absent; skipping`);
  process.exit(0);
}
if (!['readmode.js', 'readmode_bg.wasm'].every((f) => fs.existsSync(path.join(pkg, f)))) {
  console.error(`bench/profile.mjs: ${pkg} holds no readmode.js and readmode_bg.wasm (run ./build.sh, or see the top of this file)`);
  process.exit(2);
}
const all = fs.readdirSync(corpus).filter((d) => fs.existsSync(path.join(corpus, d, 'source.html'))).sort();
const pages = flag('--pages') ? flag('--pages').split(',') : all;
const missing = pages.filter((p) => !all.includes(p));
if (missing.length) {
  console.error(`bench/profile.mjs: no such page in ${corpus}: ${missing.join(', ')}`);
  process.exit(2);
}

const tmp = fs.mkdtempSync('/tmp/readmode-profile-');
fs.symlinkSync(path.resolve(corpus), path.join(tmp, 'corpus'));
fs.symlinkSync(pkg, path.join(tmp, 'pkg'));
const server = await serve(tmp, 0, { headers: () => ({ 'content-security-policy': "script-src 'self' 'wasm-unsafe-eval'" }) });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
let status = 0;
try {
  const context = await browser.newContext();
  // Nothing leaves 127.0.0.1.
  await context.route((url) => !url.href.startsWith(server.url), (route) => route.abort());
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  // Samples by function name (self time), over every page.
  const self = new Map();
  let samples = 0;
  let skipped = 0;
  for (const name of pages) {
    try {
      await page.goto(`${server.url}/corpus/${name}/source.html`, { waitUntil: 'load', timeout: 30000 });
      // Loaded and warmed up before the profile starts: the reads are of code V8 has optimised.
      await page.evaluate(async (base) => {
        const m = await import(`${base}/pkg/readmode.js`);
        await m.default({ module_or_path: `${base}/pkg/readmode_bg.wasm` });
        window.__readmode = m;
        for (let i = 0; i < 50; i++) m.readDocument(document, { url: location.href });
      }, server.url);
    } catch (e) {
      // A page whose own policy refuses the wasm (toc-missing) is left out, said so.
      console.log(`  ${name}: left out (${String(e.message || e).split('\n')[0].slice(0, 100)})`);
      skipped++;
      continue;
    }
    await cdp.send('Profiler.start');
    await page.evaluate((n) => { for (let i = 0; i < n; i++) window.__readmode.readDocument(document, { url: location.href }); }, READS);
    const { profile } = await cdp.send('Profiler.stop');
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const id of profile.samples) {
      const f = byId.get(id).callFrame;
      const key = f.functionName || `(${f.url.split('/').pop() || 'program'})`;
      // The gaps between samples of the reads themselves.
      if (key === '(idle)') continue;
      self.set(key, (self.get(key) ?? 0) + 1);
      samples++;
    }
  }
  console.log(`${READS} reads of each of ${pages.length - skipped} pages, ${samples} samples; share of samples by function (self time):`);
  // Rust's symbol hashes ("::h0123…") and crate prefixes only lengthen the names.
  const tidy = (k) => k.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '').replace(/\breadmode::/g, '');
  for (const [k, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, TOP)) {
    console.log(`${(100 * n / Math.max(samples, 1)).toFixed(1).padStart(6)}%  ${tidy(k).slice(0, 110)}`);
  }
} catch (e) {
  console.error(`bench/profile.mjs: ${String(e.message || e).split('\n')[0]}`);
  status = 1;
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(status);

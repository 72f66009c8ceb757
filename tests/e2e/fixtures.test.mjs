// The fixture cases through the browser path: every ../shared/fixtures/pages case and every
// tests/fixtures case is opened in headless Chromium from 127.0.0.1 and read twice by the wasm
// engine, (1) from the live DOM of the loaded page (the content script's path) and (2) from
// its HTML parsed by readHtml (the Chrome offscreen path), then judged by the engine's own
// checker (checkExpect: the same rules as the native runner, tests/fixtures_pages.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './lib/serve.mjs';
import { CHROMIUM, ROOT, builtFromCurrentSources, need, tempDir } from './lib/setup.mjs';

const SHARED = path.resolve(ROOT, '..', 'shared', 'fixtures', 'pages');
const OWN = path.join(ROOT, 'tests', 'fixtures');

function cases(dir, prefix) {
  if (!fs.existsSync(dir)) {
    console.log(`# ${dir} is absent: its cases are skipped`);
    return [];
  }
  return fs.readdirSync(dir)
    .filter((d) => fs.existsSync(path.join(dir, d, 'expect.json')) && fs.existsSync(path.join(dir, d, 'source.html')))
    .sort()
    .map((d) => ({ name: `${prefix}/${d}`, dir: path.join(dir, d), mount: `${prefix}/${d}` }));
}

const ALL = [...cases(SHARED, 'shared'), ...cases(OWN, 'own')];
let server;
let browser;
let root;

before(async () => {
  need(CHROMIUM, 'Chromium', 'Install it with ./build.sh setup (Debian package chromium).');
  // The engine built with its fixture checker (checkExpect), which the shipped one leaves out;
  // ./build.sh alone does not rebuild it, so one built before the last change would judge old code.
  builtFromCurrentSources(path.join(ROOT, 'target', 'pkg-checker', 'readmode_bg.wasm'), 'the wasm package with the fixture checker', 'Run ./build.sh test, which builds target/pkg-checker.');
  root = tempDir('readmode-fixtures-');
  fs.symlinkSync(path.join(ROOT, 'target', 'pkg-checker'), path.join(root, 'pkg'));
  if (fs.existsSync(SHARED)) fs.symlinkSync(SHARED, path.join(root, 'shared'));
  fs.symlinkSync(OWN, path.join(root, 'own'));
  server = await serve(root, 0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

for (const c of ALL) {
  test(`fixture ${c.name}: live DOM and readHtml paths pass expect.json`, { timeout: 60_000 }, async () => {
    const expect = fs.readFileSync(path.join(c.dir, 'expect.json'), 'utf8');
    const url = JSON.parse(expect).url || undefined;
    const html = fs.readFileSync(path.join(c.dir, 'source.html'), 'utf8');
    const page = await browser.newPage();
    // The page's own scripts run, as on the web, but nothing leaves 127.0.0.1.
    await page.route((u) => !u.href.startsWith(server.url), (r) => r.abort());
    try {
      await page.goto(`${server.url}/${c.mount}/source.html`, { waitUntil: 'load' });
      const result = await page.evaluate(async ({ base, url, expect, html }) => {
        const mod = await import(`${base}/pkg/readmode.js`);
        await mod.default({ module_or_path: `${base}/pkg/readmode_bg.wasm` });
        const live = mod.readDocument(document, { url });
        const parsed = mod.readHtml(html, { url });
        return {
          live: { ok: live.ok, reason: live.reason, fails: mod.checkExpect(live.article, expect) },
          parsed: { ok: parsed.ok, reason: parsed.reason, fails: mod.checkExpect(parsed.article, expect) },
        };
      }, { base: server.url, url, expect, html });
      const fails = [
        ...result.live.fails.map((f) => `live DOM: ${f}`),
        ...result.parsed.fails.map((f) => `readHtml: ${f}`),
      ];
      assert.deepEqual(fails, [], `${c.name} fails in the browser:\n  ${fails.join('\n  ')}`);
    } finally {
      await page.close();
    }
  });
}

// Text a stylesheet hides (a paywalled section with display:none) never reaches the view on
// the live path, where the browser knows computed style; a box-less `display: contents`
// wrapper is not hiding anything.
test('live DOM: text hidden by a stylesheet stays out, display:contents stays in', { timeout: 60_000 }, async () => {
  const pages = path.join(ROOT, 'tests', 'e2e', 'pages');
  fs.symlinkSync(pages, path.join(root, 'e2e-pages'));
  const page = await browser.newPage();
  try {
    await page.goto(`${server.url}/e2e-pages/css-hidden.html`, { waitUntil: 'load' });
    const out = await page.evaluate(async (base) => {
      const mod = await import(`${base}/pkg/readmode.js`);
      await mod.default({ module_or_path: `${base}/pkg/readmode_bg.wasm` });
      const r = mod.readDocument(document, {});
      return { ok: r.ok, text: r.article.textContent };
    }, server.url);
    assert.ok(out.ok);
    assert.ok(out.text.includes('The ferry to Holm Island leaves the quay'), out.text);
    assert.ok(out.text.includes('Inside a box-less wrapper'), 'display:contents content is shown');
    assert.ok(out.text.includes('the most reliable thing on the island'), out.text);
    assert.ok(!out.text.includes('Withheld by the stylesheet'), `hidden text revealed:\n${out.text}`);
  } finally {
    await page.close();
  }
});


// End-to-end test of the built demo (dist/www) in headless Chromium: samples, pasted HTML,
// removals, and hostile input that must never run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from './lib/serve.mjs';
import { CHROMIUM, ROOT, TEST_TIMEOUT, need, outFile } from './lib/setup.mjs';

const WWW = path.join(ROOT, 'dist', 'www');
let server;
let browser;
let page;
const errors = [];
const dialogs = [];

before(async () => {
  need(CHROMIUM, 'Chromium', 'Install it with ./build.sh setup (Debian package chromium).');
  need(path.join(WWW, 'pkg', 'readmode_bg.wasm'), 'the built demo', 'Run ./build.sh first.');
  server = await serve(WWW, 0);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.getElementById('version').textContent.startsWith('engine'), null, { timeout: 15_000 });
}, { timeout: 60_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('demo: a bundled sample shows the original and the reading view with its removals', { timeout: TEST_TIMEOUT }, async () => {
  const index = JSON.parse(fs.readFileSync(path.join(WWW, 'samples', 'index.json'), 'utf8'));
  assert.ok(index.length > 0, 'at least one bundled sample');
  const sample = index.find((s) => s.id === 'inkl-seed') ?? index[0];
  await page.selectOption('#sample', sample.file);
  await page.waitForSelector('#view article h1', { timeout: 10_000 });
  const info = await page.evaluate(() => ({
    title: document.querySelector('#view article h1').textContent,
    words: document.querySelector('#view article').textContent.length,
    timing: document.getElementById('timing').textContent,
    removals: document.querySelectorAll('#removals li').length,
    sandbox: document.getElementById('original').getAttribute('sandbox'),
    originalHasBody: !!document.getElementById('original').contentDocument?.body?.children.length,
  }));
  assert.ok(info.title.length > 3, info.title);
  assert.ok(info.words > 200);
  assert.match(info.timing, /^\d+(\.\d+)? ms/);
  assert.equal(info.sandbox, 'allow-same-origin', 'the original may not run scripts');
  assert.ok(info.originalHasBody);
  if (sample.id !== 'inkl-seed') {
    console.log('# the inkl seed sample is absent (../shared not beside the repository): checked the first sample only');
  } else {
    assert.ok(info.removals > 0, 'the inkl teaser page has removals');
    // What issue-level promises the motivating page makes: its title, its body once, none of
    // the teaser chrome or promos, and the preview notice linking to the source.
    const view = await page.evaluate(() => {
      const article = document.querySelector('#view article');
      const notice = article.querySelector('.notice');
      return {
        title: article.querySelector('h1').textContent,
        body: article.querySelector('.body').textContent.replace(/\s+/g, ' '),
        notice: notice?.textContent.replace(/\s+/g, ' ') ?? null,
        noticeHref: notice?.querySelector('a')?.href ?? null,
      };
    });
    assert.equal(view.title, 'Vladimir Putin NOT ready for compromise on Ukraine warns senior US official');
    assert.ok(view.body.includes('Russian president Vladimir Putin is not ready to make compromises'));
    assert.ok(view.body.includes("I don't think there will be any breakthrough on the main issues."));
    for (const chrome of ['Get all your news in one place.', 'Sign up to read this article', 'Want all the latest news and analysis from Ukraine?',
      'Sign up to our World News Bulletin here', 'Related Stories', 'Download the app', 'We use cookies to improve your experience']) {
      assert.ok(!view.body.includes(chrome), `teaser text in the view: ${chrome}`);
    }
    for (const repeated of ['Kyiv has now said that it will no longer consider any concessions on territory', 'Russia blocking civilian evacuation from the besieged city of Mariupol']) {
      assert.equal(view.body.split(repeated).length - 1, 1, `repeated paragraph shown once: ${repeated}`);
    }
    // The page links no copy at the Daily Mirror: the link goes to the page, and says so.
    assert.equal(view.notice, 'Preview from inkl: the full story is at inkl.com');
    assert.ok(view.noticeHref && !view.noticeHref.startsWith('javascript:'), `notice link: ${view.noticeHref}`);
    await page.locator('#removals button').first().click();
  }
  await page.screenshot({ path: outFile('demo.png') });
});

test('demo: hostile pasted HTML never runs', { timeout: TEST_TIMEOUT }, async () => {
  const para = 'The committee met on a wet Tuesday to argue about the bridge, as it had every month for nine years, and again nobody agreed on the colour. ';
  const hostile = `<!doctype html><html><head><title>Bridge committee, again</title>
    <meta http-equiv="refresh" content="0;url=javascript:top.__pwned='refresh'">
    <script>top.__pwned = 'script'; alert('script');</script></head>
    <body onload="top.__pwned='onload'">
    <article><h1>Bridge committee, again</h1>
    <p>${para.repeat(3)}<img src="x" onerror="top.__pwned='img'; alert('img')"></p>
    <p>${para.repeat(3)}<a href="javascript:top.__pwned='link'">a link</a></p>
    <p>${para.repeat(3)}<svg><script>top.__pwned='svg'</script></svg><iframe src="javascript:top.__pwned='iframe'"></iframe></p>
    <p>${para.repeat(3)}<a href="mailto:clerk@bridge.example">the clerk</a></p>
    <video src="mailto:clerk@bridge.example" controls></video><audio src="mailto:clerk@bridge.example"></audio>
    <p onclick="top.__pwned='click'">${para.repeat(3)}</p></article></body></html>`;
  await page.locator('#paste-box summary').click();
  await page.fill('#paste', hostile);
  await page.locator('#paste-box button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#view article h1')?.textContent === 'Bridge committee, again', null, { timeout: 10_000 });
  await page.locator('#view article p').first().click();
  await page.waitForTimeout(500);
  const info = await page.evaluate(() => ({
    pwned: globalThis.__pwned ?? null,
    scripts: document.querySelectorAll('#view script, #view iframe, #view svg').length,
    handlers: [...document.querySelectorAll('#view *')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
    jsLinks: [...document.querySelectorAll('#view a')].filter((a) => /^javascript:/i.test(a.getAttribute('href') ?? '')).length,
    // A link's mailto stays a link; a player (here a link to its media) never names one.
    mailLinks: [...document.querySelectorAll('#view a[href^="mailto:"]')].map((a) => a.textContent),
  }));
  assert.deepEqual(info, { pwned: null, scripts: 0, handlers: [], jsLinks: 0, mailLinks: ['the clerk'] });
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
});

test('demo: a pasted page of web components reads its shadow trees, and shows a removal inside one', { timeout: TEST_TIMEOUT }, async () => {
  const para = 'The lantern fair came back to the quay after six winters, and by dusk the harbour wall was lined three deep with families from the terraces. ';
  const html = `<!doctype html><html><head><title>Lantern fair returns</title></head><body>
    <story-page><template shadowrootmode="open"><article><h1><slot name="headline"></slot></h1>
      <p>${para.repeat(3)}</p><p>${para.repeat(3)}</p>
      <p class="promo">Want all the latest news from the quay? <a href="/newsletter">Sign up to our free newsletter here</a>.</p>
      <slot></slot></article></template>
      <span slot="headline">Lantern fair returns</span>
      <fact-box><template shadowrootmode="closed"><p>Closed tree: ${para.repeat(2)}</p></template></fact-box>
    </story-page></body></html>`;
  if (!(await page.evaluate(() => document.getElementById('paste-box').open))) await page.locator('#paste-box summary').click();
  await page.fill('#paste', html);
  await page.locator('#paste-box button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#view article h1')?.textContent === 'Lantern fair returns', null, { timeout: 10_000 });
  const body = await page.evaluate(() => document.querySelector('#view article .body').textContent.replace(/\s+/g, ' '));
  assert.match(body, /lined three deep with families/, 'the open shadow tree is read');
  assert.match(body, /Closed tree: The lantern fair/, 'a closed one too: the engine parses the page itself');
  assert.doesNotMatch(body, /Sign up to our free newsletter/);
  const removal = page.locator('#removals li button', { hasText: 'Sign up to our free newsletter' });
  await removal.click();
  const outlined = await page.evaluate(() => {
    const story = document.querySelector('#original').contentDocument.querySelector('story-page');
    const promo = story.shadowRoot.querySelector('p.promo');
    return promo.style.getPropertyValue('outline');
  });
  assert.match(outlined, /solid/, 'the promo is outlined in the original, inside its shadow tree');
  assert.deepEqual(errors, []);
});

test('demo: pasted video and audio become links to them (the demo loads no media), formulas render, the sample menu clears', { timeout: TEST_TIMEOUT }, async () => {
  const html = fs.readFileSync(path.join(ROOT, 'tests', 'e2e', 'pages', 'media.html'), 'utf8');
  await page.fill('#url', 'https://coastal-ledger.example/2026/spring-flood');
  if (!(await page.evaluate(() => document.getElementById('paste-box').open))) await page.locator('#paste-box summary').click();
  await page.fill('#paste', html);
  await page.locator('#paste-box button[type=submit]').click();
  await page.waitForFunction(() => document.querySelector('#view article h1')?.textContent === 'How the lock keepers film the spring flood', null, { timeout: 10_000 });
  const info = await page.evaluate(() => ({
    players: document.querySelectorAll('#view iframe, #view video, #view audio').length,
    links: [...document.querySelectorAll('#view p.rm-media a')].map((a) => [a.textContent, a.getAttribute('href')]),
    math: document.querySelector('#view math')?.namespaceURI ?? null,
    sample: document.getElementById('sample').value,
  }));
  assert.deepEqual(info, {
    players: 0,
    links: [
      ['Video: www.youtube-nocookie.com', 'https://www.youtube-nocookie.com/embed/flood2026'],
      ['Video: coastal-ledger.example', 'https://coastal-ledger.example/media/gauge-timelapse.mp4'],
      ['Audio: coastal-ledger.example', 'https://coastal-ledger.example/media/keepers-interview.mp3'],
    ],
    math: 'http://www.w3.org/1998/Math/MathML',
    sample: '',
  }, 'the sample menu no longer names the sample read before');
  assert.deepEqual(errors, []);
});

test('demo: each removal copies a report (or shows it to copy by hand)', { timeout: TEST_TIMEOUT }, async () => {
  const context = page.context();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  try {
    const html = fs.readFileSync(path.join(ROOT, 'tests', 'e2e', 'pages', 'clutter.html'), 'utf8');
    await page.fill('#url', 'https://coastal-ledger.example/2026/lighthouse-logbook');
    if (!(await page.evaluate(() => document.getElementById('paste-box').open))) await page.locator('#paste-box summary').click();
    await page.fill('#paste', html);
    await page.locator('#paste-box button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('#view article h1')?.textContent === "The lighthouse keeper's last logbook", null, { timeout: 10_000 });
    const items = await page.evaluate(() => [...document.querySelectorAll('#removals li')].map((li) => ({
      kind: li.dataset.kind, label: li.querySelector('.kind').textContent, reason: li.querySelector('.reason').textContent.replace(/^ — /, ''),
      button: li.querySelector('button.report')?.textContent,
    })));
    assert.deepEqual(Object.fromEntries(items.map((i) => [i.kind, i.label])), { teaser: 'Teaser/paywall chrome', promo: 'Promo', duplicate: 'Repeated paragraph' });
    assert.deepEqual([...new Set(items.map((i) => i.button))], ['Not clutter? Copy a report']);

    const dup = items.find((i) => i.kind === 'duplicate');
    await page.locator('#removals li[data-kind="duplicate"] button.report').click();
    await page.waitForFunction(() => document.querySelector('#removals li[data-kind="duplicate"] .report-status').dataset.state, null, { timeout: 5_000 });
    assert.equal(await page.locator('#removals li[data-kind="duplicate"] .report-status').textContent(), 'Copied: the report is on the clipboard.');
    const report = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(report.includes('Page: https://coastal-ledger.example/2026/lighthouse-logbook\n'), report);
    assert.ok(report.includes(`Reason: ${dup.reason}\n`), report);
    assert.match(report, /^Kind: duplicate$/m);
    assert.match(report, /^Engine: \d+\.\d+\.\d+ \(demo\)$/m);
    assert.match(report, /^Path: body:\d+>\S+$/m);

    // Refused: the report is selected in a field instead.
    await context.clearPermissions();
    await page.evaluate(() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError')); });
    await page.locator('#removals li[data-kind="promo"] button.report').click();
    await page.waitForFunction(() => document.querySelector('#removals li[data-kind="promo"] .report-status').dataset.state === 'refused', null, { timeout: 5_000 });
    const field = await page.evaluate(() => {
      const a = document.activeElement;
      return { cls: a.className, value: a.value, selected: a.selectionEnd - a.selectionStart === a.value.length };
    });
    assert.equal(field.cls, 'report-fallback');
    assert.ok(field.selected, 'the report is selected');
    assert.match(field.value, /^Kind: promo$/m);
    await page.locator('.removals').scrollIntoViewIfNeeded();
    await page.screenshot({ path: outFile('demo-removals.png'), fullPage: true });
    assert.deepEqual(errors, []);
  } finally {
    await context.clearPermissions();
  }
});

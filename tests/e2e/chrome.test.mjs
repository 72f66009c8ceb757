// End-to-end tests of the BUILT Chrome extension (dist/chrome) in headless Chromium.
//
// Chromium loads dist/chrome unpacked (--load-extension); the tests reach the background
// service worker through Playwright and call globalThis.readmode.toggle(tabId), which does
// what the toolbar button does. Pages come from tests/e2e/pages on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serve } from './lib/serve.mjs';
import path from 'node:path';
import { CHROMIUM, PAGES, ROOT, TEST_TIMEOUT, assertComponentsStory, builtExtension, need, outFile, servePages, tempDir, until } from './lib/setup.mjs';
import { viewInfo, disturb, fieldValue, removedInfo, stickyBar } from './lib/page-probes.mjs';

let server;
let context;

/** Chromium with the built extension loaded unpacked, in a fresh profile. */
function launch(extraArgs = []) {
  const ext = builtExtension('chrome');
  return chromium.launchPersistentContext(tempDir('readmode-chrome-'), {
    executablePath: CHROMIUM,
    headless: true,
    timeout: 30_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync',
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, ...extraArgs,
    ],
  });
}
let worker;
const consoleErrors = [];

before(async () => {
  need(CHROMIUM, 'Chromium', 'Install it with ./build.sh setup (Debian package chromium).');
  builtExtension('chrome');
  server = await servePages();
  context = await launch();
  context.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`${m.location()?.url ?? ''}: ${m.text()}`);
  });
  worker = context.serviceWorkers().find((w) => w.url().endsWith('/background.js'))
    ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  await until(() => worker.evaluate(() => typeof globalThis.readmode?.toggle === 'function'), 10_000, 'the background hook');
}, { timeout: 60_000 });

after(async () => {
  await context?.close();
  await server?.close();
});

async function open(file) {
  const page = await context.newPage();
  await page.goto(`${server.url}/${file}`);
  return page;
}

async function tabIdOf(page) {
  const url = page.url();
  const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  assert.ok(tabId !== undefined, `no tab for ${url}`);
  return tabId;
}

/** Toggles like the toolbar button; returns what the content script reported. */
async function toggle(page) {
  const tabId = await tabIdOf(page);
  return worker.evaluate((id) => globalThis.readmode.toggle(id), tabId);
}

async function readAndRestore(file, title, engine) {
  const page = await open(file);
  try {
    const before = await page.evaluate(disturb, { text: 'a note typed before reading', y: 700 });
    assert.equal(before.scrollY, 700, 'the test page scrolls');

    const res = await toggle(page);
    assert.equal(res.state, 'reading', `toggle result: ${JSON.stringify(res)}`);
    assert.equal(res.engine, engine);
    const phases = Object.entries(res.phases ?? {});
    assert.deepEqual(phases.map(([k]) => k).sort(), ['build', 'modules', 'read', 'show', 'storage'], "where the opening's time went");
    assert.ok(phases.every(([, ms]) => ms >= 0), JSON.stringify(res.phases));
    const on = await page.evaluate(viewInfo);
    assert.equal(on.state, 'reading');
    assert.ok(Number(on.ms) > 0, `data-readmode-ms is the engine time: ${on.ms}`);
    assert.equal(on.shadowMode, 'open');
    assert.equal(on.articleCount, 1, 'exactly one <article> in the shadow root');
    assert.equal(on.title, title);
    assert.match(on.text, /Marta Lindqvist, who has fished the bay for thirty-one years/);
    assert.match(on.text, /young enough to see it/);
    assert.doesNotMatch(on.text, /Leave a comment|Privacy/);
    assert.ok(on.bodyInert, 'the page under the view is inert');
    assert.equal(on.pageRendered, false, 'the page under the view is not rendered');
    assert.equal(on.scrollY, 700, 'the page keeps its scroll offset under the view');
    assert.ok(on.hostCoversViewport, 'the view covers the viewport');
    assert.ok(on.styled, "the view's stylesheet applies");
    assert.ok(on.activeInView, 'focus moved into the view');
    const bar = await page.evaluate(stickyBar);
    assert.ok(bar.scrolled > 0, 'the view scrolls');
    assert.ok(Math.abs(bar.top) <= 1, `the toolbar stays at the top of the scrolled view: ${bar.top}`);

    const back = await toggle(page);
    assert.equal(back.state, 'original');
    const off = await page.evaluate(viewInfo);
    assert.equal(off.state, 'original');
    assert.equal(off.host, false, 'the view is gone');
    assert.equal(off.bodyInert, false);
    assert.equal(off.pageRendered, true, 'the page renders again');
    assert.equal(off.bodyStyle, null, "the body's style attribute is as it was");
    assert.equal(await page.evaluate(fieldValue), 'a note typed before reading');
    assert.equal(off.scrollY, 700, 'scroll position survives');
    assert.equal(off.activeId, 'comment', 'focus returns to where it was');
  } finally {
    await page.close();
  }
}

test('chrome: article page opens in the reading view and toggles back intact', { timeout: TEST_TIMEOUT }, async () => {
  // Chrome reads every page of ordinary size in the offscreen document, walked here.
  await readAndRestore('article.html', 'The tide table that never changed', 'extension page');
});

test('chrome: strict-CSP page falls back to the offscreen document', { timeout: TEST_TIMEOUT }, async () => {
  await readAndRestore('article.csp.html', 'The tide table under a strict policy', 'extension page');
});

test('chrome: a default-src \'self\' page (no inline styles) still gets a styled view', { timeout: TEST_TIMEOUT }, async () => {
  await readAndRestore('article.strict.html', 'The tide table under the strictest policy', 'extension page');
});

test('chrome: a story built of web components (a closed shadow tree, slots) is read as the page shows it', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('components.html');
  try {
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.engine, 'extension page');
    assertComponentsStory(await page.evaluate(viewInfo));
  } finally {
    await page.close();
  }
});

test('chrome: a strict-CSP page of web components reads in the offscreen document with its closed shadow tree', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('components.csp.html');
  try {
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.engine, 'extension page');
    const on = await page.evaluate(viewInfo);
    assert.equal(on.title, 'The lantern fair under a strict policy');
    assert.match(on.text, /counted more than four thousand before she stopped counting/, 'text of the shadow tree');
    assert.match(on.text, /lighthouse lantern will be kept in the harbour office/, 'the page\'s own paragraph, through the default slot');
    assert.doesNotMatch(on.text, /Share this story/, 'assigned to no slot: never shown');
  } finally {
    await page.close();
  }
});

test('chrome: on a strict-CSP page what the stylesheet withholds stays out: the page is walked where it renders, and read in the offscreen document', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('css-hidden.csp.html');
  try {
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.engine, 'extension page');
    const on = await page.evaluate(viewInfo);
    assert.equal(on.title, 'The ferry timetable under a strict policy');
    assert.match(on.text, /Inside a box-less wrapper/, 'display: contents hides nothing');
    assert.match(on.text, /its most faithful witness/);
    assert.doesNotMatch(on.text, /Withheld by the stylesheet/);
  } finally {
    await page.close();
  }
});

test('chrome: a page without an article says so', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('no-article.html');
  try {
    const res = await toggle(page);
    assert.equal(res.state, 'no-article', JSON.stringify(res));
    const info = await page.evaluate(viewInfo);
    assert.equal(info.state, 'no-article');
    assert.equal(info.host, false, 'no reading view');
    assert.match(info.message ?? '', /no article/i);
    assert.equal(info.bodyInert, false, 'the page stays usable');
  } finally {
    await page.close();
  }
});

test('chrome: a preview says where the full story is', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('preview.html');
  try {
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.isPreview, true);
    const notice = await page.evaluate(() => {
      const n = document.getElementById('readmode-root').shadowRoot.querySelector('article .rm-notice');
      return n && { text: n.textContent, href: n.querySelector('a')?.href };
    });
    assert.ok(notice, 'a notice in the article header');
    assert.match(notice.text, /^Preview from .+: the full story is at .+/);
    assert.equal(notice.href, 'https://harbour-gazette.example/news/tide-table');
    await page.screenshot({ path: outFile('chrome-preview.png') });
  } finally {
    await page.close();
  }
});

test('chrome: video, audio and formulas in the article play and render in the view, never on their own', { timeout: TEST_TIMEOUT }, async () => {
  // No network here: the player and the media files answer from the test itself.
  const frames = [];
  await context.route('https://www.youtube-nocookie.com/**', (r) => { frames.push(r.request().url()); return r.fulfill({ contentType: 'text/html', body: '<p>player</p>' }); });
  await context.route(`${server.url}/media/**`, (r) => r.fulfill({ status: 204 }));
  const page = await open('media.html');
  try {
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    await until(() => page.evaluate(() => !!document.getElementById('readmode-root').shadowRoot.querySelector('article iframe')), 5_000, 'the player near the top in place');
    const info = await page.evaluate(() => {
      const body = document.getElementById('readmode-root').shadowRoot.querySelector('article');
      const attrs = (e) => (e ? Object.fromEntries([...e.attributes].map((a) => [a.name, a.value])) : null);
      const math = body.querySelector('math');
      return {
        iframes: [...body.querySelectorAll('iframe')].map(attrs),
        video: attrs(body.querySelector('video')),
        audio: attrs(body.querySelector('audio')),
        math: math ? { ns: math.namespaceURI, display: math.getAttribute('display'), text: math.textContent, mi: math.querySelectorAll('mi').length, height: math.getBoundingClientRect().height } : null,
        caption: body.querySelector('figure iframe + figcaption')?.textContent ?? null,
        playing: [...body.querySelectorAll('video, audio')].some((m) => !m.paused),
        pictures: [...body.querySelectorAll('img')].map((i) => [i.alt, getComputedStyle(i).display]),
      };
    });
    assert.equal(info.iframes.length, 1, `only the video host's player: ${JSON.stringify(info.iframes)}`);
    const frame = info.iframes[0];
    assert.equal(frame.src, 'https://www.youtube-nocookie.com/embed/flood2026');
    assert.equal(frame.sandbox, 'allow-scripts allow-same-origin allow-presentation allow-popups');
    assert.equal(frame.allow, 'fullscreen; picture-in-picture; encrypted-media', 'the page\'s own "autoplay" permission is not carried over');
    assert.equal(info.caption, 'The 2026 flood from the footbridge, filmed by the keepers.');
    assert.deepEqual(info.video, {
      src: `${server.url}/media/gauge-timelapse.mp4`, poster: `${server.url}/media/gauge-poster.jpg`, width: '640', height: '360', controls: '', preload: 'metadata', playsinline: '',
    });
    assert.deepEqual(info.audio, { src: `${server.url}/media/keepers-interview.mp3`, controls: '', preload: 'metadata' });
    assert.equal(info.playing, false, 'nothing plays on its own');
    // A picture in a line of text (a formula's symbol) stays in the line; one alone in its
    // paragraph is a block.
    assert.deepEqual(info.pictures, [['The lock gate at Harrow Mill, with the white mark', 'block'], ['v', 'inline']]);
    assert.equal(info.math?.ns, 'http://www.w3.org/1998/Math/MathML');
    assert.equal(info.math.display, 'block');
    assert.equal(info.math.mi, 3);
    assert.match(info.math.text.replace(/\s+/g, ''), /^Q=v⋅A$/);
    assert.ok(info.math.height > 0, 'the formula is laid out');
    await until(async () => frames.length > 0, 5_000, 'the player loads');
    await page.evaluate(() => document.getElementById('readmode-root').shadowRoot.querySelector('article video').scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: outFile('chrome-media.png') });
  } finally {
    await page.close();
    await context.unroute('https://www.youtube-nocookie.com/**');
    await context.unroute(`${server.url}/media/**`);
  }
});

test('chrome: a player is put in place only as the reader nears it', { timeout: TEST_TIMEOUT }, async () => {
  // Every iframe in a document is a frame, made as it is inserted: twelve players would all be
  // made as the view opens.
  const frames = [];
  await context.route('https://www.youtube-nocookie.com/**', (r) => { frames.push(r.request().url()); return r.fulfill({ contentType: 'text/html', body: '<p>player</p>' }); });
  const page = await open('players.html');
  try {
    await page.setViewportSize({ width: 1000, height: 700 });
    assert.equal((await toggle(page)).state, 'reading');
    const players = () => page.evaluate(() => {
      const body = document.getElementById('readmode-root').shadowRoot.querySelector('article');
      return { frames: body.querySelectorAll('iframe.rm-player').length, slots: body.querySelectorAll('.rm-player-slot').length, last: body.querySelector('.rm-player:last-of-type')?.localName ?? null };
    });
    await until(async () => (await players()).frames > 0, 5_000, 'the first player in place');
    const first = await players();
    assert.ok(first.frames < 12, `only the players near the screen are frames: ${JSON.stringify(first)}`);
    assert.equal(first.frames + first.slots, 12, JSON.stringify(first));
    // Scrolled to the end, the last one is put in place too, in the placeholder's place.
    await page.evaluate(() => { const h = document.getElementById('readmode-root'); h.scrollTop = h.scrollHeight; });
    await until(async () => {
      const now = await page.evaluate(() => [...document.getElementById('readmode-root').shadowRoot.querySelectorAll('article .rm-player')].map((e) => e.localName).pop());
      return now === 'iframe';
    }, 5_000, 'the last player in place');
    await until(async () => frames.some((u) => u.endsWith('/towpath12')), 5_000, 'the last player loads');
  } finally {
    await page.close();
    await context.unroute('https://www.youtube-nocookie.com/**');
  }
});

test('chrome: Escape closes the view', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('article.html');
  try {
    await page.evaluate(disturb, { text: 'escape test', y: 300 });
    assert.equal((await toggle(page)).state, 'reading');
    await page.keyboard.press('Escape');
    await until(() => page.evaluate(() => document.documentElement.dataset.readmode === 'original'), 5_000, 'the view to close');
    const info = await page.evaluate(viewInfo);
    assert.equal(info.host, false);
    assert.equal(info.scrollY, 300);
    assert.equal(info.activeId, 'comment');
  } finally {
    await page.close();
  }
});

/** axe-core's violations inside the reading view (or in the whole page: `scope` null). */
async function axeViolations(page, scope = '#readmode-root') {
  // NOTE: evaluated rather than added as a <script>: extension pages' CSP forbids inline scripts.
  if (!(await page.evaluate(() => !!globalThis.axe))) await page.evaluate(fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  return page.evaluate(async (sel) => {
    const r = await globalThis.axe.run(sel ? { include: [[sel]] } : document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }, scope);
}

test('chrome: the view has its controls, passes axe-core, and is screenshotted light and dark', { timeout: TEST_TIMEOUT }, async () => {
  await worker.evaluate(() => chrome.storage.sync.set({ theme: 'light' }));
  const page = await open('article.html');
  try {
    await page.setViewportSize({ width: 1100, height: 900 });
    assert.equal((await toggle(page)).state, 'reading');
    // Landmarks and controls.
    const landmarks = await page.evaluate(() => {
      const s = document.getElementById('readmode-root').shadowRoot;
      return { main: s.querySelectorAll('main').length, toolbar: s.querySelectorAll('[role=toolbar]').length, lang: s.querySelector('article').lang };
    });
    assert.deepEqual(landmarks, { main: 1, toolbar: 1, lang: 'en' });
    assert.deepEqual(await axeViolations(page), [], 'axe-core, light theme');
    await page.screenshot({ path: outFile('chrome-light.png') });

    // Switch to dark through the view's own settings panel; the choice is stored.
    await page.locator('#readmode-root button[aria-controls="rm-panel"]').click();
    await page.locator('#readmode-root button[data-theme="dark"]').click();
    await until(() => worker.evaluate(async () => (await chrome.storage.sync.get('theme')).theme === 'dark'), 5_000, 'the theme to be stored');
    await page.screenshot({ path: outFile('chrome-dark-settings.png') });
    assert.deepEqual(await axeViolations(page), [], 'axe-core, dark theme with the settings panel open');
    await page.keyboard.press('Escape'); // closes the panel first
    assert.equal(await page.evaluate(() => document.documentElement.dataset.readmode), 'reading');
    await page.screenshot({ path: outFile('chrome-dark.png') });

    // Larger text persists too.
    await page.locator('#readmode-root button[aria-controls="rm-panel"]').click();
    await page.locator('#readmode-root button[aria-label^="Text size"]').last().click();
    await until(() => worker.evaluate(async () => (await chrome.storage.sync.get('size')).size === 22), 5_000, 'the size to be stored');
  } finally {
    await page.close();
    await worker.evaluate(() => chrome.storage.sync.clear());
  }
});

test('chrome: printing prints the article, not the page under it', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('article.html');
  try {
    await page.evaluate(disturb, { text: 'print test', y: 500 });
    assert.equal((await toggle(page)).state, 'reading');
    await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => {
      const host = document.getElementById('readmode-root');
      const bar = host.shadowRoot.querySelector('.rm-bar');
      return { body: getComputedStyle(document.body).display, host: getComputedStyle(host).position, bar: getComputedStyle(bar).display };
    });
    assert.deepEqual(printed, { body: 'none', host: 'static', bar: 'none' });
    await page.screenshot({ path: outFile('chrome-print.png') });
    await page.emulateMedia({ media: 'screen' });
    await page.evaluate(() => dispatchEvent(new Event('afterprint')));
    assert.equal((await toggle(page)).state, 'original');
    const after = await page.evaluate(viewInfo);
    assert.equal(after.scrollY, 500, 'scroll position survives printing');
    const style = await page.evaluate(() => document.body.getAttribute('style'));
    assert.ok(style === null || style === '', `the body's style is as it was: ${style}`);
  } finally {
    await page.close();
  }
});

/** The toolbar's "Markdown copied" card: its state, its status text and the fallback field. */
function copyCardInfo() {
  const s = document.getElementById('readmode-root').shadowRoot;
  const card = s.querySelector('.rm-copy');
  const status = card.querySelector('[role=status]');
  const field = card.querySelector('textarea.rm-copy-fallback');
  const r = card.getBoundingClientRect();
  const active = s.activeElement;
  return {
    state: card.dataset.state || null,
    status: status.textContent,
    statusId: status.id,
    visible: r.width > 0 && r.height > 0 && getComputedStyle(card).visibility === 'visible',
    field: field ? { value: field.value, readOnly: field.readOnly, label: field.getAttribute('aria-label') } : null,
    active: active ? { cls: active.className, selected: active.localName === 'textarea' && active.selectionEnd - active.selectionStart === active.value.length } : null,
  };
}

test('chrome: the view exports Markdown of the article, to a file and to the clipboard', { timeout: TEST_TIMEOUT }, async () => {
  await worker.evaluate(() => chrome.storage.sync.set({ theme: 'light' }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await open('article.html');
  try {
    await page.setViewportSize({ width: 1100, height: 900 });
    assert.equal((await toggle(page)).state, 'reading');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 10_000 }),
      page.locator('#readmode-root button[aria-label="Save the article as Markdown"]').click(),
    ]);
    assert.match(download.suggestedFilename(), /^the-tide-table-that-never-changed\.md$/);
    const file = outFile('chrome-export.md');
    await download.saveAs(file);
    const md = fs.readFileSync(file, 'utf8');
    assert.match(md, /The tide table that never changed/);
    assert.match(md, /Marta Lindqvist/);

    // Copy: the next control in the toolbar, by keyboard (Tab from "save", then Enter).
    const copy = page.locator('#readmode-root button[aria-label="Copy the article as Markdown"]');
    assert.equal(await copy.textContent(), 'Copy', 'its visible label is part of its name');
    assert.equal(await copy.getAttribute('aria-describedby'), 'rm-copy-status', 'described by the confirmation');
    assert.equal((await page.evaluate(copyCardInfo)).visible, false, 'no card before copying');
    await page.locator('#readmode-root button[aria-label="Save the article as Markdown"]').focus();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.getElementById('readmode-root').shadowRoot.activeElement?.getAttribute('aria-label')), 'Copy the article as Markdown');
    await page.keyboard.press('Enter');
    const card = await until(async () => { const c = await page.evaluate(copyCardInfo); return c.state && c; }, 5_000, 'the copy to be confirmed');
    assert.equal(card.state, 'copied');
    assert.equal(card.status, 'Markdown copied: the article is on the clipboard.');
    assert.equal(card.visible, true, 'the confirmation shows');
    assert.equal(card.field, null);
    assert.match(card.active.cls, /\brm-md-copy\b/, 'focus stays on the button');
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    fs.writeFileSync(outFile('chrome-copied.md'), copied);
    assert.ok(copied.startsWith('# The tide table that never changed\n'), copied.slice(0, 200));
    assert.match(copied, /Marta Lindqvist, who has fished the bay for thirty-one years/);
    assert.equal(copied, md, 'the same Markdown as the download');
    assert.deepEqual(await axeViolations(page), [], 'axe-core, light theme, "Markdown copied" shown');
    await page.screenshot({ path: outFile('chrome-toolbar-copied.png'), clip: { x: 0, y: 0, width: 1100, height: 140 } });
    await until(async () => (await page.evaluate(copyCardInfo)).visible === false, 8_000, 'the confirmation to go');

    // Narrow window, every theme: the toolbar stays on one row, icons only, and axe-core is clean.
    await page.setViewportSize({ width: 400, height: 700 });
    for (const theme of ['light', 'dark', 'sepia']) {
      await setTheme(page, theme);
      const bar = await page.evaluate(() => {
        const s = document.getElementById('readmode-root').shadowRoot;
        const buttons = [...s.querySelectorAll('.rm-bar button:not([hidden])')];
        const tops = new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
        const label = s.querySelector('.rm-md-copy .rm-label').getBoundingClientRect();
        return { rows: tops.size, labelHidden: label.width <= 1, fits: s.querySelector('.rm-bar').scrollWidth <= innerWidth };
      });
      assert.deepEqual(bar, { rows: 1, labelHidden: true, fits: true }, `${theme}: a compact toolbar`);
      await copy.click();
      await until(async () => (await page.evaluate(copyCardInfo)).state === 'copied', 5_000, 'the copy to be confirmed');
      assert.deepEqual(await axeViolations(page), [], `axe-core, ${theme} theme, narrow, "Markdown copied" shown`);
      await page.screenshot({ path: outFile(`chrome-toolbar-narrow-${theme}.png`), clip: { x: 0, y: 0, width: 400, height: 140 } });
    }
  } finally {
    await page.close();
    await context.clearPermissions();
    await worker.evaluate(() => chrome.storage.sync.clear());
  }
});

test('chrome: the view speaks the browser\'s language (German)', { timeout: TEST_TIMEOUT }, async () => {
  const de = await launch(['--lang=de']);
  try {
    const sw = de.serviceWorkers().find((w) => w.url().endsWith('/background.js'))
      ?? (await de.waitForEvent('serviceworker', { timeout: 15_000 }));
    await until(() => sw.evaluate(() => typeof globalThis.readmode?.toggle === 'function'), 10_000, 'the background hook');
    const page = await de.newPage();
    await page.goto(`${server.url}/article.html`);
    const tabId = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
    assert.equal((await sw.evaluate((id) => globalThis.readmode.toggle(id), tabId)).state, 'reading');
    const labels = await page.evaluate(() => {
      const s = document.getElementById('readmode-root').shadowRoot;
      const copy = s.querySelector('.rm-md-copy');
      return {
        close: s.querySelector('.rm-bar button').getAttribute('aria-label'), minutes: s.querySelector('.rm-minutes').textContent,
        copy: [copy.textContent, copy.getAttribute('aria-label')],
      };
    });
    assert.deepEqual(labels, { close: 'Leseansicht schließen', minutes: '2 Min. Lesezeit', copy: ['Kopieren', 'Artikel als Markdown kopieren'] });
    // The removed blocks, in German; the engine's reasons stay English and say so (lang="en").
    await page.goto(`${server.url}/clutter.html`);
    const clutterTab = await sw.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, page.url());
    assert.equal((await sw.evaluate((id) => globalThis.readmode.toggle(id), clutterTab)).state, 'reading');
    const removed = await page.evaluate(removedInfo);
    assert.equal(removed.summary, 'Von dieser Seite entfernt (3)');
    assert.deepEqual(Object.fromEntries(removed.items.map((i) => [i.kind, i.label])), { teaser: 'Teaser/Paywall-Elemente', promo: 'Eigenwerbung', duplicate: 'Wiederholter Absatz' });
    assert.deepEqual([...new Set(removed.items.map((i) => i.button))], ['Kein Ballast? Meldung kopieren']);
    assert.equal(await page.evaluate(() => document.getElementById('readmode-root').shadowRoot.querySelector('.rm-reason').lang), 'en');
  } finally {
    await de.close();
  }
});

test('chrome: a right-to-left article reads right to left, the controls follow the browser', { timeout: TEST_TIMEOUT }, async () => {
  const fixtures = await serve(path.join(ROOT, 'tests', 'fixtures'), 0);
  const page = await context.newPage();
  try {
    await page.goto(`${fixtures.url}/rtl-arabic/source.html`, { waitUntil: 'domcontentloaded' });
    assert.equal((await toggle(page)).state, 'reading');
    const dirs = await page.evaluate(() => {
      const s = document.getElementById('readmode-root').shadowRoot;
      const a = s.querySelector('article');
      return { article: a.dir, articleFlow: getComputedStyle(a).direction, bar: getComputedStyle(s.querySelector('.rm-bar')).direction };
    });
    assert.deepEqual(dirs, { article: 'rtl', articleFlow: 'rtl', bar: 'ltr' });
    await page.screenshot({ path: outFile('chrome-rtl.png') });
  } finally {
    await page.close();
    await fixtures.close();
  }
});

// ---- What the engine removed: listed at the foot of the view, each with a report to copy ----

/** What clutter.html's three removed blocks must look like in the view (by kind, in English). */
const CLUTTER = {
  teaser: { label: 'Teaser/paywall chrome', text: /^Join The Coastal Ledger Create a free account/ },
  promo: { label: 'Promo', text: /^Want stories like this every week\? Sign up to our Sunday newsletter/ },
  duplicate: { label: 'Repeated paragraph', text: /^Reading them in order is a strange experience\..*…$/ },
};

function checkRemovals(info) {
  assert.ok(info, 'a "Removed from this page" section');
  assert.equal(info.inFooter, true, 'in the footer of the view');
  assert.deepEqual(info.items.map((i) => i.kind).sort(), ['duplicate', 'promo', 'teaser']);
  for (const item of info.items) {
    assert.equal(item.label, CLUTTER[item.kind].label, `${item.kind}: its label`);
    assert.match(item.text, CLUTTER[item.kind].text, `${item.kind}: its text`);
    assert.ok(item.reason.length > 5, `${item.kind}: a reason`);
  }
}

/** The theme of the open view, once `theme` applies (set through storage, as another tab would). */
async function setTheme(page, theme) {
  await worker.evaluate((t) => chrome.storage.sync.set({ theme: t }), theme);
  await page.waitForFunction((t) => document.getElementById('readmode-root').shadowRoot.querySelector('.rm').dataset.theme === t, theme, { timeout: 5_000 });
}

test('chrome: every removed block is listed at the foot of the view, and copies a report', { timeout: TEST_TIMEOUT }, async () => {
  await worker.evaluate(() => chrome.storage.sync.set({ theme: 'light' }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  const page = await open('clutter.html');
  try {
    await page.setViewportSize({ width: 1100, height: 900 });
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.isPreview, false);
    const text = (await page.evaluate(viewInfo)).text;
    assert.doesNotMatch(text, /Sunday newsletter|Create a free account/, 'the clutter is out of the article');
    assert.equal(text.split('Reading them in order').length - 1, 1, 'the repeated paragraph is there once');

    const closed = await page.evaluate(removedInfo);
    checkRemovals(closed);
    assert.equal(closed.open, false, 'closed at first');
    assert.equal(closed.summary, 'Removed from this page (3)');
    assert.equal(await page.locator('#readmode-root button.rm-report').first().isVisible(), false, 'its contents hidden while closed');
    await page.locator('#readmode-root summary.rm-removed-summary').scrollIntoViewIfNeeded();
    await page.screenshot({ path: outFile('chrome-removed-closed.png') });

    // Keyboard: the summary takes focus and Enter opens it; the accessibility tree says expanded.
    const summary = page.locator('#readmode-root summary.rm-removed-summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    assert.equal((await page.evaluate(removedInfo)).open, true, 'Enter opens the disclosure');
    const cdp = await context.newCDPSession(page);
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    await cdp.detach();
    const node = nodes.find((n) => n.name?.value === 'Removed from this page (3)' && n.role?.value !== 'StaticText' && n.role?.value !== 'InlineTextBox');
    assert.equal(node?.role?.value, 'DisclosureTriangle', 'the summary is a disclosure control');
    assert.deepEqual(node.properties.filter((p) => ['expanded', 'focusable'].includes(p.name)).map((p) => [p.name, p.value.value]).sort(), [['expanded', true], ['focusable', true]]);

    // Tab reaches the first item's button; Enter copies its report.
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const a = document.getElementById('readmode-root').shadowRoot.activeElement;
      return { cls: a?.className, kind: a?.closest('li')?.dataset.kind, describedBy: a?.getAttribute('aria-describedby') };
    });
    assert.match(focused.cls, /\brm-report\b/);
    assert.match(focused.describedBy, /-kind .*-status$/, 'the button is described by its kind and its status');
    const first = (await page.evaluate(removedInfo)).items.find((i) => i.kind === focused.kind);
    assert.equal(first.button, 'Not clutter? Copy a report');
    await page.keyboard.press('Enter');
    const copied = await until(async () => (await page.evaluate(removedInfo)).items.find((i) => i.kind === focused.kind && i.state), 5_000, 'the copy to be confirmed');
    assert.equal(copied.state, 'copied');
    assert.equal(copied.status, 'Copied: the report is on the clipboard.');
    const report = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(report.includes(`Page: ${server.url}/clutter.html\n`), report);
    assert.ok(report.includes(`Reason: ${first.reason}\n`), report);
    assert.ok(report.includes(`Kind: ${first.kind}\n`), report);
    assert.match(report, /^Engine: \d+\.\d+\.\d+ \(extension \d+\.\d+\.\d+\)$/m);
    assert.match(report, /^Path: body:\d+>\S+$/m);
    fs.writeFileSync(outFile('chrome-removed-report.txt'), report);

    // Every theme: axe-core with the disclosure open, and a screenshot of it.
    await page.locator('#readmode-root details.rm-removed').scrollIntoViewIfNeeded();
    for (const theme of ['light', 'dark', 'sepia']) {
      await setTheme(page, theme);
      assert.deepEqual(await axeViolations(page), [], `axe-core, ${theme} theme, removals open`);
      await page.screenshot({ path: outFile(`chrome-removed-${theme}.png`) });
    }
  } finally {
    await page.close();
    await context.clearPermissions();
    await worker.evaluate(() => chrome.storage.sync.clear());
  }
});

test('chrome: where the page refuses the clipboard (and wasm), the report is selected to copy by hand', { timeout: TEST_TIMEOUT }, async () => {
  // NOTE: Permissions-Policy clipboard-write=() makes writeText reject in the content script too;
  // script-src 'self' sends the engine to the offscreen document, whose version the report names.
  const strict = await serve(PAGES, 0, { headers: () => ({ 'permissions-policy': 'clipboard-write=()', 'content-security-policy': "script-src 'self'" }) });
  await worker.evaluate(() => chrome.storage.sync.set({ theme: 'dark' }));
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.goto(`${strict.url}/clutter.html`);
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.engine, 'extension page');
    checkRemovals(await page.evaluate(removedInfo));
    await page.locator('#readmode-root summary.rm-removed-summary').click();
    await page.locator('#readmode-root li.rm-removal[data-kind="promo"] button.rm-report').click();
    const item = await until(async () => (await page.evaluate(removedInfo)).items.find((i) => i.kind === 'promo' && i.state), 5_000, 'the refusal to be shown');
    assert.equal(item.state, 'refused');
    assert.equal(item.status, 'The browser did not allow copying. The report is selected in the field below: copy it from there.');
    assert.ok(item.fallback.includes(`Page: ${strict.url}/clutter.html\n`), item.fallback);
    assert.ok(item.fallback.includes(`Reason: ${item.reason}\n`), item.fallback);
    assert.match(item.fallback, /^Engine: \d+\.\d+\.\d+ \(extension \d+\.\d+\.\d+\)$/m, 'the offscreen engine gives its version');
    const field = await page.evaluate(() => {
      const a = document.getElementById('readmode-root').shadowRoot.activeElement;
      return { cls: a?.className, readOnly: a?.readOnly, selected: a ? a.selectionEnd - a.selectionStart === a.value.length : false };
    });
    assert.deepEqual(field, { cls: 'rm-report-fallback', readOnly: true, selected: true }, 'the report is focused and selected');
    await page.locator('#readmode-root li.rm-removal[data-kind="promo"]').scrollIntoViewIfNeeded();
    assert.deepEqual(await axeViolations(page), [], 'axe-core, dark theme, the refusal and the report field shown');
    await page.screenshot({ path: outFile('chrome-removed-refused.png') });

    // The toolbar's "Copy" (Markdown) is refused the same way: the Markdown selected in a field
    // under the toolbar; Escape hides it and gives focus back to the button.
    await page.evaluate(() => document.getElementById('readmode-root').scrollTo(0, 0));
    await page.locator('#readmode-root button.rm-md-copy').click();
    const card = await until(async () => { const c = await page.evaluate(copyCardInfo); return c.state && c; }, 5_000, 'the Markdown refusal to be shown');
    assert.equal(card.state, 'refused');
    assert.equal(card.status, 'The browser did not allow copying. The Markdown is selected in the field below: copy it from there.');
    assert.equal(card.visible, true);
    assert.equal(card.field.readOnly, true);
    assert.equal(card.field.label, 'The article as Markdown');
    assert.ok(card.field.value.startsWith("# The lighthouse keeper's last logbook\n"), card.field.value.slice(0, 120));
    assert.deepEqual(card.active, { cls: 'rm-copy-fallback', selected: true }, 'the Markdown is focused and selected');
    assert.deepEqual(await axeViolations(page), [], 'axe-core, dark theme, the Markdown field shown');
    await page.screenshot({ path: outFile('chrome-copy-refused.png') });
    await page.keyboard.press('Escape');
    const hidden = await page.evaluate(copyCardInfo);
    assert.deepEqual([hidden.state, hidden.visible, hidden.field, hidden.active?.cls], [null, false, null, 'rm-btn rm-md-copy']);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.readmode), 'reading', 'Escape hid the field, not the view');
  } finally {
    await page.close();
    await strict.close();
    await worker.evaluate(() => chrome.storage.sync.clear());
  }
});

test('chrome: a page with nothing removed has no "Removed" section', { timeout: TEST_TIMEOUT }, async () => {
  const page = await open('article.html');
  try {
    assert.equal((await toggle(page)).state, 'reading');
    assert.equal(await page.evaluate(removedInfo), null);
  } finally {
    await page.close();
  }
});

// ---- Activation: readerable badge, context menu, per-site automatic opening -----------------

/** Waits for the page's readerable check (page.js at idle); returns its attributes. */
async function readerableCheck(page) {
  await page.waitForFunction(() => document.documentElement.hasAttribute('data-readmode-readerable'), null, { timeout: 10_000 });
  return page.evaluate(() => ({
    readerable: document.documentElement.getAttribute('data-readmode-readerable'),
    ms: Number(document.documentElement.getAttribute('data-readmode-readerable-ms')),
    state: document.documentElement.getAttribute('data-readmode'),
  }));
}

async function badge(tabId) {
  return worker.evaluate(async (id) => ({
    text: await chrome.action.getBadgeText({ tabId: id }),
    title: await chrome.action.getTitle({ tabId: id }),
    check: globalThis.readmode.readerable(id),
  }), tabId);
}

test('chrome: the toolbar button shows which pages are readerable (cheap check at idle)', { timeout: TEST_TIMEOUT }, async (t) => {
  for (const [file, readerable] of [['article.html', true], ['article.csp.html', true], ['preview.html', true], ['no-article.html', false], ['components.html', true], ['components.csp.html', true]]) {
    const page = await open(file);
    try {
      const check = await readerableCheck(page);
      assert.equal(check.readerable, String(readerable), `${file}: data-readmode-readerable`);
      assert.ok(check.ms > 0 && check.ms < 1000, `${file}: data-readmode-readerable-ms is the check's time: ${check.ms}`);
      assert.equal(check.state, null, `${file}: the check does not open the view`);
      t.diagnostic(`${file}: readerable=${check.readerable} in ${check.ms} ms`);
      const tabId = await tabIdOf(page);
      const b = await until(async () => { const x = await badge(tabId); return x.check ? x : null; }, 5_000, 'the background to record the check');
      assert.equal(b.text, readerable ? '✓' : '', `${file}: badge`);
      assert.equal(b.title, readerable ? 'This page has an article: open the reading view' : 'Toggle the reading view');
      assert.equal(b.check.readerable, readerable);
      assert.equal(b.check.ms.toFixed(2), check.ms.toFixed(2), 'the background holds the same measurement');
    } finally {
      await page.close();
    }
  }
});

test('chrome: the wasm stays out of pages: the idle check and the toggle are read in the offscreen document, and only a page too big to send fetches it, once', { timeout: TEST_TIMEOUT }, async () => {
  // A page of ordinary size is walked here and read in the offscreen document, whose engine
  // every tab shares; the wasm is never fetched into the page, whether the idle check or the
  // first toggle asks first.
  for (const order of ['check first', 'toggle first']) {
    const page = await context.newPage();
    const wasm = [];
    page.on('request', (r) => { if (r.url().endsWith('/pkg/readmode_bg.wasm')) wasm.push(r.url()); });
    try {
      await page.goto(`${server.url}/article.html`, { waitUntil: order === 'check first' ? 'load' : 'domcontentloaded' });
      if (order === 'check first') await readerableCheck(page);
      const res = await toggle(page);
      assert.equal(res.state, 'reading', `${order}: ${JSON.stringify(res)}`);
      assert.equal(res.engine, 'extension page', order);
      if (order === 'toggle first') {
        // The check, which would run at idle after the load event, finds the view open and stands down.
        await page.waitForLoadState('load');
        await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 3000 })));
      }
      assert.equal(wasm.length, 0, `${order}: the wasm was fetched ${wasm.length} times`);
    } finally {
      await page.close();
    }
  }
  // Past a million characters and ops the walked page is read here, with the same walk.
  const page = await context.newPage();
  const wasm = [];
  page.on('request', (r) => { if (r.url().endsWith('/pkg/readmode_bg.wasm')) wasm.push(r.url()); });
  try {
    await page.goto(`${server.url}/article.html`, { waitUntil: 'domcontentloaded' });
    await page.evaluate(() => {
      // Paragraphs of words in a pseudo-random order, so that none repeats another.
      const story = document.querySelector('article');
      const words = 'harbour master wrote the tide down twice a day by hand in same ledger boats buyers water arrives warmer each spring station buoys record temperature every ten minutes'.split(' ');
      let seed = 7;
      for (let i = 0; i < 160; i++) {
        const out = [];
        for (let k = 0; k < 1300; k++) {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          out.push(words[seed % words.length]);
        }
        const p = document.createElement('p');
        p.textContent = `Ledger page ${i}. ${out.join(' ')}.`;
        story.append(p);
      }
    });
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res).slice(0, 300));
    assert.equal(res.engine, 'content script');
    const on = await page.evaluate(viewInfo);
    assert.equal(on.title, 'The tide table that never changed');
    assert.match(on.text, /Marta Lindqvist, who has fished the bay for thirty-one years/);
    assert.match(on.text, /Ledger page 159\./, 'the last of the added paragraphs');
    assert.equal(wasm.length, 1, `the wasm was fetched ${wasm.length} times`);
  } finally {
    await page.close();
  }
});

test('chrome: once the offscreen document is open, the walked page goes to it alone, not through the background', { timeout: TEST_TIMEOUT }, async () => {
  // The background's service worker would otherwise receive (and parse) every walked page too.
  const page = await open('article.html');
  try {
    await readerableCheck(page);
    await until(() => worker.evaluate(() => chrome.offscreen.hasDocument()), 5_000, 'the offscreen document');
    await worker.evaluate(() => {
      globalThis.seenByBackground = [];
      globalThis.noteMessage ??= (m) => { globalThis.seenByBackground?.push(m?.type ?? m?.request?.type ?? '?'); return false; };
      chrome.runtime.onMessage.addListener(globalThis.noteMessage);
    });
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.engine, 'extension page');
    const seen = await worker.evaluate(() => {
      chrome.runtime.onMessage.removeListener(globalThis.noteMessage);
      return globalThis.seenByBackground;
    });
    assert.deepEqual(seen.filter((t) => t !== 'readerable' && t !== 'warm'), [], `the background saw: ${seen}`);
  } finally {
    await page.close();
  }
});

test('chrome: once installed, the extension opens its offscreen document before any page asks', { timeout: TEST_TIMEOUT }, async () => {
  const fresh = await launch();
  try {
    const sw = fresh.serviceWorkers().find((w) => w.url().endsWith('/background.js'))
      ?? (await fresh.waitForEvent('serviceworker', { timeout: 15_000 }));
    await until(() => sw.evaluate(() => chrome.offscreen.hasDocument()), 10_000, 'the offscreen document');
    const contexts = await sw.evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length);
    assert.equal(contexts, 1);
    const pages = fresh.pages().filter((p) => /^https?:/.test(p.url()));
    assert.deepEqual(pages.map((p) => p.url()), [], 'no page was visited');
  } finally {
    await fresh.close();
  }
});

test('chrome: an offscreen document closed behind the extension\'s back is opened again', { timeout: TEST_TIMEOUT }, async () => {
  // Closed by a call of the extension's own or, some day, by the browser; the background then
  // still believes it open. The content script's port finds nobody, the background's message
  // finds nobody either and opens it again.
  const page = await open('article.html');
  try {
    await readerableCheck(page);
    assert.ok(await worker.evaluate(() => chrome.offscreen.hasDocument()), 'the idle check opened it');
    await worker.evaluate(() => chrome.offscreen.closeDocument());
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal(res.engine, 'extension page');
    assert.equal((await page.evaluate(viewInfo)).title, 'The tide table that never changed');
    assert.ok(await worker.evaluate(() => chrome.offscreen.hasDocument()), 'open again');
  } finally {
    await page.close();
  }
});

test('chrome: a readerable page has the view\'s modules loaded ahead, and the engine and the view warmed up once the view has been used; other pages neither', { timeout: TEST_TIMEOUT }, async () => {
  await worker.evaluate(() => chrome.storage.local.remove('viewUsed'));
  const visit = async (file, readerable, { warm, toggleAfter = false }) => {
    const page = await context.newPage();
    const modules = [];
    const elsewhere = [];
    const warmUpPages = [];
    page.on('request', (r) => {
      if (/\/view\/(reader|shared-\w+)\.js$/.test(r.url())) modules.push(r.url().replace(/.*\/view\//, ''));
      if (/\/view\/warm-up\.html$/.test(r.url())) warmUpPages.push(r.url());
      if (/^https?:/.test(r.url()) && !r.url().startsWith(server.url)) elsewhere.push(r.url());
    });
    try {
      await page.goto(`${server.url}/${file}`);
      assert.equal((await readerableCheck(page)).readerable, readerable, file);
      const tabId = await tabIdOf(page);
      const check = () => worker.evaluate((id) => globalThis.readmode.readerable(id), tabId);
      if (readerable === 'true') await until(() => modules.includes('reader.js') && modules.some((m) => m.startsWith('shared-')), 5000, `${file}: reader.js and its shared chunk requested`);
      if (warm) {
        // The warm-up read (view/warm-up.html) reports its time to the background.
        const ms = await until(async () => (await check())?.warmMs, 5000, `${file}: the warm-up read`);
        assert.ok(ms > 0, `${file}: warm-up took ${ms} ms`);
        // So does the view built of what it read, which never enters the page.
        const viewMs = (await check())?.warmViewMs;
        assert.ok(viewMs > 0, `${file}: the view's warm-up took ${viewMs} ms`);
        assert.equal(await page.evaluate(() => document.querySelectorAll('readmode-view').length), 0, `${file}: the warm view stays out of the page`);
        assert.deepEqual(elsewhere, [], `${file}: nothing of the warm-up article (its pictures) is fetched`);
        // The offscreen document read the warm-up article when it opened; the tab only asks for
        // that read's outcome.
        assert.deepEqual(warmUpPages, [], `${file}: the tab does not fetch the warm-up article`);
      } else {
        await page.waitForTimeout(700);
        assert.equal((await check()).warmMs, undefined, `${file}: no warm-up`);
      }
      // (The shared chunk holds the engine's side the check itself needs: it loads on every page.)
      if (readerable !== 'true') assert.deepEqual(modules.filter((m) => m === 'reader.js'), [], `${file}: nothing of the view is loaded`);
      const html = await page.evaluate(() => [...document.documentElement.attributes].map((a) => a.name).filter((n) => n.startsWith('data-readmode')).sort());
      assert.deepEqual(html, ['data-readmode-readerable', 'data-readmode-readerable-ms'], `${file}: the view stays closed, no engine time is reported`);
      if (toggleAfter) {
        assert.equal((await toggle(page)).state, 'reading');
        assert.equal((await toggle(page)).state, 'original');
      }
    } finally {
      await page.close();
    }
  };
  // A browser where the view never opened: no warm-up, even on an article.
  await visit('article.html', 'true', { warm: false, toggleAfter: true });
  assert.deepEqual(await worker.evaluate(() => chrome.storage.local.get('viewUsed')), { viewUsed: true }, 'opening the view is noted');
  await visit('article.html', 'true', { warm: true });
  // Where the page's CSP keeps wasm out, the extension page reads the warm-up article, and the
  // view is warmed up all the same.
  await visit('article.csp.html', 'true', { warm: true });
  await visit('no-article.html', 'false', { warm: false });
});

test('chrome: a tab without the content script (loaded before the extension was) gets it on the first toggle', { timeout: TEST_TIMEOUT }, async () => {
  // The background asks the content script first and injects content.js only when it is not
  // there; removing its global from the content scripts' world stands in for such a tab.
  const page = await open('article.html');
  try {
    await readerableCheck(page);
    const tabId = await tabIdOf(page);
    const gone = await worker.evaluate(async (id) => {
      const [frame] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: () => delete globalThis.readmodeContent && globalThis.readmodeContent === undefined,
      });
      return frame.result;
    }, tabId);
    assert.equal(gone, true, 'the content script is gone from the tab');
    const res = await toggle(page);
    assert.equal(res.state, 'reading', JSON.stringify(res));
    assert.equal((await page.evaluate(viewInfo)).state, 'reading');
    assert.equal((await toggle(page)).state, 'original', 'the injected content script closes the view too');
  } finally {
    await page.close();
  }
});

test('chrome: the context-menu entry exists and toggles the view', { timeout: TEST_TIMEOUT }, async () => {
  // update() succeeds only for an entry the browser has registered.
  const exists = await worker.evaluate(() => chrome.contextMenus.update('readmode-toggle', {}).then(() => true, (e) => String(e.message)));
  assert.equal(exists, true, 'chrome.contextMenus has the entry');
  const page = await open('article.html');
  try {
    await page.evaluate(disturb, { text: 'menu test', y: 400 });
    const tabId = await tabIdOf(page);
    const click = (id) => worker.evaluate((tab) => globalThis.readmode.menuClicked({ menuItemId: 'readmode-toggle' }, { id: tab }), id);
    assert.equal((await click(tabId)).state, 'reading');
    assert.equal((await page.evaluate(viewInfo)).state, 'reading');
    assert.equal((await click(tabId)).state, 'original');
    const off = await page.evaluate(viewInfo);
    assert.equal(off.host, false);
    assert.equal(off.scrollY, 400);
    assert.equal(await page.evaluate(fieldValue), 'menu test');
    // Another menu's click is not the toggle.
    assert.equal(await worker.evaluate((tab) => globalThis.readmode.menuClicked({ menuItemId: 'other' }, { id: tab }), tabId), null);
  } finally {
    await page.close();
  }
});

/** The view's applied settings, as its root element carries them. */
function viewSettings() {
  const root = document.getElementById('readmode-root')?.shadowRoot?.querySelector('.rm');
  if (!root) return null;
  return { theme: root.dataset.theme, font: root.dataset.font, size: root.style.getPropertyValue('--size'), background: getComputedStyle(root).backgroundColor };
}

test('chrome: theme, size and font persist across closing, reopening and reloading', { timeout: TEST_TIMEOUT }, async () => {
  await worker.evaluate(() => chrome.storage.sync.clear());
  const page = await open('article.html');
  try {
    assert.equal((await toggle(page)).state, 'reading');
    assert.deepEqual({ ...(await page.evaluate(viewSettings)), background: undefined }, { theme: 'auto', font: 'serif', size: '20px', background: undefined });
    await page.locator('#readmode-root button[aria-controls="rm-panel"]').click();
    await page.locator('#readmode-root button[data-theme="sepia"]').click();
    await page.locator('#readmode-root button[aria-label^="Text size"]').last().click();
    await page.locator('#readmode-root button[aria-label^="Text size"]').last().click();
    await page.locator('#readmode-root select[data-setting="font"]').selectOption('dyslexic');
    await until(() => worker.evaluate(async () => { const s = await chrome.storage.sync.get(null); return s.theme === 'sepia' && s.size === 24 && s.font === 'dyslexic'; }), 5_000, 'the settings to be stored');
    // The bundled dyslexia-friendly font is loaded and used.
    await page.waitForFunction(() => document.getElementById('readmode-root').shadowRoot.querySelector('.rm').dataset.fontLoaded === 'true', null, { timeout: 10_000 });
    const font = await page.evaluate(() => ({
      family: getComputedStyle(document.getElementById('readmode-root').shadowRoot.querySelector('.rm-body p')).fontFamily,
      ready: document.fonts.check('20px "Readmode OpenDyslexic"'),
      faces: [...document.fonts].filter((f) => f.family.includes('OpenDyslexic') && f.status === 'loaded').length,
    }));
    assert.match(font.family, /^"Readmode OpenDyslexic"/);
    assert.deepEqual([font.ready, font.faces], [true, 4]);
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: outFile('chrome-sepia-dyslexic-settings.png') });
    assert.deepEqual(await axeViolations(page), [], 'axe-core, sepia with OpenDyslexic and the settings panel open');

    // Escape closes the panel, then the view; reopening keeps everything.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await until(() => page.evaluate(() => document.documentElement.dataset.readmode === 'original'), 5_000, 'the view to close');
    assert.equal((await toggle(page)).state, 'reading');
    const reopened = await page.evaluate(viewSettings);
    assert.deepEqual([reopened.theme, reopened.font, reopened.size], ['sepia', 'dyslexic', '24px']);
    assert.equal(reopened.background, 'rgb(244, 236, 216)', 'the sepia background is applied');

    // A reload starts a new page; the stored settings apply again.
    await page.reload();
    assert.equal((await toggle(page)).state, 'reading');
    const reloaded = await page.evaluate(viewSettings);
    assert.deepEqual([reloaded.theme, reloaded.font, reloaded.size], ['sepia', 'dyslexic', '24px']);
    await page.screenshot({ path: outFile('chrome-sepia-dyslexic.png') });
  } finally {
    await page.close();
    await worker.evaluate(() => chrome.storage.sync.clear());
  }
});

test('chrome: a site set to "always" opens in the reading view on load, until removed on the options page', { timeout: TEST_TIMEOUT }, async () => {
  await worker.evaluate(() => chrome.storage.sync.clear());
  const page = await open('article.html');
  const options = await context.newPage();
  try {
    // Switched on in the view's settings panel.
    assert.equal((await toggle(page)).state, 'reading');
    await page.locator('#readmode-root button[aria-controls="rm-panel"]').click();
    const box = page.locator('#readmode-root input#rm-always');
    assert.match(await page.locator('#readmode-root label.rm-always').textContent(), /Always open pages on 127\.0\.0\.1 in the reading view/);
    assert.equal(await box.isChecked(), false);
    await box.check();
    await until(() => worker.evaluate(async () => (await chrome.storage.sync.get('alwaysSites')).alwaysSites?.includes('127.0.0.1')), 5_000, 'the site to be stored');
    await page.setViewportSize({ width: 1100, height: 900 });
    await page.screenshot({ path: outFile('chrome-always-site.png') });

    // A reload opens the view by itself, with the box still ticked.
    await page.reload();
    await page.waitForFunction(() => document.documentElement.dataset.readmode === 'reading', null, { timeout: 10_000 });
    const auto = await page.evaluate(viewInfo);
    assert.equal(auto.title, 'The tide table that never changed');
    assert.ok(auto.bodyInert && auto.hostCoversViewport);
    assert.equal(await page.locator('#readmode-root input#rm-always').isChecked(), true);
    // ...and a page without an article on that site says nothing.
    const quiet = await open('no-article.html');
    await quiet.waitForFunction(() => document.documentElement.dataset.readmode === 'no-article', null, { timeout: 10_000 });
    assert.equal((await quiet.evaluate(viewInfo)).message, null, 'no message on automatic opening');
    await quiet.close();
    // Escape still gives the page back.
    await page.keyboard.press('Escape');
    await until(() => page.evaluate(() => document.documentElement.dataset.readmode === 'original'), 5_000, 'the view to close');

    // The options page lists the site; removing it there ends the automatic opening.
    await options.goto(new URL('options.html', worker.url()).href);
    await options.waitForFunction(() => document.documentElement.dataset.ready === 'true');
    assert.deepEqual(await options.locator('#sites li span').allTextContents(), ['127.0.0.1']);
    await options.locator('#site-input').fill('https://www.Example.org/some/page');
    await options.locator('#add-site button[type=submit]').click();
    await until(async () => (await options.locator('#sites li span').allTextContents()).join() === '127.0.0.1,example.org', 5_000, 'the added site');
    await options.locator('#site-input').fill('not a site');
    await options.locator('#add-site button[type=submit]').click();
    assert.match(await options.locator('#site-error').textContent(), /host name/);
    await options.setViewportSize({ width: 900, height: 900 });
    await options.screenshot({ path: outFile('chrome-options.png'), fullPage: true });
    assert.deepEqual(await axeViolations(options, null), [], 'axe-core, the options page with a list and an error');
    await options.locator('#sites button[data-site="127.0.0.1"]').click();
    await until(() => worker.evaluate(async () => JSON.stringify((await chrome.storage.sync.get('alwaysSites')).alwaysSites) === '["example.org"]'), 5_000, 'the site to be removed');

    await page.reload();
    const check = await readerableCheck(page);
    assert.deepEqual([check.readerable, check.state], ['true', null], 'no automatic opening once removed');
  } finally {
    await options.close();
    await page.close();
    await worker.evaluate(() => chrome.storage.sync.clear());
  }
});

test('chrome: the extension loads without errors', { timeout: TEST_TIMEOUT }, async () => {
  const page = await context.newPage();
  try {
    // The options page works (and so is part of what must be error-free).
    await page.goto(new URL('options.html', worker.url()).href);
    await page.waitForFunction(() => document.querySelectorAll('#settings select').length === 5, null, { timeout: 10_000 });
    assert.equal(await page.title(), 'Readmode settings');
    await page.goto('chrome://extensions');
    const info = await page.evaluate(async () => {
      const all = await chrome.developerPrivate.getExtensionsInfo({ includeDisabled: true, includeTerminated: true });
      return all.filter((e) => e.location === 'UNPACKED').map((e) => ({
        name: e.name, state: e.state, installWarnings: e.installWarnings, manifestErrors: e.manifestErrors, runtimeErrors: e.runtimeErrors,
      }));
    });
    assert.equal(info.length, 1, JSON.stringify(info));
    assert.equal(info[0].name, 'Readmode');
    assert.equal(info[0].state, 'ENABLED');
    assert.deepEqual(info[0].installWarnings, []);
    assert.deepEqual(info[0].manifestErrors, []);
    assert.deepEqual(info[0].runtimeErrors, []);
  } finally {
    await page.close();
  }
  // The strict-CSP page's refusal to compile wasm in the content script is expected (that is
  // what the offscreen path is for), and so is the clipboard refusal the removals test asks for
  // with a Permissions-Policy; nothing else may log an error.
  const unexpected = consoleErrors.filter((e) => !/WebAssembly|wasm-unsafe-eval|Content Security Policy|favicon.ico|Permissions policy violation: The Clipboard API/i.test(e));
  assert.deepEqual(unexpected, []);
});

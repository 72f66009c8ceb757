// The engine in an extension page (Chrome's offscreen document, Firefox's background page):
// it cannot see the tab's live DOM, so it reads the page as the content script walked it (and,
// once, the built-in warm-up article, from the extension's own files).
import init, { readHtml, readPacked, readerablePacked, articleMarkdown, version } from './pkg/readmode.js';
import { WARM_UP_PAGE, WARM_UP_URL } from './view/warm-up.js';

let ready = null;
let warmed = null;

/**
 * The built-in article read once, unseen, so the engine's code is compiled before a page needs
 * it (see `load` in handle); resolves to what the read returned (null when it failed; the next
 * call tries again). A content script's warm-up asks for that outcome (`warm-up` in handle)
 * instead of having the article read again for each tab.
 * NOTE: the wasm's functions are compiled the first time they run; without this the first page
 * read after the browser started spent 57 to 84 ms in its read (six news pages of Mozilla's
 * test pages, each toggled as soon as it had loaded in a new browser) instead of 15 to 36.
 */
function warm() {
  warmed ??= fetch(new URL(WARM_UP_PAGE, new URL('./', import.meta.url)))
    .then((r) => r.text())
    .then((html) => readHtml(html, { url: WARM_UP_URL }))
    .catch(() => {
      warmed = null;
      return null;
    });
  return warmed;
}

function load() {
  ready ??= init({ module_or_path: new URL('./pkg/readmode_bg.wasm', import.meta.url) }).catch((e) => {
    ready = null;
    throw e;
  });
  return ready;
}

/**
 * Answers one engine request: `{type: 'read-packed', text, wide, ops, url}` (a page the content
 * script walked; the Article, with the engine's `version`), `{type: 'readerable-packed', text,
 * wide, ops}` (the toolbar's cheap check, `{readerable, ms}`), `{type: 'warm-up'}` (the built-in
 * article as warm() read it, with the engine's `version`), `{type: 'markdown', article}` or
 * `{type: 'load'}` (the wasm loaded and its code warmed up on the built-in article: `{version}`).
 */
export async function handle(request) {
  await load();
  switch (request?.type) {
    case 'read-packed':
      return { ...readPacked(String(request.text), String(request.wide), Int32Array.from(request.ops ?? []), { url: request.url }), version: version() };
    case 'readerable-packed':
      return readerablePacked(String(request.text), String(request.wide), Int32Array.from(request.ops ?? []));
    case 'warm-up': {
      const outcome = await warm();
      if (!outcome) throw new Error('the built-in article could not be read');
      return { ...outcome, version: version() };
    }
    case 'markdown':
      return articleMarkdown(request.article);
    case 'load':
      await warm();
      return { version: version() };
    default:
      throw new Error(`unknown engine request: ${request?.type}`);
  }
}

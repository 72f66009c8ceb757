// The engine in an extension page (Chrome's offscreen document, Firefox's background page):
// it cannot see the tab's live DOM, so it reads the page as the content script walked it (or
// the warm-up article's HTML).
import init, { readHtml, readPacked, readerablePacked, articleMarkdown, version } from './pkg/readmode.js';

let ready = null;

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
 * wide, ops}` (the toolbar's cheap check, `{readerable, ms}`), `{type: 'read-html', html, url}`
 * (the warm-up's built-in article) or `{type: 'markdown', article}`.
 */
export async function handle(request) {
  await load();
  switch (request?.type) {
    case 'read-packed':
      return { ...readPacked(String(request.text), String(request.wide), Int32Array.from(request.ops ?? []), { url: request.url }), version: version() };
    case 'readerable-packed':
      return readerablePacked(String(request.text), String(request.wide), Int32Array.from(request.ops ?? []));
    case 'read-html':
      return { ...readHtml(String(request.html), { url: request.url }), version: version() };
    case 'markdown':
      return articleMarkdown(request.article);
    default:
      throw new Error(`unknown engine request: ${request?.type}`);
  }
}

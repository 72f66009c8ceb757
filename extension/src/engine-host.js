// The engine in an extension page (Chrome's offscreen document, Firefox's background page):
// it reads serialised HTML, since it cannot see the tab's live DOM.
import init, { readHtml, readerableHtml, articleMarkdown, version } from './pkg/readmode.js';

let ready = null;

function load() {
  ready ??= init({ module_or_path: new URL('./pkg/readmode_bg.wasm', import.meta.url) }).catch((e) => {
    ready = null;
    throw e;
  });
  return ready;
}

/**
 * Answers one engine request: `{type: 'read-html', html, url}` (the Article, with the engine's
 * `version`), `{type: 'readerable-html', html}`
 * (the toolbar's cheap check, `{readerable, ms}`) or `{type: 'markdown', article}`.
 */
export async function handle(request) {
  await load();
  switch (request?.type) {
    case 'read-html':
      return { ...readHtml(String(request.html), { url: request.url }), version: version() };
    case 'readerable-html':
      return readerableHtml(String(request.html));
    case 'markdown':
      return articleMarkdown(request.article);
    default:
      throw new Error(`unknown engine request: ${request?.type}`);
  }
}

// The engine as the reading view sees it: wasm in this content script when the page allows it,
// else the page walked here and read by the same wasm in an extension page (via the background).
import init, { readDocument, readHtml, isReaderable, articleMarkdown, version } from '../pkg/readmode.js';
import { api } from '../browser-api.js';

/** Resolves to true when the wasm runs here; false when the page's CSP forbids it (Chrome). */
let local = null;

function localEngine() {
  // content.js may have started fetching the wasm already, before the view's modules loaded.
  globalThis.readmodeWasm ??= fetch(api.runtime.getURL('pkg/readmode_bg.wasm'));
  local ??= init({ module_or_path: globalThis.readmodeWasm }).then(
    () => true,
    // NOTE: on a page served with a strict script-src, Chrome applies the page's CSP to wasm
    // compiled in a content script and instantiate throws CompileError. Any failure to load
    // here is worth the extension-page path, which has its own CSP.
    () => false,
  );
  return local;
}

async function ask(request) {
  const res = await api.runtime.sendMessage({ to: 'background', type: 'engine', request });
  if (!res || res.error) throw new Error(res?.error ?? 'the extension did not answer');
  return res.result;
}

/**
 * Reads the article of `doc`: `{ok, reason, article, removed, ms, walkMs, nodes, engine, version}`,
 * where engine is 'content script' (the wasm here) or 'extension page' (the page walked here,
 * read there) and version is the engine's.
 */
export async function readPage(doc) {
  if (await localEngine()) {
    return { ...readDocument(doc, { url: doc.URL }), engine: 'content script', version: version() };
  }
  const { packed, walkMs } = await packedPage(doc);
  const out = await ask({ type: 'read-packed', ...packed, url: doc.URL });
  // The engine's time, as in readDocument: the walk (here) and the rest (there).
  return { ...out, ms: out.ms + walkMs, walkMs: out.walkMs + walkMs, engine: 'extension page' };
}

/**
 * `doc` walked here, for the engine in the extension page: the strings and ops of walk.js
 * (the same walk the wasm makes in readDocument), the ops as a plain array for the message.
 * NOTE: the page is walked where it renders, so the engine there sees what its stylesheets
 * hide and reads its shadow trees as here; the page's HTML parsed there could show neither
 * (a section a paywall hides with CSS was read as shown), and it cost more to send.
 */
async function packedPage(doc) {
  // The walk the wasm's readDocument makes (src/web/walk.js, copied here by build.sh); loaded
  // only on such pages.
  const { walk } = await import('./walk.js');
  const t0 = performance.now();
  const { text, wide, ops } = walk(doc);
  return { packed: { text, wide, ops: Array.from(ops) }, walkMs: performance.now() - t0 };
}

// NOTE: walking a page for the extension-page path costs main-thread time that grows with the
// page, and sending it more; past this many characters and ops the readerable check is skipped
// rather than paid for.
const MAX_CHECK_SIZE = 3_000_000;

/**
 * The toolbar's cheap check: `{readerable, ms, engine}`, or null when it was skipped. In the
 * content script it walks the live DOM and builds no article; where the page's CSP keeps wasm
 * out, the page is walked here and checked in the extension page (ms: the walk and the check).
 */
export async function checkReaderable(doc) {
  if (await localEngine()) return { ...isReaderable(doc), engine: 'content script' };
  const { packed, walkMs } = await packedPage(doc);
  if (packed.text.length + packed.wide.length + packed.ops.length > MAX_CHECK_SIZE) return null;
  const res = await ask({ type: 'readerable-packed', ...packed });
  return { ...res, ms: res.ms + walkMs, engine: 'extension page' };
}

/**
 * Reads a small built-in article (view/warm-up.html) once and resolves to `{ms, outcome, engine}`:
 * the milliseconds that took, what the read returned (for the view's own warm-up, see
 * reader.js's warmView) and where it ran. Where the page's CSP keeps wasm out of this content
 * script, the extension page reads it (its engine has run only the readerable check so far).
 *
 * NOTE: Chromium compiles each of the engine's wasm functions the first time it runs, on this
 * thread, and the idle check runs little of the pipeline: a first toggle spent about 50 ms of its
 * read compiling. The compiled code stays with the renderer process (a tab following links on
 * one site pays once); a new tab pays again, at idle, on a page that looks like an article,
 * once the view has ever been used (see view/on-load.js). On Mozilla's test pages: a median
 * 42 ms (p95 58) in new tabs of one browser, 64 ms (p95 84) in a fresh renderer process, for
 * a first toggle 57 ms shorter (median 127 -> 70 ms).
 */
export async function warmUp() {
  const html = await (await fetch(api.runtime.getURL('view/warm-up.html'))).text();
  const url = 'https://news.example/brackwater-courier/lanterns-winter-fair';
  if (await localEngine()) {
    const t0 = performance.now();
    const outcome = readHtml(html, { url });
    return { ms: performance.now() - t0, outcome, engine: 'content script' };
  }
  const t0 = performance.now();
  const outcome = await ask({ type: 'read-html', html, url });
  return { ms: performance.now() - t0, outcome, engine: 'extension page' };
}

/** The article as Markdown. */
export async function markdown(article) {
  if (await localEngine()) return articleMarkdown(article);
  return ask({ type: 'markdown', article });
}

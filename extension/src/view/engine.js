// The engine as the reading view sees it: wasm in this content script when the page allows it,
// else the same wasm in an extension page on the page's serialised HTML (via the background).
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
 * where engine is 'content script' (live DOM) or 'extension page' (serialised HTML) and version
 * is the engine's.
 */
export async function readPage(doc) {
  if (await localEngine()) {
    return { ...readDocument(doc, { url: doc.URL }), engine: 'content script', version: version() };
  }
  const out = await ask({ type: 'read-html', html: pageHtml(doc), url: doc.URL });
  return { ...out, engine: 'extension page' };
}

/**
 * The page as HTML for the extension page: with the shadow trees of its custom elements written
 * as declarative ones (Element.getHTML: Chrome 125, Firefox 128), so that a story built of web
 * components reads there as it does here; plain outerHTML where there are none or the browser
 * cannot write them.
 * The engine parses them back attached and open (readHtml), so closed trees are read there too.
 */
function pageHtml(doc) {
  const root = doc.documentElement;
  if (!root || typeof root.getHTML !== 'function') return root?.outerHTML ?? '';
  const shadowOf = globalThis.chrome?.dom?.openOrClosedShadowRoot
    ? (el) => globalThis.chrome.dom.openOrClosedShadowRoot(el)
    : (el) => el.openOrClosedShadowRoot ?? el.shadowRoot;
  const shadowRoots = [];
  const scopes = [doc];
  while (scopes.length) {
    for (const el of scopes.pop().querySelectorAll('*')) {
      // The view's own elements (readmode-view) stay out, as the walk leaves them out.
      if (!el.localName.includes('-') || el.localName === 'readmode-view') continue;
      const shadow = shadowOf(el);
      if (shadow) {
        shadowRoots.push(shadow);
        scopes.push(shadow);
      }
    }
  }
  if (!shadowRoots.length) return root.outerHTML;
  // <html>'s own tag (its lang and dir), around what getHTML writes inside it.
  const shell = root.cloneNode(false).outerHTML;
  const end = shell.lastIndexOf('</');
  return shell.slice(0, end) + root.getHTML({ shadowRoots }) + shell.slice(end);
}

// NOTE: serialising a page for the extension-page path costs main-thread time that grows with
// the page; past this many characters the readerable check is skipped rather than paid for.
const MAX_CHECK_HTML = 3_000_000;

/**
 * The toolbar's cheap check: `{readerable, ms, engine}`, or null when it was skipped. In the
 * content script it walks the live DOM and builds no article; where the page's CSP keeps wasm
 * out, the extension page runs the same check on the serialised page (ms then includes parsing).
 */
export async function checkReaderable(doc) {
  if (await localEngine()) return { ...isReaderable(doc), engine: 'content script' };
  const html = pageHtml(doc);
  if (html.length > MAX_CHECK_HTML) return null;
  return { ...(await ask({ type: 'readerable-html', html })), engine: 'extension page' };
}

/**
 * Reads a small built-in article (view/warm-up.html) once, in the content script only, and
 * resolves to `{ms, outcome}`: the milliseconds that took and what the read returned (for the
 * view's own warm-up, see reader.js's warmView); null where the engine does not run here.
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
  if (!(await localEngine())) return null;
  const html = await (await fetch(api.runtime.getURL('view/warm-up.html'))).text();
  const t0 = performance.now();
  const outcome = readHtml(html, { url: 'https://news.example/brackwater-courier/lanterns-winter-fair' });
  return { ms: performance.now() - t0, outcome };
}

/** The article as Markdown. */
export async function markdown(article) {
  if (await localEngine()) return articleMarkdown(article);
  return ask({ type: 'markdown', article });
}

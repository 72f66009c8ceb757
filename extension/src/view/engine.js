// The engine as the reading view sees it. Where the extension has an offscreen document
// (Chrome), the page is walked here and read there: one engine for every tab, compiled once
// and kept warm by every page's readerable check, where a content script's wasm is compiled
// again in each tab (and on a page whose CSP keeps wasm out of content scripts, cannot run at
// all). A page too big to send is read here instead, with the same walk. Elsewhere (Firefox,
// whose background page would be unloaded between pages) the wasm runs in this content script,
// and the background page reads only what it cannot.
//
//   page ─► walk (view/walk.js, the walk readDocument makes) ─► offscreen: readPacked ─► Article
//                                    └─ too big to send ─► readPacked here
//   Firefox: readDocument (live DOM) here; the background page when the wasm cannot load
import { api } from '../browser-api.js';
import { walk } from './walk.js';
import { WARM_UP_PAGE, WARM_UP_URL } from './warm-up.js';

/**
 * True where the engine reads in an extension page that stays open (Chrome's offscreen
 * document; the manifest asks for it), false where the content script reads.
 * NOTE: content.js makes the same test before it fetches the wasm ahead of the view's modules.
 */
const READS_ELSEWHERE = (api.runtime.getManifest().permissions ?? []).includes('offscreen');

// NOTE: a walked page crosses as JSON through the browser's messaging, which costs time on both
// sides that grows with the page, where the engine here costs its compiling once; past this
// many characters and ops the page is read here, where the wasm may run. A page of 2.2 million
// characters read in 85 ms here against 150 there; 0.9 million, 56 against 65; wikipedia-2 of
// Mozilla's test pages (0.68 million) opens faster there.
const READ_HERE_ABOVE = 1_000_000;
// Past this many, where the wasm may not run here, the readerable check is skipped rather than
// sent (a read is sent all the same: nothing else can read the page).
const MAX_CHECK_SEND = 3_000_000;

/**
 * Resolves to the engine's module with its wasm instantiated here, or null when the page's CSP
 * forbids that (Chrome). Loaded on first use: where the engine reads in the extension page, a
 * tab never loads it unless a page is too big to send.
 */
let local = null;

function localEngine() {
  local ??= (async () => {
    // content.js may have started fetching the wasm already, before the view's modules loaded.
    globalThis.readmodeWasm ??= fetch(api.runtime.getURL('pkg/readmode_bg.wasm'));
    try {
      const engine = await import('../pkg/readmode.js');
      await engine.default({ module_or_path: globalThis.readmodeWasm });
      return engine;
    } catch {
      // NOTE: on a page served with a strict script-src, Chrome applies the page's CSP to wasm
      // compiled in a content script and instantiate throws CompileError. Any failure to load
      // here is worth the extension-page path, which has its own CSP.
      return null;
    }
  })();
  return local;
}

/** The name of the ports engine requests go through (chrome/offscreen.js answers them). */
const ENGINE_PORT = 'readmode-engine';

/**
 * Sends `request` to the offscreen document through a port of its own; resolves to its answer,
 * `{result}` or `{error}`, or to null when nobody answered (the document is not open).
 * NOTE: a port, not runtime.sendMessage: a message goes to every extension context that
 * listens, the background's service worker too, which parsed the whole walked page for nothing
 * (a 150,000-character page: 7.8 ms a round trip against 3.7 through a port). The port is
 * closed once answered: an open one would keep the page out of the back/forward cache in
 * browsers before Chrome 123.
 */
function askOffscreen(request) {
  return new Promise((resolve) => {
    let port;
    try {
      port = api.runtime.connect({ name: ENGINE_PORT });
    } catch {
      resolve(null);
      return;
    }
    port.onMessage.addListener((res) => {
      port.disconnect();
      resolve(res ?? null);
    });
    // Fired when nobody listens, or the document closed before it answered. Reading lastError
    // marks it seen (Chrome reports it as unchecked otherwise).
    port.onDisconnect.addListener(() => {
      void api.runtime.lastError;
      resolve(null);
    });
    port.postMessage(request);
  });
}

/**
 * Runs an engine request in the extension page (see engine-host.js): straight to the offscreen
 * document when it is open; else through the background, which opens it (Chrome) or is the
 * extension page itself (Firefox).
 */
async function ask(request) {
  if (READS_ELSEWHERE) {
    const res = await askOffscreen(request);
    if (res) {
      if (res.error) throw new Error(res.error);
      return res.result;
    }
  }
  const res = await api.runtime.sendMessage({ to: 'background', type: 'engine', request });
  if (!res || res.error) throw new Error(res?.error ?? 'the extension did not answer');
  return res.result;
}

/**
 * `doc` walked here: the strings and ops of walk.js, with the walk's time. The page is walked
 * where it renders, so the engine elsewhere sees what its stylesheets hide and its shadow trees
 * as readDocument would here.
 */
function walkPage(doc) {
  const t0 = performance.now();
  const packed = walk(doc);
  return { packed, walkMs: performance.now() - t0, size: packed.text.length + packed.wide.length + packed.ops.length };
}

/** The walked page as a message carries it (JSON: the ops as a plain array). */
function message({ text, wide, ops }) {
  return { text, wide, ops: Array.from(ops) };
}

/** An engine answer with the content script's walk added to its times. */
function withWalk(out, walkMs, engine) {
  return { ...out, ms: out.ms + walkMs, walkMs: out.walkMs + walkMs, engine };
}

/** The engine's module where it runs in this content script (Firefox), else null. */
function engineHere() {
  return READS_ELSEWHERE ? Promise.resolve(null) : localEngine();
}

/**
 * One engine call where the engine does not run in this content script from the start: sent to
 * the extension page (`request()` builds the request), or made here (`local(engine)`) where the
 * wasm may run, when `readHere` asks for it (a page too big to send) or the extension page fails
 * (say, the offscreen document could not be opened). Resolves to `{out, engine}`, where engine
 * is 'extension page' or 'content script'; or to null when the call could only be sent and
 * `send` is false.
 */
async function call(request, local, { readHere = false, send = true } = {}) {
  if (!(readHere && (await localEngine()))) {
    if (!send) return null;
    try {
      return { out: await ask(request()), engine: 'extension page' };
    } catch (e) {
      if (!(await localEngine())) throw e;
    }
  }
  return { out: local(await localEngine()), engine: 'content script' };
}

/**
 * Reads the article of `doc`: `{ok, reason, article, removed, ms, walkMs, nodes, engine, version}`,
 * where engine is 'content script' (the wasm here) or 'extension page' (the page walked here,
 * read there) and version is the engine's. ms is the engine's time, the walk here included.
 */
export async function readPage(doc) {
  const here = await engineHere();
  if (here) return { ...here.readDocument(doc, { url: doc.URL }), engine: 'content script', version: here.version() };
  const { packed, walkMs, size } = walkPage(doc);
  const { out, engine } = await call(
    () => ({ type: 'read-packed', ...message(packed), url: doc.URL }),
    (wasm) => ({ ...wasm.readPacked(packed.text, packed.wide, packed.ops, { url: doc.URL }), version: wasm.version() }),
    { readHere: size > READ_HERE_ABOVE },
  );
  return withWalk(out, walkMs, engine);
}

/**
 * The toolbar's cheap check: `{readerable, ms, engine}`, or null when it was skipped. It walks
 * the page and builds no article, where the engine reads (ms: the walk and the check).
 */
export async function checkReaderable(doc) {
  const here = await engineHere();
  if (here) return { ...here.isReaderable(doc), engine: 'content script' };
  const { packed, walkMs, size } = walkPage(doc);
  const res = await call(
    () => ({ type: 'readerable-packed', ...message(packed) }),
    (wasm) => wasm.readerablePacked(packed.text, packed.wide, packed.ops),
    { readHere: size > READ_HERE_ABOVE, send: size <= MAX_CHECK_SEND },
  );
  return res && { ...res.out, ms: res.out.ms + walkMs, engine: res.engine };
}

/**
 * Reads a small built-in article (view/warm-up.html) once and resolves to `{ms, outcome, engine}`:
 * the milliseconds that took, what the read returned (for the view's own warm-up, see
 * reader.js's warmView) and where it ran: where the engine reads in the extension page, there
 * (whose engine the pages before have mostly warmed already).
 *
 * NOTE: where the engine runs in this content script, the browser compiles each of its wasm
 * functions the first time it runs, on this thread, and the idle check runs little of the
 * pipeline: a first toggle spent about 50 ms of its read compiling (Chromium, when it read in
 * the content script). The warm-up pays that at idle, on a page that looks like an article,
 * once the view has ever been used (see view/on-load.js): then a median 42 ms (p95 58) in new
 * tabs of one browser, for a first toggle 57 ms shorter (median 127 -> 70 ms). Where the engine
 * reads in the extension page, that page read the article once when it opened (engine-host.js's
 * warm): the tab only asks for what the read returned, which still serves the view's warm-up.
 */
export async function warmUp() {
  const here = await engineHere();
  if (here) {
    const html = await (await fetch(api.runtime.getURL(WARM_UP_PAGE))).text();
    const t0 = performance.now();
    const outcome = here.readHtml(html, { url: WARM_UP_URL });
    return { ms: performance.now() - t0, outcome, engine: 'content script' };
  }
  const t0 = performance.now();
  const outcome = await ask({ type: 'warm-up' });
  return { ms: performance.now() - t0, outcome, engine: 'extension page' };
}

/** The article as Markdown. */
export async function markdown(article) {
  const here = await engineHere();
  if (here) return here.articleMarkdown(article);
  return (await call(() => ({ type: 'markdown', article }), (wasm) => wasm.articleMarkdown(article))).out;
}

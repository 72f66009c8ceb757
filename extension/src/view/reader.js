// The reading view's lifecycle in the page: open, close, and the page state around it.
//
// Opening never destroys or moves the page: the view is a fixed, opaque layer on top
// (<readmode-view id="readmode-root"> after <body>, with an open shadow root), and the page's
// own elements are made inert (no focus, no find-in-page, hidden from assistive technology) and
// are not rendered meanwhile (see coverPage). The window's scroll position and every form field
// stay as they were, so closing restores the page exactly. <html> carries the state for tests
// and styles:
//   data-readmode="reading" | "original" | "no-article" | "error"
//   data-readmode-ms = engine time of the last activation (ms)
import { msg } from '../browser-api.js';
import { readPage, markdown } from './engine.js';
import { DEFAULTS, loadSettings, loadSites, markViewUsed, siteOf } from './settings.js';
import { ReadingView, createHost, ROOT_ID } from './view.js';

// How long the "no article" message stays (ms).
const TOAST_MS = 6000;

const doc = document;
let view = null; // the open ReadingView
let restore = null; // undoes what opening did to the page
let toast = null;
let queue = Promise.resolve();
// The covered elements' inline properties coverPage sets, and puts back on closing.
const COVER_PROPS = ['content-visibility', 'contain-intrinsic-size'];

function setState(state) {
  doc.documentElement.setAttribute('data-readmode', state);
}

/** The focused element, looking through open shadow roots. */
function deepActiveElement() {
  let a = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

function removeToast() {
  toast?.remove();
  toast = null;
}

function showToast(text) {
  removeToast();
  const { host, shadow } = createHost(doc, 'rm-toast-host');
  host.id = `${ROOT_ID}-message`;
  const card = doc.createElement('div');
  card.className = 'rm-toast';
  card.setAttribute('role', 'status');
  card.textContent = text;
  shadow.appendChild(card);
  doc.documentElement.appendChild(host);
  toast = host;
  setTimeout(() => {
    if (toast === host) removeToast();
  }, TOAST_MS);
}

/**
 * Hides the page under the view; returns the function that undoes exactly that.
 *
 * NOTE: the page is not rendered while it is covered (`content-visibility: hidden` on what it
 * shows), so opening lays out the view alone: on a news page the page's own style and layout,
 * which `inert` and `overflow: hidden` made the browser redo, cost more than the engine's read
 * (see bench/activation.mjs). Its size is kept (`contain-intrinsic-size`), so the window's
 * scroll offset is not cut short meanwhile and the page sees no scroll. The browser keeps a
 * hidden subtree's rendering state, so closing shows it as it was. `inert` stays too: the page
 * must be out of reach by keyboard and assistive technology, whatever renders.
 */
function coverPage() {
  const root = doc.documentElement;
  const focused = deepActiveElement();
  // Read before anything changes, while the page's layout is still the one on screen.
  const x = window.scrollX;
  const y = window.scrollY;
  // Everything the page shows, except <head>: usually just <body>.
  const covered = [...root.children].filter((e) => e.localName !== 'head' && e.id !== ROOT_ID);
  const sizes = covered.map((e) => `${e.scrollWidth}px ${e.scrollHeight}px`);
  const wasInert = covered.map((e) => e.hasAttribute('inert'));
  const hadStyle = covered.map((e) => e.hasAttribute('style'));
  const oldProps = covered.map((e) => COVER_PROPS.map((p) => [p, e.style.getPropertyValue(p), e.style.getPropertyPriority(p)]));
  covered.forEach((e, i) => {
    e.setAttribute('inert', '');
    e.style.setProperty('content-visibility', 'hidden', 'important');
    e.style.setProperty('contain-intrinsic-size', sizes[i], 'important');
  });
  // The page's scrollbar would sit beside the view's; overflow:hidden keeps the page's offset.
  const oldStyle = root.getAttribute('style');
  root.style.setProperty('overflow', 'hidden', 'important');

  // Printing: the page must not print under the view.
  const body = doc.body;
  let printStyle = null;
  let printing = false;
  const beforePrint = () => {
    if (!body || printing) return;
    printing = true;
    printStyle = body.getAttribute('style');
    body.style.setProperty('display', 'none', 'important');
  };
  const afterPrint = () => {
    if (!body || !printing) return;
    printing = false;
    if (printStyle === null) body.removeAttribute('style');
    else body.setAttribute('style', printStyle);
    window.scrollTo(x, y);
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  return () => {
    window.removeEventListener('beforeprint', beforePrint);
    window.removeEventListener('afterprint', afterPrint);
    covered.forEach((e, i) => {
      if (!wasInert[i]) e.removeAttribute('inert');
      // Only what coverPage set is put back: the page may have changed its own styles meanwhile.
      for (const [p, value, priority] of oldProps[i]) {
        if (value) e.style.setProperty(p, value, priority);
        else e.style.removeProperty(p);
      }
      if (!hadStyle[i] && !e.style.length) e.removeAttribute('style');
    });
    if (oldStyle === null) root.removeAttribute('style');
    else root.setAttribute('style', oldStyle);
    if (window.scrollX !== x || window.scrollY !== y) window.scrollTo(x, y);
    if (focused && focused !== doc.body && focused.isConnected) focused.focus({ preventScroll: true });
  };
}

/** `quiet`: no "no article" message (the automatic opening on a listed site's pages). */
async function open({ quiet = false } = {}) {
  const t0 = performance.now();
  removeToast();
  // NOTE: asked for before the read, which keeps this thread busy while storage answers.
  const stored = Promise.all([loadSettings(), loadSites()]);
  let out;
  try {
    out = await readPage(doc);
  } catch (e) {
    const reason = String(e?.message ?? e);
    setState('error');
    showToast(msg('failed', [reason]));
    return { state: 'error', reason };
  }
  const t1 = performance.now();
  doc.documentElement.setAttribute('data-readmode-ms', Number(out.ms).toFixed(2));
  const result = { ms: out.ms, walkMs: out.walkMs, engine: out.engine, nodes: out.nodes };
  if (!out.ok || !out.article) {
    setState('no-article');
    if (!quiet) showToast(msg('noArticle'));
    return { ...result, state: 'no-article', reason: out.reason ?? '' };
  }
  const [settings, sites] = await stored;
  const t2 = performance.now();
  const site = siteOf(doc.URL);
  view = new ReadingView(doc, out, settings, { close: () => toggle(), markdown }, { site, always: sites.includes(site) });
  const t3 = performance.now();
  restore = coverPage();
  doc.documentElement.appendChild(view.host);
  view.focus();
  setState('reading');
  markViewUsed();
  // Where the opening's time went (ms): the read (readPage: the engine and its crossing, or the
  // extension page's round trip), waiting for the stored settings after it, building the view,
  // and covering the page with it (focusing it lays the view out).
  const phases = { read: t1 - t0, storage: t2 - t1, build: t3 - t2, show: performance.now() - t3 };
  return { ...result, state: 'reading', title: out.article.title, isPreview: out.article.isPreview, phases };
}

function close() {
  view?.destroy();
  view = null;
  restore?.();
  restore = null;
  setState('original');
  return { state: 'original' };
}

function enqueue(step) {
  const run = queue.then(step);
  queue = run.catch(() => {});
  return run;
}

/** Opens the view, or closes it when open. Calls run one after another. */
export function toggle() {
  return enqueue(() => (view ? close() : open()));
}

/** Opens the view unless it is open, without a message when there is no article (automatic opening). */
export function openQuietly() {
  return enqueue(() => (view ? { state: 'reading' } : open({ quiet: true })));
}

/**
 * Builds the view of `outcome` (the engine's warm-up read, see engine.js's warmUp) once and
 * drops it unshown; returns the milliseconds that took, or null when it did not run.
 *
 * NOTE: in a new tab the view's code had never run: building it was the largest part of a first
 * opening (about 20 ms on a news page, a dated one's date formatter alone about 10: the
 * browser's date data loads on first use), and the view's stylesheet was parsed for each
 * opening. Built here, at idle, the opening finds all of it ready. It is built in a document of
 * its own, which loads nothing (not the article's pictures) and is never shown, with the
 * default settings (no font to load).
 */
export function warmView(outcome) {
  if (view || !outcome?.ok || !outcome.article) return null;
  const t0 = performance.now();
  const inert = doc.implementation.createHTMLDocument('');
  const warm = new ReadingView(inert, outcome, { ...DEFAULTS }, { close() {}, markdown }, { site: '', always: false });
  warm.unsubscribe();
  return performance.now() - t0;
}

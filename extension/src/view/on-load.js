// What Readmode does on every page load (imported by page.js, the static content script):
//
//   page loaded ─► its site is in the "always" list (storage.sync)?
//        yes ─► open the reading view (quietly: no message when there is no article)
//        no  ─► wait for the load event, the tab to be shown, an idle moment ─► the readerable check
//                 (no article is built; where the engine reads, see view/engine.js)
//   either way ─► <html data-readmode-readerable="true|false" data-readmode-readerable-ms="…">
//              ─► background: badge on this tab's toolbar button
//   readerable ─► the view's modules are loaded (not run); and, once the view has ever been
//                 opened in this browser, at the next idle moment the engine reads a small
//                 built-in article (warmUp), and at the one after the view of it is built and
//                 dropped unshown (warmView): a first toggle neither waits for the modules nor
//                 compiles the engine's code or the view's
import { api } from '../browser-api.js';
import { checkReaderable, warmUp } from './engine.js';
import { loadSites, siteOf, viewUsed } from './settings.js';

// The longest the check waits for an idle moment after the load event (ms).
const IDLE_TIMEOUT_MS = 2000;

const doc = document;

function loaded() {
  if (doc.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
}

// NOTE: tabs loaded in the background (a restored session) wait until they are shown: their
// button is not visible before, and most are never looked at.
function visible() {
  if (doc.visibilityState !== 'hidden') return Promise.resolve();
  return new Promise((resolve) => {
    const on = () => {
      if (doc.visibilityState === 'hidden') return;
      doc.removeEventListener('visibilitychange', on);
      resolve();
    };
    doc.addEventListener('visibilitychange', on);
  });
}

function idle() {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(resolve, { timeout: IDLE_TIMEOUT_MS });
    else setTimeout(resolve, 200);
  });
}

function report(readerable, ms) {
  const html = doc.documentElement;
  html.setAttribute('data-readmode-readerable', String(readerable));
  html.setAttribute('data-readmode-readerable-ms', Number(ms).toFixed(2));
  return api.runtime.sendMessage({ to: 'background', type: 'readerable', readerable, ms }).catch(() => {});
}

/** `toggle` / `openQuietly` come from content.js's readmodeContent (the same reader module). */
export async function onLoad(content) {
  const site = siteOf(doc.URL);
  if (site && (await loadSites()).includes(site)) {
    const res = await content.openQuietly();
    if (res?.state === 'reading' || res?.state === 'no-article') await report(res.state === 'reading', res.ms ?? 0);
    return;
  }
  await loaded();
  await visible();
  await idle();
  // The view may have been opened meanwhile; its outcome already said whether there is an article.
  if (doc.documentElement.hasAttribute('data-readmode')) return;
  const res = await checkReaderable(doc).catch(() => null);
  if (!res) return;
  await report(res.readerable, res.ms);
  // NOTE: a first toggle spent 31 to 42 ms fetching and compiling the view's thirteen modules,
  // one level of imports after another. On a page that looks like an article that is done now,
  // in the background of the page; the modules only define functions, so nothing runs.
  if (!res.readerable) return;
  await content.preload?.().catch(() => {});
  // NOTE: where the engine runs in the content script the warm-up is one task of about 30 to
  // 40 ms here (more in a new renderer process; see view/engine.js); where it reads in the
  // extension page, a round trip to it. On every readerable page: paid only by someone who uses
  // the view.
  if (!(await viewUsed())) return;
  await idle();
  if (doc.documentElement.hasAttribute('data-readmode')) return;
  const warm = await warmUp().catch(() => null);
  if (warm === null) return;
  // The view's code next (see reader.js's warmView), in a task of its own.
  await idle();
  const viewMs = doc.documentElement.hasAttribute('data-readmode') ? null : await content.warmView?.(warm.outcome).catch(() => null);
  await api.runtime.sendMessage({ to: 'background', type: 'warm', ms: warm.ms, viewMs }).catch(() => {});
}

// Every difference between the browsers Readmode runs in lives in this file, found by feature
// (what the API offers), never by browser name. Everything else imports `api` from here.
//
//   difference                         Chrome                          Firefox
//   namespace                          chrome.*                        browser.* (promises)
//   context menus                      contextMenus                    menus (contextMenus too)
//   background                         service worker (no DOM)         event page (has a DOM)
//   where the engine reads             offscreen document              the content script (the background
//                                        (chrome.offscreen), every page  page when the wasm cannot load there)
//
// Loaded as an ES module by the background, the offscreen page, the options page and (by
// dynamic import) the reading view in the content script.

/** The WebExtension namespace: `browser` where it exists (Firefox), else `chrome`. */
export const api = globalThis.browser ?? globalThis.chrome;

/** The context-menu API: `contextMenus` (Chrome; an alias of `menus` in Firefox). */
export const menus = api.contextMenus ?? api.menus;

/** A localised string (see _locales/); the key itself when the message is missing. */
export function msg(key, substitutions) {
  return api.i18n.getMessage(key, substitutions) || key;
}

/** The browser UI's language, for dates and the view's own labels. */
export function uiLanguage() {
  return api.i18n.getUILanguage?.() || 'en';
}

/** The browser UI's writing direction, 'ltr' or 'rtl'. */
export function uiDirection() {
  return api.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
}

const OFFSCREEN_PAGE = 'offscreen.html';
let offscreenReady = null;

// NOTE: one offscreen document per extension; concurrent creations race, so the promise is
// shared and an "only a single offscreen document" error means another call won.
function ensureOffscreen() {
  offscreenReady ??= (async () => {
    if (api.offscreen.hasDocument && (await api.offscreen.hasDocument())) return;
    try {
      await api.offscreen.createDocument({
        url: OFFSCREEN_PAGE,
        reasons: ['DOM_PARSER'],
        justification: "Runs Readmode's engine, once for every tab, on the pages the content script walks.",
      });
    } catch (e) {
      if (!/single offscreen/i.test(String(e?.message))) throw e;
    }
  })().catch((e) => {
    offscreenReady = null;
    throw e;
  });
  return offscreenReady;
}

/**
 * Runs an engine request in an extension page, where the extension's own CSP applies:
 * see engine-host.js's handle for the requests. Called by the background.
 * Chrome's service worker has no DOMParser, so Chrome uses an offscreen document; elsewhere the
 * background page runs the engine itself.
 */
export async function runInExtensionPage(request) {
  if (api.offscreen) {
    const opened = ensureOffscreen();
    await opened;
    let res = await api.runtime.sendMessage({ to: 'offscreen', request }).catch(() => null);
    if (!res) {
      // Nobody answered: the document was closed since it was opened (Chrome limits the lifetime
      // of some kinds of offscreen document, not yet of this one, and a closeDocument call ends any).
      // NOTE: only the first request to find that out opens it again; the others wait for it.
      if (offscreenReady === opened) offscreenReady = null;
      await ensureOffscreen();
      res = await api.runtime.sendMessage({ to: 'offscreen', request });
    }
    if (!res || res.error) throw new Error(res?.error ?? 'the offscreen document did not answer');
    return res.result;
  }
  const { handle } = await import('./engine-host.js');
  return handle(request);
}

/**
 * Where the engine reads every tab's pages in an extension page that stays open (Chrome's
 * offscreen document), opens it and loads the wasm there; elsewhere does nothing. Called when
 * the browser starts and when the extension is installed or updated.
 * NOTE: else the first page read after the browser started waited for the document to open and
 * the wasm to compile there: toggled as soon as it had loaded, 207 ms to the toggle's answer
 * (median of six news pages, a new browser each) against 157 with the wasm in the content
 * script, and 109 with the document opened and warmed up here. Every page's readerable check
 * would open it soon anyway.
 */
export function prepareExtensionPage() {
  if (!api.offscreen) return Promise.resolve();
  return runInExtensionPage({ type: 'load' }).catch(() => {});
}

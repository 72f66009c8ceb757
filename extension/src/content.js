// Readmode's content script: defines readmodeContent once per page. Declared in the manifest
// (with page.js, run when the page is parsed); the background injects it on a toggle only where
// it is missing (a tab loaded before the extension was), and a second run returns at once.
//
//   background ─executeScript─► content.js (this file), where it is missing
//                                   │ import(view/reader.js)   ES module, cached for the page
//                                   ▼
//   readmodeContent.toggle() ─► reader.toggle()
//        engine (view/engine.js): the page walked here ─► offscreen document: readPacked (Chrome)
//                                 or readDocument(live DOM) here (Firefox) ─► Article ─► view in a shadow root
//   page.js ─► view/on-load.js ─► readmodeContent.openQuietly() on the "always" sites
(() => {
  if (globalThis.readmodeContent) return;
  const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
  let reader = null;
  const load = async () => {
    // NOTE: where the engine runs in this content script, its wasm is fetched while the view's
    // modules load, not after them: they are three module fetches deep (reader.js, then
    // engine.js, then readmode.js), each a round trip, and the wasm was a fourth in a row.
    // view/engine.js takes this response, and sets it itself when it loads first (the readerable
    // check at idle), so the wasm is fetched once. Where the extension has an offscreen
    // document to read in (the same test as engine.js's READS_ELSEWHERE), it is not fetched.
    if (!globalThis.readmodeWasm && !(runtime.getManifest().permissions ?? []).includes('offscreen')) {
      globalThis.readmodeWasm = fetch(runtime.getURL('pkg/readmode_bg.wasm'));
      globalThis.readmodeWasm.catch(() => {}); // view/engine.js falls back when it does not load
    }
    reader ??= import(runtime.getURL('view/reader.js')).catch((e) => {
      reader = null;
      throw e;
    });
    return reader;
  };
  globalThis.readmodeContent = {
    async toggle() {
      return (await load()).toggle();
    },
    async openQuietly() {
      return (await load()).openQuietly();
    },
    /** view/on-load.js, on a page the check calls readerable: the view's modules, loaded ahead. */
    async preload() {
      await load();
    },
    /** view/on-load.js, after the engine's warm-up read: the view built once, unshown. */
    async warmView(outcome) {
      return (await load()).warmView(outcome);
    },
    /** page.js, once per page load: the "always" sites and the readerable check. */
    async pageLoaded() {
      return (await import(runtime.getURL('view/on-load.js'))).onLoad(globalThis.readmodeContent);
    },
  };
})();

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
  // Where the extension has an offscreen document, the engine reads there, not here (the same
  // test as view/engine.js's READS_ELSEWHERE).
  const readsHere = !(runtime.getManifest().permissions ?? []).includes('offscreen');
  // The view's modules besides its entry, view/reader.js: the chunk it shares with
  // view/on-load.js, as the build bundles them (extension/tools/bundle.mjs writes the list in;
  // tests/e2e/static.test.mjs checks it against reader.js's imports). And the engine's module
  // where it runs here.
  const MODULES = [];
  const ENGINE = readsHere ? ['pkg/readmode.js'] : [];
  let reader = null;
  const load = async () => {
    // NOTE: the view's modules are asked for all at once, not reader.js and then what it
    // imports, a second round trip. (Unbundled, they were four levels of imports: a toggle as
    // soon as the page had loaded opened in 79 ms asked at once, 97 level by level; median,
    // Mozilla's test pages, bench/activation.mjs --no-idle.) Where the engine runs here, its
    // wasm is fetched meanwhile too; view/engine.js takes this response, and sets it itself
    // when it loads first (the readerable check at idle), so the wasm is fetched once.
    if (reader) return reader;
    for (const m of [...MODULES, ...ENGINE]) import(runtime.getURL(m)).catch(() => {}); // reader.js's import reports a failure
    if (readsHere && !globalThis.readmodeWasm) {
      globalThis.readmodeWasm = fetch(runtime.getURL('pkg/readmode_bg.wasm'));
      globalThis.readmodeWasm.catch(() => {}); // view/engine.js falls back when it does not load
    }
    reader = import(runtime.getURL('view/reader.js')).catch((e) => {
      reader = null;
      throw e;
    });
    return reader;
  };
  globalThis.readmodeContent = {
    async toggle() {
      // The time spent waiting for the view's modules joins the opening's phases (reader.js):
      // nothing once they are loaded, as after the idle preload.
      const t0 = performance.now();
      const reader = await load();
      const modules = performance.now() - t0;
      const res = await reader.toggle();
      if (res?.phases) res.phases = { modules, ...res.phases };
      return res;
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

// Readmode's content script: injected on demand into the tab being toggled, never on page load.
//
//   background ─executeScript─► content.js (this file; defines readmodeContent once per page)
//                                   │ import(view/reader.js)   ES module, cached for the page
//                                   ▼
//   readmodeContent.toggle() ─► reader.toggle()
//        engine: wasm here ─► readDocument(live DOM) ─► Article ─► view in a shadow root
//          └─ page CSP blocks wasm (Chrome) ─► background ─► offscreen: readHtml(outerHTML)
(() => {
  if (globalThis.readmodeContent) return;
  const runtime = (globalThis.browser ?? globalThis.chrome).runtime;
  let reader = null;
  globalThis.readmodeContent = {
    async toggle() {
      reader ??= import(runtime.getURL('view/reader.js')).catch((e) => {
        reader = null;
        throw e;
      });
      return (await reader).toggle();
    },
  };
})();

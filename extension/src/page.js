// Readmode's static content script, run in every top-level web page once it is parsed (after
// content.js, which it relies on). It only hands over to view/on-load.js (through content.js):
// the "always" sites and the toolbar's readerable check, which waits for an idle moment.
(() => {
  if (globalThis.readmodePageLoaded || !globalThis.readmodeContent) return;
  globalThis.readmodePageLoaded = true;
  // Only HTML documents have an article to offer (not images, feeds or plain text shown by the browser).
  if (document.contentType !== 'text/html' || !document.documentElement) return;
  globalThis.readmodeContent.pageLoaded().catch(() => {}); // the page is unaffected if the extension cannot run here
})();

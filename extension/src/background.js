// Readmode's background (Chrome: service worker; Firefox: event page).
//
//   toolbar button / Alt+Shift+R (_execute_action) ─┐
//   globalThis.readmode.toggle(tabId) (tests) ──────┼─► toggle(tabId)
//   {to:'background', type:'toggle'} from an        │     1. executeScript content.js (idempotent)
//     extension page (options page, Firefox tests) ─┘     2. executeScript readmodeContent.toggle()
//                                                            → {state, ms, engine, ...}
//   {to:'background', type:'engine'} from the content script, when the page's CSP blocks wasm
//     there ─► runInExtensionPage (browser-api.js) ─► the Article (or Markdown) back
import { api, runInExtensionPage } from './browser-api.js';

/** Toggles the reading view on a tab; resolves to what the content script reports. */
async function toggle(tabId) {
  try {
    await api.action.setBadgeText?.({ tabId, text: '' });
    await api.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
    const [frame] = await api.scripting.executeScript({
      target: { tabId },
      func: () => globalThis.readmodeContent.toggle(),
    });
    return frame?.result ?? { state: 'error', reason: 'the page did not answer' };
  } catch (e) {
    // Pages the browser reserves (settings, stores, PDFs) refuse scripts: say so on the button.
    api.action.setBadgeText?.({ tabId, text: '!' })?.catch?.(() => {});
    return { state: 'error', reason: String(e?.message ?? e) };
  }
}

api.action.onClicked.addListener((tab) => {
  if (tab?.id !== undefined) toggle(tab.id);
});

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.to !== 'background') return false;
  let work;
  if (message.type === 'engine') {
    work = runInExtensionPage(message.request);
  } else if (message.type === 'toggle' && sender.url?.startsWith(api.runtime.getURL(''))) {
    // Only the extension's own pages may toggle a tab by id; content scripts toggle themselves.
    work = toggle(message.tabId);
  } else {
    return false;
  }
  work.then(
    (result) => sendResponse({ result }),
    (e) => sendResponse({ error: String(e?.message ?? e) }),
  );
  return true;
});

/** The test and automation hook: `readmode.toggle(tabId)` does what the toolbar button does. */
globalThis.readmode = { toggle };

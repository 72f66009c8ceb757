// Readmode's background (Chrome: service worker; Firefox: event page).
//
//   toolbar button / Alt+Shift+R (_execute_action) ─┐
//   context menu "Open or close the reading view" ──┤
//   globalThis.readmode.toggle(tabId) (tests) ──────┼─► toggle(tabId)
//   {to:'background', type:'toggle'} from an        │     1. executeScript readmodeContent.toggle()
//     extension page (options page, Firefox tests) ─┘        → {state, ms, engine, ...}
//                                                          2. only when the page has no content
//                                                             script yet: executeScript content.js
//                                                             (idempotent), then 1 again
//   {to:'background', type:'readerable'} from page.js (every page, at idle) ─► badge on the tab
//   {to:'background', type:'warm'} after it, on a readerable page ─► warmMs (and warmViewMs) on
//     the tab's check
//   {to:'background', type:'engine'} from the content script, when the offscreen document did
//     not answer (not open yet, Chrome) or the wasm cannot load there (Firefox)
//     ─► runInExtensionPage (browser-api.js), opening the document ─► the Article (or Markdown) back
//   browser start, install or update ─► context menu; prepareExtensionPage: Chrome's offscreen
//     document opened and its engine warmed up
import { api, menus, msg, prepareExtensionPage, runInExtensionPage } from './browser-api.js';

/** The context-menu entry's id. */
const MENU_TOGGLE = 'readmode-toggle';

// What the button shows on a tab. Tab-specific values; the browser drops them when the tab
// navigates, so a new page starts plain until its own check reports.
const BADGES = {
  readerable: { text: '✓', color: '#2b4c7e', title: 'actionTitleReaderable' },
  error: { text: '!', color: '#b3261e', title: 'actionTitle' },
  none: { text: '', color: null, title: 'actionTitle' },
};

/** The last readerable check per tab: {readerable, ms, url} (for tests and the badge). */
const checks = new Map();

async function setBadge(tabId, kind) {
  const b = BADGES[kind];
  try {
    await api.action.setBadgeText({ tabId, text: b.text });
    if (b.color) await api.action.setBadgeBackgroundColor({ tabId, color: b.color });
    await api.action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    await api.action.setTitle({ tabId, title: msg(b.title) });
  } catch {
    // The tab closed meanwhile.
  }
}

/** Toggles the reading view on a tab; resolves to what the content script reports. */
async function toggle(tabId) {
  // NOTE: the manifest's content script is already in every http(s) page loaded since the
  // extension was, so the toggle is asked for first and content.js injected only when it is
  // missing (tabs from before an install or update, file: and other pages): one script
  // injection per toggle instead of two (about 5 ms each, the first time in a page, in Chromium).
  const ask = () =>
    api.scripting.executeScript({
      target: { tabId },
      func: () => globalThis.readmodeContent?.toggle() ?? { state: 'absent' },
    });
  try {
    let [frame] = await ask();
    if (frame?.result?.state === 'absent') {
      await api.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
      [frame] = await ask();
    }
    const result = frame?.result ?? { state: 'error', reason: 'the page did not answer' };
    // Reading it settles whether the page has an article, whatever the cheap check guessed.
    if (result.state === 'reading') setBadge(tabId, 'readerable');
    else if (result.state === 'no-article') setBadge(tabId, 'none');
    return result;
  } catch (e) {
    // Pages the browser reserves (settings, stores, PDFs) refuse scripts: say so on the button.
    setBadge(tabId, 'error');
    return { state: 'error', reason: String(e?.message ?? e) };
  }
}

api.action.onClicked.addListener((tab) => {
  if (tab?.id !== undefined) toggle(tab.id);
});

// ---- Context menu ----------------------------------------------------------------------------

/** Creates the context-menu entry (menus persist in the browser; this replaces any old one). */
async function createMenus() {
  await menus.removeAll();
  await new Promise((resolve) => {
    menus.create(
      {
        id: MENU_TOGGLE,
        title: msg('menuToggle'),
        contexts: ['page', 'selection'],
        documentUrlPatterns: ['http://*/*', 'https://*/*'],
      },
      () => resolve(api.runtime.lastError), // read, so a failure is not reported as unchecked
    );
  });
}

function onMenuClicked(info, tab) {
  if (info?.menuItemId === MENU_TOGGLE && tab?.id !== undefined && tab.id >= 0) return toggle(tab.id);
  return Promise.resolve(null);
}

api.runtime.onInstalled.addListener(() => Promise.all([createMenus(), prepareExtensionPage()]));
api.runtime.onStartup.addListener(() => Promise.all([createMenus(), prepareExtensionPage()]));
menus.onClicked.addListener(onMenuClicked);

// ---- Messages --------------------------------------------------------------------------------

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message?.to !== 'background') return false;
  let work;
  if (message.type === 'engine') {
    work = runInExtensionPage(message.request);
  } else if (message.type === 'readerable' && sender.tab?.id !== undefined && sender.frameId === 0) {
    const tabId = sender.tab.id;
    const check = { readerable: message.readerable === true, ms: Number(message.ms) || 0, url: sender.url ?? sender.tab.url };
    checks.set(tabId, check);
    work = setBadge(tabId, check.readerable ? 'readerable' : 'none').then(() => check);
  } else if (message.type === 'warm' && sender.tab?.id !== undefined && sender.frameId === 0) {
    // The engine's warm-up read after a readerable check (view/on-load.js): kept with the check.
    const check = checks.get(sender.tab.id);
    if (check) {
      check.warmMs = Number(message.ms) || 0;
      if (Number.isFinite(message.viewMs)) check.warmViewMs = message.viewMs;
    }
    work = Promise.resolve(check ?? null);
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

api.tabs.onRemoved.addListener((tabId) => checks.delete(tabId));

/**
 * The test and automation hook: `readmode.toggle(tabId)` does what the toolbar button does,
 * `readmode.menuClicked(info, tab)` what the context-menu entry does, and
 * `readmode.readerable(tabId)` is the last readerable check the tab reported (or null), with
 * `warmMs` once the engine's warm-up read after it has run (and `warmViewMs`, the view's).
 */
globalThis.readmode = {
  toggle,
  menuClicked: onMenuClicked,
  readerable: (tabId) => checks.get(tabId) ?? null,
  MENU_TOGGLE,
};

// Chrome's offscreen document: runs the engine on serialised HTML for the background, when a
// page's CSP keeps wasm out of the content script. Offscreen documents see only chrome.runtime.
import { api } from './browser-api.js';
import { handle } from './engine-host.js';

api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message?.to !== 'offscreen') return false;
  handle(message.request).then(
    (result) => sendResponse({ result }),
    (e) => sendResponse({ error: String(e?.message ?? e) }),
  );
  return true;
});

// Chrome's offscreen document: the engine for every tab. Content scripts send it the pages they
// walk straight (view/engine.js), the background the first request, which opens it. Offscreen
// documents see only chrome.runtime.
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

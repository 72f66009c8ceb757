// Chrome's offscreen document: the engine for every tab. Content scripts send it the pages they
// walk straight, a port per request (view/engine.js); the background relays the request that
// finds it closed, once it has opened it. Offscreen documents see only chrome.runtime.
import { api } from './browser-api.js';
import { handle } from './engine-host.js';

/** One request's answer: `{result}` or `{error}`. */
function answer(request) {
  return handle(request).then(
    (result) => ({ result }),
    (e) => ({ error: String(e?.message ?? e) }),
  );
}

api.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (message?.to !== 'offscreen') return false;
  answer(message.request).then(sendResponse);
  return true;
});

// NOTE: view/engine.js's ENGINE_PORT.
api.runtime.onConnect.addListener((port) => {
  if (port.name !== 'readmode-engine') return;
  port.onMessage.addListener(async (request) => {
    const res = await answer(request);
    try {
      port.postMessage(res);
    } catch {
      // The tab went away meanwhile.
    }
  });
});

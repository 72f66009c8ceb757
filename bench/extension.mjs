// The built Chrome extension in headless Chromium, for the benches that time it
// (activation.mjs, browser-start.mjs).
import { chromium } from 'playwright-core';

/**
 * Chromium with the unpacked extension `ext` in the profile directory `profile`; nothing but
 * `origin` (the bench's server) is fetched from the network. Resolves to `{context, worker}`
 * once the background's service worker offers its toggle (`globalThis.readmode.toggle`).
 */
export async function launchWithExtension(ext, profile, origin) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', `--disable-extensions-except=${ext}`, `--load-extension=${ext}`],
  });
  try {
    // Nothing leaves 127.0.0.1 (the extension's own files are not requests of this kind).
    await context.route((url) => /^https?:$/.test(url.protocol) && !url.href.startsWith(origin), (route) => route.abort());
    const worker = context.serviceWorkers().find((w) => w.url().endsWith('/background.js'))
      ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const deadline = Date.now() + 10_000;
    while (!(await worker.evaluate(() => typeof globalThis.readmode?.toggle === 'function'))) {
      if (Date.now() > deadline) throw new Error('the extension\'s background never offered its toggle');
      await new Promise((r) => setTimeout(r, 50));
    }
    return { context, worker };
  } catch (e) {
    await context.close();
    throw e;
  }
}

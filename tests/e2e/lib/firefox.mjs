// Drives headless Firefox with the built extension (dist/firefox) through geckodriver.
//
// How the tests reach the background: WebDriver has no handle on an add-on's event page, and
// the keyboard shortcut cannot be pressed headless. So:
//   1. the profile pins the add-on's internal UUID (pref extensions.webextensions.uuids);
//   2. geckodriver runs with --allow-system-access, and one privileged script (chrome context)
//      opens the extension's own options page, moz-extension://UUID/options.html, in a tab
//      (WebDriver's plain navigation refuses moz-extension: URLs);
//   3. a script in that tab sends the background {to:'background', type:'toggle', tabId},
//      which background.js accepts only from the extension's own pages, and which runs the
//      same toggle(tabId) as the toolbar button.
import fs from 'node:fs';
import path from 'node:path';
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import { FIREFOX, GECKODRIVER, need } from './setup.mjs';

export const ADDON_UUID = '5b1c7c9e-6d0a-4f3e-9a57-2f0d8e3b4c11';

export async function launchFirefox(extDir) {
  need(FIREFOX, 'Firefox', 'Install it with ./build.sh setup (Debian package firefox-esr).');
  need(GECKODRIVER, 'geckodriver', 'Install it with ./build.sh setup (cargo install geckodriver).');
  const manifest = JSON.parse(fs.readFileSync(path.join(extDir, 'manifest.json'), 'utf8'));
  const id = manifest.browser_specific_settings.gecko.id;
  process.env.SE_OFFLINE = 'true'; // Selenium Manager must not look for drivers online.
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless')
    .windowSize({ width: 1200, height: 900 })
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [id]: ADDON_UUID }))
    .setPreference('browser.shell.checkDefaultBrowser', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('app.update.enabled', false);
  const driver = await new Builder()
    .forBrowser('firefox')
    .setFirefoxOptions(options)
    .setFirefoxService(new firefox.ServiceBuilder(GECKODRIVER).addArguments('--allow-system-access'))
    .build();
  await driver.manage().setTimeouts({ script: 20_000, pageLoad: 20_000 });
  await driver.installAddon(extDir, true);
  return driver;
}

/** Opens `url` in a new tab from the privileged (chrome) context; returns the tab's handle. */
async function openPrivileged(driver, url) {
  const before = new Set(await driver.getAllWindowHandles());
  await driver.setContext(firefox.Context.CHROME);
  try {
    await driver.executeScript(
      'gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });',
      url,
    );
  } finally {
    await driver.setContext(firefox.Context.CONTENT);
  }
  let handle;
  for (let i = 0; i < 100 && !handle; i++) {
    handle = (await driver.getAllWindowHandles()).find((h) => !before.has(h));
    if (!handle) await new Promise((r) => setTimeout(r, 100));
  }
  if (!handle) throw new Error(`no tab opened for ${url}`);
  return handle;
}

/**
 * A session on one page tab plus the extension's options tab, for toggling.
 * `toggle()` returns what the content script reported; page probes run in the page tab.
 */
export async function openWithControl(driver, url) {
  await driver.switchTo().newWindow('tab');
  const pageTab = await driver.getWindowHandle();
  await driver.get(url);
  const controlTab = await openPrivileged(driver, `moz-extension://${ADDON_UUID}/options.html`);
  await driver.switchTo().window(controlTab);
  // The options page's module has run once its form is filled.
  await driver.wait(async () => driver.executeScript('return document.querySelectorAll("select").length > 0'), 10_000);
  await driver.switchTo().window(pageTab);
  return {
    async toggle() {
      await driver.switchTo().window(controlTab);
      try {
        const res = await driver.executeAsyncScript(function (pageUrl, done) {
          browser.tabs.query({})
            .then((tabs) => {
              const tab = tabs.find((t) => t.url === pageUrl);
              if (!tab) throw new Error(`no tab for ${pageUrl}`);
              return browser.runtime.sendMessage({ to: 'background', type: 'toggle', tabId: tab.id });
            })
            .then((r) => done(r), (e) => done({ error: String(e && e.message ? e.message : e) }));
        }, url);
        if (!res || res.error) throw new Error(`toggle failed: ${res?.error}`);
        return res.result;
      } finally {
        await driver.switchTo().window(pageTab);
      }
    },
    /** Runs an async script `fn(arg, done)` in the extension's options page. */
    async inControl(fn, arg) {
      await driver.switchTo().window(controlTab);
      try {
        return await driver.executeAsyncScript(fn, arg);
      } finally {
        await driver.switchTo().window(pageTab);
      }
    },
    run(fn, arg) {
      return driver.executeScript(fn, arg);
    },
    async close() {
      for (const h of [controlTab, pageTab]) {
        await driver.switchTo().window(h);
        await driver.close();
      }
      const [first] = await driver.getAllWindowHandles();
      if (first) await driver.switchTo().window(first);
    },
  };
}

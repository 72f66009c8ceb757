// Checks of the built extension and demo that need no browser: manifests, locales, and the
// rule that page-derived strings never become markup (no innerHTML/outerHTML writes,
// insertAdjacentHTML or document.write in the extension or the demo).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, builtExtension } from './lib/setup.mjs';
import { reachable } from '../../extension/tools/bundle.mjs';

function files(dir, ext) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

test('static: manifests are MV3 with the right background per browser', () => {
  const chrome = JSON.parse(fs.readFileSync(path.join(builtExtension('chrome'), 'manifest.json'), 'utf8'));
  const firefox = JSON.parse(fs.readFileSync(path.join(builtExtension('firefox'), 'manifest.json'), 'utf8'));
  for (const m of [chrome, firefox]) {
    assert.equal(m.manifest_version, 3);
    assert.ok(m.commands._execute_action.suggested_key.default, 'a keyboard shortcut');
    assert.ok(m.action, 'a toolbar button');
  }
  assert.equal(chrome.background.service_worker, 'background.js');
  assert.ok(chrome.permissions.includes('offscreen'));
  assert.equal(chrome.browser_specific_settings, undefined);
  assert.deepEqual(firefox.background.scripts, ['background.js']);
  assert.ok(!firefox.permissions.includes('offscreen'));
  assert.match(firefox.browser_specific_settings.gecko.id, /@/);
  // Every file the manifests name exists in the build.
  for (const [dir, m] of [[builtExtension('chrome'), chrome], [builtExtension('firefox'), firefox]]) {
    const named = [...Object.values(m.icons), ...Object.values(m.action.default_icon), m.options_ui.page,
      m.background.service_worker ?? m.background.scripts[0]];
    for (const f of named) assert.ok(fs.existsSync(path.join(dir, f)), `${f} in ${dir}`);
    // The page-load content scripts, the context menu, and the bundled font with its licence.
    assert.deepEqual(m.content_scripts.map((c) => c.js), [['content.js', 'page.js']]);
    for (const f of m.content_scripts[0].js) assert.ok(fs.existsSync(path.join(dir, f)), `${f} in ${dir}`);
    assert.ok(m.permissions.includes('contextMenus'));
    const fonts = fs.readdirSync(path.join(dir, 'fonts')).sort();
    assert.deepEqual(fonts.filter((f) => f.endsWith('.woff2')).length, 4, `${dir}: four OpenDyslexic faces`);
    assert.match(fs.readFileSync(path.join(dir, 'fonts', 'OpenDyslexic-OFL.txt'), 'utf8'), /SIL OPEN FONT LICENSE Version 1\.1/);
    assert.ok(m.web_accessible_resources.some((r) => r.resources.includes('fonts/*.woff2')), 'the view may fetch the font');
  }
});

test('static: the content script asks at once for every module the view imports, and for nothing else', () => {
  for (const browser of ['chrome', 'firefox']) {
    const dir = builtExtension(browser);
    // The modules reachable from view/reader.js by static imports, as paths in the extension
    // (the bundled entry imports its shared chunk; extension/tools/bundle.mjs).
    const reached = reachable(dir, ['view/reader.js']);
    reached.delete('view/reader.js');
    assert.ok(reached.size > 0, `${browser}: view/reader.js imports its shared chunk`);
    const content = fs.readFileSync(path.join(dir, 'content.js'), 'utf8');
    const list = content.match(/const MODULES = \[([^\]]*)\]/s);
    assert.ok(list, 'content.js lists the modules');
    const listed = [...list[1].matchAll(/'([^']+\.js)'/g)].map((m) => m[1]);
    assert.deepEqual(listed.sort(), [...reached].sort(), `${browser}: content.js's MODULES`);
    for (const f of listed) assert.ok(fs.existsSync(path.join(dir, f)), `${browser}: ${f} exists`);
    // view/on-load.js shares them: the engine and the settings exist once in the page.
    const onLoad = fs.readFileSync(path.join(dir, 'view/on-load.js'), 'utf8');
    for (const f of listed) assert.ok(onLoad.includes(`./${path.posix.basename(f)}`), `${browser}: view/on-load.js imports ${f}`);
    // Both entries reach nothing but themselves and the shared chunks.
    const entries = ['view/reader.js', 'view/on-load.js'];
    const unbundled = [...reachable(dir, entries)].filter((f) => !entries.includes(f) && !listed.includes(f));
    assert.deepEqual(unbundled, [], `${browser}: the bundled modules import no unbundled module`);
  }
});

test('static: every locale has every message, and every message the code asks for exists', () => {
  const dir = path.join(ROOT, 'extension', 'src', '_locales');
  const en = JSON.parse(fs.readFileSync(path.join(dir, 'en', 'messages.json'), 'utf8'));
  for (const lang of fs.readdirSync(dir)) {
    const m = JSON.parse(fs.readFileSync(path.join(dir, lang, 'messages.json'), 'utf8'));
    assert.deepEqual(Object.keys(m).sort(), Object.keys(en).sort(), `${lang} has the same keys as en`);
    for (const [k, v] of Object.entries(m)) {
      for (const ph of v.message.match(/\$[A-Z_]+\$/g) ?? []) {
        assert.ok(v.placeholders?.[ph.slice(1, -1).toLowerCase()], `${lang}/${k}: placeholder ${ph} is defined`);
      }
    }
  }
  const code = files(path.join(ROOT, 'extension'), '.js').map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  const asked = new Set([...code.matchAll(/\bmsg\('([A-Za-z]+)'/g)].map((m) => m[1]));
  const html = files(path.join(ROOT, 'extension'), '.html').map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  for (const m of html.matchAll(/data-msg="([A-Za-z]+)"/g)) asked.add(m[1]);
  const manifest = fs.readFileSync(path.join(ROOT, 'extension', 'manifest.base.json'), 'utf8');
  for (const m of manifest.matchAll(/__MSG_([A-Za-z]+)__/g)) asked.add(m[1]);
  for (const key of asked) assert.ok(en[key], `message ${key} is in en/messages.json`);
});

test('static: the extension and the demo never write markup from strings', () => {
  const sources = [...files(path.join(ROOT, 'extension'), '.js'), ...files(path.join(ROOT, 'www'), '.js')];
  const bad = /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|\beval\(|new Function\(/;
  for (const f of sources) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => assert.doesNotMatch(line, bad, `${path.relative(ROOT, f)}:${i + 1}`));
  }
});

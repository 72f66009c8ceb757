// Shared setup for the end-to-end tests: paths, the built extension, the page server, and
// a loud failure (never a skip) when a browser or the build is missing.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const PAGES = path.join(ROOT, 'tests', 'e2e', 'pages');
export const OUT = path.join(ROOT, 'tests', 'e2e', 'out');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
export const GECKODRIVER = process.env.GECKODRIVER || path.join(os.homedir(), '.cargo', 'bin', 'geckodriver');

/** Per-test time limit (ms); the whole suite stays well under five minutes. */
export const TEST_TIMEOUT = 60_000;

/** Throws with a clear message when a file the tests need is missing. */
export function need(file, what, fix) {
  if (!fs.existsSync(file)) throw new Error(`${what} is missing: ${file} does not exist. ${fix}`);
  return file;
}

/**
 * `file` when it was built after the last change to the engine's sources (src/, Cargo.toml,
 * Cargo.lock: what build.sh's `stale` looks at); throws, naming the newer source, when not.
 */
export function builtFromCurrentSources(file, what, fix) {
  need(file, what, fix);
  const built = fs.statSync(file).mtimeMs;
  const sources = [
    ...fs.readdirSync(path.join(ROOT, 'src'), { recursive: true }).map((f) => path.join(ROOT, 'src', f)),
    path.join(ROOT, 'Cargo.toml'),
    path.join(ROOT, 'Cargo.lock'),
  ];
  const newer = sources.find((f) => fs.statSync(f).mtimeMs > built);
  if (newer) throw new Error(`${what} is older than ${path.relative(ROOT, newer)}. ${fix}`);
  return file;
}

/** The built extension for `browser` ('chrome' or 'firefox'); throws when it is not built. */
export function builtExtension(browser) {
  const dir = path.join(ROOT, 'dist', browser);
  need(path.join(dir, 'manifest.json'), `the built ${browser} extension`, 'Run ./build.sh first.');
  need(path.join(dir, 'pkg', 'readmode_bg.wasm'), `the ${browser} extension's wasm`, 'Run ./build.sh first.');
  return dir;
}

/** Serves tests/e2e/pages on 127.0.0.1 (pages named *.csp.html get a strict script-src). */
export function servePages() {
  return serve(PAGES, 0);
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function outFile(name) {
  fs.mkdirSync(OUT, { recursive: true });
  return path.join(OUT, name);
}

/** Polls `fn` until it returns a truthy value or `ms` pass; returns the last value. */
export async function until(fn, ms = 10_000, what = 'condition') {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Checks the reading view of pages/components.html (viewInfo's answer): the story in a closed
 * shadow tree and what its slots show are read; what the page hides or never shows is not.
 */
export function assertComponentsStory(on) {
  assert.equal(on.state, 'reading');
  assert.equal(on.title, 'The lantern fair returns to the quay');
  assert.match(on.text, /Ines Harrow/, 'the byline, slotted into the shadow tree');
  assert.match(on.text, /counted more than four thousand before she stopped counting/, 'text of the closed shadow tree');
  assert.match(on.text, /one enormous lighthouse that needed four children/);
  assert.match(on.text, /lighthouse lantern will be kept in the harbour office/, 'the page\'s own paragraph, through the default slot');
  for (const fact of ['First fact: eleven boats', 'Second fact: the route', 'Third fact: the lighthouse lantern']) {
    assert.match(on.text, new RegExp(fact), 'each of several elements of one name with a closed tree');
  }
  assert.doesNotMatch(on.text, /Subscribe to read the rest/, 'hidden by the shadow tree\'s stylesheet');
  assert.doesNotMatch(on.text, /Share this story/, 'assigned to no slot: never shown');
}

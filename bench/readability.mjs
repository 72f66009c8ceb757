// Runs Readability.js (in jsdom) on every page of a corpus folder and writes, as JSON on
// stdout, what it produced per page with its timings, plus the same figures `readmode eval`
// computes (word-4-gram F1 against expected.html, agreement with expected-metadata.json).
//
//   node bench/readability.mjs CORPUS_DIR [--cold] > target/readability.json
//
// Flow: for each page folder
//   source.html ─ new JSDOM (timed: parseMs) ─ new Readability(doc).parse() (timed: readMs)
//        └─► {title, byline, siteName, excerpt, lang, dir, contentHtml} ─► figures
// `readmode eval DIR --reference FILE` scores contentHtml again with the Rust code, so both
// columns of its report are measured by one implementation; the figures here are for reading
// the JSON on its own.

import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability, isProbablyReaderable } from "@mozilla/readability";

// The URL each corpus page is read as (the same as the Rust side's CORPUS_URL).
const CORPUS_URL = "http://fakehost/test/page.html";
// Word n-gram size of the text score (the same as the Rust side's NGRAM).
const NGRAM = 4;
const FIELDS = ["title", "byline", "siteName", "excerpt", "lang", "dir"];
// Elements whose boundaries do not split words (the same list as the Rust side).
const INLINE = new Set(["a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
  "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"]);
const NO_TEXT = new Set(["script", "style", "noscript", "template", "title"]);

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node bench/readability.mjs CORPUS_DIR > out.json");
  process.exit(2);
}

const quiet = new VirtualConsole(); // pages log CSS and script errors; they are not ours to show

function blockText(root) {
  let s = "";
  const stack = [[root, false]];
  while (stack.length) {
    const [node, closing] = stack.pop();
    if (node.nodeType === 3) { s += node.data; continue; }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const name = node.nodeType === 1 ? node.localName : "";
    if (NO_TEXT.has(name)) continue;
    const block = node.nodeType === 1 && !INLINE.has(name);
    if (closing) { if (block) s += " "; continue; }
    if (block) s += " ";
    stack.push([node, true]);
    const kids = node.childNodes;
    for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], false]);
  }
  return s.replace(/\s+/g, " ").trim();
}

function isCjk(cp) {
  return (cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)
    || (cp >= 0xac00 && cp <= 0xd7af) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x2fa1f);
}

function tokens(s) {
  const out = [];
  let cur = "";
  for (const c of s) {
    const cp = c.codePointAt(0);
    if (isCjk(cp)) { if (cur) { out.push(cur); cur = ""; } out.push(c); }
    else if (/[\p{L}\p{N}]/u.test(c)) cur += c.toLowerCase();
    else if (/\s/u.test(c) && cur) { out.push(cur); cur = ""; }
  }
  if (cur) out.push(cur);
  return out;
}

function ngramF1(got, want) {
  const g = tokens(got), w = tokens(want);
  if (!g.length && !w.length) return 1;
  if (!g.length || !w.length) return 0;
  const grams = (t) => {
    const m = new Map();
    const k = Math.max(1, Math.min(NGRAM, t.length));
    for (let i = 0; i + k <= t.length; i++) {
      const key = t.slice(i, i + k).join(" ");
      m.set(key, (m.get(key) || 0) + 1);
    }
    return m;
  };
  const gm = grams(g), wm = grams(w);
  let common = 0, gt = 0, wt = 0;
  for (const [k, c] of gm) { gt += c; common += Math.min(c, wm.get(k) || 0); }
  for (const c of wm.values()) wt += c;
  const p = common / gt, r = common / wt;
  return p + r ? (2 * p * r) / (p + r) : 0;
}

function norm(field, v) {
  let s = typeof v === "string" ? v.replace(/\s+/g, " ").trim().toLowerCase() : "";
  if (field === "dir" && !s) s = "ltr";
  if (field === "lang") s = s.replace(/_/g, "-");
  return s;
}

const names = fs.readdirSync(dir)
  .filter((n) => fs.existsSync(path.join(dir, n, "source.html")) && fs.existsSync(path.join(dir, n, "expected.html")))
  .sort();
// NOTE: one untimed pass first, so the figures are for warmed-up code, as in a browser that
// has run the reader before (pass --cold to time the first run instead).
const passes = process.argv.includes("--cold") ? 1 : 2;
let pages = [];
for (let pass = 0; pass < passes; pass++) {
pages = [];
for (const name of names) {
  const p = path.join(dir, name);
  const source = fs.readFileSync(path.join(p, "source.html"), "utf8");
  let meta = {};
  try { meta = JSON.parse(fs.readFileSync(path.join(p, "expected-metadata.json"), "utf8")); } catch { /* none */ }
  const t0 = performance.now();
  const dom = new JSDOM(source, { url: CORPUS_URL, virtualConsole: quiet });
  const t1 = performance.now();
  // isProbablyReaderable only reads the document, so it runs on the same one, first.
  const readerable = isProbablyReaderable(dom.window.document);
  const t1b = performance.now();
  let article = null;
  let error = null;
  const t1c = performance.now();
  try { article = new Readability(dom.window.document).parse(); } catch (e) { error = String(e); }
  const t2 = performance.now();
  const expectedText = blockText(new JSDOM(fs.readFileSync(path.join(p, "expected.html"), "utf8")).window.document);
  let text = "";
  if (article && article.content) {
    text = blockText(JSDOM.fragment(article.content));
  }
  const out = {
    name,
    found: !!article,
    title: article?.title || null,
    byline: article?.byline || null,
    siteName: article?.siteName || null,
    excerpt: article?.excerpt || null,
    lang: article?.lang || null,
    dir: article?.dir || null,
    contentHtml: article?.content || null,
    parseMs: t1 - t0,
    readMs: t2 - t1c,
    readerable,
    readerableMs: t1b - t1,
  };
  out.f1 = ngramF1(text, expectedText);
  out.agree = FIELDS.map((f) => norm(f, out[f]) === norm(f, meta[f]));
  if (error) out.error = error;
  pages.push(out);
  dom.window.close();
}
}
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const summary = {
  pages: pages.length,
  found: pages.filter((p) => p.found).length,
  f1Mean: mean(pages.map((p) => p.f1)),
  agreement: Object.fromEntries(FIELDS.map((f, i) => [f, mean(pages.map((p) => (p.agree[i] ? 1 : 0)))])),
  parseMsTotal: pages.reduce((a, p) => a + p.parseMs, 0),
  readMsTotal: pages.reduce((a, p) => a + p.readMs, 0),
};
process.stdout.write(JSON.stringify({ tool: "readability.js " + readabilityVersion(), summary, pages }, null, 1));

function readabilityVersion() {
  try {
    const pkg = JSON.parse(fs.readFileSync(new URL("../node_modules/@mozilla/readability/package.json", import.meta.url)));
    return pkg.version;
  } catch { return ""; }
}

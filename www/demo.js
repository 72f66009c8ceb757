// The demo: load a page (bundled sample, file, drop, or pasted HTML), show the original in a
// sandboxed iframe (no scripts) and the engine's reading view beside it, with what was removed.
//
//   HTML string ─► iframe.srcdoc (sandbox="allow-same-origin": no scripts, no forms, no popups)
//             └──► readHtml(html, {url}) (parsed inert: nothing runs or loads) ─► Article ─► DOM nodes
import init, { readHtml, version } from './pkg/readmode.js';
import { buildArticle } from './render.js';
import { reportText } from './report.js';

const $ = (id) => document.getElementById(id);
const ui = {
  sample: $('sample'), file: $('file'), url: $('url'), paste: $('paste'), form: $('source'),
  original: $('original'), view: $('view'), timing: $('timing'), removals: $('removals'), count: $('removed-count'),
};

const ready = init({ module_or_path: new URL('./pkg/readmode_bg.wasm', import.meta.url) }).then(() => {
  engineVersion = version();
  $('version').textContent = `engine ${engineVersion}`;
});

function status(text, error = false) {
  const p = document.createElement('p');
  p.className = error ? 'status error' : 'status';
  p.textContent = text;
  ui.view.replaceChildren(p);
}

/**
 * The element children of `el` as the engine counts them: a custom element's open shadow tree
 * in place of its children, and what a slot shows (what is assigned to it, else its own).
 */
function renderedChildren(el) {
  if (el.localName.includes('-') && el.shadowRoot) return el.shadowRoot.children;
  if (el.localName === 'slot' && el.assignedNodes().length) return el.assignedElements();
  return el.children;
}

/** Finds a removal's node in the original by its path (`body:2>div:3>p:1`, 1-based). */
function findByPath(doc, path) {
  let cur = doc?.documentElement;
  for (const step of String(path).split('>')) {
    const m = /^([^:]+):(\d+)$/.exec(step);
    if (!cur || !m) return null;
    const child = renderedChildren(cur)[Number(m[2]) - 1];
    if (!child || child.localName !== m[1]) return null;
    cur = child;
  }
  return cur;
}

let highlighted = null;
function highlight(path) {
  highlighted?.style.removeProperty('outline');
  highlighted = findByPath(ui.original.contentDocument, path);
  if (!highlighted) return;
  highlighted.style.setProperty('outline', '3px solid #d2591f', 'important');
  highlighted.scrollIntoView({ block: 'center' });
}

const KIND_LABEL = { teaser: 'Teaser/paywall chrome', promo: 'Promo', duplicate: 'Repeated paragraph' };
let engineVersion = '';
let currentUrl = '';

/** Copies the report of `r`; says so in `status`, or shows the report to copy by hand. */
async function copyReport(r, li, status) {
  const text = reportText({ pageUrl: currentUrl, engineVersion, client: 'demo', removal: r });
  li.querySelector('.report-fallback')?.remove();
  status.textContent = '';
  try {
    await navigator.clipboard.writeText(text);
    status.dataset.state = 'copied';
    status.textContent = 'Copied: the report is on the clipboard.';
  } catch {
    status.dataset.state = 'refused';
    status.textContent = 'The browser did not allow copying. The report is selected in the field below: copy it from there.';
    const field = document.createElement('textarea');
    field.className = 'report-fallback';
    field.readOnly = true;
    field.rows = 10;
    field.spellcheck = false;
    field.setAttribute('aria-label', 'Report');
    field.value = text;
    li.append(field);
    field.focus({ preventScroll: true });
    field.select();
  }
}

function showRemovals(list) {
  ui.count.textContent = list.length ? `(${list.length})` : '(nothing)';
  ui.removals.replaceChildren(...list.map((r, i) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'show';
    b.title = 'Show it in the original';
    const kind = document.createElement('span');
    kind.className = 'kind';
    kind.id = `removal-${i + 1}-kind`;
    kind.textContent = KIND_LABEL[r.kind] ?? r.kind;
    const reason = document.createElement('span');
    reason.className = 'reason';
    reason.textContent = ` — ${r.reason}`;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = r.text;
    b.append(kind, reason, text);
    b.addEventListener('click', () => highlight(r.path));
    const li = document.createElement('li');
    li.dataset.kind = r.kind;
    const status = document.createElement('span');
    status.className = 'report-status';
    status.id = `removal-${i + 1}-status`;
    status.setAttribute('role', 'status');
    const report = document.createElement('button');
    report.type = 'button';
    report.className = 'report';
    report.textContent = 'Not clutter? Copy a report';
    report.setAttribute('aria-describedby', `${kind.id} ${status.id}`);
    report.addEventListener('click', () => copyReport(r, li, status));
    const row = document.createElement('div');
    row.className = 'report-row';
    row.append(report, status);
    li.append(b, row);
    return li;
  }));
}

/** Reads `html` and shows both sides. `url` names the page (resolves its links). */
async function show(html, url) {
  // NOTE: srcdoc is the one place page HTML becomes markup, inside a sandbox without scripts.
  ui.original.srcdoc = html;
  currentUrl = url || '';
  status('Reading…');
  try {
    await ready;
    const out = readHtml(html, { url: url || undefined });
    ui.timing.textContent = `${out.ms.toFixed(1)} ms (${out.walkMs.toFixed(1)} ms parse and walk), ${out.nodes} nodes`;
    document.documentElement.dataset.engineMs = out.ms.toFixed(2);
    if (out.ok) ui.view.replaceChildren(buildArticle(out.article));
    else status(`No article here: ${out.reason}`);
    showRemovals(out.article?.removals ?? []);
  } catch (e) {
    status(`The engine failed: ${e?.message ?? e}`, true);
    showRemovals([]);
  }
}

const pageUrl = () => {
  try {
    return new URL(ui.url.value).href;
  } catch {
    return '';
  }
};

async function loadSamples() {
  try {
    const list = await (await fetch('samples/index.json')).json();
    for (const s of list) {
      const o = document.createElement('option');
      o.value = s.file;
      o.textContent = s.title;
      o.dataset.url = s.url;
      ui.sample.append(o);
    }
  } catch {
    // A demo served without samples still reads files and pasted HTML.
  }
}

/**
 * Clears the other ways in, so the controls name only the page on show: a sample still chosen
 * after a file was read would say the wrong page (and choosing it again would do nothing).
 */
function cameFrom(way) {
  if (way !== 'sample') ui.sample.value = '';
  if (way !== 'file') ui.file.value = '';
}

ui.sample.addEventListener('change', async () => {
  const o = ui.sample.selectedOptions[0];
  if (!o?.value) return;
  cameFrom('sample');
  ui.url.value = o.dataset.url || '';
  const res = await fetch(`samples/${encodeURIComponent(o.value)}`);
  await show(await res.text(), pageUrl());
});

async function readFile(file) {
  if (!file) return;
  cameFrom('file');
  if (!ui.url.value) ui.url.value = `https://example.org/${encodeURIComponent(file.name)}`;
  await show(await file.text(), pageUrl());
}

ui.file.addEventListener('change', () => readFile(ui.file.files[0]));
ui.form.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!ui.paste.value.trim()) return;
  cameFrom('paste');
  show(ui.paste.value, pageUrl());
});

// Drop a file anywhere.
addEventListener('dragover', (e) => {
  e.preventDefault();
  document.body.classList.add('dragging');
});
addEventListener('dragleave', () => document.body.classList.remove('dragging'));
addEventListener('drop', (e) => {
  e.preventDefault();
  document.body.classList.remove('dragging');
  readFile(e.dataTransfer?.files?.[0]);
});

loadSamples();

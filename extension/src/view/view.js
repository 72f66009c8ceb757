// The reading view: a shadow root on <readmode-view id="readmode-root">, built from an Article
// with createElement/textContent only. It owns its controls (theme, type, speech, Markdown to
// save or copy, print); reader.js decides when it opens and closes.
import { api, msg, uiDirection, uiLanguage } from '../browser-api.js';
import { buildContent, hostname, previewLink, safeUrl } from './content-dom.js';
import { CHOICES, FONT_LABEL, saveSettings, onSettingsChanged, onSitesChanged, setSite } from './settings.js';
import { loadDyslexicFont } from './fonts.js';
import { Speaker } from './speech.js';
import { VIEW_CSS } from './styles.js';
import { removalsSection } from './removals.js';
import { clipboardCopier } from './clipboard.js';

export const ROOT_ID = 'readmode-root';

// The view's stylesheet, parsed once in a page and shared by every host (nothing changes it).
let viewSheet = null;

/** A host element with an open shadow root and the view's stylesheet. */
export function createHost(doc, extraClass) {
  const host = doc.createElement('readmode-view');
  host.id = ROOT_ID;
  if (extraClass) host.className = extraClass;
  const shadow = host.attachShadow({ mode: 'open' });
  // NOTE: a constructed stylesheet is not subject to the page's style-src; a <style> element
  // is the fallback where adopting across the content-script boundary fails.
  try {
    if (!viewSheet) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(VIEW_CSS);
      viewSheet = sheet;
    }
    shadow.adoptedStyleSheets = [viewSheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = VIEW_CSS;
    shadow.appendChild(style);
  }
  return { host, shadow };
}

function el(doc, tag, props = {}, children = []) {
  const e = doc.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) e.appendChild(typeof c === 'string' ? doc.createTextNode(c) : c);
  return e;
}

// Date formatters by language, each made once. NOTE: the first one made in a tab takes about
// 10 ms (the browser loads its date data then; reader.js's warmView pays it at idle), later
// ones about 0.05.
const dateFormats = new Map();

function formatDate(value, lang) {
  const d = new Date(value);
  if (!value || Number.isNaN(d.getTime())) return value || '';
  try {
    let format = dateFormats.get(lang);
    if (!format) {
      format = new Intl.DateTimeFormat(lang, { dateStyle: 'long' });
      dateFormats.set(lang, format);
    }
    return format.format(d);
  } catch {
    return d.toDateString();
  }
}

const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

/** Text of a content node (for comparing a leading heading with the title). */
function nodeText(node) {
  if (typeof node === 'string') return node;
  return (node?.children ?? []).map(nodeText).join('');
}

/** "Preview from X: the full story is at <a>Y</a>" with the link as a real element. */
function previewNotice(doc, article) {
  const { carrier, target, name } = previewLink(article);
  const sourceName = name ?? '';
  const MARK = '\u2063';
  const text = msg('previewNotice', [carrier ?? '', MARK]);
  const [before, after = ''] = text.split(MARK);
  const link = target ? el(doc, 'a', { href: target, rel: 'noopener noreferrer', text: sourceName }) : doc.createTextNode(sourceName);
  return el(doc, 'p', { class: 'rm-notice', role: 'note' }, [before, link, after]);
}

function header(doc, article, lang) {
  const source = [];
  if (article.siteName) source.push(article.siteName);
  if (article.aggregator && norm(article.aggregator) !== norm(article.siteName)) source.push(msg('via', [article.aggregator]));
  const meta = [];
  if (article.byline) meta.push(el(doc, 'span', { class: 'rm-byline', text: article.byline }));
  if (article.publishedTime) {
    meta.push(el(doc, 'span', { lang, dir: uiDirection() }, [el(doc, 'time', { datetime: article.publishedTime, text: formatDate(article.publishedTime, lang) })]));
  }
  // Date and minutes are in the browser's language: isolated, so they read right in any article.
  if (article.readingMinutes) meta.push(el(doc, 'span', { class: 'rm-minutes', lang, dir: uiDirection(), text: msg('minutes', [String(article.readingMinutes)]) }));
  return el(doc, 'header', { class: 'rm-head' }, [
    source.length ? el(doc, 'p', { class: 'rm-source', text: source.join(' · ') }) : null,
    el(doc, 'h1', { class: 'rm-title', id: 'rm-title', tabindex: '-1', text: article.title || doc.title || hostname(article.url) }),
    meta.length ? el(doc, 'p', { class: 'rm-meta' }, meta.flatMap((m, i) => (i ? [el(doc, 'span', { class: 'rm-sep', 'aria-hidden': 'true', text: '·' }), m] : [m]))) : null,
    article.isPreview ? previewNotice(doc, article) : null,
  ]);
}

export class ReadingView {
  /**
   * @param doc      the page's document
   * @param outcome  what the engine returned ({article, ms, engine, ...})
   * @param settings the stored settings
   * @param hooks    {close(), markdown(article) => Promise<string>}
   * @param site     {site: the page's hostname ('' when not a web page), always: is it listed}
   */
  constructor(doc, outcome, settings, hooks, site = { site: '', always: false }) {
    this.doc = doc;
    this.article = outcome.article;
    this.hooks = hooks;
    this.settings = { ...settings };
    this.site = site;
    const { host, shadow } = createHost(doc);
    this.host = host;
    this.shadow = shadow;
    this.speaker = new Speaker((s) => this.speechState(s));
    this.build(outcome);
    this.apply();
    const offSettings = onSettingsChanged((s) => {
      this.settings = s;
      this.apply();
    });
    const offSites = onSitesChanged((sites) => {
      this.site.always = sites.includes(this.site.site);
      this.apply();
    });
    this.unsubscribe = () => {
      offSettings();
      offSites();
    };
    this.onKey = (e) => this.key(e);
    shadow.addEventListener('keydown', this.onKey);
    // Keys typed in the view are the view's: keep page shortcuts from acting on them.
    for (const type of ['keydown', 'keyup', 'keypress']) host.addEventListener(type, (e) => e.stopPropagation());
  }

  build(outcome) {
    const doc = this.doc;
    const a = this.article;
    const lang = uiLanguage();

    // `icon`: a character, or a class for an icon drawn in CSS ({draw: 'copy'} → .rm-icon-copy).
    const btn = (label, icon, onClick, extra = {}) => {
      const b = el(doc, 'button', { type: 'button', class: 'rm-btn', ...extra }, [
        typeof icon === 'string' ? el(doc, 'span', { class: 'rm-icon', 'aria-hidden': 'true', text: icon }) : null,
        icon?.draw ? el(doc, 'span', { class: `rm-icon rm-icon-${icon.draw}`, 'aria-hidden': 'true' }) : null,
        el(doc, 'span', { class: 'rm-label', text: label }),
      ]);
      b.addEventListener('click', onClick);
      return b;
    };

    this.closeBtn = btn(msg('closeShort'), '×', () => this.hooks.close(), { 'aria-label': msg('close'), title: msg('close') });
    this.settingsBtn = btn('Aa', null, () => this.togglePanel(), { 'aria-expanded': 'false', 'aria-controls': 'rm-panel', 'aria-label': msg('settings'), title: msg('settings') });
    this.listenBtn = btn(msg('listen'), '▶', () => this.listen(), { disabled: !this.speaker.available, title: this.speaker.available ? msg('listen') : msg('speechUnavailable') });
    this.stopBtn = btn(msg('stop'), '■', () => this.speaker.stop(), { hidden: true });
    const mdBtn = btn(msg('exportMarkdown'), '↓', () => this.exportMarkdown(), { class: 'rm-btn rm-md-save', title: msg('exportMarkdownLabel'), 'aria-label': msg('exportMarkdownLabel') });
    this.copyBtn = btn(msg('copyMarkdown'), { draw: 'copy' }, () => this.copyMarkdown(), {
      class: 'rm-btn rm-md-copy', title: msg('copyMarkdownLabel'), 'aria-label': msg('copyMarkdownLabel'), 'aria-describedby': 'rm-copy-status',
    });
    const printBtn = btn(msg('print'), null, () => this.doc.defaultView.print(), {});

    const bar = el(doc, 'div', { class: 'rm-bar', role: 'toolbar', 'aria-label': msg('controlsLabel') }, [
      this.closeBtn, el(doc, 'span', { class: 'rm-spacer' }), this.settingsBtn, this.listenBtn, this.stopBtn,
      // Save and copy side by side, drawn as one control: the same Markdown, two ways out.
      el(doc, 'span', { class: 'rm-md' }, [mdBtn, this.copyBtn]), printBtn,
    ]);

    this.panel = this.buildPanel();
    this.copyCard = this.buildCopyCard();
    const chrome = el(doc, 'header', { class: 'rm-chrome', lang, 'aria-label': msg('controlsLabel') }, [bar, this.panel, this.copyCard]);

    const body = el(doc, 'div', { class: 'rm-body' });
    let content = Array.isArray(a.content) ? a.content : [];
    // The title is in the header; a leading heading that repeats it goes.
    const first = content.find((n) => typeof n !== 'string' || n.trim());
    if (first && typeof first === 'object' && /^h[1-3]$/.test(first.tag) && norm(nodeText(first)) === norm(a.title)) {
      content = content.filter((n) => n !== first);
    }
    body.appendChild(buildContent(content, doc, { scroller: this.host }));

    this.articleEl = el(doc, 'article', { class: 'rm-article', lang: a.lang || undefined, dir: a.dir || undefined, 'aria-labelledby': 'rm-title' }, [
      header(doc, a, lang), body,
    ]);
    const original = safeUrl(a.url);
    const removed = removalsSection(doc, el, a, {
      pageUrl: doc.URL,
      engineVersion: outcome.version,
      extensionVersion: api.runtime.getManifest?.().version,
    });
    const foot = el(doc, 'footer', { class: 'rm-foot', lang }, [
      removed,
      original ? el(doc, 'p', {}, [el(doc, 'a', { href: original, rel: 'noopener noreferrer', text: original })]) : null,
      el(doc, 'p', { class: 'rm-engine', text: `Readmode · ${Number(outcome.ms || 0).toFixed(1)} ms · ${outcome.engine ?? ''}` }),
    ]);
    const main = el(doc, 'main', { class: 'rm-main', 'aria-label': msg('viewLabel') }, [this.articleEl, foot]);
    // The view's own controls follow the browser's language; the article keeps its own dir.
    this.root = el(doc, 'div', { class: 'rm', dir: uiDirection() }, [chrome, main]);
    this.shadow.appendChild(this.root);
  }

  buildPanel() {
    const doc = this.doc;
    const panel = el(doc, 'div', { class: 'rm-panel', id: 'rm-panel', hidden: true, role: 'group', 'aria-label': msg('settings') });
    const row = (label, control, id) => {
      panel.appendChild(el(doc, 'span', { id, text: label }));
      panel.appendChild(control);
    };

    // Theme: a set of toggle buttons.
    this.themeBtns = CHOICES.theme.map((t) => {
      const key = `theme${t[0].toUpperCase()}${t.slice(1)}`;
      const b = el(doc, 'button', { type: 'button', class: 'rm-btn', 'data-theme': t, 'aria-pressed': 'false' }, [
        el(doc, 'span', { class: 'rm-swatch', 'data-for': t, 'aria-hidden': 'true' }), msg(key),
      ]);
      b.addEventListener('click', () => this.change({ theme: t }));
      return b;
    });
    row(msg('theme'), el(doc, 'div', { class: 'rm-row', role: 'group', 'aria-labelledby': 'rm-l-theme' }, this.themeBtns), 'rm-l-theme');

    const select = (key, options, labelId) => {
      const s = el(doc, 'select', { 'aria-labelledby': labelId, 'data-setting': key });
      for (const [value, label] of options) s.appendChild(el(doc, 'option', { value: String(value), text: label }));
      s.addEventListener('change', () => {
        const v = CHOICES[key].find((c) => String(c) === s.value);
        if (v !== undefined) this.change({ [key]: v });
      });
      return s;
    };
    this.fontSelect = select('font', CHOICES.font.map((f) => [f, msg(FONT_LABEL[f])]), 'rm-l-font');
    row(msg('font'), this.fontSelect, 'rm-l-font');

    const stepper = (key, labelId, labelKey, format) => {
      const value = el(doc, 'span', { class: 'rm-value', 'aria-live': 'polite' });
      const step = (d) => {
        const list = CHOICES[key];
        const i = Math.max(0, list.indexOf(this.settings[key]));
        const next = list[Math.min(list.length - 1, Math.max(0, i + d))];
        if (next !== this.settings[key]) this.change({ [key]: next });
      };
      const minus = el(doc, 'button', { type: 'button', class: 'rm-btn', 'aria-label': `${msg(labelKey)}: ${msg('smaller')}`, text: '−' });
      const plus = el(doc, 'button', { type: 'button', class: 'rm-btn', 'aria-label': `${msg(labelKey)}: ${msg('larger')}`, text: '+' });
      minus.addEventListener('click', () => step(-1));
      plus.addEventListener('click', () => step(1));
      this.values[key] = [value, format];
      return el(doc, 'div', { class: 'rm-row', role: 'group', 'aria-labelledby': labelId }, [minus, value, plus]);
    };
    this.values = {};
    row(msg('textSize'), stepper('size', 'rm-l-size', 'textSize', (v) => `${v}px`), 'rm-l-size');
    row(msg('lineHeight'), stepper('lineHeight', 'rm-l-lh', 'lineHeight', (v) => v.toFixed(1)), 'rm-l-lh');
    row(msg('width'), stepper('width', 'rm-l-width', 'width', (v) => `${v}em`), 'rm-l-width');

    // This site's pages open in the reading view by themselves (listed on the options page too).
    if (this.site.site) {
      this.alwaysBox = el(doc, 'input', { type: 'checkbox', id: 'rm-always', 'data-setting': 'always' });
      this.alwaysBox.addEventListener('change', () => {
        this.site.always = this.alwaysBox.checked;
        setSite(this.site.site, this.alwaysBox.checked);
      });
      panel.appendChild(el(doc, 'label', { class: 'rm-always', for: 'rm-always' }, [
        this.alwaysBox, el(doc, 'span', { text: msg('alwaysOpenSite', [this.site.site]) }),
      ]));
    }
    return panel;
  }

  /**
   * Under the toolbar, at its end: "Markdown copied" (announced), or, when the clipboard is
   * refused, that message with the Markdown selected in a read-only field and a "Hide" button.
   * Empty and unseen otherwise; the status element stays in the tree so announcements reach it.
   */
  buildCopyCard() {
    const doc = this.doc;
    const status = el(doc, 'p', { class: 'rm-copy-status', id: 'rm-copy-status', role: 'status' });
    const hide = el(doc, 'button', { type: 'button', class: 'rm-btn rm-copy-hide', text: msg('copyHide') });
    const card = el(doc, 'div', { class: 'rm-copy' }, [status, hide]);
    this.copier = clipboardCopier(doc, el, {
      status, copied: 'markdownCopied', refused: 'markdownRefused', fieldLabel: 'markdownFieldLabel',
      fieldClass: 'rm-copy-fallback', rows: 12, place: (field) => card.insertBefore(field, hide),
      onState: (state) => {
        if (state) card.dataset.state = state;
        else delete card.dataset.state;
      },
    });
    hide.addEventListener('click', () => this.hideCopyCard());
    return card;
  }

  hideCopyCard() {
    this.copier.clear();
    this.copyBtn.focus();
  }

  /** Applies this.settings to the DOM. */
  apply() {
    const s = this.settings;
    this.root.dataset.theme = s.theme;
    this.root.dataset.font = s.font;
    if (s.font === 'dyslexic') {
      loadDyslexicFont(this.doc).then((ok) => {
        if (this.root) this.root.dataset.fontLoaded = String(ok);
      });
    }
    if (this.alwaysBox) this.alwaysBox.checked = !!this.site.always;
    this.root.style.setProperty('--size', `${s.size}px`);
    this.root.style.setProperty('--lh', String(s.lineHeight));
    this.root.style.setProperty('--width', `${s.width}em`);
    for (const b of this.themeBtns) b.setAttribute('aria-pressed', String(b.dataset.theme === s.theme));
    this.fontSelect.value = s.font;
    for (const [key, [span, format]] of Object.entries(this.values)) span.textContent = format(s[key]);
  }

  change(patch) {
    this.settings = { ...this.settings, ...patch };
    this.apply();
    saveSettings(patch);
  }

  togglePanel(force) {
    const open = force ?? this.panel.hidden;
    this.panel.hidden = !open;
    this.settingsBtn.setAttribute('aria-expanded', String(open));
    if (open) this.themeBtns.find((b) => b.getAttribute('aria-pressed') === 'true')?.focus();
  }

  key(e) {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    if (this.copyCard.dataset.state === 'refused') {
      this.hideCopyCard();
    } else if (!this.panel.hidden) {
      this.togglePanel(false);
      this.settingsBtn.focus();
    } else {
      this.hooks.close();
    }
  }

  listen() {
    const s = this.speaker;
    if (s.state === 'speaking') s.pause();
    else if (s.state === 'paused') s.resume();
    else s.speak(`${this.article.title}\n\n${this.article.textContent}`, this.article.lang);
  }

  speechState(state) {
    if (!this.listenBtn) return;
    const [icon, label] = state === 'speaking' ? ['❚❚', msg('pause')] : state === 'paused' ? ['▶', msg('resume')] : ['▶', msg('listen')];
    this.listenBtn.querySelector('.rm-icon').textContent = icon;
    this.listenBtn.querySelector('.rm-label').textContent = label;
    this.stopBtn.hidden = state === 'idle';
  }

  /** The article as Markdown, asked of the engine once: the article does not change while the view is open. */
  async markdownText() {
    this.markdown ??= this.hooks.markdown(this.article);
    try {
      return await this.markdown;
    } catch (err) {
      this.markdown = null;
      throw err;
    }
  }

  async exportMarkdown() {
    const md = await this.markdownText();
    const name = `${(this.article.title || 'article').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'article'}.md`;
    const url = URL.createObjectURL(new Blob([md], { type: 'text/markdown;charset=utf-8' }));
    const a = el(this.doc, 'a', { href: url, download: name });
    this.shadow.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** The same Markdown as the download, on the clipboard (see buildCopyCard for what shows). */
  async copyMarkdown() {
    return this.copier.copy(await this.markdownText());
  }

  focus() {
    this.shadow.getElementById('rm-title')?.focus({ preventScroll: true });
  }

  destroy() {
    this.speaker.stop();
    this.unsubscribe();
    this.host.remove();
  }
}

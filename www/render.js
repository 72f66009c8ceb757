// Builds the engine's Article into DOM nodes for the demo, with createElement/textContent only.

// NOTE: the content tree is built by the reading view's own builder (extension/src/view/
// content-dom.js, copied beside this file by build.sh), so the demo shows what the view shows.
import { buildContent, previewLink } from './content-dom.js';

function el(tag, props = {}, children = []) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null) continue;
    if (k === 'text') e.textContent = v;
    else if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/**
 * The content, its links opening beside the demo rather than inside it; video and audio become
 * links, as the demo's policy loads no media or frames from other sites.
 */
function body(content) {
  const frag = buildContent(content, document, { embeds: false });
  for (const a of frag.querySelectorAll('a[href]')) a.setAttribute('target', '_blank');
  return frag;
}

/** The whole article: source line, title, byline/date/minutes, preview notice, body. */
export function buildArticle(a) {
  const source = [a.siteName, a.aggregator && a.aggregator !== a.siteName ? `via ${a.aggregator}` : null].filter(Boolean).join(' · ');
  const date = a.publishedTime && !Number.isNaN(Date.parse(a.publishedTime))
    ? new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(new Date(a.publishedTime))
    : a.publishedTime;
  const meta = [a.byline, date, a.readingMinutes ? `${a.readingMinutes} min read` : null].filter(Boolean).join(' · ');
  let notice = null;
  if (a.isPreview) {
    // Named for where it goes (see previewLink, shared with the extension's view).
    const { carrier, target, name } = previewLink(a);
    notice = el('p', { class: 'notice', role: 'note' }, [
      `Preview from ${carrier ?? 'this page'}: the full story is at `,
      target ? el('a', { href: target, rel: 'noopener noreferrer', target: '_blank', text: name ?? target }) : name ?? 'the source',
    ]);
  }
  return el('article', { lang: a.lang || undefined, dir: a.dir || undefined }, [
    source ? el('p', { class: 'source-line', text: source }) : null,
    el('h1', { class: 'title', text: a.title || '(untitled)' }),
    meta ? el('p', { class: 'meta', text: meta }) : null,
    notice,
    el('div', { class: 'body' }, [body(a.content)]),
  ]);
}

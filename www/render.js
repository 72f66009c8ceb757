// Builds the engine's Article into DOM nodes for the demo, with createElement/textContent only.
// The engine allowlists tags and attributes already; this checks again: no event handlers, no
// styles, only http(s)/mailto links and http(s)/data-image sources, active tags dropped.

const KEEP = new Set(('p h1 h2 h3 h4 h5 h6 blockquote pre code ul ol li dl dt dd figure figcaption img picture source a em strong b i u s ' +
  'sub sup small mark q cite abbr time br hr wbr table thead tbody tfoot tr th td caption colgroup col span div section aside ' +
  'details summary kbd samp var del ins bdi bdo data').split(' '));
const DROP = new Set('script style iframe frame object embed link meta base template form input button select textarea svg math noscript video audio canvas'.split(' '));
const ATTRS = new Set('href src srcset alt title width height colspan rowspan headers scope lang dir datetime cite start reversed type value sizes media open abbr'.split(' '));

export function safeUrl(value, image = false) {
  let u;
  try {
    u = new URL(String(value).trim());
  } catch {
    return null;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  if (!image && u.protocol === 'mailto:') return u.href;
  if (image && /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(u.href)) return u.href;
  return null;
}

function setAttrs(el, tag, attrs) {
  for (const pair of Array.isArray(attrs) ? attrs : []) {
    const name = String(pair?.[0] ?? '').toLowerCase();
    let value = String(pair?.[1] ?? '');
    if (!ATTRS.has(name)) continue;
    if (name === 'href' || name === 'src' || name === 'cite') {
      value = safeUrl(value, tag === 'img' && name === 'src');
      if (!value) continue;
    } else if (name === 'srcset') {
      value = value.split(/,\s+/).map((c) => c.trim().split(/\s+/)).filter(([u]) => u && safeUrl(u, true)).map((p) => p.join(' ')).join(', ');
      if (!value) continue;
    }
    el.setAttribute(name, value);
  }
  if (tag === 'a') {
    el.setAttribute('rel', 'noopener noreferrer');
    el.setAttribute('target', '_blank');
  }
  if (tag === 'img') {
    el.setAttribute('loading', 'lazy');
    el.setAttribute('referrerpolicy', 'no-referrer');
    if (!el.hasAttribute('alt')) el.setAttribute('alt', '');
  }
}

/** The content tree as a DocumentFragment (iterative: deep trees cannot overflow the stack). */
export function buildContent(nodes) {
  const frag = document.createDocumentFragment();
  const stack = [[Array.isArray(nodes) ? nodes : [], 0, frag]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top[1] >= top[0].length) {
      stack.pop();
      continue;
    }
    const node = top[0][top[1]++];
    if (typeof node === 'string') {
      top[2].appendChild(document.createTextNode(node));
      continue;
    }
    if (!node || typeof node.tag !== 'string') continue;
    let tag = node.tag.toLowerCase();
    if (DROP.has(tag) || !/^[a-z][a-z0-9]*$/.test(tag)) continue;
    if (!KEEP.has(tag)) tag = 'div';
    const el = document.createElement(tag);
    setAttrs(el, tag, node.attrs);
    top[2].appendChild(el);
    if (Array.isArray(node.children) && node.children.length) stack.push([node.children, 0, el]);
  }
  return frag;
}

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

const host = (u) => {
  try {
    return new URL(u).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
};

/** The whole article: source line, title, byline/date/minutes, preview notice, body. */
export function buildArticle(a) {
  const source = [a.siteName, a.aggregator && a.aggregator !== a.siteName ? `via ${a.aggregator}` : null].filter(Boolean).join(' · ');
  const date = a.publishedTime && !Number.isNaN(Date.parse(a.publishedTime))
    ? new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(new Date(a.publishedTime))
    : a.publishedTime;
  const meta = [a.byline, date, a.readingMinutes ? `${a.readingMinutes} min read` : null].filter(Boolean).join(' · ');
  let notice = null;
  if (a.isPreview) {
    const target = safeUrl(a.sourceUrl) || safeUrl(a.url);
    const carrier = a.aggregator || a.siteName || host(a.url) || 'this page';
    const name = (a.aggregator && a.siteName) || host(target) || target || 'the source';
    notice = el('p', { class: 'notice', role: 'note' }, [
      `Preview from ${carrier}: the full story is at `,
      target ? el('a', { href: target, rel: 'noopener noreferrer', target: '_blank', text: name }) : name,
    ]);
  }
  return el('article', { lang: a.lang || undefined, dir: a.dir || undefined }, [
    source ? el('p', { class: 'source-line', text: source }) : null,
    el('h1', { class: 'title', text: a.title || '(untitled)' }),
    meta ? el('p', { class: 'meta', text: meta }) : null,
    notice,
    el('div', { class: 'body' }, [buildContent(a.content)]),
  ]);
}

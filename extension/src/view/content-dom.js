// Turns the engine's content tree into DOM nodes with createElement/textContent only.
//
// The engine already allowlists tags and attributes; this is the second line of defence:
// unknown or active tags become <div>/<span> (or are dropped with their subtree), event-handler
// and style attributes are never set, and URLs must be http(s), mailto or an image data URL.

/** Tags the view builds as themselves. */
const TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'figure', 'figcaption', 'img', 'picture', 'source', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup',
  'small', 'mark', 'q', 'cite', 'abbr', 'time', 'br', 'hr', 'wbr', 'table', 'thead', 'tbody', 'tfoot', 'tr',
  'th', 'td', 'caption', 'colgroup', 'col', 'span', 'div', 'section', 'aside', 'details', 'summary', 'kbd',
  'samp', 'var', 'del', 'ins', 'bdi', 'bdo', 'data',
]);

/** Tags whose subtree never enters the view. */
const DROP = new Set(['script', 'style', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base', 'template',
  'form', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'noscript', 'video', 'audio', 'canvas']);

/** Landmark tags from the page become plain containers: the view has its own landmarks. */
const RENAME = { article: 'div', main: 'div', header: 'div', footer: 'div', nav: 'div', aside: 'aside' };

const ATTRS = new Set(['href', 'src', 'srcset', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'headers',
  'scope', 'lang', 'dir', 'datetime', 'cite', 'start', 'reversed', 'type', 'value', 'sizes', 'media', 'open', 'abbr']);
const URL_ATTRS = new Set(['href', 'src', 'cite']);

/** The URL when it is safe to put in the view, else null. */
export function safeUrl(value, { image = false } = {}) {
  let u;
  try {
    u = new URL(String(value).trim());
  } catch {
    return null;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  if (u.protocol === 'mailto:' && !image) return u.href;
  if (u.protocol === 'data:' && image && /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(u.href)) return u.href;
  return null;
}

function safeSrcset(value) {
  const parts = [];
  for (const candidate of String(value).split(/,\s+/)) {
    const [url, ...descriptor] = candidate.trim().split(/\s+/);
    const ok = url && safeUrl(url, { image: true });
    if (ok) parts.push([ok, ...descriptor].join(' '));
  }
  return parts.length ? parts.join(', ') : null;
}

function setAttributes(el, tag, attrs) {
  for (const pair of attrs ?? []) {
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const name = String(pair[0]).toLowerCase();
    let value = String(pair[1]);
    if (!ATTRS.has(name) || name.startsWith('on')) continue;
    if (URL_ATTRS.has(name)) {
      value = safeUrl(value, { image: tag === 'img' && name === 'src' });
      if (value === null) continue;
    } else if (name === 'srcset') {
      value = safeSrcset(value);
      if (value === null) continue;
    }
    el.setAttribute(name, value);
  }
  if (tag === 'a' && el.hasAttribute('href')) el.setAttribute('rel', 'noopener noreferrer');
  if (tag === 'img') {
    el.setAttribute('loading', 'lazy');
    el.setAttribute('decoding', 'async');
    el.setAttribute('referrerpolicy', 'no-referrer');
    if (!el.hasAttribute('alt')) el.setAttribute('alt', '');
  }
}

/**
 * Builds `nodes` (strings and {tag, attrs, children}) into a DocumentFragment of `doc`.
 * Iterative, so a deeply nested page cannot overflow the stack.
 */
export function buildContent(nodes, doc) {
  const frag = doc.createDocumentFragment();
  const stack = [[Array.isArray(nodes) ? nodes : [], 0, frag]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [list, i, parent] = top;
    if (i >= list.length) {
      stack.pop();
      continue;
    }
    top[1] = i + 1;
    const node = list[i];
    if (typeof node === 'string') {
      parent.appendChild(doc.createTextNode(node));
      continue;
    }
    if (!node || typeof node !== 'object' || typeof node.tag !== 'string') continue;
    let tag = node.tag.toLowerCase();
    if (DROP.has(tag) || !/^[a-z][a-z0-9]*$/.test(tag)) continue;
    tag = RENAME[tag] ?? tag;
    if (!TAGS.has(tag)) tag = 'div';
    const el = doc.createElement(tag);
    setAttributes(el, tag, node.attrs);
    parent.appendChild(el);
    if (Array.isArray(node.children) && node.children.length) stack.push([node.children, 0, el]);
  }
  return frag;
}

// Turns the engine's content tree into DOM nodes with createElement/textContent only.
//
// The engine already allowlists tags and attributes; this is the second line of defence:
// unknown or active tags become <div>/<span> (or are dropped with their subtree), event-handler
// and style attributes are never set, and URLs must be http(s), a link's mailto or an image
// data URL.

/** Tags the view builds as themselves. */
const TAGS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'figure', 'figcaption', 'img', 'picture', 'source', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup',
  'small', 'mark', 'q', 'cite', 'abbr', 'time', 'br', 'hr', 'wbr', 'table', 'thead', 'tbody', 'tfoot', 'tr',
  'th', 'td', 'caption', 'colgroup', 'col', 'span', 'div', 'section', 'aside', 'details', 'summary', 'kbd',
  'samp', 'var', 'del', 'ins', 'bdi', 'bdo', 'data',
]);

/** Tags whose subtree never enters the view. */
const DROP = new Set(['script', 'style', 'frame', 'object', 'embed', 'link', 'meta', 'base', 'template',
  'form', 'input', 'button', 'select', 'textarea', 'svg', 'noscript', 'canvas']);

/**
 * Hosts whose players may be embedded (an <iframe> the engine kept as a video).
 * NOTE: the engine's clean.rs keeps iframes from the same hosts (VIDEO_HOSTS); this is the second
 * line of defence, as for every other tag here.
 */
const VIDEO_HOSTS = ['youtube.com', 'youtube-nocookie.com', 'youtu.be', 'player.vimeo.com', 'vimeo.com',
  'dailymotion.com', 'player.twitch.tv', 'archive.org', 'player.bilibili.com', 'ted.com'];

/** MathML elements the view builds in the MathML namespace, and the attributes they keep. */
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const MATH_TAGS = new Set(['math', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'mrow', 'mfrac', 'msqrt', 'mroot',
  'msub', 'msup', 'msubsup', 'munder', 'mover', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle', 'mpadded',
  'mphantom', 'menclose', 'semantics', 'annotation', 'mmultiscripts', 'mprescripts', 'none']);
const MATH_ATTRS = new Set(['display', 'mathvariant', 'stretchy', 'fence', 'separator', 'accent', 'linethickness',
  'dir', 'lang']);

/** Landmark tags from the page become plain containers: the view has its own landmarks. */
const RENAME = { article: 'div', main: 'div', header: 'div', footer: 'div', nav: 'div', aside: 'aside' };

const ATTRS = new Set(['href', 'src', 'srcset', 'alt', 'title', 'width', 'height', 'colspan', 'rowspan', 'headers',
  'scope', 'lang', 'dir', 'datetime', 'cite', 'start', 'reversed', 'type', 'value', 'sizes', 'media', 'open', 'abbr']);
const URL_ATTRS = new Set(['href', 'src', 'cite']);

/**
 * The URL when it is safe to put in the view, else null: http(s); with `image`, an image data URL
 * too; with `mail` (a link's href), a mailto. A picture, a player or a source link never loads or
 * names a mail address.
 */
export function safeUrl(value, { image = false, mail = false } = {}) {
  let u;
  try {
    u = new URL(String(value).trim());
  } catch {
    return null;
  }
  if (u.protocol === 'http:' || u.protocol === 'https:') return u.href;
  if (u.protocol === 'mailto:' && mail) return u.href;
  if (u.protocol === 'data:' && image && /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(u.href)) return u.href;
  return null;
}

/** The host of `url` without "www.", or '' when it is not a URL. */
export function hostname(url) {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * What a preview's notice links to, the same in the view and the demo: who carries the preview
 * (`carrier`), the link's `target` (the source, else the page itself) and its `name`, the
 * publication's only on a link to the source, else the target's site (a link to the page itself
 * named for the publication would send the reader back where they are). Each is null when the
 * article gives nothing for it.
 */
export function previewLink(article) {
  const source = safeUrl(article.sourceUrl);
  const target = source ?? safeUrl(article.url);
  return {
    carrier: article.aggregator || article.siteName || hostname(article.url) || hostname(target) || null,
    target,
    name: (source && article.aggregator && article.siteName) || hostname(target) || target || null,
  };
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
      value = safeUrl(value, { image: tag === 'img' && name === 'src', mail: tag === 'a' && name === 'href' });
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

/** The value of attribute `name` in `attrs` ([name, value] pairs), or null. */
function attrOf(attrs, name) {
  for (const pair of Array.isArray(attrs) ? attrs : []) {
    if (Array.isArray(pair) && pair.length === 2 && String(pair[0]).toLowerCase() === name) return String(pair[1]);
  }
  return null;
}

/** An https URL of a video host's player, or null. */
function playerUrl(value) {
  const url = safeUrl(value ?? '');
  if (!url) return null;
  const u = new URL(url);
  const host = u.hostname.toLowerCase();
  const known = VIDEO_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  return u.protocol === 'https:' && known ? url : null;
}

/**
 * `frame` (a player's iframe), or, given the element the content scrolls in, a placeholder of
 * the player's shape that `frame` replaces once it comes within a screen's height of being seen
 * there.
 * NOTE: an iframe in a document is a frame, made as it is inserted even with loading="lazy":
 * about 2 ms each in Chromium, and 21 players (videos-1) made an opening 35 to 50 ms longer.
 * The scroller is the observer's root: a margin around the window would not reach past the
 * edge of the scroller the content is clipped by.
 */
function whenNear(frame, doc, scroller) {
  // A document that shows nothing (the view's warm-up) never loads the frame anyway.
  if (!scroller || !doc.defaultView || typeof IntersectionObserver !== 'function') return frame;
  const slot = doc.createElement('div');
  slot.className = 'rm-player rm-player-slot';
  const seen = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    seen.disconnect();
    slot.replaceWith(frame);
  }, { root: scroller, rootMargin: '100% 0px' });
  seen.observe(slot);
  return slot;
}

/**
 * A player for a kept <video>, <audio> or video <iframe>: never autoplaying, with the browser's
 * own controls, loading nothing heavy until asked; the iframe sandboxed. Where `embeds` is false
 * (a page whose policy forbids media and frames, like the demo), a link to the media instead.
 * Null when the URL is not one the view may load.
 */
function media(tag, attrs, doc, embeds, scroller) {
  let src = tag === 'iframe' ? playerUrl(attrOf(attrs, 'src')) : safeUrl(attrOf(attrs, 'src') ?? '');
  if (!embeds) {
    if (!src) return null;
    const p = doc.createElement('p');
    p.className = 'rm-media';
    const a = doc.createElement('a');
    a.href = src;
    a.rel = 'noopener noreferrer';
    a.textContent = `${tag === 'audio' ? 'Audio' : 'Video'}: ${new URL(src).hostname}`;
    p.appendChild(a);
    return p;
  }
  const el = doc.createElement(tag);
  if (tag === 'iframe') {
    if (!src) return null;
    el.setAttribute('src', src);
    el.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
    el.setAttribute('allow', 'fullscreen; picture-in-picture; encrypted-media');
    el.setAttribute('allowfullscreen', '');
    el.setAttribute('loading', 'lazy');
    el.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    el.setAttribute('title', 'Embedded video');
    el.className = 'rm-player';
    return whenNear(el, doc, scroller);
  }
  if (src) el.setAttribute('src', src);
  if (tag === 'video') {
    const poster = safeUrl(attrOf(attrs, 'poster') ?? '', { image: true });
    if (poster) el.setAttribute('poster', poster);
    // Its shape before the file says it (the width comes from the view's stylesheet).
    for (const name of ['width', 'height']) {
      const v = attrOf(attrs, name);
      if (v !== null && /^\d{1,5}$/.test(v.trim())) el.setAttribute(name, v.trim());
    }
  }
  el.setAttribute('controls', '');
  el.setAttribute('preload', 'metadata');
  if (tag === 'video') el.setAttribute('playsinline', '');
  return el;
}

/** A MathML element with its allowlisted attributes; null for a tag MathML does not keep. */
function mathElement(tag, attrs, doc) {
  if (!MATH_TAGS.has(tag)) return null;
  const el = doc.createElementNS(MATHML_NS, tag);
  for (const pair of Array.isArray(attrs) ? attrs : []) {
    if (!Array.isArray(pair) || pair.length !== 2) continue;
    const name = String(pair[0]).toLowerCase();
    if (MATH_ATTRS.has(name)) el.setAttribute(name, String(pair[1]));
  }
  return el;
}

// Elements that sit in a line of text.
const INLINE = new Set(['a', 'span', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'small', 'code', 'mark', 'abbr', 'cite', 'q']);
const WORD = /\S/;

/**
 * Whether the node being built (the last one taken from the top of `stack`) stands in a line of
 * text: a word beside it, or beside the inline element around it ("of a matrix <img> is denoted
 * by", a formula's picture; an emoji's). Such a picture stays in the line; one alone in its
 * block is shown as a block.
 * NOTE: whether a level's nodes hold a word is found once per level (its fifth slot), so a block
 * of many pictures is read once, not once per picture.
 */
function inRunOfText(stack) {
  for (let level = stack.length - 1; level >= 1; level--) {
    const entry = stack[level];
    if (entry[4] === undefined) entry[4] = entry[0].some((n) => typeof n === 'string' && WORD.test(n));
    if (entry[4]) return true;
    if (!INLINE.has(entry[2].localName)) return false;
  }
  return false;
}

/**
 * Builds `nodes` (strings and {tag, attrs, children}) into a DocumentFragment of `doc`.
 * Iterative, so a deeply nested page cannot overflow the stack. `embeds`: whether video and
 * audio play in place (true) or become links (false). `scroller`: the element the content will
 * scroll in, if any; players of video hosts are then put in place as the reader nears them.
 */
export function buildContent(nodes, doc, { embeds = true, scroller = null } = {}) {
  const frag = doc.createDocumentFragment();
  // Per level: the nodes, the next index, the parent, whether it is inside <math>, and (once
  // asked, see inRunOfText) whether the nodes hold a word.
  const stack = [[Array.isArray(nodes) ? nodes : [], 0, frag, false]];
  while (stack.length) {
    const top = stack[stack.length - 1];
    const [list, i, parent, inMath] = top;
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
    let el;
    let children = Array.isArray(node.children) ? node.children : [];
    if (inMath || tag === 'math') {
      el = mathElement(tag, node.attrs, doc);
      if (!el) continue;
    } else if (tag === 'video' || tag === 'audio' || tag === 'iframe') {
      el = media(tag, node.attrs, doc, embeds, scroller);
      if (!el) continue;
      // A player keeps its <source> children only; a frame or a link keeps none.
      children = el.localName === tag && tag !== 'iframe' ? children.filter((c) => c?.tag === 'source') : [];
    } else {
      tag = RENAME[tag] ?? tag;
      if (!TAGS.has(tag)) tag = 'div';
      el = doc.createElement(tag);
      setAttributes(el, tag, node.attrs);
      if (tag === 'img' && inRunOfText(stack)) el.classList.add('rm-inline');
    }
    parent.appendChild(el);
    if (children.length) stack.push([children, 0, el, inMath || tag === 'math']);
  }
  return frag;
}

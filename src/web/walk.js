// The live-DOM walk, JS half: one pass over a document that packs what the arena needs into
// two strings and one Int32Array, so the walk crosses into wasm once instead of once per node
// and per attribute (see live.rs, which unpacks it).
//
//   document ─► walk() ─► Packed { text: the strings, one after another,
//                                  wide: the attribute values and texts that hold a character
//                                        above U+00FF, one after another,
//                                  ops:  what to build, with each string's length in UTF-16
//                                        units, negated for a string in `wide` }
//
// live.rs takes both strings as UTF-8 through encodeInto.
//
// ops, per node in document order:
//   OPEN  flags ns nameLen attrCount (nameLen valueLen)*   an element; its children follow
//   CLOSE                                                 the end of the open element
//   TEXT  len                                             a text (or CDATA) node
// flags bit 1: the browser renders no box for it and its display is none, while its parent
// renders (checked only on a rendered page, in the body; see live.rs).
//
// NOTE: why two strings. V8 keeps a string of Latin-1 characters one byte per character, and
// one with any other character two bytes per character; joining them makes the whole page two
// bytes wide, and encodeInto turns two-byte text into UTF-8 several times slower per byte
// (about 4.5 ns a byte against 1.5 in Chromium). One curly quote made most pages two-byte;
// with the wide strings apart, `text` stays one-byte on 128 of Mozilla's 129 test pages and
// `wide` is a tenth of the bytes. Names are not tested (nearly always ASCII); a wide one in
// `text` only makes it slower.
//
// Visibility is settled bottom-up, so most elements are never asked: an element with a child
// that renders a box renders too (nothing under display:none does), so only elements none of
// whose children render are asked, leaves mostly. An element that renders nothing waits, with
// the ones under it, until an ancestor turns out to render; only then is its display read, to
// tell display:none from display:contents. Same flags as asking every element top-down, but
// for empty elements that show nothing of their own (see ASK_EMPTY), which are not asked at
// all. On Mozilla's test pages: 46.6k checkVisibility calls instead of 88k.
//
// NOTE: skipping the rest of a hidden subtree once its top is found (climbing from the first
// element without a box, asking the ancestors until one has a box) saved a tenth of the
// questions on Mozilla's test pages (46.6k to 42.1k, same flags) and no time: whole reads
// summed over the pages 337.5 ms against 337.9, within 3% either way per page (bench/browser.mjs
// --against). Elements without a box answer quickly; the questions that cost find a box.
//
// NOTE: the questions are asked after the walk, in one loop over the elements it noted (see
// settle), not as the walk meets them: the same calls took about twice as long interleaved
// with the walk's own DOM reads and string building, and the walk as a whole 5 to 13% longer
// (same-page A/B on Mozilla's test pages, identical output).
//
// An <svg> is read with its attributes and its <title> children only, as the native builder
// keeps it (Document::drop_svg_content).
//
// Shadow trees: a custom element (a name with a hyphen) with a shadow root renders that tree
// instead of its children, and there each <slot> shows the children assigned to it (its own
// children when none are). The walk reads what renders: under such an element, its shadow
// tree; under a slot, what the slot shows, in the slot's order; children assigned to no slot
// are left out, as the page never shows them. Pages that build their story out of web
// components keep it there. A built-in element with a shadow root (rare: a <div> or an
// <article> may host one) is read by its children, as a page without scripts would show it.
//
// NOTE: this file reports what the browser knows; every judgement about the page is made in
// Rust. It reads each node once, keeps nothing once it returns, and never recurses.

const OPEN = 1;
const CLOSE = 2;
const TEXT = 3;
const CSS_HIDDEN = 1;
const VIEW_ROOT_ID = 'readmode-root';
// The element the view and its messages live in (view.js): their shadow trees are never read.
const VIEW_TAG = 'readmode-view';
// Namespaces as live.rs numbers them (none at all counts as HTML, as Ns::from_uri has it).
const HTML = 0;
const NS = { '': HTML, 'null': HTML, 'http://www.w3.org/1999/xhtml': HTML, 'http://www.w3.org/2000/svg': 1, 'http://www.w3.org/1998/Math/MathML': 2 };
const NS_OTHER = 3;
const SVG = 1;
const SVG_NS = 'http://www.w3.org/2000/svg';
// Visibility context of an element's children: not checked (outside the body, or no layout),
// or to check.
const UNCHECKED = 0;
const SHOWN = 1;
// Elements that never render a box of their own, or whose box carries no text: not asked.
// NOTE: asking a script or style costs a getComputedStyle too (no box, so the check goes on to
// tell display:none from display:contents), and bodies hold dozens of scripts. An <audio>
// without `controls` renders nothing by the browser's own stylesheet, not the page's: its page
// plays it from buttons of its own, which the view does not keep, so the view gives it controls.
const NOT_ASKED = new Set(['script', 'style', 'template', 'noscript', 'link', 'meta', 'base', 'title', 'source', 'track', 'param', 'br', 'wbr', 'audio']);

// Empty elements (no child nodes) that are still asked: what shows something of its own, and
// links and controls, whose labels the teaser pass reads. Any other empty element holds no
// text, so whether it renders changes nothing the engine keeps; not asking it saves about
// 8% of the walk (identical Articles on every page of Mozilla's test pages).
const ASK_EMPTY = new Set(['img', 'picture', 'video', 'iframe', 'embed', 'object', 'canvas', 'input', 'button', 'select', 'textarea', 'svg', 'math', 'hr', 'meter', 'progress', 'area', 'a']);

// Elements whose whitespace renders as written (see Document::collapse_blank_text).
const KEEPS_WHITESPACE = new Set(['pre', 'textarea', 'listing', 'plaintext', 'xmp']);
// A text node of HTML whitespace only.
const BLANK = /^[ \t\n\f\r]*$/;
// A string with a character V8 cannot keep in one byte (see the note at the top).
const WIDE = /[^\x00-\xff]/;

// Text the arena drops anyway (see Document::keeps_text, which still decides): style bodies and
// scripts other than JSON-LD, often most of a page's bytes. Erring towards keeping is harmless.
function dropsText(el, name) {
  return name === 'style' || (name === 'script' && !/ld\+json/i.test(el.getAttribute('type') || ''));
}

// The shadow root of custom element `el` (named `name`), if the walk may read it: an open
// one, or in a content script a closed one too (Firefox gives it as openOrClosedShadowRoot,
// Chrome through chrome.dom); null when there is none. `probed` counts, per name, the elements
// chrome.dom found no root on (-1: it found one).
// NOTE: chrome.dom.openOrClosedShadowRoot costs about 1.2 µs a call against 0.02 for
// shadowRoot (5,000 elements: 5.8 ms, a content script in Chromium), and pages built of
// custom elements have thousands. Elements of one name attach the same kind of root, so once
// two of a name have none, the others are not asked; their open roots are still read.
const CHROME_DOM = globalThis.chrome?.dom?.openOrClosedShadowRoot ? globalThis.chrome.dom : null;
const PROBES = 2;
function shadowOf(el, name, probed) {
  const root = el.openOrClosedShadowRoot ?? el.shadowRoot;
  if (root || CHROME_DOM === null) return root ?? null;
  const misses = probed.get(name) ?? 0;
  if (misses >= PROBES) return null;
  const closed = CHROME_DOM.openOrClosedShadowRoot(el) ?? null;
  if (misses >= 0) probed.set(name, closed ? -1 : misses + 1);
  return closed;
}

// The node after `node` among its siblings as the page renders them: the next node its slot
// shows, for a node a slot shows; else its next sibling.
function nextOf(after, node) {
  const next = after.get(node);
  return next === undefined ? node.nextSibling : next;
}

// Settles visibility once the walk is done, from what it noted of each element that may be
// asked (see Asked). Every descendant comes later in document order, so in reverse order an
// element's children are settled before it: it is asked only if none of them has a box. Then
// each element without a box whose nearest asked ancestor has one (or that has none) is hidden
// if its display is none; if not (display: contents with nothing rendered under it), the
// elements without a box right under it are looked at in turn. Time linear in the entries,
// however deep the elements without a box nest.
function settle(asked, ops, win) {
  const { els, flagAt, up } = asked;
  const n = els.length;
  const boxed = new Uint8Array(n);
  for (let i = n - 1; i >= 0; i--) {
    if (boxed[i] || els[i].checkVisibility()) {
      boxed[i] = 1;
      if (up[i] >= 0) boxed[up[i]] = 1;
    }
  }
  const work = [];
  // The entries without a box right under each entry, as linked lists (first, next; -1 ends),
  // made the first time an element without a box turns out not to be display: none (rare).
  let first = null;
  let next = null;
  for (let i = 0; i < n; i++) {
    if (boxed[i] || (up[i] >= 0 && !boxed[up[i]])) continue;
    work.push(i);
    while (work.length) {
      const at = work.pop();
      if (win.getComputedStyle(els[at]).display === 'none') {
        ops[flagAt[at]] = CSS_HIDDEN;
      } else {
        if (first === null) {
          first = new Int32Array(n).fill(-1);
          next = new Int32Array(n).fill(-1);
          for (let j = n - 1; j >= 0; j--) {
            if (!boxed[j] && up[j] >= 0) {
              next[j] = first[up[j]];
              first[up[j]] = j;
            }
          }
        }
        for (let j = first[at]; j >= 0; j = next[j]) work.push(j);
      }
    }
  }
}

// The elements that may be asked whether they render, in document order: each element, the
// index of its flags in ops and the entry of the nearest such element above it (-1: none).
class Asked {
  constructor() {
    this.els = [];
    this.flagAt = [];
    this.up = [];
  }

  // Notes `el`; returns its entry.
  add(el, flagAt, up) {
    this.els.push(el);
    this.flagAt.push(flagAt);
    this.up.push(up);
    return this.els.length - 1;
  }
}

export function walk(document) {
  // Only a rendered document can say what CSS hides (checkVisibility: Chrome 105, Firefox 106).
  const root = document.documentElement;
  const win = root && typeof root.checkVisibility === 'function' ? document.defaultView : null;
  // NOTE: `+=` builds a rope, flattened once on the way into wasm. An array joined at the end
  // and TextEncoder bytes measured the same or slower (two builds A/B in one page, Chromium).
  let text = '';
  let wide = '';
  const ops = [];
  // The elements to settle visibility for once the walk is done (see settle).
  const asked = new Asked();
  // Per element on the way down: the element and the state of its parent (nearest asked
  // element, namespace, dropped text, visibility context, whether it is an <svg>, whether it
  // keeps whitespace).
  const stack = [];
  let ns = HTML;
  let dropText = false;
  let ctx = UNCHECKED;
  // The entry in `asked` of the nearest asked ancestor.
  let up = -1;
  // The parent is an <svg>: only its <title> children are read (as Document::drop_svg_content
  // does natively).
  let svgRoot = false;
  // Inside an element that keeps whitespace (<pre>…); elsewhere a text node of whitespace only
  // crosses as one space, as Document::collapse_blank_text would make it.
  let keepWs = false;
  // The next node after each node a <slot> shows, in the slot's order (null after the last);
  // made at the first slot that has any (see nextOf).
  let after = null;
  // Custom element names asked about closed shadow roots (see shadowOf).
  const probed = new Map();
  let node = document.firstChild;
  while (node) {
    const type = node.nodeType;
    if (svgRoot && (type !== 1 || node.localName !== 'title' || node.namespaceURI !== SVG_NS)) {
      // Left out.
    } else if (type === 1) {
      const hasAttrs = node.hasAttributes();
      if (!hasAttrs || node.id !== VIEW_ROOT_ID) {
        const name = node.localName;
        // The HTML parser leaves the HTML namespace only at <svg> and <math>.
        const elNs = ns === HTML && name !== 'svg' && name !== 'math' ? HTML : NS[node.namespaceURI] ?? NS_OTHER;
        const isAsked = ctx === SHOWN && !NOT_ASKED.has(name);
        const flagAt = ops.length + 1;
        text += name;
        if (hasAttrs) {
          const names = node.getAttributeNames();
          const count = names.length;
          ops.push(OPEN, 0, elNs, name.length, count);
          for (let i = 0; i < count; i++) {
            const an = names[i];
            const av = node.getAttribute(an);
            ops.push(an.length);
            text += an;
            if (WIDE.test(av)) {
              ops.push(-av.length);
              wide += av;
            } else {
              ops.push(av.length);
              text += av;
            }
          }
        } else {
          ops.push(OPEN, 0, elNs, name.length, 0);
        }
        let first = node.firstChild;
        if (elNs === HTML) {
          // What renders in place of the children (see "Shadow trees" at the top).
          if (name.includes('-') && name !== VIEW_TAG) {
            const shadow = shadowOf(node, name, probed);
            if (shadow) first = shadow.firstChild;
          } else if (name === 'slot') {
            const assigned = node.assignedNodes();
            if (assigned.length) {
              after ??= new Map();
              for (let i = 0; i < assigned.length; i++) after.set(assigned[i], i + 1 < assigned.length ? assigned[i + 1] : null);
              first = assigned[0];
            }
          }
        }
        if (first) {
          stack.push(node, up, ns, dropText, ctx, svgRoot, keepWs);
          if (isAsked) up = asked.add(node, flagAt, up);
          svgRoot = elNs === SVG && name === 'svg';
          keepWs = keepWs || (elNs === HTML && KEEPS_WHITESPACE.has(name));
          ns = elNs;
          dropText = elNs === HTML && dropsText(node, name);
          if (ctx === UNCHECKED && win !== null && elNs === HTML && name === 'body') ctx = SHOWN;
          node = first;
          continue;
        }
        ops.push(CLOSE);
        if (isAsked && ASK_EMPTY.has(name)) asked.add(node, flagAt, up);
      }
    } else if ((type === 3 || type === 4) && !dropText) {
      const data = node.data;
      if (data.length) {
        // NOTE: most text nodes that start with a letter are not blank; the test is for the rest.
        if (!keepWs && data.charCodeAt(0) <= 32 && BLANK.test(data)) {
          ops.push(TEXT, 1);
          text += ' ';
        } else if (WIDE.test(data)) {
          ops.push(TEXT, -data.length);
          wide += data;
        } else {
          ops.push(TEXT, data.length);
          text += data;
        }
      }
    }
    // Next sibling, or climb until an ancestor has one.
    let next = after === null ? node.nextSibling : nextOf(after, node);
    while (!next && stack.length) {
      keepWs = stack.pop();
      svgRoot = stack.pop();
      ctx = stack.pop();
      dropText = stack.pop();
      ns = stack.pop();
      up = stack.pop();
      const el = stack.pop();
      ops.push(CLOSE);
      next = after === null ? el.nextSibling : nextOf(after, el);
    }
    node = next;
  }
  if (asked.els.length) settle(asked, ops, win);
  return new Packed(text, wide, Int32Array.from(ops));
}

// Pages parsed from HTML (the extension page's path, the demo): DOMParser leaves a declarative
// shadow tree (<template shadowrootmode>) as an inert template, where a browser loading the page
// attaches it to its parent. parsePage attaches them as that browser would, but always open:
// the document is the engine's own, and a closed tree is read as the content script and the
// native builder read one.
const SHADOW_MODES = new Set(['open', 'closed']);

// `html` as an inert document (nothing runs, nothing loads) with its declarative shadow trees
// attached.
export function parsePage(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const scopes = [doc];
  while (scopes.length) {
    for (const template of scopes.pop().querySelectorAll('template[shadowrootmode]')) {
      const host = template.parentElement;
      if (!host || host.shadowRoot || !SHADOW_MODES.has(template.getAttribute('shadowrootmode').toLowerCase())) continue;
      let shadow;
      try {
        shadow = host.attachShadow({ mode: 'open' });
      } catch {
        continue; // an element that takes no shadow root: the template stays, inert
      }
      shadow.append(template.content);
      // A parser that attaches the tree never inserts the template: the text on either side
      // of it is one text.
      const before = template.previousSibling;
      const after = template.nextSibling;
      template.remove();
      if (before?.nodeType === 3 && after?.nodeType === 3) {
        before.appendData(after.data);
        after.remove();
      }
      scopes.push(shadow);
    }
  }
  return doc;
}

const ENCODER = new TextEncoder();

// What walk() returns; live.rs reads it.
class Packed {
  constructor(text, wide, ops) {
    this.text = text;
    this.wide = wide;
    this.ops = ops;
  }

  // The length of both strings, in UTF-16 units.
  get units() {
    return this.text.length + this.wide.length;
  }

  // Writes `text` (or `wide`) as UTF-8 into `dst` (a view of wasm memory); returns the bytes
  // written.
  encodeInto(dst, wide) {
    return ENCODER.encodeInto(wide ? this.wide : this.text, dst).written;
  }
}

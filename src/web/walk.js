// The live-DOM walk, JS half: one pass over a document that packs what the arena needs into
// one string and one Int32Array, so the walk crosses into wasm once instead of once per node
// and per attribute (see live.rs, which unpacks it).
//
//   document ─► walk() ─► { text: every string, one after another,
//                           ops:  what to build, with each string's length in UTF-16 units }
//
// ops, per node in document order:
//   OPEN  flags ns nameLen attrCount (nameLen valueLen)*   an element; its children follow
//   CLOSE                                                 the end of the open element
//   TEXT  len                                             a text (or CDATA) node
// flags bit 1: the browser renders no box for it and its display is none (checked only on a
// rendered page, in the body, under elements that render; see live.rs).
//
// NOTE: this file reports what the browser knows; every judgement about the page is made in
// Rust. It reads each node once, keeps no references, and never recurses.

const OPEN = 1;
const CLOSE = 2;
const TEXT = 3;
const CSS_HIDDEN = 1;
const VIEW_ROOT_ID = 'readmode-root';
const NS = { 'http://www.w3.org/1999/xhtml': 0, 'http://www.w3.org/2000/svg': 1, 'http://www.w3.org/1998/Math/MathML': 2 };
const NS_OTHER = 3;

// Text the arena drops anyway (see Document::keeps_text, which still decides): style bodies and
// scripts other than JSON-LD, often most of a page's bytes. Erring towards keeping is harmless.
function dropsText(el) {
  if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') return false;
  const name = el.localName;
  if (name === 'style') return true;
  return name === 'script' && !/ld\+json/i.test(el.getAttribute('type') || '');
}

/// Visibility under an element's children: 0 not checked, 1 check, 2 already hidden.
const UNCHECKED = 0;
const SHOWN = 1;
const HIDDEN = 2;

function cssHidden(el, win) {
  if (typeof el.checkVisibility !== 'function' || el.checkVisibility()) return false;
  // No box can also mean display: contents, whose children render: confirm.
  return win.getComputedStyle(el).display === 'none';
}

export function walk(document) {
  const win = document.defaultView;
  // NOTE: `+=` builds a rope that is flattened once on the way into wasm; measured faster than
  // collecting the pieces in an array and joining them (bench/browser.mjs, Chromium).
  let text = '';
  const ops = [];
  // Per open element: the element, whether its text is dropped, the visibility under it.
  const stack = [];
  let dropText = false;
  let vis = UNCHECKED;
  let node = document.firstChild;
  while (node) {
    const type = node.nodeType;
    if (type === 1) {
      if (node.id !== VIEW_ROOT_ID) {
        const name = node.localName;
        const ns = NS[node.namespaceURI] ?? NS_OTHER;
        let flags = 0;
        let under = vis;
        if (win) {
          if (vis === SHOWN && name !== 'noscript' && cssHidden(node, win)) {
            flags = CSS_HIDDEN;
            under = HIDDEN;
          } else if (ns === 0 && name === 'body') {
            under = SHOWN;
          }
        }
        text += name;
        if (node.hasAttributes()) {
          const names = node.getAttributeNames();
          const count = names.length;
          ops.push(OPEN, flags, ns, name.length, count);
          for (let i = 0; i < count; i++) {
            const an = names[i];
            const av = node.getAttribute(an);
            ops.push(an.length, av.length);
            text += an;
            text += av;
          }
        } else {
          ops.push(OPEN, flags, ns, name.length, 0);
        }
        const first = node.firstChild;
        if (first) {
          stack.push(node, dropText, vis);
          dropText = dropsText(node);
          vis = under;
          node = first;
          continue;
        }
        ops.push(CLOSE);
      }
    } else if ((type === 3 || type === 4) && !dropText) {
      const data = node.data;
      if (data.length) {
        ops.push(TEXT, data.length);
        text += data;
      }
    }
    // Next sibling, or climb until an ancestor has one.
    let next = node.nextSibling;
    while (!next && stack.length) {
      vis = stack.pop();
      dropText = stack.pop();
      next = stack.pop().nextSibling;
      ops.push(CLOSE);
    }
    node = next;
  }
  return { text, ops: Int32Array.from(ops) };
}

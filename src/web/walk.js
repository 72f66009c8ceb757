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
// Rust. It reads each node once, keeps nothing once it returns, and never recurses.

const OPEN = 1;
const CLOSE = 2;
const TEXT = 3;
const CSS_HIDDEN = 1;
const VIEW_ROOT_ID = 'readmode-root';
// Namespaces as live.rs numbers them (none at all counts as HTML, as Ns::from_uri has it).
const HTML = 0;
const NS = { '': HTML, 'null': HTML, 'http://www.w3.org/1999/xhtml': HTML, 'http://www.w3.org/2000/svg': 1, 'http://www.w3.org/1998/Math/MathML': 2 };
const NS_OTHER = 3;
// Visibility under an element: not checked (outside the body, or no layout), to check, or
// already hidden (nothing under a hidden element is asked again).
const UNCHECKED = 0;
const SHOWN = 1;
const HIDDEN = 2;
// Elements that never render a box of their own, or whose box carries no text: not asked.
// NOTE: asking a script or style costs a getComputedStyle too (no box, so the check goes on to
// tell display:none from display:contents), and bodies hold dozens of scripts.
const NOT_ASKED = new Set(['script', 'style', 'template', 'noscript', 'link', 'meta', 'base', 'title', 'source', 'track', 'param', 'br', 'wbr']);

// Text the arena drops anyway (see Document::keeps_text, which still decides): style bodies and
// scripts other than JSON-LD, often most of a page's bytes. Erring towards keeping is harmless.
function dropsText(el, name) {
  return name === 'style' || (name === 'script' && !/ld\+json/i.test(el.getAttribute('type') || ''));
}

function cssHidden(el, win) {
  if (el.checkVisibility()) return false;
  // No box can also mean display: contents, whose children render: confirm.
  return win.getComputedStyle(el).display === 'none';
}

export function walk(document) {
  // Only a rendered document can say what CSS hides (checkVisibility: Chrome 105, Firefox 106).
  const root = document.documentElement;
  const win = root && typeof root.checkVisibility === 'function' ? document.defaultView : null;
  // NOTE: `+=` builds a rope, flattened once on the way into wasm. An array joined at the end
  // and TextEncoder bytes measured the same or slower (two builds A/B in one page, Chromium).
  let text = '';
  const ops = [];
  // Per open element: the element, its namespace, whether its text is dropped, the visibility
  // under it.
  const stack = [];
  let ns = HTML;
  let dropText = false;
  let vis = UNCHECKED;
  let node = document.firstChild;
  while (node) {
    const type = node.nodeType;
    if (type === 1) {
      const hasAttrs = node.hasAttributes();
      if (!hasAttrs || node.id !== VIEW_ROOT_ID) {
        const name = node.localName;
        // The HTML parser leaves the HTML namespace only at <svg> and <math>.
        const elNs = ns === HTML && name !== 'svg' && name !== 'math' ? HTML : NS[node.namespaceURI] ?? NS_OTHER;
        let flags = 0;
        let under = vis;
        if (win !== null) {
          if (vis === SHOWN && !NOT_ASKED.has(name) && cssHidden(node, win)) {
            flags = CSS_HIDDEN;
            under = HIDDEN;
          } else if (elNs === HTML && name === 'body') {
            under = SHOWN;
          }
        }
        text += name;
        if (hasAttrs) {
          const names = node.getAttributeNames();
          const count = names.length;
          ops.push(OPEN, flags, elNs, name.length, count);
          for (let i = 0; i < count; i++) {
            const an = names[i];
            const av = node.getAttribute(an);
            ops.push(an.length, av.length);
            text += an;
            text += av;
          }
        } else {
          ops.push(OPEN, flags, elNs, name.length, 0);
        }
        const first = node.firstChild;
        if (first) {
          stack.push(node, ns, dropText, vis);
          ns = elNs;
          dropText = elNs === HTML && dropsText(node, name);
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
      ns = stack.pop();
      next = stack.pop().nextSibling;
      ops.push(CLOSE);
    }
    node = next;
  }
  return { text, ops: Int32Array.from(ops) };
}

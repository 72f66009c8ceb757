// Copying text from the reading view, with a confirmation a screen reader announces and a way
// out when the clipboard is refused. Shared by the toolbar's "Copy" (the article as Markdown)
// and each removal's "Not clutter? Copy a report".
//
//   copy(text) ─► navigator.clipboard.writeText ─► status "…copied" (role=status), cleared later
//                          └─ refused ─► status "…not allowed" + the text selected in a read-only
//                                        field, which `place(field)` puts where it belongs
import { msg } from '../browser-api.js';

// How long the confirmation stays (ms).
export const COPIED_MS = 4000;

/**
 * A copier bound to one status element.
 * @param doc     the page's document
 * @param el      the view's element helper, el(doc, tag, props, children)
 * @param opts    {status: a role=status element; copied, refused, fieldLabel: message keys;
 *                 fieldClass; rows; place(field): puts the fallback field in the view;
 *                 onState(state): told 'copied', 'refused' or '' (cleared)}
 * @returns {copy(text) => Promise<'copied'|'refused'>, clear()}
 */
export function clipboardCopier(doc, el, { status, copied, refused, fieldLabel, fieldClass, rows = 10, place, onState = () => {} }) {
  let timer = 0;
  let field = null;

  const set = (state, text) => {
    if (state) status.dataset.state = state;
    else delete status.dataset.state;
    status.textContent = text;
    onState(state);
  };

  const clear = () => {
    clearTimeout(timer);
    field?.remove();
    field = null;
    set('', '');
  };

  const copy = async (text) => {
    clear();
    try {
      // NOTE: needs a secure page and the click's user activation; a page's Permissions Policy
      // (clipboard-write) or the browser may still refuse, hence the field below.
      if (!globalThis.navigator?.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      set('copied', msg(copied));
      timer = setTimeout(() => {
        if (status.dataset.state === 'copied') set('', '');
      }, COPIED_MS);
      return 'copied';
    } catch {
      set('refused', msg(refused));
      field = el(doc, 'textarea', {
        class: fieldClass, readonly: true, rows: String(rows), spellcheck: 'false', 'aria-label': msg(fieldLabel),
      });
      field.value = text;
      place(field);
      field.focus({ preventScroll: true });
      field.select();
      return 'refused';
    }
  };

  return { copy, clear };
}

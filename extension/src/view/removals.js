// "Removed from this page (N)": every block the engine left out, with its kind and reason, in a
// native <details> at the foot of the view; each item copies a plain-text report for a block that
// was not clutter. createElement/textContent only: the removed text comes from the page.
//
//   article.removals ─► <details><summary>Removed from this page (N)</summary>
//                         <ul> <li> kind · reason / "text…" / [Not clutter? Copy a report] / status
//   click ─► reportText() ─► clipboardCopier (clipboard.js) ─► "Copied"
//                                     └─ refused ─► message + the report in a read-only field
import { msg } from '../browser-api.js';
import { reportText } from './report.js';
import { clipboardCopier } from './clipboard.js';

// Shown text per removal (characters); the report carries the engine's whole excerpt.
const SHOWN_CHARS = 220;

const KIND_LABEL = { teaser: 'removalKindTeaser', promo: 'removalKindPromo', duplicate: 'removalKindDuplicate' };

/** The label of a removal kind, in the browser's language; unknown kinds show as they are. */
export function kindLabel(kind) {
  return KIND_LABEL[kind] ? msg(KIND_LABEL[kind]) : String(kind ?? '');
}

/** `text` cut to about `max` characters at a word boundary, with an ellipsis when cut. */
export function truncate(text, max = SHOWN_CHARS) {
  const s = String(text ?? '').replace(/\s+/g, ' ').trim();
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * The section, or null when nothing was removed.
 * @param doc     the page's document
 * @param el      the view's element helper, el(doc, tag, props, children)
 * @param article the engine's Article (removals, lang, dir)
 * @param info    {pageUrl, engineVersion, extensionVersion}
 */
export function removalsSection(doc, el, article, info) {
  const list = Array.isArray(article?.removals) ? article.removals.filter((r) => r && typeof r === 'object') : [];
  if (!list.length) return null;
  const items = list.map((removal, i) => removalItem(doc, el, article, info, removal, i));
  return el(doc, 'details', { class: 'rm-removed', 'data-count': String(list.length) }, [
    el(doc, 'summary', { class: 'rm-removed-summary' }, [
      el(doc, 'span', { class: 'rm-removed-title', text: msg('removedTitle', [String(list.length)]) }),
    ]),
    el(doc, 'p', { class: 'rm-removed-hint', text: msg('removedHint') }),
    el(doc, 'ul', { class: 'rm-removed-list' }, items),
  ]);
}

function removalItem(doc, el, article, info, removal, i) {
  const id = `rm-removal-${i + 1}`;
  const status = el(doc, 'p', { class: 'rm-report-status', id: `${id}-status`, role: 'status' });
  const button = el(doc, 'button', {
    type: 'button', class: 'rm-btn rm-report', 'data-kind': removal.kind, 'aria-describedby': `${id}-kind ${id}-status`,
    text: msg('reportButton'),
  });
  const item = el(doc, 'li', { class: 'rm-removal', 'data-kind': String(removal.kind ?? '') }, [
    el(doc, 'p', { class: 'rm-removal-head' }, [
      el(doc, 'span', { class: 'rm-kind', id: `${id}-kind`, text: kindLabel(removal.kind) }),
      // A real space on each side, so the kind and the reason never run together when read aloud.
      ...(removal.reason ? [' ', el(doc, 'span', { class: 'rm-sep', 'aria-hidden': 'true', text: '·' }), ' '] : []),
      // The engine states its reasons in English.
      removal.reason ? el(doc, 'span', { class: 'rm-reason', lang: 'en', dir: 'ltr', text: removal.reason }) : null,
    ]),
    // The removed text is the page's: its language and direction, not the controls'.
    removal.text ? el(doc, 'blockquote', { class: 'rm-removal-text', lang: article.lang || undefined, dir: article.dir || 'auto', text: truncate(removal.text) }) : null,
    el(doc, 'div', { class: 'rm-report-row' }, [button, status]),
  ]);

  const copier = clipboardCopier(doc, el, {
    status, copied: 'reportCopied', refused: 'reportRefused', fieldLabel: 'reportFieldLabel',
    fieldClass: 'rm-report-fallback', rows: 10, place: (field) => item.appendChild(field),
  });
  button.addEventListener('click', () => {
    const client = info.extensionVersion ? `extension ${info.extensionVersion}` : '';
    copier.copy(reportText({ pageUrl: info.pageUrl, engineVersion: info.engineVersion, client, removal }));
  });
  return item;
}

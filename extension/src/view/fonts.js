// The fonts the extension ships (fonts/, copied from npm by extension/tools/vendor.mjs), made
// available to the view on demand.
//
// NOTE: @font-face rules inside a shadow root do not apply in Chrome, so the faces go into the
// document's FontFaceSet, which the view's shadow tree shares. They are built from the font
// bytes rather than a url(), so a page's font-src policy has nothing to block.
import { api } from '../browser-api.js';

/** The family name the view's stylesheet uses for OpenDyslexic (SIL OFL 1.1, fonts/OpenDyslexic-OFL.txt). */
export const DYSLEXIC_FAMILY = 'Readmode OpenDyslexic';

const DYSLEXIC_FACES = [
  { file: 'fonts/opendyslexic-400-normal.woff2', weight: '400', style: 'normal' },
  { file: 'fonts/opendyslexic-400-italic.woff2', weight: '400', style: 'italic' },
  { file: 'fonts/opendyslexic-700-normal.woff2', weight: '700', style: 'normal' },
  { file: 'fonts/opendyslexic-700-italic.woff2', weight: '700', style: 'italic' },
];

let loading = null;

/** Adds the OpenDyslexic faces to `doc` once; resolves when they are usable (never rejects). */
export function loadDyslexicFont(doc) {
  loading ??= Promise.all(
    DYSLEXIC_FACES.map(async ({ file, weight, style }) => {
      const res = await fetch(api.runtime.getURL(file));
      if (!res.ok) throw new Error(`${file}: HTTP ${res.status}`);
      const face = new doc.defaultView.FontFace(DYSLEXIC_FAMILY, await res.arrayBuffer(), { weight, style, display: 'swap' });
      doc.fonts.add(await face.load());
    }),
  ).then(
    () => true,
    () => {
      loading = null; // the view falls back to its sans-serif; a later choice tries again
      return false;
    },
  );
  return loading;
}

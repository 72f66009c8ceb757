// The reading view's stylesheet (inside its shadow root, so the page's CSS never reaches it).
// Kept in a module rather than a .css file: no fetch, and it works under any page style-src
// when adopted as a constructed stylesheet.

export const VIEW_CSS = String.raw`
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: 0 !important;
  z-index: 2147483647 !important;
  overflow: auto !important;
  overscroll-behavior: contain !important;
  visibility: visible !important;
  opacity: 1 !important;
  transform: none !important;
  filter: none !important;
  color-scheme: light dark;
}
.rm {
  --bg: #fbfaf7; --fg: #1e1f22; --muted: #5d6068; --rule: #dedbd3; --link: #1d4ea3; --panel: #ffffff;
  --accent: #2b4c7e; --notice: #fff4d6; --notice-fg: #4a3b10;
  --font: Georgia, "Iowan Old Style", "Noto Serif", "DejaVu Serif", serif;
  --ui-font: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
  --size: 20px; --lh: 1.7; --width: 34em;
  min-height: 100%;
  box-sizing: border-box;
  background: var(--bg);
  color: var(--fg);
  font: 16px/1.4 var(--ui-font);
  -webkit-text-size-adjust: 100%;
}
.rm[data-theme="light"] { color-scheme: light; }
.rm[data-theme="dark"] {
  color-scheme: dark;
  --bg: #1b1c1f; --fg: #e3e1dc; --muted: #a6a8ae; --rule: #3a3c42; --link: #8db4ff; --panel: #26272b;
  --accent: #8db4ff; --notice: #3a3220; --notice-fg: #f1e3b8;
}
.rm[data-theme="sepia"] {
  color-scheme: light;
  --bg: #f4ecd8; --fg: #3b2f1e; --muted: #6e5e45; --rule: #d9cbaa; --link: #7a3e12; --panel: #fbf5e6;
  --accent: #7a3e12; --notice: #ead9b0; --notice-fg: #3b2f1e;
}
@media (prefers-color-scheme: dark) {
  .rm[data-theme="auto"] {
    color-scheme: dark;
    --bg: #1b1c1f; --fg: #e3e1dc; --muted: #a6a8ae; --rule: #3a3c42; --link: #8db4ff; --panel: #26272b;
    --accent: #8db4ff; --notice: #3a3220; --notice-fg: #f1e3b8;
  }
}
.rm[data-font="sans"] { --font: system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif; }
.rm[data-font="mono"] { --font: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", "Noto Sans Mono", monospace; }
/* OpenDyslexic (fonts.js adds it to the document): its glyphs are wide and tall, so a little smaller. */
.rm[data-font="dyslexic"] { --font: "Readmode OpenDyslexic", "OpenDyslexic", system-ui, "Noto Sans", "DejaVu Sans", sans-serif; }
.rm[data-font="dyslexic"] .rm-article { font-size: 0.9em; }
.rm[data-font="dyslexic"] .rm-body blockquote { font-style: normal; }

.rm *, .rm *::before, .rm *::after { box-sizing: border-box; }
.rm [hidden] { display: none !important; }
.rm button, .rm select { font: inherit; color: inherit; }

/* Toolbar */
.rm-bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 6px;
  padding: 8px 16px;
  background: color-mix(in srgb, var(--bg) 92%, transparent);
  border-bottom: 1px solid var(--rule);
  backdrop-filter: blur(6px);
}
.rm-bar .rm-spacer { flex: 1; }
.rm-btn {
  display: inline-flex; align-items: center; gap: 6px;
  min-height: 36px; padding: 6px 12px;
  border: 1px solid var(--rule); border-radius: 8px;
  background: var(--panel); color: var(--fg);
  font-size: 14px; line-height: 1.2; cursor: pointer;
}
.rm-btn:hover { border-color: var(--muted); }
.rm-btn[aria-pressed="true"], .rm-btn[aria-expanded="true"] { border-color: var(--accent); box-shadow: inset 0 0 0 1px var(--accent); }
.rm-btn:disabled { opacity: 0.5; cursor: default; }
.rm :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.rm-icon { font-size: 18px; line-height: 1; }
/* Copy: two sheets, the front one drawn over the back (no glyph a font may lack). */
.rm-icon-copy { position: relative; display: inline-block; width: 15px; height: 16px; flex: none; }
.rm-icon-copy::before, .rm-icon-copy::after {
  content: ""; position: absolute; width: 10px; height: 12px;
  border: 1.5px solid currentColor; border-radius: 2px;
}
.rm-icon-copy::before { top: 0; left: 0; }
.rm-icon-copy::after { bottom: 0; right: 0; background: var(--panel); }
/* Save and copy as Markdown: one control of two halves. */
.rm-md { display: inline-flex; }
.rm-md .rm-btn:first-child { border-start-end-radius: 0; border-end-end-radius: 0; }
.rm-md .rm-btn:last-child { margin-inline-start: -1px; border-start-start-radius: 0; border-end-start-radius: 0; }
.rm-md .rm-btn:hover, .rm-md .rm-btn:focus-visible { position: relative; }

/* The toolbar (with the settings panel while open) stays at the top as the view scrolls. The
   header is what sticks: a sticky element keeps to its parent's box, and the bar's parent is
   this header, as short as the bar. */
.rm-chrome { position: sticky; top: 0; z-index: 2; }
/* "Markdown copied", or the refused clipboard's field: a card under the toolbar, at its end. */
.rm-copy {
  position: absolute; top: 100%; inset-inline-end: 16px;
  width: max-content; max-width: calc(100% - 32px);
  font-size: 14px; line-height: 1.4;
}
.rm-copy[data-state] {
  margin-top: 6px; padding: 10px 14px;
  border: 1px solid var(--rule); border-inline-start: 4px solid var(--accent); border-radius: 10px;
  background: var(--panel); color: var(--fg); box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
}
.rm-copy[data-state="refused"] { display: grid; gap: 8px; width: 34rem; }
.rm-copy-status { margin: 0; font-weight: 600; }
.rm-copy-hide { justify-self: end; min-height: 32px; padding: 4px 12px; font-size: 13px; }
.rm-copy:not([data-state="refused"]) .rm-copy-hide { display: none; }
.rm-copy-fallback {
  display: block; width: 100%; padding: 8px; resize: vertical;
  border: 1px solid var(--rule); border-radius: 6px; background: var(--bg); color: var(--fg);
  font: 12px/1.5 ui-monospace, "DejaVu Sans Mono", monospace;
}

/* Settings panel */
.rm-panel {
  display: grid; grid-template-columns: max-content 1fr; gap: 10px 14px; align-items: center;
  max-width: 40rem; margin: 0 auto; padding: 14px 16px;
  background: var(--panel); border-bottom: 1px solid var(--rule);
  font-size: 14px;
}
.rm-panel[hidden] { display: none; }
.rm-panel .rm-row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.rm-panel .rm-value { min-width: 3.5em; text-align: center; font-variant-numeric: tabular-nums; }
.rm-panel select { min-height: 36px; padding: 4px 8px; border: 1px solid var(--rule); border-radius: 8px; background: var(--panel); }
.rm-panel .rm-always { grid-column: 1 / -1; display: flex; gap: 10px; align-items: center; padding-top: 10px; border-top: 1px solid var(--rule); cursor: pointer; }
.rm-panel .rm-always input { width: 20px; height: 20px; margin: 0; accent-color: var(--accent); flex: none; }
.rm-swatch { width: 14px; height: 14px; border-radius: 50%; border: 1px solid var(--muted); display: inline-block; }
.rm-swatch[data-for="light"] { background: #fbfaf7; }
.rm-swatch[data-for="dark"] { background: #1b1c1f; }
.rm-swatch[data-for="sepia"] { background: #f4ecd8; }
.rm-swatch[data-for="auto"] { background: linear-gradient(90deg, #fbfaf7 50%, #1b1c1f 50%); }

/* The article */
.rm-main { padding: 40px 20px 64px; font-size: var(--size); }
.rm-article {
  max-width: var(--width); margin: 0 auto;
  font-family: var(--font); line-height: var(--lh);
  overflow-wrap: break-word;
}
.rm-article:focus, .rm-title:focus { outline: none; }
.rm-head { margin-bottom: 2em; padding-bottom: 1.2em; border-bottom: 1px solid var(--rule); }
.rm-source { margin: 0 0 0.6em; font: 600 0.7em/1.4 var(--ui-font); letter-spacing: 0.06em; text-transform: uppercase; color: var(--muted); }
.rm-title { margin: 0 0 0.5em; font-size: 1.9em; line-height: 1.2; font-weight: 700; letter-spacing: -0.01em; }
.rm-meta { margin: 0; font: 0.75em/1.5 var(--ui-font); color: var(--muted); }
.rm-sep { margin: 0 0.5em; }
.rm-notice {
  margin: 1.2em 0 0; padding: 0.7em 0.9em; border-radius: 8px;
  background: var(--notice); color: var(--notice-fg);
  font: 0.8em/1.5 var(--ui-font);
}
.rm-notice a { color: inherit; font-weight: 600; }
.rm-body p, .rm-body ul, .rm-body ol, .rm-body blockquote, .rm-body pre, .rm-body figure, .rm-body table, .rm-body dl { margin: 0 0 1.1em; }
.rm-body h1, .rm-body h2, .rm-body h3, .rm-body h4, .rm-body h5, .rm-body h6 { line-height: 1.3; margin: 1.6em 0 0.6em; }
.rm-body h1 { font-size: 1.5em; } .rm-body h2 { font-size: 1.3em; } .rm-body h3 { font-size: 1.15em; }
.rm-body h4, .rm-body h5, .rm-body h6 { font-size: 1em; }
.rm-body a { color: var(--link); text-underline-offset: 0.15em; }
.rm-body img, .rm-body picture { display: block; max-width: 100%; height: auto; margin: 0 auto; border-radius: 4px; }
.rm-body img.rm-inline { display: inline; vertical-align: middle; margin: 0; border-radius: 0; }
.rm-body figure { margin-left: 0; margin-right: 0; }
.rm-body video, .rm-body .rm-player { display: block; width: 100%; height: auto; margin: 0 auto 1.1em; border: 0; border-radius: 4px; background: #000; }
.rm-body .rm-player { aspect-ratio: 16 / 9; }
.rm-body audio { display: block; width: 100%; margin: 0 0 1.1em; }
.rm-body math[display="block"] { display: block math; margin: 0 0 1.1em; overflow-x: auto; }
.rm-body figcaption { margin-top: 0.5em; font: 0.75em/1.5 var(--ui-font); color: var(--muted); }
.rm-body blockquote { margin-left: 0; padding-left: 1em; border-left: 3px solid var(--rule); color: var(--muted); font-style: italic; }
.rm-body pre { overflow-x: auto; padding: 0.8em 1em; border-radius: 6px; background: var(--panel); border: 1px solid var(--rule); font-size: 0.8em; line-height: 1.5; }
.rm-body code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
.rm-body table { display: block; overflow-x: auto; border-collapse: collapse; font-size: 0.85em; }
.rm-body th, .rm-body td { padding: 0.35em 0.6em; border: 1px solid var(--rule); text-align: start; }
.rm-body hr { border: 0; border-top: 1px solid var(--rule); margin: 2em 0; }
.rm-foot { max-width: var(--width); margin: 3em auto 0; padding-top: 1em; border-top: 1px solid var(--rule); color: var(--muted); overflow-wrap: anywhere; }
.rm-foot p { margin: 0 0 0.4em; font: 13px/1.5 var(--ui-font); }
.rm-foot a { color: var(--link); }

/* Removed from this page: a disclosure at the foot, one card per removed block. */
.rm { --k-teaser: #b3541e; --k-promo: #7a4fb0; --k-duplicate: #2f7d5b; }
.rm[data-theme="dark"] { --k-teaser: #f0a070; --k-promo: #c8a6f5; --k-duplicate: #7fd1aa; }
.rm[data-theme="sepia"] { --k-teaser: #a2471a; --k-promo: #6d4596; --k-duplicate: #2f6e4f; }
@media (prefers-color-scheme: dark) {
  .rm[data-theme="auto"] { --k-teaser: #f0a070; --k-promo: #c8a6f5; --k-duplicate: #7fd1aa; }
}
.rm-removed {
  margin: 0 0 1.5em; border: 1px solid var(--rule); border-radius: 10px;
  background: var(--panel); color: var(--fg); overflow-wrap: break-word;
  font: 14px/1.5 var(--ui-font);
}
.rm-removed-summary {
  display: flex; align-items: center; gap: 10px; min-height: 44px; padding: 10px 14px;
  border-radius: 9px; cursor: pointer; font-weight: 600; list-style: none;
}
.rm-removed-summary::-webkit-details-marker { display: none; }
/* A drawn chevron (no generated text for screen readers to read): points along the line, down when open. */
.rm-removed-summary::before {
  content: ""; flex: none; width: 0.5em; height: 0.5em; margin-inline: 2px 4px;
  border-right: 2px solid currentColor; border-bottom: 2px solid currentColor;
  transform: rotate(-45deg); transition: transform 0.15s;
}
.rm[dir="rtl"] .rm-removed-summary::before { transform: rotate(135deg); }
.rm .rm-removed[open] > .rm-removed-summary::before { transform: rotate(45deg); }
.rm-removed-summary:hover { background: color-mix(in srgb, var(--fg) 6%, transparent); }
.rm-removed[open] > .rm-removed-summary { border-bottom-left-radius: 0; border-bottom-right-radius: 0; }
.rm-foot .rm-removed p { font: inherit; }
.rm-foot .rm-removed .rm-removed-hint { margin: 0; padding: 0 14px 12px; color: var(--muted); }
.rm-removed-list { list-style: none; margin: 0; padding: 0 14px 14px; display: grid; gap: 10px; }
.rm-removal {
  padding: 10px 12px; border: 1px solid var(--rule); border-inline-start: 4px solid var(--muted);
  border-radius: 8px; background: var(--bg);
}
.rm-removal[data-kind="teaser"] { border-inline-start-color: var(--k-teaser); }
.rm-removal[data-kind="promo"] { border-inline-start-color: var(--k-promo); }
.rm-removal[data-kind="duplicate"] { border-inline-start-color: var(--k-duplicate); }
.rm-foot .rm-removed .rm-removal-head { margin: 0 0 4px; }
.rm-kind { font-weight: 600; }
.rm-removal-head .rm-sep { margin: 0; color: var(--muted); }
.rm-reason { color: var(--muted); }
.rm-removal-text {
  margin: 0 0 10px; padding: 0; color: var(--fg);
  font: italic 15px/1.5 var(--font);
}
.rm-report-row { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; }
.rm-report { min-height: 32px; padding: 4px 10px; font-size: 13px; }
.rm-foot .rm-removed .rm-report-status { margin: 0; font-weight: 600; }
.rm-foot .rm-removed .rm-report-status:empty { display: none; }
.rm-report-fallback {
  display: block; width: 100%; margin-top: 8px; padding: 8px; resize: vertical;
  border: 1px solid var(--rule); border-radius: 6px; background: var(--panel); color: var(--fg);
  font: 12px/1.5 ui-monospace, "DejaVu Sans Mono", monospace;
}

/* No-article message: a small status card over the page, which stays usable. */
.rm-toast {
  position: fixed; top: 16px; right: 16px; max-width: 22rem;
  padding: 12px 16px; border-radius: 10px;
  background: #1e1f22; color: #f3f1ec; box-shadow: 0 6px 24px rgb(0 0 0 / 0.3);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", sans-serif;
}
:host(.rm-toast-host) { inset: auto !important; top: 0 !important; right: 0 !important; overflow: visible !important; background: transparent !important; }

.rm-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

/* Narrow windows: icon buttons keep their icon; their words stay for assistive technology. */
@media (max-width: 560px) {
  .rm-bar { padding: 6px 10px; gap: 4px; }
  .rm-btn { padding: 6px 10px; }
  .rm-btn:has(.rm-icon) .rm-label { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  .rm-copy { inset-inline-end: 10px; max-width: calc(100% - 20px); }
  .rm-main { padding: 24px 16px 48px; }
  .rm-title { font-size: 1.6em; }
}

@media (prefers-reduced-motion: reduce) { .rm * { scroll-behavior: auto !important; transition: none !important; } }

@media print {
  :host { position: static !important; overflow: visible !important; inset: auto !important; }
  .rm { --bg: #fff; --fg: #000; --muted: #333; --link: #000; background: #fff; color: #000; }
  .rm-bar, .rm-panel, .rm-copy, .rm-foot .rm-engine, .rm-removed { display: none !important; }
  .rm-main { padding: 0; }
  .rm-article { max-width: none; font-size: 12pt; line-height: 1.5; }
  .rm-body a::after { content: " (" attr(href) ")"; font-size: 0.8em; overflow-wrap: anywhere; }
  .rm-body img, .rm-body figure { break-inside: avoid; }
  .rm-body video, .rm-body audio, .rm-body iframe, .rm-body .rm-player { display: none; }
  .rm-notice { border: 1px solid #999; background: none; color: #000; }
}
`;

// The plain-text report of a removal that was not clutter, shared by the reading view and the
// demo (build.sh copies this file into dist/www). No browser APIs: it only formats.

/**
 * One field a line, the text last as the engine gave it. In English whatever the browser's
 * language: it is read by whoever tunes the engine.
 * @param pageUrl       the page's address ('' for a file or pasted HTML)
 * @param engineVersion the wasm engine's version()
 * @param client        where it ran: 'extension X.Y.Z', 'demo', or ''
 * @param removal       {kind, reason, path, text} from article.removals
 */
export function reportText({ pageUrl, engineVersion, client, removal }) {
  const one = (v) => String(v ?? '').replace(/\s+/g, ' ').trim();
  return [
    'Readmode false-positive report: this block was removed but is part of the article.',
    `Page: ${one(pageUrl) || '(no address: a file or pasted HTML)'}`,
    `Engine: ${one(engineVersion) || 'unknown'}${client ? ` (${one(client)})` : ''}`,
    `Kind: ${one(removal.kind)}`,
    `Reason: ${one(removal.reason)}`,
    `Path: ${one(removal.path)}`,
    'Text:',
    one(removal.text),
    '',
  ].join('\n');
}

// Copies the third-party files the extension ships from node_modules into a built extension.
//   node extension/tools/vendor.mjs dist/<browser>     (run by build.sh's assemble step)
// Each entry names the npm package (pinned in package.json), the files taken from it and where
// they land; the package's licence travels with its files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const VENDORED = [
  {
    // The dyslexia-friendly font choice of the view (SIL Open Font License 1.1).
    pkg: '@fontsource/opendyslexic',
    to: 'fonts',
    files: {
      'files/opendyslexic-latin-400-normal.woff2': 'opendyslexic-400-normal.woff2',
      'files/opendyslexic-latin-400-italic.woff2': 'opendyslexic-400-italic.woff2',
      'files/opendyslexic-latin-700-normal.woff2': 'opendyslexic-700-normal.woff2',
      'files/opendyslexic-latin-700-italic.woff2': 'opendyslexic-700-italic.woff2',
      LICENSE: 'OpenDyslexic-OFL.txt',
    },
  },
];

function main(dest) {
  if (!dest) {
    console.error('usage: vendor.mjs DIST_DIR');
    process.exit(2);
  }
  for (const { pkg, to, files } of VENDORED) {
    const from = path.join(ROOT, 'node_modules', pkg);
    if (!fs.existsSync(from)) {
      console.error(`vendor.mjs: ${pkg} is missing from node_modules (run npm ci)`);
      process.exit(1);
    }
    fs.mkdirSync(path.join(dest, to), { recursive: true });
    for (const [src, name] of Object.entries(files)) fs.copyFileSync(path.join(from, src), path.join(dest, to, name));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main(process.argv[2]);

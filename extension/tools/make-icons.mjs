// Draws Readmode's toolbar icons (a page with lines of text) into extension/src/icons/.
//   node extension/tools/make-icons.mjs
// The PNGs are committed; run this again only to change the drawing.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const OUT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'icons');
const SIZES = [16, 32, 48, 128];
const SUPERSAMPLE = 4;

// Shapes in a 0..1 square, painted in order: [test(x, y), [r, g, b]].
const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r), cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const SHAPES = [
  [roundRect(0.02, 0.02, 0.98, 0.98, 0.2), [0x2b, 0x4c, 0x7e]],
  [roundRect(0.22, 0.14, 0.78, 0.86, 0.05), [0xfb, 0xf7, 0xee]],
  [roundRect(0.31, 0.27, 0.69, 0.35, 0.03), [0x2b, 0x4c, 0x7e]],
  [roundRect(0.31, 0.44, 0.69, 0.5, 0.02), [0x8a, 0x93, 0xa3]],
  [roundRect(0.31, 0.57, 0.69, 0.63, 0.02), [0x8a, 0x93, 0xa3]],
  [roundRect(0.31, 0.7, 0.58, 0.76, 0.02), [0x8a, 0x93, 0xa3]],
];

function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) {
      const u = (x + (sx + 0.5) / n) / size, v = (y + (sy + 0.5) / n) / size;
      let c = null;
      for (const [hit, rgb] of SHAPES) if (hit(u, v)) c = rgb;
      if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
    }
    const i = (y * size + x) * 4;
    if (a) { px[i] = r / a; px[i + 1] = g / a; px[i + 2] = b / a; px[i + 3] = Math.round((255 * a) / (n * n)); }
  }
  return px;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

fs.mkdirSync(OUT, { recursive: true });
for (const s of SIZES) fs.writeFileSync(path.join(OUT, `icon-${s}.png`), png(s, draw(s)));
console.log(`wrote ${SIZES.map((s) => `icon-${s}.png`).join(', ')} to ${OUT}`);

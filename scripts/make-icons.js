#!/usr/bin/env node
// Draws the add-in's icons (assets/icon-{16,32,64,80,128}.png) with nothing but zlib: a dark blue
// tile with a white sheet grid and a green check. Run once; the PNGs are committed.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

const BLUE = [0x1f, 0x38, 0x64, 255];
const WHITE = [255, 255, 255, 255];
const LINE = [0xbd, 0xd7, 0xee, 255];
const GREEN = [0x37, 0xa0, 0x4a, 255];
const CLEAR = [0, 0, 0, 0];

function icon(size) {
  // Everything in units of a 16-px design, scaled.
  const u = size / 16;
  const r = 2.5 * u; // corner radius of the tile
  return png(size, (px, py) => {
    const x = (px + 0.5) / u;
    const y = (py + 0.5) / u;
    // rounded tile
    const cx = Math.min(Math.max(px + 0.5, r), size - r);
    const cy = Math.min(Math.max(py + 0.5, r), size - r);
    if (Math.hypot(px + 0.5 - cx, py + 0.5 - cy) > r) return CLEAR;
    // check mark: two thick strokes
    const d1 = distToSegment(x, y, 6.2, 9.6, 8.4, 12);
    const d2 = distToSegment(x, y, 8.4, 12, 13.2, 5.8);
    if (Math.min(d1, d2) < 1.1) return GREEN;
    // sheet: white rectangle with a grid
    if (x >= 3 && x <= 13 && y >= 3 && y <= 13) {
      const gx = (x - 3) % (10 / 3);
      const gy = (y - 3) % (10 / 3);
      if (size >= 32 && (gx < 0.35 || gy < 0.35)) return LINE;
      return WHITE;
    }
    return BLUE;
  });
}
function distToSegment(x, y, x1, y1, x2, y2) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}

const out = path.join(__dirname, '..', 'assets');
fs.mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(out, `icon-${size}.png`), icon(size));
  console.log(`assets/icon-${size}.png`);
}

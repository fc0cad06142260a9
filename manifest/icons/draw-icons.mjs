// Draws the Teams app icons: manifest/color.png (192×192, the glyph on an opaque accent background) and
// manifest/outline.png (32×32, the glyph's outline in white on transparent, as Teams requires).
// The glyph is a speech bubble with a tick: a public mention, answered. Run: node manifest/icons/draw-icons.mjs
// pngjs comes from the project's npm tools (tests/node), installed by ./test.sh.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(new URL('../../tests/node/package.json', import.meta.url));
const { PNG } = require('pngjs');

const ACCENT = [0x1f, 0x5c, 0x99]; // the manifest's accentColor
const WHITE = [0xff, 0xff, 0xff];

// Signed distances (negative inside), in the glyph's unit square.
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r, qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function segment(x, y, [ax, ay], [bx, by]) {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy);
}
function triangle(x, y, a, b, c) {
  // Outside: distance to the nearest edge; inside: minus it (points are clockwise or anticlockwise, either works).
  const d = Math.min(segment(x, y, a, b), segment(x, y, b, c), segment(x, y, c, a));
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const s1 = side(a, b), s2 = side(b, c), s3 = side(c, a);
  const inside = (s1 >= 0 && s2 >= 0 && s3 >= 0) || (s1 <= 0 && s2 <= 0 && s3 <= 0);
  return inside ? -d : d;
}
const bubble = (x, y) => Math.min(
  roundedRect(x, y, 0.5, 0.42, 0.42, 0.3, 0.14),
  triangle(x, y, [0.2, 0.6], [0.42, 0.6], [0.14, 0.92]));
const TICK = [[0.3, 0.43], [0.44, 0.56], [0.7, 0.29]];
const tick = (x, y) => Math.min(segment(x, y, TICK[0], TICK[1]), segment(x, y, TICK[1], TICK[2]));

// Renders size×size pixels; paint(u, v) gives [rgb, alpha] at a point of the glyph's unit square, or null where
// the glyph is absent (the background shows). 4×4 supersampling antialiases the edges.
function render(size, inset, paint, background) {
  const png = new PNG({ width: size, height: size });
  const N = 4;
  for (let py = 0; py < size; py++) for (let px = 0; px < size; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < N; sy++) for (let sx = 0; sx < N; sx++) {
      const u = ((px + (sx + 0.5) / N) / size - inset) / (1 - 2 * inset);
      const v = ((py + (sy + 0.5) / N) / size - inset) / (1 - 2 * inset);
      const [rgb, alpha] = paint(u, v) ?? background;
      r += rgb[0] * alpha; g += rgb[1] * alpha; b += rgb[2] * alpha; a += alpha;
    }
    const i = (py * size + px) * 4;
    // Straight (not premultiplied) alpha: colour is the average of the covered samples.
    png.data[i] = a ? Math.round(r / a) : 0;
    png.data[i + 1] = a ? Math.round(g / a) : 0;
    png.data[i + 2] = a ? Math.round(b / a) : 0;
    png.data[i + 3] = Math.round((a / (N * N)) * 255);
  }
  return PNG.sync.write(png, { colorType: 6 });
}

// Colour: white bubble, accent tick, on accent; the glyph keeps to the middle as Teams' icon guidance asks.
const color = render(192, 0.2, (u, v) => {
  if (tick(u, v) < 0.055) return [ACCENT, 1];
  if (bubble(u, v) < 0) return [WHITE, 1];
  return null;
}, [ACCENT, 1]);

// Outline: the bubble's edge and the tick as white strokes about two pixels wide; everything else transparent.
// Every pixel's colour is white, so antialiased edges only vary alpha.
const outline = render(32, 0.03, (u, v) => {
  const stroke = 1.1 / 32;
  return Math.abs(bubble(u, v)) < stroke || tick(u, v) < stroke ? [WHITE, 1] : null;
}, [WHITE, 0]);

const dir = new URL('..', import.meta.url);
writeFileSync(new URL('color.png', dir), color);
writeFileSync(new URL('outline.png', dir), outline);
console.log('wrote manifest/color.png and manifest/outline.png');

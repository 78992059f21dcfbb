// Draws the samples' photograph-sized picture: a computer-generated landscape (ridges in haze
// above a valley of fields and a road), 2400 × 1600, JPEG at quality 0.86, drawn by Chromium's
// canvas. It stands in for a newsroom photograph so that a full-size JPEG, and its renditions, are
// part of every build and its tests (public/images/caucasus-ridges.jpg, the lead image of
// public/articles/armenia-azerbaijan-moscow-talks-ru.json). The story's caption and credit say
// that it is a generated image, not a photograph.
//
//   node scripts/make-sample-photo.mjs public/images/caucasus-ridges.jpg
//
// Everything random comes from one seeded generator, so a run draws the same landscape; the
// bytes can still differ between Chromium versions (its JPEG encoder), which is why the file is
// committed rather than made at build time.
import { writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const out = process.argv[2];
if (!out) {
  console.error('usage: node scripts/make-sample-photo.mjs OUT.jpg');
  process.exit(2);
}
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const dataUrl = await page.evaluate(() => {
  const [w, h] = [2400, 1600];
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  const g = c.getContext('2d');
  let seed = 20201010;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t));
  const rgb = ([r, gr, b], a = 1) => `rgba(${r},${gr},${b},${a})`;

  // Sky: deep blue above, pale at the horizon, warm light from the upper right.
  const sky = g.createLinearGradient(0, 0, 0, h * 0.62);
  sky.addColorStop(0, '#5d7fa8');
  sky.addColorStop(0.6, '#a9bccd');
  sky.addColorStop(1, '#dfe3df');
  g.fillStyle = sky;
  g.fillRect(0, 0, w, h);
  const sun = g.createRadialGradient(w * 0.74, h * 0.2, 10, w * 0.74, h * 0.2, w * 0.45);
  sun.addColorStop(0, 'rgba(255,244,220,0.75)');
  sun.addColorStop(1, 'rgba(255,244,220,0)');
  g.fillStyle = sun;
  g.fillRect(0, 0, w, h);

  // Clouds: soft, blurred ellipses.
  g.filter = 'blur(28px)';
  for (let i = 0; i < 60; i++) {
    g.fillStyle = `rgba(255,255,255,${0.08 + rnd() * 0.2})`;
    g.beginPath();
    g.ellipse(rnd() * w, h * (0.05 + rnd() * 0.3), 80 + rnd() * 260, 20 + rnd() * 50, 0, 0, 7);
    g.fill();
  }
  g.filter = 'none';

  // A ridge line by midpoint displacement: `n` points across the width.
  function ridge(base, amplitude, roughness) {
    const n = 513;
    const y = new Array(n).fill(0);
    y[0] = (rnd() - 0.5) * amplitude;
    y[n - 1] = (rnd() - 0.5) * amplitude;
    for (let step = n - 1, a = amplitude; step > 1; step /= 2, a *= roughness) {
      for (let i = step / 2; i < n; i += step) y[i] = (y[i - step / 2] + y[i + step / 2]) / 2 + (rnd() - 0.5) * a;
    }
    return y.map((v, i) => [(i / (n - 1)) * w, base + v]);
  }

  // Ranges from far (hazy, blue-grey, snow on the peaks) to near (dark, green-brown).
  const haze = [168, 182, 196];
  const near = [52, 66, 44];
  const ranges = 6;
  for (let r = 0; r < ranges; r++) {
    const t = r / (ranges - 1);
    const line = ridge(h * (0.42 + t * 0.3), h * (0.32 - t * 0.17), 0.56);
    const colour = mix(haze, near, t ** 0.8);
    const path = new Path2D();
    path.moveTo(0, h);
    for (const [x, y] of line) path.lineTo(x, y);
    path.lineTo(w, h);
    path.closePath();
    const fill = g.createLinearGradient(0, h * 0.25, 0, h);
    fill.addColorStop(0, rgb(mix(colour, [235, 238, 240], 0.15 * (1 - t))));
    fill.addColorStop(1, rgb(mix(colour, [20, 24, 18], 0.35)));
    g.fillStyle = fill;
    g.fill(path);
    g.save();
    g.clip(path);
    // Snow where the far ridges rise highest: a band under the crest, deeper on the peaks.
    if (r < 2) {
      const top = Math.min(...line.map(([, y]) => y));
      const snowline = top + h * (0.07 - r * 0.025);
      const snow = new Path2D();
      snow.moveTo(line[0][0], line[0][1]);
      for (const [x, y] of line) snow.lineTo(x, y);
      for (let i = line.length - 1; i >= 0; i--) {
        const [x, y] = line[i];
        snow.lineTo(x, Math.max(y, Math.min(snowline + (rnd() - 0.5) * h * 0.012, y + h * 0.05)));
      }
      snow.closePath();
      g.filter = 'blur(2px)';
      g.fillStyle = `rgba(244,246,249,${0.85 - r * 0.3})`;
      g.fill(snow);
      g.filter = 'none';
    }
    // Rock, scree and forest: short strokes lighter and darker than the slope.
    const strokes = 9000 + r * 6000;
    for (let i = 0; i < strokes; i++) {
      const x = rnd() * w;
      const y = h * 0.2 + rnd() * h * 0.8;
      const light = rnd() < 0.3;
      g.strokeStyle = rgb(light ? [230, 232, 220] : [0, 0, 0], (light ? 0.015 : 0.04) + rnd() * 0.05 * (0.4 + t));
      g.lineWidth = 1 + rnd() * (1 + 3 * t);
      g.beginPath();
      g.moveTo(x, y);
      g.lineTo(x + (rnd() - 0.5) * 18, y + 4 + rnd() * 14 * (0.5 + t));
      g.stroke();
    }
    g.restore();
    // Haze pooling in the valley between ranges.
    const mist = g.createLinearGradient(0, h * (0.5 + t * 0.25), 0, h * (0.62 + t * 0.25));
    mist.addColorStop(0, 'rgba(220,226,230,0)');
    mist.addColorStop(1, `rgba(220,226,230,${0.22 * (1 - t)})`);
    g.fillStyle = mist;
    g.fillRect(0, 0, w, h);
  }

  // The valley floor: fields in greens and straw, a road winding through them.
  const floor = new Path2D();
  const edge = ridge(h * 0.86, h * 0.04, 0.5);
  floor.moveTo(0, h);
  for (const [x, y] of edge) floor.lineTo(x, y);
  floor.lineTo(w, h);
  floor.closePath();
  g.fillStyle = '#6f7a3c';
  g.fill(floor);
  g.save();
  g.clip(floor);
  const fieldColours = [[122, 134, 62], [164, 150, 84], [96, 116, 52], [140, 128, 70], [180, 166, 104]];
  for (let i = 0; i < 140; i++) {
    const x = rnd() * w;
    const y = h * 0.84 + rnd() * h * 0.18;
    const fw = 60 + rnd() * 260;
    const fh = 10 + rnd() * 40 * ((y - h * 0.8) / (h * 0.2));
    g.fillStyle = rgb(fieldColours[(rnd() * fieldColours.length) | 0], 0.75);
    g.beginPath();
    g.moveTo(x, y);
    g.lineTo(x + fw, y + (rnd() - 0.5) * 8);
    g.lineTo(x + fw + (rnd() - 0.5) * 30, y + fh);
    g.lineTo(x + (rnd() - 0.5) * 30, y + fh + (rnd() - 0.5) * 8);
    g.closePath();
    g.fill();
  }
  g.strokeStyle = 'rgba(196,188,170,0.9)';
  g.lineWidth = 9;
  g.beginPath();
  g.moveTo(w * 0.18, h);
  g.bezierCurveTo(w * 0.3, h * 0.93, w * 0.62, h * 0.97, w * 0.7, h * 0.88);
  g.stroke();
  g.restore();

  // Grain and a slight vignette, as a lens and a sensor leave them.
  const img = g.getImageData(0, 0, w, h);
  const d = img.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const dx = x / w - 0.5;
      const dy = y / h - 0.5;
      const v = 1 - 0.28 * (dx * dx + dy * dy);
      const n = (rnd() - 0.5) * 14;
      d[i] = d[i] * v + n;
      d[i + 1] = d[i + 1] * v + n;
      d[i + 2] = d[i + 2] * v + n;
    }
  }
  g.putImageData(img, 0, 0);
  return c.toDataURL('image/jpeg', 0.86);
});
await browser.close();
const bytes = Buffer.from(dataUrl.split(',')[1], 'base64');
writeFileSync(out, bytes);
console.log(`wrote ${out}: 2400 × 1600 JPEG, ${Math.round(bytes.length / 1024)} KB`);

// Draws how a chat app shows each story's link — picture, site, title, description — as an HTML
// sheet, from what open-graph-scraper (the parser many link-preview services build on) reads in
// the pre-rendered pages the server answers, and screenshots it in headless Chromium.
// Usage: node scripts/preview-sheet.mjs BASE_URL OUT.png   (scripts/preview-sheet.sh runs it)
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import ogs from 'open-graph-scraper';
import { chromium } from '@playwright/test';

const [base, out] = process.argv.slice(2);
if (!base || !out) {
  console.error('usage: node scripts/preview-sheet.mjs BASE_URL OUT.png');
  process.exit(2);
}
const site = (process.env.LEDE_SITE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
// The pages name the site's public address; the local server answers for it here.
const local = (url) => (url.startsWith(`${site}/`) ? base + url.slice(site.length) : url);
const esc = (s) => String(s ?? '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const get = async (url) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
};
const feed = await (await get(`${base}/feed.json`)).json();
const cards = [];
for (const item of feed.items) {
  const html = await (await get(local(item.url))).text();
  const { result, error } = await ogs({ html });
  if (error) throw new Error(`${item.url}: open-graph-scraper failed`);
  const image = result.ogImage?.[0];
  cards.push({ url: item.url, result, image, lang: item.language });
  console.log(`  ${item._lede.slug}: ${image ? image.url : 'NO IMAGE'}`);
}

const bubble = ({ url, result, image, lang }) => `
  <div class="message">
    <p class="link">${esc(url)}</p>
    <a class="preview" lang="${esc(lang)}" dir="auto">
      ${image ? `<img src="${esc(local(image.url))}" width="${esc(image.width)}" height="${esc(image.height)}" alt="${esc(image.alt)}">` : '<div class="noimage">no picture</div>'}
      <div class="text">
        <p class="site">${esc(result.ogSiteName)} · ${esc(new URL(url).host)}</p>
        <p class="title">${esc(result.ogTitle)}</p>
        <p class="description">${esc(result.ogDescription)}</p>
      </div>
    </a>
    <p class="time">${esc(result.twitterCard)} · ${esc(image?.type)} ${esc(image?.width)}×${esc(image?.height)}</p>
  </div>`;

const sheet = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Lede link previews</title><style>
  body { margin: 0; padding: 28px; background: #e5ddd5; font: 15px/1.35 "DejaVu Sans", sans-serif; color: #111; }
  h1 { font: 700 20px "DejaVu Sans", sans-serif; margin: 0 0 18px; color: #333; }
  .grid { display: grid; grid-template-columns: repeat(2, 460px); gap: 22px; align-items: start; }
  .message { background: #dcf8c6; border-radius: 10px; padding: 6px 6px 4px; box-shadow: 0 1px 1px rgba(0,0,0,.15); }
  .link { margin: 4px 6px 8px; color: #1f6fb2; font-size: 13px; word-break: break-all; }
  .preview { display: block; background: #f0f0f0; border-radius: 7px; overflow: hidden; color: inherit; text-decoration: none; border-inline-start: 4px solid #34b7f1; }
  .preview img { display: block; width: 100%; height: auto; }
  .noimage { height: 120px; display: grid; place-items: center; color: #a00; }
  .text { padding: 8px 10px 10px; }
  .site { margin: 0 0 3px; font-size: 12px; color: #667; text-transform: uppercase; letter-spacing: .03em; }
  .title { margin: 0 0 3px; font-weight: 700; }
  .description { margin: 0; font-size: 13px; color: #444; display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical; overflow: hidden; }
  .time { margin: 4px 6px 0; font-size: 11px; color: #6a7a6a; text-align: end; }
</style></head><body>
<h1>Shared Lede links as a chat app previews them (read by open-graph-scraper from the pre-rendered pages)</h1>
<div class="grid">${cards.map(bubble).join('')}</div>
</body></html>`;

mkdirSync(dirname(out), { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1020, height: 800 } });
  // On the site's origin (its headers keep its images to same-origin pages), then the sheet.
  await page.goto(`${base}/robots.txt`);
  await page.setContent(sheet, { waitUntil: 'load' });
  const broken = await page.evaluate(() => [...document.images].filter((i) => !i.complete || i.naturalWidth === 0).map((i) => i.src));
  if (broken.length) throw new Error(`images that did not load: ${broken.join(', ')}`);
  await page.screenshot({ path: out, fullPage: true });
} finally {
  await browser.close();
}
console.log(`preview sheet of ${cards.length} stories written to ${out}`);

// Link previews as real unfurlers see them: open-graph-scraper (npm, what many link-preview
// services build on) and extruct (PyPI, tests/e2e/unfurl_extruct.py in .lede/unfurl-venv) read
// the pre-rendered page of every sample story. What they must find comes from the article JSON
// files themselves, not from the code that writes the tags. Every image they are pointed to must
// answer 200 with a raster type, decode (in Chromium) to the size declared, and weigh < 300 KB,
// the most WhatsApp draws.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect } from '@playwright/test';

// The build's LEDE_SITE_URL (scripts/build.sh's default): the pages' absolute addresses.
const SITE = (process.env.LEDE_SITE_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const ROOT = path.join(__dirname, '..', '..');
const PYTHON = path.join(ROOT, '.lede', 'unfurl-venv', 'bin', 'python');
const MAX_BYTES = 300 * 1024;
const RASTER = /^image\/(jpeg|png|webp)$/;

type Run = { text: string };
type Article = {
  slug: string;
  headline: string;
  standfirst?: string;
  datePublished: string;
  body: { type: string; content?: Run[] }[];
  leadImage?: { src: string; alt: string };
};

const stories: Article[] = fs
  .readdirSync(path.join(ROOT, 'public', 'articles'))
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(ROOT, 'public', 'articles', f), 'utf8')));

/** What a story says about itself when asked for a summary: its standfirst, else its first paragraph. */
function description(a: Article): string {
  if (a.standfirst) return a.standfirst;
  const first = a.body.find((b) => b.type === 'paragraph');
  return (first?.content ?? []).map((r) => r.text).join('');
}

/** The path and query of an absolute address on the site, so the test server can answer it. */
function onSite(url: string): string {
  expect(url.startsWith(`${SITE}/`), `${url} is on the site ${SITE}`).toBe(true);
  return url.slice(SITE.length);
}

/** Fetches an image as a chat app would and decodes it in Chromium: its type, bytes and real size. */
async function fetchImage(request: APIRequestContext, page: Page, url: string) {
  const response = await request.get(onSite(url));
  expect(response.status(), url).toBe(200);
  const type = response.headers()['content-type'] ?? '';
  const body = await response.body();
  const decoded = await page.evaluate(
    async ({ base64, type }) => {
      const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type });
      const bitmap = await createImageBitmap(blob);
      return { width: bitmap.width, height: bitmap.height };
    },
    { base64: body.toString('base64'), type },
  );
  return { type, bytes: body.length, ...decoded };
}

function extruct(html: string, url: string): { opengraph: Record<string, string[]>; 'json-ld': Record<string, unknown>[] } {
  expect(fs.existsSync(PYTHON), `${PYTHON} (scripts/setup.sh makes it)`).toBe(true);
  const out = execFileSync(PYTHON, [path.join(__dirname, 'unfurl_extruct.py'), url], { input: html, timeout: 20_000 });
  return JSON.parse(out.toString('utf8'));
}

test.describe.configure({ timeout: 90_000 });

for (const story of stories) {
  test(`${story.slug} unfurls with its title, description and a raster picture`, async ({ request, page }) => {
    // open-graph-scraper is CommonJS; loaded here so a missing install fails this test clearly.
    const ogs = (await import('open-graph-scraper')).default;
    const canonical = `${SITE}/article/${story.slug}`;
    const response = await request.get(`/article/${story.slug}`);
    expect(response.status()).toBe(200);
    const html = await response.text();

    // open-graph-scraper
    const { result: og, error } = await ogs({ html });
    expect(error, JSON.stringify(og)).toBe(false);
    expect(og.ogTitle).toBe(story.headline);
    expect(og.ogDescription).toBe(description(story));
    expect(og.ogSiteName).toBe('Lede');
    expect(og.ogUrl).toBe(canonical);
    expect(og.ogType).toBe('article');
    expect(og.articlePublishedTime).toBe(story.datePublished);
    expect(og.twitterCard).toBe('summary_large_image');
    expect(og.ogImage?.length).toBe(1);
    const ogImage = og.ogImage![0];
    expect(og.twitterImage?.[0]?.url).toBe(ogImage.url);
    expect(ogImage.url).not.toMatch(/\.svg$/);
    expect(ogImage.alt).toBe(story.leadImage ? story.leadImage.alt : story.headline);

    // extruct: the same tags, the canonical link and the NewsArticle JSON-LD.
    const ex = extruct(html, canonical);
    const prop = (k: string) => ex.opengraph[k] ?? [];
    expect(prop('og:title')).toEqual([story.headline]);
    expect(prop('og:description')).toEqual([description(story)]);
    expect(prop('og:site_name')).toEqual(['Lede']);
    expect(prop('og:url')).toEqual([canonical]);
    expect(prop('article:published_time')).toEqual([story.datePublished]);
    expect(prop('og:image')).toEqual([ogImage.url]);
    expect(html).toContain(`<link rel="canonical" href="${canonical}">`);
    const ld = ex['json-ld'];
    expect(ld.length).toBe(1);
    expect(ld[0]['@type']).toBe('NewsArticle');
    expect(ld[0].headline).toBe(story.headline);
    expect(ld[0].datePublished).toBe(story.datePublished);
    expect(ld[0].url).toBe(canonical);

    // The Open Graph picture: declared size and type, as served and as decoded.
    const declared = { width: Number(prop('og:image:width')[0]), height: Number(prop('og:image:height')[0]) };
    expect(declared).toEqual({ width: 1200, height: 630 });
    expect(Number(ogImage.width)).toBe(1200);
    const image = await fetchImage(request, page, ogImage.url);
    expect(image.type).toMatch(RASTER);
    expect(prop('og:image:type')).toEqual([image.type]);
    expect({ width: image.width, height: image.height }).toEqual(declared);
    expect(image.bytes).toBeLessThan(MAX_BYTES);

    // The JSON-LD renditions Google asks for: 16:9, 4:3 and 1:1, each as declared.
    const renditions = ld[0].image as { url: string; width: number; height: number }[];
    const ratios = renditions.map((r) => Math.round((r.width / r.height) * 100) / 100);
    expect(ratios).toEqual([1.78, 1.33, 1]);
    for (const r of renditions) {
      expect(r.width).toBeGreaterThanOrEqual(1200);
      const got = await fetchImage(request, page, r.url);
      expect(got.type, r.url).toMatch(RASTER);
      expect({ width: got.width, height: got.height }, r.url).toEqual({ width: r.width, height: r.height });
      expect(got.bytes, r.url).toBeLessThan(MAX_BYTES);
    }
  });
}

test('the feeds carry the same pictures, and a missing card is a plain 404', async ({ request, page }) => {
  const feed = await (await request.get('/feed.json')).json();
  expect(feed.items.length).toBe(stories.length);
  const atom = await (await request.get('/feed.atom')).text();
  for (const item of feed.items as { url: string; image: string; banner_image: string }[]) {
    const html = await (await request.get(onSite(item.url))).text();
    const og = html.match(/<meta property="og:image" content="([^"]+)">/)![1];
    expect(item.image).toBe(og);
    expect(atom).toContain(`<media:content url="${og}" medium="image"`);
    const banner = await fetchImage(request, page, item.banner_image);
    expect({ width: banner.width, height: banner.height }).toEqual({ width: 1200, height: 675 });
  }
  const missing = await request.get('/cards/no-such-story-0000000000-1200x630.png');
  expect(missing.status()).toBe(404);
  expect(await missing.text(), 'not the app shell').not.toContain('id="prerendered"');
});

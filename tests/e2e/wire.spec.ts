// The wire: the build writes a brotli and a gzip copy of every text asset (`lede-site compress`),
// and nginx (deploy/nginx.conf: brotli_static, gzip_static) sends them as they are. A browser
// that accepts brotli gets brotli, one that accepts only gzip gets gzip, and one that accepts
// neither gets the file itself; all three decode to the same bytes.
import { test, expect } from './fixtures';

const SEED = 'un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';

test('text assets go brotli when accepted, gzip otherwise, and decode to the file itself', async ({ request }) => {
  const front = await (await request.get('/')).text();
  const boot = front.match(/src="\/(boot-[0-9a-f]{16}\.js)"/)![1];
  const wasm = (await (await request.get(`/${boot}`)).text()).match(/\/(lede-[0-9a-f]+_bg\.wasm)/)![1];
  const css = front.match(/\/(main-[0-9a-f]+\.css)/)![1];
  // What each asset must be once decoded, checked on the plain copy.
  const assets: { path: string; check: (body: Buffer) => void }[] = [
    { path: `/${wasm}`, check: (b) => expect(b.subarray(0, 4).toString('latin1')).toBe('\0asm') },
    {
      path: `/article/${SEED}`,
      check: (b) => expect(b.toString('utf8')).toContain('UN Rights Chief Calls for'),
    },
    { path: `/articles/${SEED}.json`, check: (b) => expect(JSON.parse(b.toString('utf8')).slug).toBe(SEED) },
    { path: '/lede-ner-worker_bg.wasm', check: (b) => expect(b.subarray(0, 4).toString('latin1')).toBe('\0asm') },
    { path: '/models/model.bin', check: (b) => expect(b.length).toBeGreaterThan(100_000) },
    { path: `/${css}`, check: (b) => expect(b.toString('utf8')).toContain('{') },
    { path: '/feed.json', check: (b) => expect(JSON.parse(b.toString('utf8')).version).toMatch(/jsonfeed/) },
  ];
  for (const { path, check } of assets) {
    const plain = await request.get(path, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status(), path).toBe(200);
    expect(plain.headers()['content-encoding'], `${path} uncompressed`).toBeUndefined();
    const original = await plain.body();
    check(original);

    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip']]) {
      const response = await request.get(path, { headers: { 'accept-encoding': accept } });
      const h = response.headers();
      expect(h['content-encoding'], `${path} with Accept-Encoding: ${accept}`).toBe(encoding);
      expect(h['vary'] ?? '', path).toMatch(/Accept-Encoding/i);
      // A pre-compressed file is sent with its length, smaller than the original's.
      expect(Number(h['content-length']), `${path} ${encoding} bytes`).toBeLessThan(original.length);
      expect(Buffer.compare(await response.body(), original), `${path} ${encoding} decodes`).toBe(0);
    }
  }
});

test('nothing competes with the first paint: no preload, the only blocking script is the settings one', async ({ request }) => {
  for (const path of ['/', `/article/${SEED}`, '/shell.html']) {
    const html = await (await request.get(path)).text();
    expect(html, path).not.toMatch(/<link\b[^>]*rel="(?:module)?preload"/);
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]);
    // JSON-LD is data; the module boot script is deferred by nature.
    const classic = scripts.filter((a) => !/type="(?:module|application\/ld\+json)"/.test(a));
    expect(classic.length, path).toBe(2);
    for (const attrs of classic) {
      const blocking = !/\b(?:defer|async)\b/.test(attrs);
      // Only the settings script blocks rendering, on purpose: the theme applies before paint.
      expect(blocking, `${path}: <script${attrs}>`).toBe(/\/settings-[0-9a-f]+\.js/.test(attrs));
    }
    expect(scripts.some((a) => /type="module" src="\/boot-[0-9a-f]{16}\.js"/.test(a)), path).toBe(true);
  }
});

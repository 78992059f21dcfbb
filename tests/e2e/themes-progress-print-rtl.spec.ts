// Reading comfort: settings that apply before first paint, reading time and progress, print,
// right-to-left and Cyrillic stories, and accessibility in every theme.
import type { Page } from '@playwright/test';
import { test, expect, axe, gotoWithoutTakeover } from './fixtures';

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const RTL = '/article/armenia-azerbaijan-moscow-talks-ar';
const CYRILLIC = '/article/armenia-azerbaijan-moscow-talks-ru';
const THEMES = ['light', 'dark', 'sepia', 'contrast'];

async function withSettings(page: Page, settings: string) {
  await page.addInitScript((s) => window.localStorage.setItem('lede.settings.v1', s), settings);
}

async function shot(page: Page, name: string, fullPage = false) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });
}

test('a saved theme applies at first paint, before the app has started', async ({ page }) => {
  await withSettings(page, 'theme=dark;text-size=l');
  // Hold the app back: what shows now is only the HTML, the stylesheet and settings.js.
  await page.route('**/*_bg.wasm', () => {});
  await gotoWithoutTakeover(page, '/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(22, 21, 20)');
  await shot(page, 'first-paint-dark');
});

test('settings are chosen with the keyboard and persist across reloads', async ({ page }) => {
  await page.goto(SEED);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const toggle = page.getByRole('button', { name: 'Reading settings' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.getByRole('radio', { name: 'Sepia' }).check();
  await page.getByRole('radio', { name: 'Large', exact: true }).check();
  await page.getByRole('radio', { name: 'Sans-serif' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');
  await shot(page, 'settings-open');
  await page.keyboard.press('Tab');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia');
  await expect(page.locator('html')).toHaveAttribute('data-text-size', 'l');
  await expect(page.locator('html')).toHaveAttribute('data-font', 'sans');
  const size = await page.locator('#p1').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThan(20);
});

test('reading time, progress bar and "continue where you left off"', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(SEED);
  await expect(page.locator('.reading-time')).toHaveText('2 min read');
  const bar = page.locator('.reading-progress');
  await expect(bar).toHaveAttribute('aria-hidden', 'true');
  await page.locator('#p8').scrollIntoViewIfNeeded();
  await page.mouse.wheel(0, 200);
  await expect.poll(() => page.locator('.reading-progress-bar').evaluate((el) => el.style.transform)).toMatch(/scaleX\(0\.[1-9]/);
  await page.reload();
  const offer = page.getByRole('region', { name: 'Continue reading' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Continue where you left off' }).click();
  await expect(offer).toHaveCount(0);
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
});

test('print keeps the story and its address, without navigation, panels or highlights', async ({ page }) => {
  await page.goto(SEED);
  await expect(page.locator('mark.entity').first()).toBeVisible({ timeout: 20_000 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.masthead')).toBeHidden();
  await expect(page.locator('.entity-panel')).toBeHidden();
  await expect(page.locator('.related:visible')).toHaveCount(0);
  await expect(page.locator('figure.figure-lead figcaption .credit')).toBeVisible();
  await expect(page.locator('.dates time').first()).toBeVisible();
  expect(await page.locator('mark.entity').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgba(0, 0, 0, 0)');
  expect(await page.locator('article.story').getAttribute('data-url')).toMatch(/\/article\/un-rights-chief/);
  await shot(page, 'print', true);
});

test('the front page shows an Arabic story right to left', async ({ page }) => {
  await page.goto('/');
  const card = page.locator('.story-card', { hasText: 'أرمينيا وأذربيجان' });
  await expect(card).toHaveAttribute('lang', 'ar');
  expect(await card.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
});

test('a right-to-left story mirrors, and a Cyrillic one renders', async ({ page }) => {
  await page.goto(RTL);
  // Measured once the app has taken the pre-rendered page over (the elements are replaced then).
  await expect(page.locator('#prerendered')).toHaveCount(0);
  const article = page.locator('article.story');
  await expect(article).toHaveAttribute('dir', 'rtl');
  await expect(article).toHaveAttribute('lang', 'ar');
  const h1 = await page.getByRole('heading', { level: 1 }).boundingBox();
  const body = await page.locator('.story-body').boundingBox();
  // Right-aligned: the headline ends at the column's right edge.
  expect(Math.abs(h1!.x + h1!.width - (body!.x + body!.width))).toBeLessThan(4);
  await expect(page.locator('.published time')).toContainText('2020'); // formatted for Arabic
  await expect(page.locator('.entity-panel')).toHaveCount(0); // the recogniser is English-only
  await shot(page, 'rtl');
  await page.goto(CYRILLIC);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Армения и Азербайджан согласились на переговоры в Москве');
  await expect(page.locator('.published time')).toContainText('октября 2020');
  await shot(page, 'cyrillic');
  // A block in another language than its story carries its own lang (Armenian script renders).
  await page.goto('/article/armenia-and-azerbaijan');
  const quote = page.locator('#q-artsakh');
  await expect(quote).toHaveAttribute('lang', 'hy');
  await expect(quote).toHaveAttribute('dir', 'auto');
  await expect(quote.locator('blockquote')).toHaveText('Արցախ');
  await quote.screenshot({ path: 'test-results/screenshots/armenian-quote.png' });
});

for (const theme of THEMES) {
  test(`no axe violations in the ${theme} theme`, async ({ page }) => {
    await withSettings(page, `theme=${theme}`);
    for (const path of ['/', SEED, RTL]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (path === SEED) await expect(page.locator('mark.entity').first()).toBeVisible({ timeout: 20_000 });
      const results = await axe(page);
      expect(results.violations.map((v) => `${theme} ${path} ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
    }
    await shot(page, `theme-${theme}`);
  });
}

for (const [name, width] of [['320', 320], ['768', 768], ['1280', 1280], ['zoom-200', 640]] as const) {
  test(`reflows without loss at ${name}`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(SEED);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await shot(page, `width-${name}`);
  });
}

test('keyboard only: front page → story → settings → related', async ({ page }) => {
  await page.goto('/');
  const tabTo = async (locator: ReturnType<Page['locator']>) => {
    for (let i = 0; i < 60 && !(await locator.evaluate((el) => el === document.activeElement).catch(() => false)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(locator).toBeFocused();
  };
  const story = page.getByRole('link', { name: "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh" });
  await tabTo(story);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(SEED);
  const settings = page.getByRole('button', { name: 'Reading settings' });
  await tabTo(settings);
  await page.keyboard.press('Enter');
  await tabTo(page.getByRole('radio', { name: 'Follow system' }));
  await page.keyboard.press('ArrowRight'); // radio groups move with arrows
  await expect(page.getByRole('radio', { name: 'Light' })).toBeChecked();
  await tabTo(page.getByRole('button', { name: 'Done' }));
  await page.keyboard.press('Enter');
  await expect(settings).toHaveAttribute('aria-expanded', 'false');
  const related = page.getByRole('complementary', { name: 'Related: Armenia and Azerbaijan' }).getByRole('link');
  await tabTo(related);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/article/armenia-and-azerbaijan');
});

test('Listen is hidden when the browser has no voice', async ({ page }) => {
  // Headless Chromium has no voices: the real path.
  await page.goto(SEED);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Listen to this story' })).toHaveCount(0);
});

test('Listen reads sentence by sentence, highlights, pauses, skips and stops', async ({ page }) => {
  // A scripted stand-in for speechSynthesis: it records what it is asked to say, and the test
  // decides when each sentence ends.
  await page.addInitScript(() => {
    const w = window as any;
    const synth: any = {
      spoken: [] as string[],
      current: null as any,
      paused: false,
      onvoiceschanged: null,
      getVoices: () => [{ lang: 'en-US', name: 'Scripted voice' }],
      speak(u: any) { synth.spoken.push(u.text); synth.current = u; },
      cancel() { synth.current = null; },
      pause() { synth.paused = true; },
      resume() { synth.paused = false; },
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    w.__synth = synth;
    w.__endSentence = () => { const u = synth.current; synth.current = null; u?.onend?.(new Event('end')); };
  });
  await page.goto(SEED);
  const listen = page.getByRole('button', { name: 'Listen to this story' });
  await listen.click();
  const spoken = () => page.evaluate(() => (window as any).__synth.spoken as string[]);
  await expect.poll(spoken).toEqual(["UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh"]);
  await page.evaluate(() => (window as any).__endSentence());
  await expect.poll(async () => (await spoken())[1]).toBe('U.N. human rights chief Michelle Bachelet called for an “urgent cease-fire” in the disputed Nagorno-Karabakh region Friday as nearly two weeks of fighting between Armenia and Azerbaijan has taken a heavy toll on civilians.');
  expect(await page.evaluate(() => (CSS as any).highlights.has('lede-listen'))).toBe(true);
  await expect(page.locator('#p1')).toHaveAttribute('data-listening', '');
  await expect(page.locator('.listen-position')).toHaveText(/^Sentence 2 of \d+$/);
  await page.getByRole('button', { name: 'Skip sentence' }).click();
  await expect.poll(async () => (await spoken())[2]).toMatch(/^“It is deeply worrying/);
  await page.getByRole('button', { name: 'Pause' }).click();
  expect(await page.evaluate(() => (window as any).__synth.paused)).toBe(true);
  await page.getByRole('button', { name: 'Resume' }).click();
  expect(await page.evaluate(() => (window as any).__synth.paused)).toBe(false);
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('button', { name: 'Listen to this story' })).toBeVisible();
  expect(await page.evaluate(() => (CSS as any).highlights.has('lede-listen'))).toBe(false);
});

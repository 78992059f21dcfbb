// Entities in the reader: recognised in the browser, highlighted by type, explorable from the
// "In this story" panel, and shareable by link.
import type { Page } from '@playwright/test';
import { test, expect, axe } from './fixtures';

const SEED = '/article/un-rights-chief-calls-for-urgent-cease-fire-in-nagorno-karabakh';
const BACHELET = 'per-michelle-bachelet';

async function openSeed(page: Page, query = '') {
  await page.goto(SEED + query);
  // Marks appear once the worker has loaded the model and answered.
  await expect(page.locator('mark.entity').first()).toBeVisible({ timeout: 20_000 });
}

function mark(page: Page, type: string, text: string) {
  return page.locator(`mark[data-entity-type="${type}"]`, { hasText: text });
}

test('the seed story shows its people, places and organisations with the right types', async ({ page }) => {
  await openSeed(page);
  await expect(mark(page, 'PER', 'Michelle Bachelet')).toHaveCount(1);
  await expect(mark(page, 'PER', 'Vladimir Putin')).toHaveCount(1);
  for (const place of ['Armenia', 'Azerbaijan', 'Nagorno-Karabakh']) {
    expect(await mark(page, 'LOC', place).count()).toBeGreaterThan(0);
  }
  expect(await mark(page, 'ORG', 'Minsk Group').count()).toBeGreaterThan(0);
  // Every mark carries its type and entity id.
  for (const m of await page.locator('mark.entity').all()) {
    await expect(m).toHaveAttribute('data-entity-type', /^(PER|LOC|ORG|MISC|DATE|TIME|MONEY|PERCENT|QUANTITY|CARDINAL)$/);
    await expect(m).toHaveAttribute('data-entity-id', /^[a-z]+-[a-z0-9-]+$/);
  }
  // "Bachelet" alone links to the same entity as "Michelle Bachelet".
  const bachelet = page.locator('#p2 mark', { hasText: 'Bachelet' });
  await expect(bachelet).toHaveAttribute('data-entity-id', BACHELET);
  await page.screenshot({ path: 'test-results/screenshots/story-entities.png', fullPage: true });
});

test('highlights do not move the text and copy without markup', async ({ page }) => {
  await page.goto(SEED);
  await expect(page.locator('#p5')).toBeVisible();
  const before = await page.locator('#p5').boundingBox();
  await expect(page.locator('#p5 mark.entity').first()).toBeVisible({ timeout: 20_000 });
  const after = await page.locator('#p5').boundingBox();
  expect(after).toEqual(before);
  const copied = await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector('#p1')!);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
    return sel.toString();
  });
  expect(copied).toBe('U.N. human rights chief Michelle Bachelet called for an “urgent cease-fire” in the disputed Nagorno-Karabakh region Friday as nearly two weeks of fighting between Armenia and Azerbaijan has taken a heavy toll on civilians.');
});

test('switching a type off removes its marks, and the choice persists', async ({ page }) => {
  await openSeed(page);
  const people = page.getByRole('checkbox', { name: 'People' });
  expect(await page.locator('mark[data-entity-type="PER"]').count()).toBeGreaterThan(3);
  await people.uncheck();
  await expect(page.locator('mark[data-entity-type="PER"]')).toHaveCount(0);
  expect(await page.locator('mark[data-entity-type="LOC"]').count()).toBeGreaterThan(3);
  await expect(page.locator('#p1')).toContainText('Michelle Bachelet'); // the text stays
  await page.reload();
  await expect(page.locator('mark[data-entity-type="LOC"]').first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('checkbox', { name: 'People' })).not.toBeChecked();
  await expect(page.locator('mark[data-entity-type="PER"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Highlights off' }).click();
  await expect(page.locator('mark.entity')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Highlights off' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Highlights off' }).click();
  await page.getByRole('checkbox', { name: 'People' }).check();
  await expect(mark(page, 'PER', 'Vladimir Putin')).toHaveCount(1);
});

test('selecting Bachelet marks all her mentions and opens her card', async ({ page }) => {
  await openSeed(page);
  await page.getByRole('button', { name: /^Michelle Bachelet \d+ mentions, person$/ }).click();
  const selected = page.locator('mark.entity-selected');
  const ids = await selected.evaluateAll((els) => els.map((e) => e.getAttribute('data-entity-id')));
  expect(ids.length).toBeGreaterThanOrEqual(4);
  expect(new Set(ids)).toEqual(new Set([BACHELET]));
  const texts = await selected.allTextContents();
  expect(texts).toContain('Michelle Bachelet');
  expect(texts).toContain('Bachelet');
  const card = page.getByRole('region', { name: 'Michelle Bachelet' });
  await expect(card).toBeVisible();
  await expect(card.locator('.card-kind')).toContainText('Person ·');
  // The publisher's hint confirms her and links a page about her.
  await expect(card.locator('.card-kind')).toContainText('listed by the publisher');
  await expect(card.getByRole('link', { name: 'About Michelle Bachelet', exact: true })).toHaveAttribute('href', 'https://en.wikipedia.org/wiki/Michelle_Bachelet');
  await expect(card.locator('.card-sentences li').first()).toContainText('U.N. human rights chief Michelle Bachelet called for');
  await expect(page).toHaveURL(`${SEED}?entity=${BACHELET}`);
  await expect(card.locator('.card-position')).toHaveText(`1 of ${ids.length}`);
  await card.getByRole('button', { name: 'Next mention' }).click();
  await expect(card.locator('.card-position')).toHaveText(`2 of ${ids.length}`);
  await expect(page.locator('mark.entity-current')).toHaveCount(1);
  await expect(page.locator('mark.entity-current')).toBeInViewport();
  await page.screenshot({ path: 'test-results/screenshots/story-entity-card.png' });
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  await expect(page).toHaveURL(SEED);
});

test('the card links the other stories that mention the entity', async ({ page }) => {
  await openSeed(page, '?entity=loc-armenia');
  const card = page.getByRole('region', { name: 'Armenia' });
  const other = card.getByRole('link', { name: 'Armenia and Azerbaijan: the decades-old fight over Nagorno-Karabakh' });
  await expect(other).toBeVisible();
  // The story being read is not listed as "other".
  await expect(card.getByRole('link', { name: "UN Rights Chief Calls for 'Urgent Cease-Fire' in Nagorno-Karabakh" })).toHaveCount(0);
  await other.click();
  await expect(page).toHaveURL('/article/armenia-and-azerbaijan');
});

test('an entity deep link reloads into the same state', async ({ page }) => {
  await openSeed(page, `?entity=${BACHELET}`);
  await expect(page.getByRole('region', { name: 'Michelle Bachelet' })).toBeVisible();
  await expect(page.locator('mark.entity-selected').first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole('region', { name: 'Michelle Bachelet' })).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('mark.entity-current')).toBeInViewport();
  expect(await page.locator('mark.entity-selected').count()).toBeGreaterThanOrEqual(4);
});

test('copy link puts the entity link on the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openSeed(page);
  await page.getByRole('button', { name: /^Vladimir Putin \d+ mentions?, person$/ }).click();
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`${SEED}\\?entity=per-vladimir-putin$`));
});

test('keyboard only: legend, entity list and card', async ({ page }) => {
  await openSeed(page);
  const people = page.getByRole('checkbox', { name: 'People' });
  // Tab until the first legend switch has focus.
  for (let i = 0; i < 40 && !(await people.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(people).toBeFocused();
  await page.keyboard.press('Space');
  await expect(people).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(people).toBeChecked();
  const chip = page.getByRole('button', { name: /^Michelle Bachelet \d+ mentions?, person$/ });
  for (let i = 0; i < 40 && !(await chip.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(chip).toBeFocused();
  const outline = await chip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none'); // focus is visible
  await page.keyboard.press('Enter');
  const card = page.getByRole('region', { name: 'Michelle Bachelet' });
  await expect(card).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
});

test('axe finds no violations with highlights and the card open', async ({ page }) => {
  await openSeed(page, `?entity=${BACHELET}`);
  await expect(page.getByRole('region', { name: 'Michelle Bachelet' })).toBeVisible();
  const results = await axe(page);
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
});

test('each entity chip is named by what it shows, then what it is (WCAG 2.5.3, Label in Name)', async ({ page }) => {
  await openSeed(page);
  const chips = page.locator('.entity-panel button[data-entity-id]');
  expect(await chips.count()).toBeGreaterThan(20);
  // Names written out by hand for a few chips of the seed story.
  await expect(page.getByRole('button', { name: 'Kremlin 1 mention, organisation', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: /^Michelle Bachelet [4-9] mentions, person$/ })).toBeVisible();
  // Every chip: the text that is visible on screen (in no box a pixel or less wide or high, the
  // way text is hidden for all but screen readers), in order, begins its accessible name.
  for (const chip of await chips.all()) {
    const visible = await chip.evaluate((button) => {
      const words: string[] = [];
      const walker = document.createTreeWalker(button, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        let shown = !!node.textContent!.trim();
        for (let el = node.parentElement; shown && el && el !== button.parentElement; el = el.parentElement) {
          const rect = el.getBoundingClientRect();
          shown = rect.width > 1 && rect.height > 1;
        }
        if (shown) words.push(node.textContent!.trim());
      }
      return words.join(' ');
    });
    expect(visible).toMatch(/^\S.* \d+$/); // a name and a count
    const escaped = visible.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await expect(chip).toHaveAccessibleName(new RegExp(`^${escaped} mentions?, (person|place|organisation|name|date|number)$`));
  }
});

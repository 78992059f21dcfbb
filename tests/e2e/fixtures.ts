// The `test` every spec uses: Playwright's, with a page whose goto and reload also wait for the
// app to take the pre-rendered page over (see src/takeover.rs). Until then the page shows static
// HTML whose buttons do nothing yet, and an element found then is replaced a moment later.
// Where the app never takes over (no pre-rendered page, or the app is held back), this waits
// for nothing, or gives up after a few seconds and lets the test see what is there.
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import axeCore from 'axe-core';

export const test = base.extend({
  page: async ({ page }, use) => {
    const settle = () =>
      page.waitForFunction(() => !document.getElementById('prerendered'), null, { timeout: 15_000 }).catch(() => {});
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await settle();
      return response;
    };
    page.reload = async (options) => {
      const response = await reload(options);
      await settle();
      return response;
    };
    await use(page);
  },
});

export { expect };

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the tags every accessibility check runs with. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe's rules for those tags that a run by tag leaves out because axe calls them experimental
 *  (label-content-name-mismatch, WCAG 2.5.3 Label in Name, is one): switched on by name. */
const EXPERIMENTAL_WCAG_RULES = axeCore
  .getRules(WCAG_TAGS)
  .filter((rule) => rule.tags.includes('experimental') && !rule.tags.includes('deprecated'))
  .map((rule) => rule.ruleId);
if (!EXPERIMENTAL_WCAG_RULES.includes('label-content-name-mismatch')) {
  throw new Error(`axe-core ${axeCore.version} has no experimental label-content-name-mismatch rule: check EXPERIMENTAL_WCAG_RULES`);
}

/** axe over the page with every WCAG A and AA rule (see WCAG_TAGS), experimental ones included,
 *  and axe's best practices, which its default run also checks. Fails if a rule that only runs
 *  when asked for by name or tag (the experimental ones, target-size) did not run. */
export async function axe(page: Page): Promise<axeCore.AxeResults> {
  const results = await new AxeBuilder({ page })
    .options({ rules: Object.fromEntries(EXPERIMENTAL_WCAG_RULES.map((id) => [id, { enabled: true }])) })
    .withTags([...WCAG_TAGS, 'best-practice'])
    .analyze();
  const ran = new Set([...results.passes, ...results.violations, ...results.incomplete, ...results.inapplicable].map((r) => r.id));
  expect([...EXPERIMENTAL_WCAG_RULES, 'target-size'].filter((id) => !ran.has(id)), 'axe rules that did not run').toEqual([]);
  return results;
}


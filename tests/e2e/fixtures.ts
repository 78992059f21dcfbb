// The `test` every spec uses: Playwright's, with a page whose goto and reload also wait for the
// app to take the pre-rendered page over (see src/takeover.rs). Until then the page shows static
// HTML whose buttons do nothing yet, and an element found then is replaced a moment later.
// Where the app never takes over (no pre-rendered page, or the app is held back), this waits
// for nothing, or gives up after a few seconds and lets the test see what is there.
import { test as base, expect } from '@playwright/test';

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

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, driven by playwright-core (no browser download). */
export async function launchChromium(): Promise<Browser> {
  const executablePath = process.env.ANXIN_CHROMIUM_PATH || '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Collects page errors and console errors so a journey can assert the page ran cleanly. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A 401/403/404 from the API is expected in some journeys; the browser logs those as errors.
    if (m.type() === 'error' && !/status of (401|403|404)/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

export const byTestId = (id: string) => `[data-testid="${id}"]`;

export async function login(page: Page, baseUrl: string, username: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill(byTestId('login-username'), username);
  await page.fill(byTestId('login-password'), password);
  await page.click(byTestId('login-submit'));
}

/** A fresh browser context in Shanghai time and Chinese, optionally phone-sized, with its error collector. */
export async function openPage(browser: Browser, options: { mobile?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...(options.mobile ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

/** Picks the option containing `text` (or the first) in the antd Select with this test id, and waits for the dropdown to close. */
export async function chooseOption(page: Page, testId: string, text?: string) {
  await page.click(`${byTestId(testId)} .ant-select-selector, ${byTestId(testId)}.ant-select`);
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await options.first().waitFor();
  const closed = () => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // A list that searches the server may re-render under the click (results arriving): if the choice
  // did not take, the dropdown is still open with the option in it, and it is chosen again.
  const isClosed = () => page.evaluate(closed);
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0 && (await isClosed())) return; // it took, only slowly
    const option = text ? options.filter({ hasText: text }).first() : options.first();
    if (attempt === 0) await option.click();
    else if (!(await option.click({ timeout: 5_000 }).then(() => true, () => false))) continue;
    const took = await page
      .waitForFunction(closed, undefined, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (took) return;
  }
  // Wait until the dropdown has closed, so the next Select's options are not confused with these.
  await page.waitForFunction(closed);
}

/**
 * Opens a page through a submenu of the navigation: opens the group, clicks the item and waits for
 * the address to change. A click that lands while the group is still sliding open (seen once on a
 * loaded CI machine: no navigation) is made again once the item has settled.
 */
export async function clickNav(page: Page, groupTestId: string, itemTestId: string, path: string) {
  await page.click(byTestId(groupTestId));
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.click(byTestId(itemTestId));
    const went = await page
      .waitForURL((url) => url.pathname === path, { timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (went) return;
  }
  await page.waitForURL((url) => url.pathname === path);
}

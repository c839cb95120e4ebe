import { chromium, type Browser, type Page } from 'playwright-core';

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

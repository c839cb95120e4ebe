import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { byTestId, launchChromium, login, watchErrors } from './support/browser.ts';
import { startDemoServer, type RunningServer } from './support/server.ts';

const DEMO_PASSWORD = 'anxin-demo-2026';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

describe('foundation journeys in Chromium', () => {
  it('prints the demo accounts and password on start: the first start loads the demo, a later one finds it', () => {
    const first = inject('demo').firstStartOutput;
    expect(first).toContain('Demo insurer loaded.');
    expect(first).toContain(`Demo password for every account: ${DEMO_PASSWORD}`);
    expect(first).toMatch(/Customer portal \(\/portal\), fictional demo customer:\n {2}policy number P\d+, ID number \d{17}[\dX]/);
    expect(server.output()).toContain('Demo insurer already present.');
    expect(server.output()).toContain(`Demo password for every account: ${DEMO_PASSWORD}`);
  });

  it('logs in, shows the home page, switches the language and keeps it after a reload', async () => {
    const { context, page, errors } = await freshPage();
    await login(page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await page.waitForSelector(byTestId('home-page'));
    await expect(page.locator(byTestId('app-root')).getAttribute('data-lang')).resolves.toBe('zh-CN');
    await expect(page.locator(byTestId('home-org-unit')).textContent()).resolves.toContain('安心保险总公司');
    // Admin navigation: organisation, staff, audit, API keys.
    for (const nav of ['nav-home', 'nav-org', 'nav-staff', 'nav-audit', 'nav-api-keys', 'nav-account']) {
      expect(await page.locator(byTestId(nav)).count(), nav).toBeGreaterThan(0);
    }
    const zhGreeting = await page.locator(byTestId('home-greeting')).textContent();

    await page.click(byTestId('lang-switch'));
    await page.waitForSelector(`${byTestId('app-root')}[data-lang="en-US"]`);
    const enGreeting = await page.locator(byTestId('home-greeting')).textContent();
    expect(enGreeting).not.toBe(zhGreeting);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');

    await page.reload();
    await page.waitForSelector(`${byTestId('app-root')}[data-lang="en-US"]`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('fits the navigation to the role', async () => {
    const { context, page } = await freshPage();
    await login(page, server.baseUrl, 'hz.agent', DEMO_PASSWORD);
    await page.waitForSelector(byTestId('home-page'));
    expect(await page.locator(byTestId('nav-staff')).count()).toBe(0);
    expect(await page.locator(byTestId('nav-audit')).count()).toBe(0);
    expect(await page.locator(byTestId('nav-api-keys')).count()).toBe(0);
    await page.goto(`${server.baseUrl}/audit`);
    await page.waitForSelector(byTestId('forbidden-page'));
    await context.close();

    const auditor = await freshPage();
    await login(auditor.page, server.baseUrl, 'hq.compliance_auditor', DEMO_PASSWORD);
    await auditor.page.waitForSelector(byTestId('home-page'));
    await auditor.page.click(byTestId('nav-audit'));
    await auditor.page.waitForSelector(byTestId('audit-table'));
    await auditor.page.click(byTestId('audit-verify'));
    await auditor.page.waitForSelector(`${byTestId('audit-verify-result')}`);
    expect(await auditor.page.locator(byTestId('audit-verify-result')).getAttribute('data-ok')).toBe('true');
    await auditor.context.close();
  });

  it('admin creates a city-branch user who then logs in and cannot see another branch’s data', async () => {
    const admin = await freshPage();
    await login(admin.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.page.waitForSelector(byTestId('home-page'));
    await admin.page.click(byTestId('nav-staff'));
    await admin.page.waitForSelector(byTestId('staff-table'));
    await admin.page.click(byTestId('staff-create'));

    await admin.page.fill(byTestId('staff-form-username'), 'hz.newmanager');
    await admin.page.fill(byTestId('staff-form-display-name'), '钱多多');
    await admin.page.click(byTestId('staff-form-org-unit'));
    await admin.page.keyboard.type('ZJ-HZ');
    await admin.page.keyboard.press('Enter');
    await admin.page.click(byTestId('staff-form-roles'));
    await admin.page.keyboard.type('branch_manager');
    await admin.page.keyboard.press('Enter');
    await admin.page.keyboard.press('Escape');
    await admin.page.click(byTestId('staff-form-submit'));
    await admin.page.waitForSelector(byTestId('initial-password'));
    const initialPassword = (await admin.page.locator(byTestId('initial-password')).textContent())!.trim();
    expect(initialPassword.length).toBeGreaterThanOrEqual(10);
    await admin.page.click(byTestId('initial-password-close'));
    await admin.page.waitForSelector(byTestId('staff-row-hz.newmanager'));
    await admin.context.close();

    const user = await freshPage();
    await login(user.page, server.baseUrl, 'hz.newmanager', initialPassword);
    // A new account must replace its one-time password first.
    await user.page.waitForSelector(byTestId('account-page'));
    await user.page.fill(byTestId('password-current'), initialPassword);
    await user.page.fill(byTestId('password-new'), 'Hangzhou-manager-2026');
    await user.page.fill(byTestId('password-confirm'), 'Hangzhou-manager-2026');
    await user.page.click(byTestId('password-submit'));
    await user.page.waitForSelector(byTestId('home-page'));
    await expect(user.page.locator(byTestId('home-org-unit')).textContent()).resolves.toContain('杭州中心支公司');

    await user.page.click(byTestId('nav-staff'));
    await user.page.waitForSelector(byTestId('staff-row-hz.agent'));
    const rows = await user.page.locator('[data-testid^="staff-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, 'only Hangzhou staff are listed').toMatch(/^staff-row-hz\./);

    // The organisation page shows only the user's own branch.
    await user.page.click(byTestId('nav-org'));
    await user.page.waitForSelector(byTestId('org-node-ZJ-HZ'));
    expect(await user.page.locator(byTestId('org-node-ZJ-NB')).count()).toBe(0);
    expect(await user.page.locator(byTestId('org-node-GD')).count()).toBe(0);

    // And the API refuses another branch's records even when asked directly with the session cookie.
    const otherBranch = await user.page.evaluate(async () => {
      const list = await fetch('/api/v1/staff?q=gz.agent');
      const body = (await list.json()) as { total: number };
      return { status: list.status, total: body.total };
    });
    expect(otherBranch).toEqual({ status: 200, total: 0 });
    expect(user.errors).toEqual([]);
    await user.context.close();
  });
});

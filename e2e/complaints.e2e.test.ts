import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, chooseOption, launchChromium, login, openPage } from './support/browser.ts';
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

/** Runs a step of the procedure on the complaint page through its dialog. */
async function step(page: Page, action: string, status: string, fields: Record<string, string>) {
  await page.click(byTestId(`complaint-action-${action}`));
  for (const [name, value] of Object.entries(fields)) await page.fill(byTestId(`complaint-field-${name}`), value);
  await page.click(byTestId('complaint-action-submit'));
  await page.waitForSelector(`${byTestId('complaint-detail-page')}[data-status="${status}"]`);
}

describe('complaint journey in Chromium: portal complaint to closure', () => {
  it('a customer complains in the portal, staff verify, register and decide, the customer reads the decision and accepts it', async () => {
    const customer = await openPage(browser, { mobile: true });
    const admin = await openPage(browser);
    const match = /policy number (\S+), ID number (\S+);/.exec(server.output());
    expect(match).not.toBeNull();

    // ── The customer identifies (code from the development inbox) ──
    await customer.page.goto(`${server.baseUrl}/portal/login`);
    await customer.page.fill(byTestId('portal-policy-no'), match![1]!);
    await customer.page.fill(byTestId('portal-id-number'), match![2]!);
    await customer.page.click(byTestId('portal-send-code'));
    await customer.page.waitForSelector(byTestId('portal-code-sent'));
    await login(admin.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.page.waitForSelector(byTestId('home-page'));
    await admin.page.goto(`${server.baseUrl}/dev-inbox`);
    const codeCell = admin.page.locator(`${byTestId('dev-inbox-text')}[data-template="portal_login_code"]`).first();
    await codeCell.waitFor();
    await customer.page.fill(byTestId('portal-code'), (await codeCell.getAttribute('data-code'))!);
    await customer.page.click(byTestId('portal-login-submit'));
    await customer.page.waitForSelector(byTestId('portal-home'));

    // ── The complaint ──
    await customer.page.click(byTestId('portal-complain'));
    await customer.page.waitForSelector(byTestId('portal-complain-page'));
    await chooseOption(customer.page, 'portal-complaint-sub-reason', '时效慢');
    await customer.page.fill(byTestId('portal-complaint-subject'), '补充材料后一直没有进展');
    await customer.page.fill(byTestId('portal-complaint-description'), '我上周已经补交了材料，但理赔一直没有进展，电话也没人回。');
    await customer.page.click(byTestId('portal-complaint-submit'));
    await customer.page.waitForSelector(`${byTestId('portal-complaint-page')}[data-status="received"]`);
    await customer.page.waitForSelector(byTestId('portal-complaint-step-received'));
    expect(await customer.page.locator(byTestId('portal-complaint-next')).getAttribute('data-key')).toBe('decision');
    const complaintId = /\/portal\/complaints\/([0-9a-f-]{36})/.exec(customer.page.url())![1]!;

    // ── Staff find it on the desk and handle it ──
    await admin.page.goto(`${server.baseUrl}/complaints`);
    await admin.page.waitForSelector(byTestId(`complaint-row-${complaintId}`));
    await admin.page.click(`${byTestId(`complaint-row-${complaintId}`)} a.anxin-mono`);
    await admin.page.waitForSelector(`${byTestId('complaint-detail-page')}[data-status="received"]`);
    expect(await admin.page.locator(byTestId('complaint-description')).textContent()).toContain('补交了材料');
    await step(admin.page, 'verify', 'verified', { facts: '已核实：材料已于上周收到，审核岗未及时处理。' });
    await step(admin.page, 'register', 'registered', { summary: '理赔时效投诉，已指定专人跟进' });
    // Head office gives it to a complaint handler of its unit, with a note; the status stays.
    await admin.page.click(byTestId('complaint-action-assign'));
    await chooseOption(admin.page, 'complaint-field-assigneeId');
    await admin.page.fill(byTestId('complaint-field-note'), '请今日联系客户');
    await admin.page.click(byTestId('complaint-action-submit'));
    await admin.page.waitForSelector(byTestId('complaint-record-assignment'));
    expect(await admin.page.locator(byTestId('complaint-record-assignment')).textContent()).toContain('请今日联系客户');
    await admin.page.waitForSelector(`${byTestId('complaint-detail-page')}[data-status="registered"]`);
    await admin.page.click(byTestId('playbook-save-apologise'));
    await admin.page.waitForSelector(`${byTestId('playbook-step-apologise')}[data-done="true"]`);
    await step(admin.page, 'decide', 'decided', { findings: '审核岗积压导致延误', resolution: '已于今日完成审核，三个工作日内赔款到账，并向您致歉。', rootCause: '审核岗人力不足' });

    // ── The customer reads the decision and accepts it ──
    await customer.page.reload();
    await customer.page.waitForSelector(`${byTestId('portal-complaint-page')}[data-status="decided"]`);
    expect(await customer.page.locator(byTestId('portal-complaint-decision')).textContent()).toContain('三个工作日内赔款到账');
    await customer.page.click(byTestId('portal-complaint-accept'));
    await customer.page.waitForSelector(`${byTestId('portal-complaint-page')}[data-status="closed"]`);
    await customer.page.waitForSelector(byTestId('portal-complaint-step-closed'));
    const steps = await customer.page.locator('[data-testid^="portal-complaint-step-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('portal-complaint-step-', '')));
    expect(steps).toEqual(['received', 'verified', 'registered', 'decided', 'accepted', 'closed']);

    // ── Staff see it closed and archived, with the customer's answer on record ──
    await admin.page.reload();
    await admin.page.waitForSelector(`${byTestId('complaint-detail-page')}[data-status="closed"]`);
    await admin.page.waitForSelector(byTestId('complaint-record-response'));
    expect(await admin.page.locator(byTestId('complaint-action-reopen')).count()).toBe(1);
    expect(await admin.page.locator(byTestId('complaint-action-decide')).count()).toBe(0);

    expect(customer.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    await customer.context.close();
    await admin.context.close();
  });

  it('HQ reads the monthly analysis of the demo complaints and the desk shows only its scope for a city handler', async () => {
    const hq = await openPage(browser);
    await login(hq.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await hq.page.waitForSelector(byTestId('home-page'));
    await hq.page.goto(`${server.baseUrl}/complaints/analysis`);
    await hq.page.waitForSelector(byTestId('complaint-analysis-total'));
    const total = Number((await hq.page.locator(`${byTestId('complaint-analysis-total')} .ant-statistic-content-value`).textContent())!.replace(/\D/g, ''));
    // The month is named in words (2026年11月), not as a code.
    expect(await hq.page.locator(byTestId('complaint-analysis-page')).textContent()).toMatch(/\d{4}年\d{1,2}月/);
    expect(total).toBeGreaterThan(0);
    await hq.page.waitForSelector(`${byTestId('analysis-branch')} [data-count]`);
    // The demo's complaints name policies and staff: the product and staff charts have named bars.
    for (const chart of ['analysis-product', 'analysis-staff']) {
      const named = await hq.page.locator(`${byTestId(chart)} [data-count]:not([data-key="none"])`).count();
      expect(named, chart).toBeGreaterThan(0);
    }
    // The month is picked in the console's language (not the browser's), kept as YYYY-MM.
    const monthPicker = hq.page.locator(byTestId('complaint-analysis-month'));
    const monthInput = (await monthPicker.evaluate((el) => el.tagName)) === 'INPUT' ? monthPicker : monthPicker.locator('input');
    expect(await monthInput.inputValue()).toMatch(/^\d{4}-\d{2}$/);
    await monthInput.click();
    await hq.page.waitForSelector('.ant-picker-dropdown .ant-picker-month-panel');
    expect(await hq.page.locator('.ant-picker-dropdown .ant-picker-month-panel').textContent()).toContain('月');
    await hq.page.keyboard.press('Escape');

    const city = await openPage(browser);
    await login(city.page, server.baseUrl, 'nb.complaint_handler', DEMO_PASSWORD);
    await city.page.waitForSelector(byTestId('home-page'));
    await city.page.goto(`${server.baseUrl}/complaints?all=1`);
    await city.page.waitForSelector('[data-testid^="complaint-row-"]');
    const units = await city.page.locator('[data-testid^="complaint-row-"]').evaluateAll((rows) => rows.map((r) => r.textContent ?? ''));
    // Every complaint a Ningbo handler sees is Ningbo's own (handled there or by the province / head office for a Ningbo customer).
    for (const text of units) expect(text).toMatch(/宁波|浙江分公司|总公司/);
    expect(units.some((text) => text.includes('杭州中心支公司') && !text.includes('宁波'))).toBe(false);

    expect(hq.errors).toEqual([]);
    expect(city.errors).toEqual([]);
    await hq.context.close();
    await city.context.close();
  });
});

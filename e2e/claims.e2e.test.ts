import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, chooseOption, launchChromium, login, openPage } from './support/browser.ts';
import { startDemoServer, type RunningServer } from './support/server.ts';

const DEMO_PASSWORD = 'anxin-demo-2026';
const PDF = Buffer.from('%PDF-1.4\n% e2e claim document\n%%EOF\n');

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

/** The portal customer the start-up banner names (a fictional demo person). */
function portalCustomer() {
  const match = /policy number (\S+), ID number (\S+);/.exec(server.output());
  if (!match) throw new Error(`no portal customer in the start-up output:\n${server.output()}`);
  return { policyNo: match[1]!, idNumber: match[2]!.replace(/;$/, '') };
}

/** `YYYY-MM-DDTHH:mm` in Shanghai, `days` ago (for a datetime-local input). */
function shanghaiLocal(daysAgo: number) {
  return new Date(Date.now() - daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** The staff console: run a claim action through its dialog and wait for the claim to reach `status`. */
async function staffAction(page: Page, action: string, status: string, fill?: () => Promise<void>) {
  await page.click(byTestId(`claim-action-${action}`));
  if (fill) await fill();
  else await page.fill(byTestId('claim-transition-reason'), `e2e: ${action}`);
  const submit = ['approve', 'pay', 'request_documents'].includes(action)
    ? { approve: 'claim-approve-submit', pay: 'claim-payment-submit', request_documents: 'claim-notice-submit' }[action]!
    : 'claim-transition-submit';
  await page.click(byTestId(submit));
  await page.waitForSelector(`${byTestId('claim-detail-page')}[data-status="${status}"]`, { timeout: 15_000 });
}

/** The customer reloads their claim and must see the step (and the status) in the portal. */
async function customerSees(page: Page, step: string, status: string) {
  await page.reload();
  await page.waitForSelector(`${byTestId('portal-claim-page')}[data-status="${status}"]`);
  await page.waitForSelector(byTestId(`portal-step-${step}`));
}

describe('claims journey in Chromium: portal report to payment', () => {
  it('a customer identifies with a one-time code, reports a claim, uploads documents and sees every step until the money is paid', async () => {
    const customer = await openPage(browser, { mobile: true });
    const admin = await openPage(browser);
    const manager = await openPage(browser);
    const { policyNo, idNumber } = portalCustomer();

    // ── The customer identifies: policy number + ID number, then the code from the development inbox ──
    await customer.page.goto(`${server.baseUrl}/portal`);
    await customer.page.waitForSelector(byTestId('portal-login-page'));
    await customer.page.fill(byTestId('portal-policy-no'), policyNo);
    await customer.page.fill(byTestId('portal-id-number'), '110101199001011234');
    await customer.page.click(byTestId('portal-send-code'));
    await customer.page.waitForSelector('.ant-form-item-explain-error');
    await customer.page.fill(byTestId('portal-id-number'), idNumber);
    await customer.page.click(byTestId('portal-send-code'));
    await customer.page.waitForSelector(byTestId('portal-code-sent'));

    await login(admin.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.page.waitForSelector(byTestId('home-page'));
    await admin.page.click(byTestId('nav-dev-inbox'));
    const codeCell = admin.page.locator(`${byTestId('dev-inbox-text')}[data-template="portal_login_code"]`).first();
    await codeCell.waitFor();
    const code = await codeCell.getAttribute('data-code');
    expect(code).toMatch(/^\d{6}$/);
    expect(await codeCell.textContent()).toContain(code!);

    await customer.page.fill(byTestId('portal-code'), code!);
    await customer.page.click(byTestId('portal-login-submit'));
    await customer.page.waitForSelector(byTestId('portal-home'));
    // The demo claim waiting for documents is there.
    expect(await customer.page.locator(byTestId('portal-claim-item')).count()).toBeGreaterThan(0);

    // ── The customer reports a claim on their phone ──
    await customer.page.click(byTestId('portal-report-claim'));
    await customer.page.waitForSelector(byTestId('portal-report-page'));
    await chooseOption(customer.page, 'portal-report-policy', policyNo);
    // The insured is picked for the customer when the policy insures only one person.
    const picked = await customer.page
      .waitForSelector(`${byTestId('portal-report-insured')} .ant-select-selection-item`, { timeout: 2_000 })
      .then(() => true)
      .catch(() => false);
    if (!picked) await chooseOption(customer.page, 'portal-report-insured');
    await customer.page.fill(byTestId('claim-intake-incident-at'), shanghaiLocal(3));
    await customer.page.fill(byTestId('claim-intake-hospital'), '浙江大学医学院附属第二医院');
    await customer.page.fill(byTestId('claim-intake-diagnosis'), 'K35.8');
    await customer.page.fill(byTestId('claim-intake-invoice-no-0'), `E2E-${Date.now().toString(36).toUpperCase()}`);
    await customer.page.fill(byTestId('claim-intake-invoice-description-0'), '阑尾切除术住院费用');
    await customer.page.fill(byTestId('claim-intake-invoice-amount-0'), '36000');
    await customer.page.fill(byTestId('claim-intake-amount'), '36000');
    await customer.page.click(byTestId('portal-report-submit'));
    await customer.page.waitForSelector(`${byTestId('portal-claim-page')}[data-status="reported"]`);
    await customer.page.waitForSelector(byTestId('portal-step-reported'));
    expect(await customer.page.locator(byTestId('portal-progress-next')).getAttribute('data-key')).toBe('registration');
    const claimId = /\/portal\/claims\/([0-9a-f-]{36})/.exec(customer.page.url())![1]!;
    const claimNo = (await customer.page.locator(byTestId('portal-claim-no')).textContent())!.trim();
    expect(claimNo).toMatch(/^CLM\d{12}$/);

    // ── Staff register it and send the one complete notice of missing documents ──
    await admin.page.goto(`${server.baseUrl}/claims/${claimId}`);
    await admin.page.waitForSelector(`${byTestId('claim-detail-page')}[data-status="reported"]`);
    expect(await admin.page.locator(byTestId('claim-detail-page')).textContent()).toContain('网上自助');
    // The fast track said why it did not pay at once, in Chinese: the documents it still lacks, by name.
    const missingDocs = (await admin.page.locator(byTestId('claim-fast-track-rule-documents_complete')).textContent())!;
    expect(missingDocs).toMatch(/缺少：[\u4e00-\u9fa5]/);
    expect(await admin.page.locator(byTestId('claim-fast-track')).textContent()).not.toMatch(/\b(missing|claimed|covered|policy|waiting)\b/);
    await staffAction(admin.page, 'register', 'registered');
    await customerSees(customer.page, 'registered', 'registered');
    await staffAction(admin.page, 'request_documents', 'documents_pending', async () => {
      await admin.page.waitForSelector(byTestId('claim-notice-codes'));
    });
    await customerSees(customer.page, 'documents_requested', 'documents_pending');
    // The timeline says which documents were asked for, by name.
    const noticeEvent = admin.page.locator(`${byTestId('claim-timeline')} [data-type="document_notice"]`);
    expect(await noticeEvent.textContent()).toMatch(/需补充：[\u4e00-\u9fa5]/);
    expect(await customer.page.locator(byTestId('portal-progress-next')).getAttribute('data-key')).toBe('customer_documents');

    // ── The customer uploads every document still needed, from the portal ──
    const needed = customer.page.locator(`[data-testid^="portal-document-"][data-received="false"]`);
    const codes = await needed.evaluateAll((items) => items.map((i) => i.getAttribute('data-testid')!.replace('portal-document-', '')));
    expect(codes.length).toBeGreaterThan(0);
    for (const docCode of codes) {
      await customer.page.locator(`${byTestId(`portal-document-${docCode}`)} input[type=file]`).setInputFiles({ name: `${docCode}.pdf`, mimeType: 'application/pdf', buffer: PDF });
      await customer.page.waitForSelector(`${byTestId(`portal-document-${docCode}`)}[data-received="true"]`);
    }

    // ── Staff: documents complete, adjustment, submit; a manager approves; the payment closes it ──
    await admin.page.reload();
    await admin.page.waitForSelector(`${byTestId('claim-detail-page')}[data-status="documents_pending"]`);
    await staffAction(admin.page, 'complete_documents', 'adjusting');
    await customerSees(customer.page, 'documents_received', 'adjusting');
    await chooseOption(admin.page, 'claim-adjustment-coverage-0');
    await admin.page.fill(byTestId('claim-adjustment-description-0'), '住院手术费用');
    await admin.page.fill(byTestId('claim-adjustment-excluded-0'), '1200');
    await admin.page.fill(byTestId('claim-adjustment-reason-0'), '扣除自费药品 1,200 元，按条款免赔额和比例计算');
    await admin.page.click(byTestId('claim-adjustment-submit'));
    await admin.page.waitForSelector(byTestId('claim-action-submit_for_approval'));
    await staffAction(admin.page, 'submit_for_approval', 'approving');
    await customerSees(customer.page, 'approving', 'approving');

    await login(manager.page, server.baseUrl, 'hq.branch_manager', DEMO_PASSWORD);
    await manager.page.waitForSelector(byTestId('home-page'));
    await manager.page.goto(`${server.baseUrl}/claims/${claimId}`);
    await manager.page.waitForSelector(`${byTestId('claim-detail-page')}[data-status="approving"]`);
    const approvedText = (await manager.page.locator(byTestId('claim-adjustment-total')).first().textContent())!.trim();
    await staffAction(manager.page, 'approve', 'paying', async () => {
      await manager.page.fill(byTestId('claim-approve-reason'), '单证齐全，理算无误，同意赔付');
    });
    await customerSees(customer.page, 'approved', 'paying');
    expect(await customer.page.locator(byTestId('portal-progress-next')).getAttribute('data-key')).toBe('payment');

    await admin.page.reload();
    await admin.page.waitForSelector(`${byTestId('claim-detail-page')}[data-status="paying"]`);
    await staffAction(admin.page, 'pay', 'closed', async () => {
      await admin.page.fill(byTestId('claim-payment-account'), '6222020200112233445');
    });
    await customerSees(customer.page, 'paid', 'closed');
    await customer.page.waitForSelector(byTestId('portal-step-closed'));
    expect((await customer.page.locator(byTestId('portal-claim-paid')).textContent())!.trim()).toBe(approvedText);
    expect(await customer.page.locator(byTestId('portal-progress-next')).count()).toBe(0);

    // The whole history, in the customer's words, in order.
    const steps = await customer.page.locator('[data-testid^="portal-step-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.replace('portal-step-', '')));
    expect(steps).toEqual(['reported', 'registered', 'documents_requested', 'documents_received', 'approving', 'approved', 'paid', 'closed']);

    // Back home, the claim is listed as closed; logging out ends the portal session.
    await customer.page.goto(`${server.baseUrl}/portal`);
    await customer.page.waitForSelector(`${byTestId('portal-claim-item')}[data-claim-no="${claimNo}"]`);
    await customer.page.click(byTestId('portal-logout'));
    await customer.page.waitForSelector(byTestId('portal-login-page'));
    await customer.page.goto(`${server.baseUrl}/portal`);
    await customer.page.waitForSelector(byTestId('portal-login-page'));

    // The one 422 is the deliberately wrong ID number at the start.
    expect(customer.errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    expect(admin.errors).toEqual([]);
    expect(manager.errors).toEqual([]);
    for (const p of [customer, admin, manager]) await p.context.close();
  });
});

describe('claim settings in Chromium', () => {
  it('an administrator sets a shorter clock for a product line (never beyond the law); an adjuster sees the settings read-only', async () => {
    const admin = await openPage(browser);
    await login(admin.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.page.waitForSelector(byTestId('home-page'));
    await admin.page.goto(`${server.baseUrl}/claims/settings`);
    await admin.page.waitForSelector(byTestId('clock-rules-card'));
    await admin.page.click(byTestId('clock-rule-add'));
    await admin.page.fill(byTestId('clock-rule-days'), '15');
    await admin.page.fill(byTestId('clock-rule-warn-days'), '3');
    await admin.page.fill(byTestId('clock-rule-source'), '医疗险服务承诺：资料齐全后 15 日内核定');
    await admin.page.click(byTestId('clock-rule-submit'));
    await admin.page.waitForSelector(byTestId('clock-rule-edit-medical-determination'));
    expect(await admin.page.locator(byTestId('clock-rules-card')).textContent()).toContain('医疗险服务承诺');

    const adjuster = await openPage(browser);
    await login(adjuster.page, server.baseUrl, 'hz.claims_adjuster', DEMO_PASSWORD);
    await adjuster.page.waitForSelector(byTestId('home-page'));
    await adjuster.page.goto(`${server.baseUrl}/claims/settings`);
    await adjuster.page.waitForSelector(byTestId('clock-rules-card'));
    expect(await adjuster.page.locator(byTestId('clock-rules-card')).textContent()).toContain('医疗险服务承诺');
    expect(await adjuster.page.locator(byTestId('clock-rule-add')).count()).toBe(0);
    expect(await adjuster.page.locator(byTestId('fast-track-save')).count()).toBe(0);

    expect(admin.errors).toEqual([]);
    expect(adjuster.errors).toEqual([]);
    await admin.context.close();
    await adjuster.context.close();
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, chooseOption, launchChromium, login, watchErrors } from './support/browser.ts';
import { startDemoServer, type RunningServer } from './support/server.ts';

const DEMO_PASSWORD = 'anxin-demo-2026';

let server: RunningServer;
let browser: Browser;
let workDir: string;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchChromium();
  workDir = mkdtempSync(path.join(tmpdir(), 'anxin-e2e-import-'));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page) };
}

interface CustomerSummary {
  id: string;
  name: string;
  idNumber: string | null;
}

/** Calls the API with the page's session cookie (to pick demo records to work with; the journeys then use the console). */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  return page.evaluate(async (u) => {
    const res = await fetch(u);
    if (!res.ok) throw new Error(`${u}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }, url);
}

interface PickedCustomer {
  id: string;
  name: string;
  pinyin: string;
  initials: string;
}

/**
 * A demo customer of the signed-in user with an ID number; with `withPolicies`, the policyholder of
 * one of the user's policies (so its 360 view has a policies section with holdings).
 */
async function demoCustomer(page: Page, options: { withPolicies: boolean }): Promise<PickedCustomer> {
  const candidates = options.withPolicies
    ? (await apiGet<{ items: { policyholder: { id: string } }[] }>(page, '/api/v1/policies?limit=50')).items.map((p) => p.policyholder.id)
    : (await apiGet<{ items: CustomerSummary[] }>(page, '/api/v1/customers?limit=50')).items.map((c) => c.id);
  for (const id of new Set(candidates)) {
    const c = await apiGet<CustomerSummary & { namePinyin: string; nameInitials: string }>(page, `/api/v1/customers/${id}`);
    if (c.idNumber) return { id: c.id, name: c.name, pinyin: c.namePinyin.replace(/\s+/g, ''), initials: c.nameInitials };
  }
  throw new Error(`no demo customer with an ID number${options.withPolicies ? ' and policies' : ''} found`);
}

/** A mainland ID number: 17 digits and their GB 11643 check digit. */
function withCheckDigit(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return first17 + '10X98765432'[sum % 11]!;
}

/** A demo customer with an ID number and a household member who has one too. */
async function demoCustomerInHousehold(page: Page): Promise<PickedCustomer & { relativeId: string }> {
  const { items } = await apiGet<{ items: CustomerSummary[] }>(page, '/api/v1/customers?limit=100');
  for (const { id } of items) {
    const view = await apiGet<{ customer: CustomerSummary & { namePinyin: string; nameInitials: string }; household: { customer: { id: string } }[] }>(page, `/api/v1/customers/${id}/360`);
    const relative = view.household[0]?.customer.id;
    if (view.customer.idNumber && relative && (await apiGet<CustomerSummary>(page, `/api/v1/customers/${relative}`)).idNumber) {
      const c = view.customer;
      return { id: c.id, name: c.name, pinyin: c.namePinyin.replace(/\s+/g, ''), initials: c.nameInitials, relativeId: relative };
    }
  }
  throw new Error('no demo customer with an ID number and a household member found');
}

/** Types into the customer search box and waits until the list shows the customer (loading more pages if needed). */
async function searchAndFind(page: Page, query: string, customerId: string) {
  await page.fill(byTestId('customer-search'), query);
  await page.waitForURL((url) => url.searchParams.get('q') === query);
  const row = byTestId(`customer-row-${customerId}`);
  for (let i = 0; i < 20; i++) {
    try {
      await page.waitForSelector(row, { timeout: 3_000 });
      return;
    } catch {
      const more = page.locator(byTestId('customer-load-more'));
      if ((await more.count()) === 0) break;
      await more.click();
    }
  }
  await page.waitForSelector(row, { timeout: 5_000 });
}

/** A valid mainland resident ID number (GB 11643 check character) for a birth date and sequence. */
function residentIdNumber(region: string, birth: string, sequence: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `${region}${birth}${sequence}`;
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

describe('customer journeys in Chromium', () => {
  it('an agent finds a customer by pinyin initials and full pinyin, opens the 360 view and sees policies and a masked ID number', async () => {
    const { context, page, errors } = await freshPage();
    await login(page, server.baseUrl, 'hz.agent', DEMO_PASSWORD);
    await page.waitForSelector(byTestId('home-page'));
    const target = await demoCustomer(page, { withPolicies: true });

    await page.click(byTestId('nav-customers'));
    await page.waitForSelector(byTestId('customer-table'));
    await searchAndFind(page, target.initials, target.id);
    await searchAndFind(page, target.pinyin, target.id);
    await page.click(byTestId(`customer-open-${target.id}`));

    await page.waitForSelector(byTestId('customer-360-header'));
    await expect(page.locator(byTestId('customer-360-name')).textContent()).resolves.toBe(target.name);
    const idNumber = (await page.locator(byTestId('customer-360-id-number')).textContent())!;
    expect(idNumber).toMatch(/^\d{6}\*+[\dX*]{4}$/);
    await page.click(byTestId('customer-tab-policies'));
    await page.waitForSelector(`${byTestId('customer-section-policies')} [data-testid^="customer-policy-"]`);
    expect(await page.locator(`${byTestId('customer-section-policies')} [data-testid^="customer-policy-"]`).count()).toBeGreaterThan(0);

    // Entering a policy on a 20-year term life product: the end date follows the product's term.
    await page.click(byTestId('customer-enter-policy'));
    await page.waitForSelector(byTestId('policy-form'));
    const endInput = page.locator(`${byTestId('policy-form-expires-on')} input, input${byTestId('policy-form-expires-on')}`).first();
    const startInput = page.locator(`${byTestId('policy-form-effective-on')} input, input${byTestId('policy-form-effective-on')}`).first();
    const start = await startInput.inputValue();
    expect(start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await chooseOption(page, 'policy-form-product', 'AX-TL20');
    const [y, m, d] = start.split('-').map(Number) as [number, number, number];
    expect(await endInput.inputValue()).toBe(new Date(Date.UTC(y + 20, m - 1, d - 1)).toISOString().slice(0, 10));
    expect(errors).toEqual([]);
    await context.close();
  });

  it('unmasking the ID number on the 360 view asks for a purpose, says it is audited and shows the value', async () => {
    const { context, page, errors } = await freshPage();
    await login(page, server.baseUrl, 'hz.agent', DEMO_PASSWORD);
    await page.waitForSelector(byTestId('home-page'));
    const target = await demoCustomerInHousehold(page);
    await page.goto(`${server.baseUrl}/customers/${target.id}`);
    await page.waitForSelector(byTestId('customer-360-header'));
    expect(await page.locator(byTestId('customer-360-id-number')).getAttribute('data-unmasked')).toBe('false');

    await page.click(byTestId('customer-unmask'));
    await page.waitForSelector(byTestId('customer-unmask-notice'));
    // Without a purpose nothing is revealed.
    await page.click(byTestId('customer-unmask-confirm'));
    await page.waitForSelector('.ant-form-item-explain-error');
    expect(await page.locator(byTestId('customer-360-id-number')).getAttribute('data-unmasked')).toBe('false');

    await page.fill(byTestId('customer-unmask-purpose'), '保全变更核对客户身份');
    await page.click(byTestId('customer-unmask-confirm'));
    // The clear value, or the server's refusal (then the run says what it was).
    await page.waitForSelector(`${byTestId('customer-360-id-number')}[data-unmasked="true"], ${byTestId('customer-unmask-error')}`);
    expect(await page.locator(byTestId('customer-unmask-error')).allTextContents()).toEqual([]);
    const clear = (await page.locator(byTestId('customer-360-id-number')).textContent())!;
    expect(clear).toMatch(/^\d{17}[\dX]$/);
    await page.waitForSelector(byTestId('customer-unmasked-notice'));

    // Hiding masks it again.
    await page.click(byTestId('customer-hide'));
    await page.waitForSelector(`${byTestId('customer-360-id-number')}[data-unmasked="false"]`);

    // Revealed again, then a household link to a relative: the relative's view starts masked, and the
    // first customer's number appears nowhere on it.
    await page.click(byTestId('customer-unmask'));
    await page.fill(byTestId('customer-unmask-purpose'), '保全变更核对客户身份');
    await page.click(byTestId('customer-unmask-confirm'));
    await page.waitForSelector(`${byTestId('customer-360-id-number')}[data-unmasked="true"]`);
    await page.click(byTestId('customer-tab-household'));
    await page.click(byTestId(`household-member-${target.relativeId}`));
    await page.waitForURL(`${server.baseUrl}/customers/${target.relativeId}`);
    await page.waitForSelector(`${byTestId('customer-360-header')}[data-customer-id="${target.relativeId}"]`);
    expect(await page.locator(byTestId('customer-360-id-number')).getAttribute('data-unmasked')).toBe('false');
    expect(await page.locator(byTestId('customer-unmasked-notice')).count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(clear);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an agent creates a customer with health notes and the separate health-data consent they need, in one save', async () => {
    const { context, page, errors } = await freshPage();
    await login(page, server.baseUrl, 'hz.agent', DEMO_PASSWORD);
    await page.waitForSelector(byTestId('home-page'));
    await page.goto(`${server.baseUrl}/customers/new`);
    await page.waitForSelector(byTestId('customer-form'));
    await page.fill(byTestId('customer-form-name'), '健康告知测试');
    await page.fill(byTestId('customer-form-id-number'), withCheckDigit('33010619850312123'));
    expect(await page.locator(byTestId('customer-form-health-consent')).count()).toBe(0);
    await page.fill(byTestId('customer-form-health-notes'), '2019 年阑尾炎手术，已痊愈');
    await page.waitForSelector(byTestId('customer-form-health-consent'));
    // Without the consent's evidence the form does not go.
    await page.click(byTestId('customer-form-submit'));
    await page.waitForSelector('.ant-form-item-explain-error');
    expect(page.url()).toBe(`${server.baseUrl}/customers/new`);
    await page.fill(byTestId('customer-form-health-consent-reference'), 'HC-2026-0001');
    await page.click(byTestId('customer-form-submit'));
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/);
    await page.waitForSelector(byTestId('customer-360-header'));
    await page.click(byTestId('customer-tab-consents'));
    await page.waitForSelector(byTestId('consent-withdraw-health_data-any'));
    expect(await page.locator(byTestId('consent-health_data-any')).textContent()).toContain('HC-2026-0001');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a csr imports a customers file with bad rows, reads the dry-run report, commits the valid rows and finds the new customer', async () => {
    const goodId = residentIdNumber('330106', '19900307', '123');
    const csv = [
      '外部编号,姓名,证件号码,手机号',
      `E2E-IMP-001,司徒导入,${goodId},13912345678`,
      'E2E-IMP-002,欧阳错号,,12345',
      'E2E-IMP-003,,,13900000000',
      `E2E-IMP-004,上官校验,${goodId.slice(0, 17)}${goodId[17] === '0' ? '1' : '0'},13912345679`,
    ].join('\n');
    const file = path.join(workDir, 'customers-e2e.csv');
    writeFileSync(file, `\uFEFF${csv}\n`, 'utf8');

    const { context, page, errors } = await freshPage();
    await login(page, server.baseUrl, 'hz.csr', DEMO_PASSWORD);
    await page.waitForSelector(byTestId('home-page'));
    await page.click(byTestId('nav-imports'));
    await page.waitForSelector(byTestId('import-upload-form'));
    await page.click(byTestId('import-kind-customers'));
    await page.setInputFiles(`${byTestId('import-file')} input[type="file"]`, file);
    await page.click(byTestId('import-upload'));

    // The server suggested the mapping from the Chinese headers; run the dry run with it.
    await page.waitForSelector(byTestId('import-mapping'));
    expect(await page.locator(byTestId('import-missing-fields')).count()).toBe(0);
    // The dry run and the commit run on the server: each request answers 202 at once and the page
    // follows the job until it has finished.
    const dryRunAnswered = page.waitForResponse((r) => r.url().endsWith('/dry-run') && r.request().method() === 'POST');
    await page.click(byTestId('import-dry-run'));
    expect((await dryRunAnswered).status()).toBe(202);

    await page.waitForSelector(`${byTestId('import-results')}[data-status="validated"]`);
    await expect(page.locator(`${byTestId('import-count-total')} .ant-statistic-content-value`).textContent()).resolves.toBe('4');
    await expect(page.locator(`${byTestId('import-count-valid')} .ant-statistic-content-value`).textContent()).resolves.toBe('1');
    await expect(page.locator(`${byTestId('import-count-invalid')} .ant-statistic-content-value`).textContent()).resolves.toBe('3');

    // The report names row, column and reason of every bad row.
    await page.waitForSelector(byTestId('import-error-0'));
    const reported = await page.locator('[data-testid^="import-error-"][data-row-key]').evaluateAll((rows) =>
      rows.map((row) => ({
        row: row.querySelector('[data-testid="import-error-row-number"]')?.textContent ?? '',
        column: row.querySelector('[data-testid="import-error-column"]')?.textContent ?? '',
        reason: row.querySelector('[data-testid="import-error-reason"]')?.textContent ?? '',
      })),
    );
    const rowsReported = new Set(reported.map((r) => r.row));
    expect([...rowsReported].sort()).toEqual(['3', '4', '5']);
    expect(reported.find((r) => r.row === '3')?.column).toBe('手机号');
    expect(reported.find((r) => r.row === '4')?.column).toBe('姓名');
    expect(reported.find((r) => r.row === '5')?.column).toBe('证件号码');
    for (const r of reported) expect(r.reason.length).toBeGreaterThan(0);

    // The downloaded report says the same in Chinese: headers, columns and reasons as the table shows them.
    const [report] = await Promise.all([page.waitForEvent('download'), page.click(byTestId('import-download-errors'))]);
    expect(report.suggestedFilename()).toMatch(/-错误报告\.csv$/);
    const reportCsv = (await readFile((await report.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const [header, ...lines] = reportCsv.trim().split(/\r\n/);
    expect(header).toBe('行号,列,字段,值,原因,错误代码');
    expect(lines.map((l) => l.split(',')[0]).sort()).toEqual(reported.map((r) => r.row).sort());
    for (const r of reported) expect(reportCsv).toContain(r.reason);

    // All-or-nothing is refused while bad rows exist: the page offers the valid rows only.
    expect(await page.locator(byTestId('import-mode-valid')).isChecked()).toBe(true);
    await page.click(byTestId('import-mode-valid'));
    const commitAnswered = page.waitForResponse((r) => r.url().endsWith('/commit') && r.request().method() === 'POST');
    await page.click(byTestId('import-commit'));
    expect((await commitAnswered).status()).toBe(202);
    await page.waitForSelector(byTestId('import-committed'), { timeout: 30_000 });
    expect(await page.locator(byTestId('import-results')).getAttribute('data-status')).toBe('committed');

    // The imported customer can be found by search.
    await page.click(byTestId('import-open-customers'));
    await page.waitForSelector(byTestId('customer-table'));
    await page.fill(byTestId('customer-search'), '司徒导入');
    await page.waitForSelector('[data-testid^="customer-row-"][data-name="司徒导入"]');
    expect(await page.locator('[data-testid^="customer-row-"][data-name="欧阳错号"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an underwriter opens the longest-waiting application from the queue, issues it on conditional terms, and it leaves the queue', async () => {
    const { context, page, errors } = await freshPage();
    await login(page, server.baseUrl, 'gd.underwriter', DEMO_PASSWORD);
    // The home page counts the applications waiting and leads to the queue.
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid="home-underwriting-waiting"]')?.textContent ?? ''));
    await page.click(byTestId('home-underwriting-open'));
    await page.waitForSelector(`${byTestId('underwriting-table')} [data-testid^="underwriting-row-"]`);
    const queue = await apiGet<{ items: { id: string; policyNo: string; premiumFen: number; appliedAt: string }[] }>(page, '/api/v1/underwriting/queue?limit=20');
    const first = queue.items[0]!;
    // The longest waiting first.
    expect(queue.items.map((i) => i.appliedAt)).toEqual([...queue.items.map((i) => i.appliedAt)].sort());
    const rows = await page.locator('[data-testid^="underwriting-row-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(rows[0]).toBe(`underwriting-row-${first.id}`);
    await expect(page.locator(byTestId(`underwriting-waiting-${first.id}`)).textContent()).resolves.toMatch(/^已等待 \d+ 天$/);

    await page.click(byTestId(`underwriting-open-${first.id}`));
    await page.waitForSelector(byTestId('policy-underwriting'));
    await expect(page.locator(byTestId('policy-underwriting')).textContent()).resolves.toContain('等待核保结论');
    await page.click(byTestId('policy-underwrite'));
    await page.click('.ant-modal .ant-radio-button-wrapper:has-text("有条件承保")');
    await page.fill(`${byTestId('underwriting-adjustment')} input, input${byTestId('underwriting-adjustment')}`, '20');
    await page.fill(byTestId('underwriting-exclusions'), '既往甲状腺疾病及其并发症');
    await page.fill(byTestId('underwriting-reason'), '甲状腺结节，体检报告 3 级');
    await page.click(byTestId('underwriting-submit'));
    await page.waitForSelector(byTestId('policy-underwriting-conditional'));
    await expect(page.locator(byTestId('policy-status')).textContent()).resolves.toBe('有效');
    const decided = (await page.locator(byTestId('policy-underwriting-conditional')).textContent())!;
    expect(decided).toContain('+20%');
    expect(decided).toContain('既往甲状腺疾病及其并发症');
    const policy = await apiGet<{ premiumFen: number; status: string }>(page, `/api/v1/policies/${first.id}`);
    expect(policy).toMatchObject({ status: 'in_force', premiumFen: Math.round(first.premiumFen * 1.2) });

    await page.click(byTestId('nav-underwriting'));
    await page.waitForSelector(byTestId('underwriting-table'));
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="underwriting-row-${id}"]`), first.id);
    expect(errors).toEqual([]);
    await context.close();
  });
});

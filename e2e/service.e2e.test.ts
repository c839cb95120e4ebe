import type { TClaimList, TFollowUpVisitList, TMessageList, TSegmentationRun, TSegmentProfile, TServiceKpis, TTaskList } from '@anxin/contracts';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, chooseOption, clickNav, launchChromium, login, openPage } from './support/browser.ts';
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

describe('service journey in Chromium: claim closed → visit → survey → NPS', () => {
  it('closing a claim schedules a case-closure visit and sends a survey; the visit is done, the customer answers by link, NPS shows on the dashboard', async () => {
    const admin = await openPage(browser);
    const customer = await openPage(browser, { mobile: true });
    await login(admin.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.page.waitForSelector(byTestId('home-page'));
    const api = async <T>(path: string) => {
      const res = await admin.page.request.get(`${server.baseUrl}${path}`);
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()) as T;
    };

    // ── A claim waiting for payment is paid: it closes ──
    const paying = await api<TClaimList>('/api/v1/claims?status=paying&limit=1');
    const claim = paying.items[0]!;
    expect(claim).toBeTruthy();
    await admin.page.goto(`${server.baseUrl}/claims/${claim.id}`);
    await admin.page.waitForSelector(`${byTestId('claim-detail-page')}[data-status="paying"]`);
    await admin.page.click(byTestId('claim-action-pay'));
    await admin.page.fill(byTestId('claim-payment-account'), '6222020200112233445');
    await admin.page.click(byTestId('claim-payment-submit'));
    await admin.page.waitForSelector(`${byTestId('claim-detail-page')}[data-status="closed"]`, { timeout: 15_000 });

    // ── Due work runs from the rules page: the closure becomes a visit and a survey ──
    await clickNav(admin.page, 'nav-service', 'nav-automation', '/automation');
    await admin.page.waitForSelector(byTestId('rule-switch-claim_closure_visit'));
    await admin.page.click(byTestId('run-due-now'));
    await admin.page.waitForSelector(byTestId('run-due-result'));
    // The run is listed with the customer by name and its reason in Chinese.
    const closureRun = admin.page.locator(`${byTestId('automation-runs-table')} tr[data-rule="claim_closure_visit"]`, { hasText: claim.claimNo });
    await expect.poll(async () => (await closureRun.count()) > 0 && (await closureRun.first().textContent()), { timeout: 15_000 }).toContain(`理赔 ${claim.claimNo} 已结案`);
    expect(await closureRun.first().textContent()).toContain(claim.insuredName);
    const customerId = claim.customerId;
    const visits = await api<TFollowUpVisitList>(`/api/v1/visits?customerId=${customerId}&visitType=case_closure&status=scheduled`);
    const visit = visits.items.find((v) => v.claimId === claim.id);
    expect(visit, JSON.stringify(visits.items.map((v) => v.claimId))).toBeTruthy();

    // ── The visit worklist → the visit: reached, the script answered ──
    await admin.page.click(byTestId('nav-visits'));
    await admin.page.waitForSelector(byTestId('visit-worklist-page'));
    await admin.page.waitForSelector('[data-testid^="visit-row-"]');
    await admin.page.goto(`${server.baseUrl}/visits/${visit!.id}`);
    await admin.page.waitForSelector(`${byTestId('visit-detail-page')}[data-status="scheduled"]`);
    expect(await admin.page.locator(byTestId('visit-method')).getAttribute('data-method')).toBe('phone');
    await admin.page.click(byTestId('visit-outcome-reached'));
    await admin.page.click(byTestId('visit-answer-payout_understood-yes'));
    await admin.page.click(byTestId('visit-answer-csat-5'));
    await admin.page.fill(byTestId('visit-note'), '客户对赔付金额无异议');
    await admin.page.click(byTestId('visit-submit'));
    await admin.page.waitForSelector(`${byTestId('visit-detail-page')}[data-status="completed"]`, { timeout: 15_000 });
    await admin.page.waitForSelector(byTestId('visit-answers'));

    // ── The survey invitation, as the development adapter delivered it (the message log) ──
    const messages = await api<TMessageList>(`/api/v1/messages?customerId=${customerId}`);
    const invitation = messages.items.find((m) => m.template === 'survey_invitation');
    expect(invitation, JSON.stringify(messages.items.map((m) => [m.template, m.status]))).toBeTruthy();
    const token = /\/survey\/([A-Za-z0-9_-]{32})/.exec(invitation!.body)?.[1];
    expect(token, invitation!.body).toBeTruthy();
    await admin.page.click(byTestId('nav-messages'));
    await admin.page.waitForSelector(byTestId('message-log-page'));
    // Templates by name, in the console's language (the code stays as the tooltip).
    await admin.page.waitForSelector('[data-testid="message-log-page"] span[title="survey_invitation"]');
    expect(await admin.page.locator('[data-testid="message-log-page"] span[title="survey_invitation"]').first().textContent()).toBe('满意度调查邀请');

    // ── The dashboard's figures before the answer (the demo's customers have answered surveys too) ──
    const shanghaiDay = (daysAgo: number) => new Date(Date.now() + 8 * 3_600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const kpisPath = `/api/v1/service/kpis?from=${shanghaiDay(89)}&to=${shanghaiDay(0)}`;
    const before = await api<TServiceKpis>(kpisPath);
    expect(before.npsResponses).toBeGreaterThan(0);

    // ── The customer opens the link on a phone, without logging in, and answers ──
    await customer.page.goto(`${server.baseUrl}/survey/${token}`);
    await customer.page.waitForSelector(byTestId('survey-form'));
    await customer.page.click(byTestId('survey-csat-5'));
    await customer.page.click(byTestId('survey-nps-10'));
    await customer.page.click(byTestId('survey-submit'));
    await customer.page.waitForSelector(byTestId('survey-thanks'));
    // The link works once.
    await customer.page.goto(`${server.baseUrl}/survey/${token}`);
    await customer.page.waitForSelector(byTestId('survey-already-answered'));

    // ── The template as the customer sees it: the preview, in Chinese and in English ──
    await admin.page.goto(`${server.baseUrl}/surveys`);
    await admin.page.click(byTestId('survey-tab-templates'));
    await admin.page.click(byTestId('survey-template-preview-claim_closure'));
    await admin.page.waitForSelector(byTestId('survey-preview'));
    expect(await admin.page.locator(`${byTestId('survey-preview')} ${byTestId('survey-question-csat')}`).textContent()).toContain('您对本次理赔服务的满意程度');
    await admin.page.locator(byTestId('survey-preview-locale')).getByText('English').click();
    const csatQuestion = admin.page.locator(`${byTestId('survey-preview')} ${byTestId('survey-question-csat')}`);
    // The English words load on first use: the preview switches once they are in.
    await expect.poll(async () => csatQuestion.textContent(), { timeout: 10_000 }).toContain('How satisfied are you with how we handled your claim?');
    const csatInEnglish = (await csatQuestion.textContent())!;
    // The scale's words follow the survey's language too, not the console's.
    expect(csatInEnglish).toContain('Very dissatisfied');
    expect(csatInEnglish).not.toContain('非常不满意');
    await admin.page.keyboard.press('Escape');

    // ── NPS on the dashboard: one more response, and the page shows the figure the API computes ──
    await expect.poll(async () => (await api<TServiceKpis>(kpisPath)).npsResponses, { timeout: 15_000 }).toBe(before.npsResponses + 1);
    const after = await api<TServiceKpis>(kpisPath);
    expect(after.nps).not.toBeNull();
    expect(after.nps!).toBeGreaterThanOrEqual(before.nps ?? -100); // a promoter never lowers it
    await admin.page.goto(`${server.baseUrl}/`);
    await admin.page.waitForSelector(byTestId('kpi-nps'));
    await expect.poll(async () => Number((await admin.page.locator(byTestId('kpi-nps')).textContent())?.trim()), { timeout: 15_000 }).toBeCloseTo(after.nps!, 0);

    expect(admin.errors).toEqual([]);
    expect(customer.errors).toEqual([]);
  });
});

describe('insights journey in Chromium: overview → segment explorer → clusters → model → 360 value & risk', () => {
  it('an analyst reads the overview, builds and saves a segment, exports it, sees the clusters, trains and scores a model; the 360 view shows the top customer’s value and risk figures', async () => {
    const analyst = await openPage(browser);
    await login(analyst.page, server.baseUrl, 'hq.analyst', DEMO_PASSWORD);
    await analyst.page.waitForSelector(byTestId('home-page'));
    const post = async <T>(path: string, data: unknown) => {
      const res = await analyst.page.request.post(`${server.baseUrl}${path}`, { data });
      expect(res.status(), await res.text()).toBe(200);
      return (await res.json()) as T;
    };
    const digits = async (selector: string) => Number((await analyst.page.textContent(selector))!.replace(/[^\d]/g, ''));

    // ── The overview: the demo book was segmented when it loaded ──
    await analyst.page.click(byTestId('nav-insights'));
    await analyst.page.click(byTestId('nav-segmentation'));
    await analyst.page.waitForSelector(byTestId('segmentation-overview-page'));
    await analyst.page.waitForSelector(byTestId('segmentation-rfm-chart'));
    expect(await digits(byTestId('segmentation-kpi-customers'))).toBeGreaterThan(1000);

    // ── The explorer: loyal customers; the preview's size is what the API counts ──
    await analyst.page.click(byTestId('nav-segments'));
    await analyst.page.waitForSelector(byTestId('segment-explorer-page'));
    await analyst.page.click(byTestId('segment-condition-add'));
    // The field list is long (virtual): search it by typing.
    await analyst.page.click(`${byTestId('segment-condition-field-0')} .ant-select-selector, ${byTestId('segment-condition-field-0')}.ant-select`);
    await analyst.page.keyboard.type('生命周期分群');
    await analyst.page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '生命周期分群' }).first().click();
    await analyst.page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
    await chooseOption(analyst.page, 'segment-condition-value-0', '忠诚');
    const expected = await post<TSegmentProfile>('/api/v1/segments/preview', { conditions: [{ field: 'lifecycle_segment', op: '=', value: 'loyal' }] });
    expect(expected.size).toBeGreaterThan(0);
    await analyst.page.waitForFunction(
      ([selector, size]) => document.querySelector(selector!)?.textContent?.replace(/[^\d]/g, '') === size,
      [`${byTestId('segment-preview-profile-size')}`, String(expected.size)] as const,
      { timeout: 15_000 },
    );
    await analyst.page.click(byTestId('segment-save'));
    await analyst.page.fill(byTestId('segment-name'), '忠诚客户（E2E）');
    await analyst.page.click(byTestId('segment-save-submit'));
    const saved = analyst.page.locator('[data-testid^="segment-open-"]').first();
    await saved.waitFor();
    await saved.click();
    await analyst.page.waitForSelector(byTestId('segment-detail-page'));
    await analyst.page.waitForSelector('[data-testid^="segment-member-"]');
    const [download] = await Promise.all([analyst.page.waitForEvent('download'), analyst.page.click(byTestId('segment-export'))]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);

    // ── Clusters: the active run with named suggestions ──
    await analyst.page.click(byTestId('nav-clusters'));
    await analyst.page.waitForSelector(byTestId('cluster-view-page'));
    await analyst.page.waitForSelector(byTestId('cluster-cards'));
    expect(await analyst.page.locator('[data-testid^="cluster-card-"]').count()).toBeGreaterThanOrEqual(3);

    // ── A cross-sell model: trained, its lift shown, scored with reasons ──
    await analyst.page.click(byTestId('nav-models'));
    await analyst.page.waitForSelector(byTestId('model-list-page'));
    await analyst.page.click(byTestId('model-train'));
    await analyst.page.fill(`${byTestId('model-train-name')} input`, 'cross-sell-medical');
    // A target that does not parse is refused; the corrected one is a new request (a new key), not
    // refused as a reuse of the first one's.
    await analyst.page.fill(byTestId('model-train-target'), "holds('medical') and");
    const refused = analyst.page.waitForResponse((r) => r.url().endsWith('/api/v1/models/train') && r.request().method() === 'POST');
    await analyst.page.click(byTestId('model-train-submit'));
    expect((await refused).status()).toBe(400);
    await analyst.page.waitForSelector('.ant-form-item-explain-error');
    await analyst.page.fill(byTestId('model-train-target'), "holds('medical')");
    await analyst.page.click(byTestId('model-train-submit'));
    await analyst.page.waitForSelector(byTestId('model-detail-page'), { timeout: 60_000 });
    await analyst.page.waitForSelector(byTestId('model-lift-chart'));
    const auc = Number((await analyst.page.textContent(byTestId('model-auc')))!.replace(/[^\d.]/g, ''));
    expect(auc).toBeGreaterThan(0.5);
    await analyst.page.click(byTestId('model-score'));
    await analyst.page.fill(byTestId('model-score-where'), "not holds('medical')");
    await analyst.page.click(byTestId('model-score-submit'));
    await analyst.page.waitForSelector('[data-testid^="model-score-customer-"]', { timeout: 60_000 });
    const top = await analyst.page.getAttribute('[data-testid^="model-score-customer-"]', 'data-testid');
    const customerId = top!.replace('model-score-customer-', '');

    // ── The top-ranked customer’s value & risk figures on the 360 view ──
    const manager = await openPage(browser);
    await login(manager.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await manager.page.waitForSelector(byTestId('home-page'));
    // The tab by its address: with many sections the tab bar may fold the last tabs into its overflow menu.
    await manager.page.goto(`${server.baseUrl}/customers/${customerId}?tab=insight`);
    await manager.page.waitForSelector(byTestId('customer-tab-insight'), { state: 'attached' });
    await manager.page.waitForSelector(byTestId('customer-insight-lifecycle'));
    await manager.page.waitForSelector(byTestId('customer-insight-tier'));
    // Besides the refusal the journey asks for (a 400 for the unparsable target), the console logged no error.
    expect(analyst.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
    expect(manager.errors).toEqual([]);
  });
});

describe('segmentation Run now in Chromium', () => {
  it('an administrator starts the batch, then a clustering: each request answers at once (202), the page shows the run going, then its result', async () => {
    const admin = await openPage(browser);
    await login(admin.page, server.baseUrl, 'admin', DEMO_PASSWORD);
    await admin.page.waitForSelector(byTestId('home-page'));
    await admin.page.click(byTestId('nav-insights'));
    await admin.page.click(byTestId('nav-segmentation'));
    await admin.page.waitForSelector(byTestId('segmentation-overview-page'));
    const answered = admin.page.waitForResponse((r) => r.url().endsWith('/api/v1/segmentation/run') && r.request().method() === 'POST');
    await admin.page.click(byTestId('segmentation-run'));
    const response = await answered;
    expect(response.status()).toBe(202);
    // Either the batch this click started, or one already running (the server's catch-up at start), never a second one.
    expect(((await response.json()) as TSegmentationRun).status).toBe('running');
    await admin.page.waitForSelector(`${byTestId('segmentation-run-status')}[data-status="done"]`, { timeout: 60_000 });
    expect(Number((await admin.page.textContent(byTestId('segmentation-run-customers')))!.replace(/[^\d]/g, ''))).toBeGreaterThan(1000);

    // Clustering runs on the server the same way: 202 at once, the page follows the job to its result.
    await admin.page.click(byTestId('nav-clusters'));
    await admin.page.waitForSelector(byTestId('cluster-view-page'));
    const clusterAnswered = admin.page.waitForResponse((r) => r.url().endsWith('/api/v1/clusters/run') && r.request().method() === 'POST');
    await admin.page.click(byTestId('cluster-run'));
    expect((await clusterAnswered).status()).toBe(202);
    await admin.page.waitForSelector(byTestId('cluster-run-done'), { timeout: 60_000 });
    expect(admin.errors).toEqual([]);
  });
});

describe('colleague pickers in Chromium', () => {
  it('staff without access to staff accounts still pick colleagues: an agent reassigns a task, a CSR picks a new customer’s owner agent', async () => {
    const { page, errors } = await openPage(browser);
    await login(page, server.baseUrl, 'hz.agent', DEMO_PASSWORD);
    await page.waitForSelector(byTestId('home-page'));
    const mine = await page.request.get(`${server.baseUrl}/api/v1/tasks?inbox=mine&status=active&limit=50`);
    expect(mine.status(), await mine.text()).toBe(200);
    const task = ((await mine.json()) as TTaskList).items.find((t) => t.status === 'open' || t.status === 'in_progress');
    expect(task, 'the demo agent has open tasks').toBeTruthy();

    await page.goto(`${server.baseUrl}/tasks`);
    await page.click(byTestId(`task-reassign-${task!.id}`));
    // The picker offers colleagues of the agent's unit (it used to answer 403 and stay empty).
    await chooseOption(page, 'task-reassign-assignee', 'hz.csr');
    await page.click(byTestId('task-reassign-submit'));
    await page.waitForSelector(byTestId(`task-row-${task!.id}`), { state: 'detached' });

    const csr = await openPage(browser);
    await login(csr.page, server.baseUrl, 'hz.csr', DEMO_PASSWORD);
    await csr.page.waitForSelector(byTestId('home-page'));
    // The task is now in the CSR's own inbox.
    const csrInbox = await csr.page.request.get(`${server.baseUrl}/api/v1/tasks?inbox=mine&status=active&limit=200`);
    expect(((await csrInbox.json()) as TTaskList).items.map((t) => t.id)).toContain(task!.id);
    await csr.page.goto(`${server.baseUrl}/customers/new`);
    await chooseOption(csr.page, 'customer-form-owner', 'hz.agent');
    await expect.poll(() => csr.page.locator(`${byTestId('customer-form-owner')} .ant-select-content, ${byTestId('customer-form-owner')} .ant-select-selection-item`).first().innerText()).toContain('hz.agent');
    expect(errors).toEqual([]);
    expect(csr.errors).toEqual([]);
  });
});


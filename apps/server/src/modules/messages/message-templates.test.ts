import { ZComplaintActionRequest } from '@anxin/contracts';
import { describe, expect, it } from 'vitest';
import { CLAIM_MOVES } from '../claims/index.ts';
import { MESSAGE_TEMPLATES, renderMessage, type MessageLocale } from './message-templates.ts';

const LOCALES: MessageLocale[] = ['zh-CN', 'en-US'];
/** Every step the claim and complaint services notify the customer of (claim-write.service.ts, complaint-write.service.ts). */
const CLAIM_STEPS = [...Object.keys(CLAIM_MOVES), 'reported', 'document_notice', 'payment'];
const COMPLAINT_STEPS = [...ZComplaintActionRequest.options.map((o) => o.shape.action.value), 'received'];

describe('customer message templates', () => {
  it('say every claim and complaint step in words, in both languages (no code in the Chinese text)', () => {
    for (const locale of LOCALES) {
      for (const step of CLAIM_STEPS) {
        const { body } = renderMessage('claim_progress', locale, { claimNo: 'CLM202600000003', step });
        expect(MESSAGE_TEMPLATES.claim_progress.words.step[locale][step], `${locale} ${step}`).toBeDefined();
        expect(body).toContain(MESSAGE_TEMPLATES.claim_progress.words.step[locale][step]);
        if (locale === 'zh-CN') expect(body).not.toMatch(/[a-z_]{3,}/);
      }
      for (const step of COMPLAINT_STEPS) {
        const { body } = renderMessage('complaint_progress', locale, { complaintNo: 'CMP202600000095', step, dueOn: '2026-12-20' });
        expect(MESSAGE_TEMPLATES.complaint_progress.words.step[locale][step], `${locale} ${step}`).toBeDefined();
        expect(body).toContain(MESSAGE_TEMPLATES.complaint_progress.words.step[locale][step]!.replace('{{dueOn}}', '2026-12-20'));
        expect(body).not.toContain('{{');
        if (locale === 'zh-CN') expect(body).not.toMatch(/[a-z_]{3,}/);
      }
    }
    expect(renderMessage('claim_progress', 'zh-CN', { claimNo: 'CLM202600000003', step: 'final_payment' }).body).toBe('您的理赔案件 CLM202600000003 有新进展：赔款已全部支付，案件结案。可在客户门户查看详情。');
    expect(renderMessage('complaint_progress', 'zh-CN', { complaintNo: 'CMP202600000095', step: 'decide' }).body).toBe('您的投诉 CMP202600000095 有新进展：已作出处理意见，请查收；如有异议，可在客户门户或致电提出，由上级机构在 30 日内核查。');
    expect(renderMessage('complaint_progress', 'zh-CN', { complaintNo: 'CMP202600000095', step: 'extend', dueOn: '2026-12-20' }).body).toBe('您的投诉 CMP202600000095 有新进展：处理期限已延长至 2026-12-20。');
  });

  it('words a time limit in Shanghai wall time, to the minute, not as a UTC instant', () => {
    expect(renderMessage('portal_login_code', 'zh-CN', { code: '910493', expiresAt: '2026-12-01T05:02:46.636Z' }).body).toBe('您的验证码是 910493，2026-12-01 13:02 前有效。请勿告诉他人。');
    expect(renderMessage('portal_login_code', 'en-US', { code: '910493', expiresAt: '2026-12-01T16:30:00.000Z' }).body).toBe('Your one-time code is 910493, valid until 2026-12-02 00:30. Never share it.');
  });

  it('shows a step it has no words for as a neutral phrase, and a missing parameter as …', () => {
    expect(renderMessage('claim_progress', 'zh-CN', { claimNo: 'CLM1', step: 'some_new_step' }).body).toBe('您的理赔案件 CLM1 有新进展：处理状态已更新。可在客户门户查看详情。');
    expect(renderMessage('complaint_progress', 'en-US', { step: 'extend' }).body).toBe('Your complaint … has moved on: the time to handle it has been extended to ….');
  });
});

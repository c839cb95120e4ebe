import type { TMessageChannel } from '@anxin/contracts';

/** Why a message goes out: service messages (about the customer's own contracts) pass quiet hours; marketing needs consent. */
export type MessagePurpose = 'service' | 'marketing';
export type MessageLocale = 'zh-CN' | 'en-US';

interface Template {
  purpose: MessagePurpose;
  /** Parameters that are secrets, stored encrypted (`<name>Enc`) and shown only in development. */
  secrets?: readonly string[];
  text: Record<MessageLocale, { subject: string; body: string }>;
}

/**
 * The catalogue of customer message templates, in both languages. `{{name}}` is replaced by the
 * message's parameter of that name. Parameters are ids, numbers and dates — the customer's name is
 * not needed to write to them, so none is stored.
 */
export const MESSAGE_TEMPLATES = {
  portal_login_code: {
    purpose: 'service',
    secrets: ['code'],
    text: {
      'zh-CN': { subject: '安心客户门户验证码', body: '您的验证码是 {{code}}，{{expiresAt}} 前有效。请勿告诉他人。' },
      'en-US': { subject: 'Your Anxin portal code', body: 'Your one-time code is {{code}}, valid until {{expiresAt}}. Never share it.' },
    },
  },
  claim_progress: {
    purpose: 'service',
    text: {
      'zh-CN': { subject: '理赔进度通知', body: '您的理赔案件 {{claimNo}} 有新进展：{{step}}。可在客户门户查看详情。' },
      'en-US': { subject: 'Claim progress', body: 'Your claim {{claimNo}} has moved on: {{step}}. See the details in the customer portal.' },
    },
  },
  complaint_progress: {
    purpose: 'service',
    text: {
      'zh-CN': { subject: '投诉处理进度', body: '您的投诉 {{complaintNo}} 有新进展：{{step}}。' },
      'en-US': { subject: 'Complaint progress', body: 'Your complaint {{complaintNo}} has moved on: {{step}}.' },
    },
  },
  survey_invitation: {
    purpose: 'service',
    secrets: ['link'],
    text: {
      'zh-CN': { subject: '邀请您评价我们的服务', body: '感谢您的信任。请花一分钟评价我们的服务：{{link}}（{{expiresOn}} 前有效）' },
      'en-US': { subject: 'How did we do?', body: 'Thank you for your trust. Please take a minute to rate our service: {{link}} (valid until {{expiresOn}})' },
    },
  },
  renewal_reminder: {
    purpose: 'service',
    text: {
      'zh-CN': { subject: '保单续保提醒', body: '您的保单 {{policyNo}} 将于 {{expiresOn}} 到期，请及时续保以免保障中断。' },
      'en-US': { subject: 'Renewal reminder', body: 'Your policy {{policyNo}} expires on {{expiresOn}}. Renew in time to stay covered.' },
    },
  },
  visit_letter: {
    purpose: 'service',
    text: {
      'zh-CN': { subject: '回访函', body: '我们多次致电未能联系到您。如对保单 {{policyNo}} 有任何疑问，请拨打客服热线。' },
      'en-US': { subject: 'Follow-up letter', body: 'We could not reach you by phone. If you have any question about policy {{policyNo}}, please call our hotline.' },
    },
  },
  birthday_greeting: {
    purpose: 'marketing',
    text: {
      'zh-CN': { subject: '生日快乐', body: '安心祝您生日快乐！您的专属顾问将与您联系，一起检视您的保障是否仍然合适。' },
      'en-US': { subject: 'Happy birthday', body: 'Happy birthday from Anxin! Your advisor will be in touch to review whether your cover still fits.' },
    },
  },
  loyalty_thanks: {
    purpose: 'marketing',
    text: {
      'zh-CN': { subject: '感谢您一年的信任', body: '保单 {{policyNo}} 本保单年度无理赔，我们为您增加了 {{points}} 积分。感谢您的信任！' },
      'en-US': { subject: 'Thank you for a claim-free year', body: 'Policy {{policyNo}} had a claim-free year: we added {{points}} points to your membership. Thank you!' },
    },
  },
} as const satisfies Record<string, Template>;

export type MessageTemplateCode = keyof typeof MESSAGE_TEMPLATES;
export const isMessageTemplate = (code: string): code is MessageTemplateCode => Object.hasOwn(MESSAGE_TEMPLATES, code);

const templateOf = (code: MessageTemplateCode): Template => MESSAGE_TEMPLATES[code];
export const purposeOf = (code: MessageTemplateCode) => templateOf(code).purpose;
export const secretsOf = (code: MessageTemplateCode): readonly string[] => templateOf(code).secrets ?? [];

/** Fills a template; missing parameters show as `…` rather than failing a delivery. */
export function renderMessage(code: MessageTemplateCode, locale: MessageLocale, params: Record<string, string>): { subject: string; body: string } {
  const text = templateOf(code).text[locale];
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? '…');
  return { subject: fill(text.subject), body: fill(text.body) };
}

/** Which contact-point channel reaches a customer on each message channel. */
export const CONTACT_FOR_CHANNEL: Record<TMessageChannel, 'mobile' | 'email' | 'wechat'> = { sms: 'mobile', email: 'email', wechat: 'wechat', push: 'mobile' };

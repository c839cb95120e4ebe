import type { TMessageChannel } from '@anxin/contracts';
import { shanghaiMinuteOf } from '../../platform/business-calendar.ts';

/** Why a message goes out: service messages (about the customer's own contracts) pass quiet hours; marketing needs consent. */
export type MessagePurpose = 'service' | 'marketing';
export type MessageLocale = 'zh-CN' | 'en-US';

interface Template {
  purpose: MessagePurpose;
  /** Parameters that are secrets, stored encrypted (`<name>Enc`) and shown only in development. */
  secrets?: readonly string[];
  text: Record<MessageLocale, { subject: string; body: string }>;
  /** Parameters that hold an instant (ISO, UTC): the customer reads it as Shanghai wall time, to the minute. */
  instants?: readonly string[];
  /** Parameters that hold a code (a workflow step): the words the customer reads for each code, per language. */
  words?: Record<string, Record<MessageLocale, Record<string, string>>>;
}

/** What the customer reads for a claim's step (the moves of claim-status.ts and the other notified steps). */
const CLAIM_STEP_WORDS: Record<MessageLocale, Record<string, string>> = {
  'zh-CN': {
    reported: '已收到报案',
    register: '已立案',
    start_assessment: '已开始查勘定损',
    request_documents: '需要您补充材料',
    document_notice: '需要您补充材料，请查看补充材料通知',
    complete_documents: '材料已齐全，正在理算',
    submit_for_approval: '理算完成，正在核赔',
    send_back: '正在重新理算',
    approve: '核赔通过，即将赔付',
    fast_track_approve: '快速理赔已通过，即将赔付',
    payment: '已支付一笔赔款',
    final_payment: '赔款已全部支付，案件结案',
    close: '案件已结案',
    deny: '未能给予赔付，请查看拒赔通知',
    withdraw: '案件已撤销',
    reopen: '案件已重新开启',
  },
  'en-US': {
    reported: 'we have received your report',
    register: 'your claim is registered',
    start_assessment: 'the loss assessment has started',
    request_documents: 'we need more documents from you',
    document_notice: 'we need more documents from you; see our notice',
    complete_documents: 'your documents are complete and the claim is being adjusted',
    submit_for_approval: 'the adjustment is done and awaits approval',
    send_back: 'the claim is being adjusted again',
    approve: 'the claim is approved and will be paid',
    fast_track_approve: 'the claim is approved on the fast track and will be paid',
    payment: 'a payment has been made',
    final_payment: 'the claim is paid in full and closed',
    close: 'the claim is closed',
    deny: 'the claim cannot be paid; see our written notice',
    withdraw: 'the claim is withdrawn',
    reopen: 'the claim is reopened',
  },
};

/** What the customer reads for a complaint's step (the actions of the complaint procedure). */
const COMPLAINT_STEP_WORDS: Record<MessageLocale, Record<string, string>> = {
  'zh-CN': {
    received: '已受理',
    verify: '已核实情况',
    register: '已登记处理',
    transfer: '已转交相关机构处理',
    escalate: '已提交上级机构处理',
    coordinate: '正在协调处理',
    assign: '已指定专人承办',
    decide: '已作出处理意见，请查收；如有异议，可在客户门户或致电提出，由上级机构在 30 日内核查',
    extend: '处理期限已延长至 {{dueOn}}',
    record_response: '已记录您的意见',
    decide_review: '复核已作出结论',
    close: '已办结',
    withdraw: '已撤回',
    reopen: '已重新受理',
  },
  'en-US': {
    received: 'we have received it',
    verify: 'we have checked the facts',
    register: 'it is registered for handling',
    transfer: 'it has been passed to the unit that handles it',
    escalate: 'it has been passed to a higher office',
    coordinate: 'we are coordinating its handling',
    assign: 'a named handler is looking after it',
    decide: 'we have made our decision; please see it — if you disagree, tell us in the portal or by phone and a higher office reviews it within 30 days',
    extend: 'the time to handle it has been extended to {{dueOn}}',
    record_response: 'we have recorded your response',
    decide_review: 'the review has reached its conclusion',
    close: 'it is closed',
    withdraw: 'it is withdrawn',
    reopen: 'it is reopened',
  },
};

/** For a step without words of its own (a new one): a neutral phrase, never the code. */
const ANY_STEP: Record<MessageLocale, string> = { 'zh-CN': '处理状态已更新', 'en-US': 'its status has changed' };

/**
 * The catalogue of customer message templates, in both languages. `{{name}}` is replaced by the
 * message's parameter of that name. Parameters are ids, numbers and dates — the customer's name is
 * not needed to write to them, so none is stored.
 */
export const MESSAGE_TEMPLATES = {
  portal_login_code: {
    purpose: 'service',
    secrets: ['code'],
    instants: ['expiresAt'],
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
    words: { step: CLAIM_STEP_WORDS },
  },
  claim_documents_requested: {
    purpose: 'service',
    text: {
      'zh-CN': { subject: '理赔补充材料通知', body: '您的理赔案件 {{claimNo}} 需要您补充以下材料：{{documents}}。请在客户门户上传，或交给您的业务员。' },
      'en-US': { subject: 'Documents needed for your claim', body: 'Your claim {{claimNo}} needs these documents from you: {{documents}}. Upload them in the customer portal or give them to your agent.' },
    },
  },
  complaint_progress: {
    purpose: 'service',
    text: {
      'zh-CN': { subject: '投诉处理进度', body: '您的投诉 {{complaintNo}} 有新进展：{{step}}。' },
      'en-US': { subject: 'Complaint progress', body: 'Your complaint {{complaintNo}} has moved on: {{step}}.' },
    },
    words: { step: COMPLAINT_STEP_WORDS },
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

/**
 * Fills a template; missing parameters show as `…` rather than failing a delivery. A parameter that
 * holds a code is shown as the template's words for it, never as the code.
 */
export function renderMessage(code: MessageTemplateCode, locale: MessageLocale, params: Record<string, string>): { subject: string; body: string } {
  const template = templateOf(code);
  const text = template.text[locale];
  const valueOf = (name: string) => {
    const value = params[name];
    const words = template.words?.[name]?.[locale];
    if (value !== undefined && template.instants?.includes(name) && !Number.isNaN(Date.parse(value))) return shanghaiMinuteOf(new Date(value));
    if (value === undefined || !words) return value ?? '…';
    // Words may name other parameters (an extension's new deadline): one more pass fills them.
    return Object.hasOwn(words, value) ? words[value]!.replace(/\{\{(\w+)\}\}/g, (_, inner: string) => params[inner] ?? '…') : ANY_STEP[locale];
  };
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, name: string) => valueOf(name));
  return { subject: fill(text.subject), body: fill(text.body) };
}

/** Which contact-point channel reaches a customer on each message channel. */
export const CONTACT_FOR_CHANNEL: Record<TMessageChannel, 'mobile' | 'email' | 'wechat'> = { sms: 'mobile', email: 'email', wechat: 'wechat', push: 'mobile' };

import type { TMessageChannel } from '@anxin/contracts';
import nodemailer from 'nodemailer';

/** One channel's way out: SMTP e-mail, an SMS gateway, WeChat template messages, app push — or the development adapter. */
export interface ChannelAdapter {
  /** Shown in the message log (`smtp`, `development`, …). */
  readonly name: string;
  send(message: { channel: TMessageChannel; to: string; subject: string; body: string }): Promise<{ providerRef: string | null }>;
}
export type MessageAdapters = Record<TMessageChannel, ChannelAdapter>;

export interface MessageSettings {
  /** Quiet hours in Asia/Shanghai ("21:00" to "08:00"): only service messages go out then. */
  quietHours: { start: string; end: string };
  /** Marketing messages per customer per rolling 7 days. */
  marketingCapPerWeek: number;
  /** Base URL of customer-facing links (survey links). */
  publicUrl: string;
}

/**
 * The development adapter: delivers nothing; the message row (status `sent`, adapter
 * `development`) is what a developer or a demo reads in the console's message log.
 */
export const developmentAdapter: ChannelAdapter = {
  name: 'development',
  send: async () => ({ providerRef: null }),
};

/** E-mail over SMTP with nodemailer (`ANXIN_SMTP_URL`). */
export function smtpAdapter(url: string, from: string): ChannelAdapter {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    send: async (m) => {
      const info = await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.body });
      return { providerRef: typeof info.messageId === 'string' ? info.messageId : null };
    },
  };
}

/** E-mail through SMTP when configured; every other channel (and e-mail without SMTP) to the development adapter until a gateway is configured. */
export function messageAdapters(options: { smtpUrl: string | null; smtpFrom: string }): MessageAdapters {
  const email = options.smtpUrl ? smtpAdapter(options.smtpUrl, options.smtpFrom) : developmentAdapter;
  return { sms: developmentAdapter, email, wechat: developmentAdapter, push: developmentAdapter };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const SHANGHAI_OFFSET_MINUTES = 8 * 60;

/**
 * When quiet hours (Asia/Shanghai, no daylight saving) end if `now` lies inside them, else null.
 * A window may wrap midnight (21:00–08:00).
 */
export function quietHoursEnd(now: Date, quiet: { start: string; end: string }): Date | null {
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  if (start === end) return null;
  const local = (now.getUTCHours() * 60 + now.getUTCMinutes() + SHANGHAI_OFFSET_MINUTES) % 1440;
  const inside = start < end ? local >= start && local < end : local >= start || local < end;
  if (!inside) return null;
  const wait = (end - local + 1440) % 1440;
  const at = new Date(now.getTime() + wait * 60_000);
  at.setUTCSeconds(0, 0);
  return at;
}

/** Retry back-off after a failed send: 1, 5, 30, 120 minutes; then the message fails for good. */
export const RETRY_MINUTES = [1, 5, 30, 120] as const;

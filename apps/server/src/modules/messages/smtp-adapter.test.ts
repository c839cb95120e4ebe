import { SMTPServer } from 'smtp-server';
import { afterAll, describe, expect, it } from 'vitest';
import { smtpAdapter } from './message-delivery.ts';

// The e-mail adapter against a real SMTP server on a local port (the smtp-server package speaks the
// protocol nodemailer talks to production mail servers).
const received: { from: string; to: string[]; data: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data: Buffer.concat(chunks).toString('utf8') });
      callback();
    });
  },
});
const port = await new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('SMTP adapter (nodemailer)', () => {
  it('delivers the rendered message to the recipient and returns the message id', async () => {
    const adapter = smtpAdapter(`smtp://127.0.0.1:${port}`, 'Anxin <service@anxin.example>');
    const { providerRef } = await adapter.send({ channel: 'email', to: 'zhou.ming@example.cn', subject: '保单续保提醒', body: '您的保单 P-1 将于 2026-12-31 到期。' });
    expect(providerRef).toMatch(/^<.+@.+>$/);
    expect(received).toHaveLength(1);
    expect(received[0]!.from).toBe('service@anxin.example');
    expect(received[0]!.to).toEqual(['zhou.ming@example.cn']);
    expect(received[0]!.data).toContain('Subject: =?UTF-8?');
    expect(received[0]!.data).toContain(providerRef!);
  });

  it('fails with the transport error when the server is unreachable (the dispatcher then retries)', async () => {
    const adapter = smtpAdapter('smtp://127.0.0.1:1', 'Anxin <service@anxin.example>');
    await expect(adapter.send({ channel: 'email', to: 'a@example.cn', subject: 's', body: 'b' })).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
  });
});

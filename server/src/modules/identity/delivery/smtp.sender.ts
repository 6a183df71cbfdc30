// E-mail through an SMTP server (nodemailer) when SMTP_URL is set, e.g.
// smtps://user:password@mail.example.vn:465 . SMS needs a gateway contract; until one is wired as
// another Sender, text messages stay in the outbox (identity.message) for the desk and testers.
import nodemailer from 'nodemailer';
import type { Sender } from './delivery.ts';

export function smtpSender(url: string, from: string): Sender {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    handles: (channel) => channel === 'email',
    async send(_channel, recipient, subject, body) {
      await transport.sendMail({ from, to: recipient, subject, text: body });
    },
  };
}

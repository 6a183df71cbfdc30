// The SMTP sender speaks real SMTP: a minimal server on a random port receives the message.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpSender } from './smtp.sender.ts';

/** Accepts one message per connection and keeps what arrived after DATA. */
function fakeSmtpServer() {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = net.createServer((socket) => {
    let buf = '';
    let inData = false;
    let mail = { from: '', to: [] as string[], data: '' };
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buf += chunk.toString('utf8');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(mail);
            mail = { from: '', to: [], data: '' };
            socket.write('250 queued\r\n');
          } else mail.data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'MAIL') mail.from = line;
        if (cmd === 'RCPT') mail.to.push(line);
        if (cmd === 'DATA') inData = true;
        if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write(cmd === 'DATA' ? '354 go\r\n' : '250 ok\r\n');
      }
    });
  });
  return { server, received };
}

describe('SMTP delivery', () => {
  const smtp = fakeSmtpServer();
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => smtp.server.listen(0, '127.0.0.1', r));
    port = (smtp.server.address() as net.AddressInfo).port;
  });
  afterAll(() => new Promise((r) => smtp.server.close(r)));

  it('sends e-mail with a Vietnamese subject and leaves SMS to other senders', async () => {
    const sender = smtpSender(`smtp://127.0.0.1:${port}`, 'open06 <no-reply@open06.local>');
    expect(sender.handles('sms')).toBe(false);
    await sender.send('email', 'ha.tran@example.vn', 'Mã xác thực đăng ký tài khoản định danh điện tử', 'open06: ma xac thuc la 123456.');
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m.from).toContain('no-reply@open06.local');
    expect(m.to[0]).toContain('ha.tran@example.vn');
    expect(m.data).toContain('ma xac thuc la 123456');
    // the subject travels encoded (RFC 2047), not as raw UTF-8
    expect(m.data).toMatch(/Subject: =\?UTF-8\?/i);
  });
});

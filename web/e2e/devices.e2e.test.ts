// A citizen secures their account in a real browser: adds an authenticator app (QR + first code)
// and a passkey (Chromium's virtual authenticator stands in for the phone's fingerprint), logs in
// with the passkey alone, then with password + app code, and recovers a forgotten password.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import * as OTPAuth from 'otpauth';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { createAccount } from '../../server/test/support/identity-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

const PASSWORD = 'Hoa-sen-2026!';
const me = { ...FAMILY.mother, phone: '+84912345000' };

describe.runIf(browserAvailable())('devices, passkeys and recovery', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let secret = '';
  beforeAll(async () => {
    // passkeys need a host name, not an IP address
    server = await startTestServer({ hostName: 'localhost' });
    await seedFamily(server.t.db);
    await createAccount(server.t, me, PASSWORD);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const code = (offsetSeconds = 0) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSeconds * 1000 });
  const logout = async () => {
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/');
  };

  it('adds an authenticator app from its QR code and first code', async () => {
    await loginAs(page, server.url, me.pid, PASSWORD, { returnTo: '/my/devices' });
    await page.getByRole('button', { name: 'Thêm ứng dụng xác thực' }).click();
    await page.getByTestId('totp-qr').waitFor();
    secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await screenshot(page, 'devices-totp-qr');
    await page.getByLabel('Mã 6 chữ số từ ứng dụng').fill('000000');
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText('Mã từ ứng dụng xác thực không đúng.').waitFor();
    await page.getByLabel('Mã 6 chữ số từ ứng dụng').fill(code());
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByTestId('authenticators').getByText('Ứng dụng xác thực').first().waitFor();
  });

  it('adds a passkey with the device’s own check', async () => {
    await page.getByRole('button', { name: 'Thêm khóa truy cập (passkey)' }).click();
    await page.getByText('Đã thêm khóa truy cập.').waitFor();
    // the list refetches after the message shows: wait for the new row, not for the message
    await page.getByTestId('authenticators').getByText('Khóa truy cập').first().waitFor();
    const list = await page.getByTestId('authenticators').innerText();
    expect(list).toContain('Khóa truy cập');
    expect(list).toContain('Ứng dụng xác thực');
    await screenshot(page, 'devices-list');
    await page.getByRole('link', { name: 'Tài khoản định danh' }).click();
    const history = page.getByTestId('account-history');
    await history.waitFor();
    await expect.poll(() => history.innerText()).toContain('Thêm phương thức xác thực — Khóa truy cập');
  });

  it('logs in with the passkey alone', async () => {
    await logout();
    await page.getByRole('menuitem', { name: 'Đăng nhập' }).click();
    await page.getByRole('button', { name: 'Đăng nhập bằng khóa truy cập (passkey)' }).click();
    // the web app asks for consent at each login (it needs it for its refresh token)
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).waitFor();
    expect(await page.getByText('Trần Thị Thu Hà').count()).toBeGreaterThan(0);
    await screenshot(page, 'devices-passkey-login');
  });

  it('asks for the app code after the password', async () => {
    await logout();
    await page.getByRole('menuitem', { name: 'Đăng nhập' }).click();
    await page.getByLabel('Số định danh cá nhân').fill(me.pid);
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Xác thực hai bước').waitFor();
    await screenshot(page, 'devices-totp-step');
    // the code of the next step: the one used when the app was added is spent
    await page.getByLabel('Mã xác thực').fill(code(30));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).waitFor();
  });

  it('recovers a forgotten password with the code sent to the phone and the app code', async () => {
    await logout();
    await page.goto(`${server.url}/recover`);
    await page.getByLabel('Số định danh cá nhân').fill(me.pid);
    await page.getByLabel('Số điện thoại hoặc thư điện tử đã đăng ký').fill('0912 345 000');
    await page.getByRole('button', { name: 'Gửi mã khôi phục' }).click();
    await page.getByText('Nếu thông tin khớp với tài khoản').waitFor();
    const sms = (await server.t.app.identity.delivery.recent({ recipient: me.phone, limit: 1 }))[0]!;
    expect(sms.subject).toBe('Mã khôi phục tài khoản');
    await page.getByLabel('Mã khôi phục (6 chữ số)').fill(/(\d{6})/.exec(sms.body)![1]!);
    await page.getByLabel('Mật khẩu mới').fill('Sen-hong-2027!');
    await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
    await page.getByText('Tài khoản có ứng dụng xác thực: nhập mã 6 số từ ứng dụng.').waitFor();
    await screenshot(page, 'recover-needs-app-code');
    // two minutes on (the server runs in this process): the app shows a code not used before
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 120_000 });
    try {
      await page.getByLabel('Mã từ ứng dụng xác thực (nếu tài khoản có)').fill(code());
      await page.getByRole('button', { name: 'Đặt mật khẩu mới' }).click();
      await page.getByTestId('recover-done').waitFor();
    } finally {
      vi.useRealTimers();
    }
    await screenshot(page, 'recover-done');
  });
});

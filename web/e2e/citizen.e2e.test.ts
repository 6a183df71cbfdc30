// A citizen's journey in a real browser: create a level-1 e-ID account, log in through the
// platform's OpenID Provider, see their data with its sources, their household, who accessed
// their data, and the services they consented to.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { solidPng } from './support/images.ts';

const PASSWORD = 'Hoa-sen-2026!';

describe.runIf(browserAvailable())('citizen journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    await seedFamily(server.t.db);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const lastCode = async () => {
    const items = await server.t.app.identity.delivery.recent({ recipient: '+84912345000' });
    return /(\d{6})/.exec(items[0]!.body)![1]!;
  };

  it('explains a mismatch without saying which field is wrong', async () => {
    await page.goto(`${server.url}/register`);
    await page.getByLabel('Số định danh cá nhân').fill(FAMILY.mother.pid);
    await page.getByLabel('Họ và tên').fill('Trần Thị Thu Hằng');
    await page.getByLabel('Ngày sinh').fill('02/11/1990');
    await page.getByLabel('Số điện thoại').fill('0912 345 000');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await expect.poll(() => page.getByTestId('form-error').innerText()).toContain('không khớp');
    await screenshot(page, 'citizen-register-mismatch');
  });

  it('creates a level-1 account with the code sent to the phone', async () => {
    await page.getByLabel('Họ và tên').fill('Trần Thị Thu Hà');
    await page.getByRole('button', { name: 'Gửi mã xác thực' }).click();
    await page.getByText('Đã gửi mã xác thực đến +84912***000').waitFor();
    await page.getByLabel('Mã xác thực (6 chữ số)').fill(await lastCode());
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    // a portrait chosen from a file, kept for the police to compare at level 2
    await page.getByTestId('portrait-file').setInputFiles({ name: 'chan-dung.png', mimeType: 'image/png', buffer: solidPng(64) });
    await page.getByTestId('portrait').waitFor();
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText('Đã tạo tài khoản mức 1').waitFor();
    expect((await server.t.app.identity.accounts.findByPid(FAMILY.mother.pid))?.hasPortrait).toBe(true);
    await screenshot(page, 'citizen-register-done');
  });

  it('logs in through the provider, consents, and sees their data with its sources', async () => {
    await page.locator('.ant-result').getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByLabel('Số định danh cá nhân').fill(FAMILY.mother.pid);
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').getByText('Số định danh hoặc mật khẩu không đúng.').waitFor();
    await screenshot(page, 'citizen-login-wrong');
    await page.getByLabel('Mật khẩu').fill(PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByText('Chia sẻ thông tin với open06 — ứng dụng web').waitFor();
    await screenshot(page, 'citizen-consent');
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Thông tin của tôi').first().waitFor();
    const data = page.getByTestId('my-data');
    await data.waitFor();
    expect(await data.innerText()).toContain('Trần Thị Thu Hà');
    expect(await data.innerText()).toContain('02/11/1990');
    expect(await data.innerText()).toContain('Phường Thành Đông');
    expect(await data.innerText()).toContain('Dữ liệu kiểm thử · 01/01/2015');
    await screenshot(page, 'citizen-my-data');
  });

  it('shows the household, who accessed the data, the consent and the account level', async () => {
    await page.getByRole('link', { name: 'Hộ gia đình' }).click();
    const members = page.getByTestId('household-members');
    await members.waitFor();
    expect(await members.innerText()).toContain('Nguyễn Văn Hùng');
    expect(await members.innerText()).toContain('Chủ hộ');
    await page.getByRole('link', { name: 'Ai đã xem dữ liệu' }).click();
    const log = page.getByTestId('access-log');
    await log.waitFor();
    await expect.poll(() => log.innerText()).toContain('open06-web');
    expect(await log.innerText()).toContain('Cung cấp thông tin cho dịch vụ theo sự đồng ý của công dân');
    expect(await log.innerText()).toContain('Công dân tự tra cứu');
    await screenshot(page, 'citizen-access-log');
    await page.getByRole('link', { name: 'Dịch vụ đã đồng ý' }).click();
    await page.getByTestId('consents').getByText('open06 — ứng dụng web').waitFor();
    await page.getByRole('link', { name: 'Tài khoản định danh' }).click();
    await page.getByTestId('account').getByText('Mức 1').waitFor();
    await screenshot(page, 'citizen-account');
  });

  it('works on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await phone.goto(`${server.url}/register`);
    await phone.getByText('Đăng ký tài khoản định danh điện tử mức 1').waitFor();
    expect(Number(await phone.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await screenshot(phone, 'citizen-register-phone');
    await phone.close();
  });
});

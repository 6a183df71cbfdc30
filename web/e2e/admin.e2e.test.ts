// Administration in a real browser: an administrator logs in through the platform's OpenID
// Provider; registers a relying party and sees its secret once; edits it; grants an official a
// role in a commune and revokes it; reads the message outbox. In English too, and on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { OFFICIALS, createAccount, grantRole, phoneOf, seedOfficials } from '../../server/test/support/identity-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

const PASSWORD = 'Hoa-sen-2026!';
const administrator = OFFICIALS.administrator;
const future = FAMILY.neighbour; // becomes a one-stop desk officer in Phường Hải Dương

describe.runIf(browserAvailable())('administrator journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    await seedFamily(server.t.db);
    await seedOfficials(server.t.db);
    await createAccount(server.t, administrator, PASSWORD);
    await grantRole(server.t, administrator.pid, 'admin');
    await createAccount(server.t, future, PASSWORD);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const rolesOf = async (pid: string) =>
    (await sql<{ role: string; unit: string | null }>`select r.role, r.unit from identity.official_role r join identity.account a on a.id = r.account_id where a.pid = ${pid}`.execute(server.t.db.kysely)).rows;

  it('logs the administrator in and lists the registered services', async () => {
    await loginAs(page, server.url, administrator.pid, PASSWORD, { returnTo: '/admin/clients' });
    const clients = page.getByTestId('clients');
    await clients.waitFor();
    expect(await clients.innerText()).toContain('open06 — ứng dụng web');
    expect(await clients.innerText()).toContain('Của nền tảng');
    await screenshot(page, 'admin-clients');
  });

  it('registers a service and shows its secret once', async () => {
    await page.getByRole('button', { name: 'Đăng ký ứng dụng' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    await dialog.getByText('Mã ứng dụng gồm 3–64 ký tự: chữ thường không dấu, chữ số, . _ -').waitFor();
    await dialog.getByText('Luồng mã uỷ quyền cần ít nhất một địa chỉ chuyển hướng.').waitFor();
    // the server's refusal lands on the field it names
    await dialog.getByLabel('Mã ứng dụng (client_id)').fill('open06-web');
    await dialog.getByLabel('Tên ứng dụng').fill('Cổng dịch vụ công Hải Phòng');
    await dialog.getByLabel('Địa chỉ chuyển hướng', { exact: true }).fill('https://dichvucong.haiphong.gov.vn/callback');
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    await dialog.getByText('Mã ứng dụng đã tồn tại.').waitFor();
    await screenshot(page, 'admin-client-exists');
    await dialog.getByLabel('Mã ứng dụng (client_id)').fill('cong-dvc-hp');
    await dialog.getByLabel('Đơn vị quản lý').fill('UBND thành phố Hải Phòng');
    await dialog.getByLabel('Mục đích sử dụng dữ liệu').fill('Điền sẵn biểu mẫu thủ tục hành chính');
    await dialog.getByLabel('pid — số định danh').check();
    await dialog.getByLabel('address — nơi thường trú').check();
    await screenshot(page, 'admin-client-form');
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    const shown = page.getByTestId('client-secret');
    await shown.waitFor();
    const secret = (await shown.innerText()).trim();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByText('Bí mật chỉ hiển thị một lần này.', { exact: false }).waitFor();
    await screenshot(page, 'admin-client-secret');
    // the provider knows the client with that secret and what the form said
    const client = await server.t.app.identity.provider.Client.find('cong-dvc-hp');
    expect(client?.clientSecret).toBe(secret);
    expect(client?.scope).toBe('openid profile pid address');
    expect(client?.redirectUris).toEqual(['https://dichvucong.haiphong.gov.vn/callback']);
    await page.getByRole('button', { name: 'Đã lưu bí mật' }).click();
    await shown.waitFor({ state: 'detached' });
    await page.getByTestId('clients').getByText('Cổng dịch vụ công Hải Phòng').waitFor();
    expect(await page.evaluate('document.body.innerText')).not.toContain(secret);
    await page.reload();
    await page.getByTestId('clients').getByText('Cổng dịch vụ công Hải Phòng').waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('edits the service; its secret stays and is not shown again', async () => {
    const before = (await server.t.app.identity.provider.Client.find('cong-dvc-hp'))?.clientSecret;
    await page.getByTestId('clients').getByRole('row', { name: /cong-dvc-hp/ }).getByRole('button', { name: 'Sửa' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.getByLabel('Mã ứng dụng (client_id)').isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Mục đích sử dụng dữ liệu').inputValue()).toBe('Điền sẵn biểu mẫu thủ tục hành chính');
    await dialog.getByLabel('Tên ứng dụng').fill('Cổng DVC Hải Phòng');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await page.getByTestId('clients-notice').getByText('Đã lưu ứng dụng cong-dvc-hp.').waitFor();
    await page.getByTestId('clients').getByText('Cổng DVC Hải Phòng').waitFor();
    expect(await page.getByTestId('client-secret').count()).toBe(0);
    expect((await server.t.app.identity.provider.Client.find('cong-dvc-hp'))?.clientSecret).toBe(before);
  });

  it('grants an official a role in a commune, refuses a person without an account, and revokes the role', async () => {
    await page.getByRole('link', { name: 'Cán bộ và vai trò' }).click();
    await page.getByRole('heading', { name: 'Cán bộ và vai trò' }).waitFor();
    await page.getByLabel('Số định danh cá nhân').fill(FAMILY.hanoian.pid);
    await page.getByLabel('Vai trò', { exact: true }).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Cán bộ bộ phận một cửa' }).click();
    await page.getByLabel('Xã, phường, đặc khu').click();
    await page.getByLabel('Xã, phường, đặc khu').pressSequentially('hai duong');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Phường Hải Dương, Thành phố Hải Phòng' }).click();
    await page.getByRole('button', { name: 'Cấp vai trò' }).click();
    await page.getByTestId('problem').getByText('Người này chưa có tài khoản định danh điện tử.').waitFor();
    await screenshot(page, 'admin-grant-no-account');
    await page.getByLabel('Số định danh cá nhân').fill(future.pid);
    await page.getByRole('button', { name: 'Cấp vai trò' }).click();
    await page.getByTestId('officials-notice').getByText(`Đã cấp vai trò Cán bộ bộ phận một cửa cho ${future.pid}.`).waitFor();
    const row = page.getByTestId('officials').getByRole('row', { name: new RegExp(future.pid) });
    await row.getByText('Phường Hải Dương').waitFor();
    expect(await rolesOf(future.pid)).toEqual([{ role: 'one_stop_officer', unit: '10525' }]);
    await screenshot(page, 'admin-officials');
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await page.locator('.ant-popconfirm:visible').getByRole('button', { name: 'Thu hồi' }).click();
    await page.getByTestId('officials-notice').getByText(`Đã thu hồi vai trò Cán bộ bộ phận một cửa của ${future.pid}.`).waitFor();
    await expect.poll(() => page.getByTestId('officials').innerText()).not.toContain(future.pid);
    expect(await rolesOf(future.pid)).toEqual([]);
    // their own administrator role is there, without a revoke button
    const own = page.getByTestId('officials').getByRole('row', { name: new RegExp(administrator.pid) });
    await own.getByText('Quản trị hệ thống').waitFor();
    expect(await own.getByRole('button', { name: 'Thu hồi' }).count()).toBe(0);
  });

  it('reads the outbox: the one-time codes the built-in delivery kept', async () => {
    await page.getByRole('link', { name: 'Hộp thư đi' }).click();
    const outbox = page.getByTestId('outbox');
    await outbox.getByText(phoneOf(future)).first().waitFor();
    expect(await outbox.innerText()).toContain(phoneOf(administrator));
    expect(await outbox.innerText()).toMatch(/ma xac thuc dang ky tai khoan dinh danh dien tu la \d{6}/);
    await page.getByLabel('Lọc theo người nhận (+84…, thư điện tử)').fill(phoneOf(future));
    await page.getByLabel('Lọc theo người nhận (+84…, thư điện tử)').press('Enter');
    // the filtered list: the future official's messages only (not the empty list shown while it loads)
    await expect
      .poll(async () => {
        const text = await outbox.innerText();
        return text.includes(phoneOf(future)) && !text.includes(phoneOf(administrator));
      })
      .toBe(true);
    await screenshot(page, 'admin-outbox');
  });

  it('speaks English', async () => {
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { name: 'Message outbox' }).waitFor();
    await page.getByRole('link', { name: 'Connected services (OIDC)' }).click();
    await page.getByRole('heading', { name: 'Services connected to the e-ID' }).waitFor();
    await screenshot(page, 'admin-clients-en');
    await page.getByText('VI', { exact: true }).click();
  });

  it('fits a phone screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await loginAs(phone, server.url, administrator.pid, PASSWORD, { returnTo: '/admin/officials' });
    await phone.getByTestId('officials').waitFor();
    await screenshot(phone, 'admin-officials-phone');
    expect(await phone.evaluate(`(() => { const c = document.querySelector('.ant-layout-content'); return c.scrollWidth <= c.clientWidth; })()`)).toBe(true);
    await phone.goto(`${server.url}/admin/clients`);
    await phone.getByTestId('clients').waitFor();
    await screenshot(phone, 'admin-clients-phone');
    expect(await phone.evaluate(`(() => { const c = document.querySelector('.ant-layout-content'); return c.scrollWidth <= c.clientWidth; })()`)).toBe(true);
    await context.close();
  });
});

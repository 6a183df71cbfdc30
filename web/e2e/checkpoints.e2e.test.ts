// Checkpoint counts in a real browser: a commune police officer registers a temple with its
// capacity and names a staff member; the staff member, on a phone, scans visitors in and out with a
// keyboard-wedge scanner (ID-card QRs and an e-ID QR), sees a mismatching card refused and not
// counted, counts people without a card, and watches the capacity alert come; the site's dashboard
// and the police's list show the same figures; a lower capacity makes the site full at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { OFFICIALS, createAccount, grantRole, seedOfficials } from '../../server/test/support/identity-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

const PASSWORD = 'Den-Tho-2026!';
const officer = OFFICIALS.officer;
const staff = FAMILY.mother;
/** Waits up to 10 s for a value (a scan's answer, a refetch after a reload). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 10_000 });
const card = (p: { pid: string; fullName: string }, dob: string, sex: 'Nam' | 'Nữ', oldId = '') => `${p.pid}|${oldId}|${p.fullName}|${dob}|${sex}|Số 1, phố Trần Hưng Đạo, Phường Thành Đông, Thành phố Hải Phòng|10052021`;

describe.runIf(browserAvailable())('checkpoint counts journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let police: Page;
  let phone: Page;

  beforeAll(async () => {
    server = await startTestServer();
    const t = server.t;
    await seedFamily(t.db);
    await seedOfficials(t.db);
    await createAccount(t, officer, PASSWORD);
    await createAccount(t, staff, PASSWORD);
    await grantRole(t, officer.pid, 'commune_police', THANH_DONG);
    browser = await launchBrowser();
    police = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const onSite = () => phone.getByTestId('on-site').innerText();
  const scan = async (text: string) => {
    const field = phone.getByTestId('checkpoint-qr');
    await field.click();
    await field.pressSequentially(text, { delay: 0 });
    await field.press('Enter');
  };
  /** An e-ID QR from a citizen's app (the officer's own, as a visitor). */
  const eidQr = async () => {
    const r = await server.t.app.http.inject({ method: 'POST', url: '/api/v1/verification/eid-qr', headers: await server.t.auth({ sub: 'account:visitor', role: 'citizen', pid: officer.pid }) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json().qr as string;
  };

  it('the police officer registers a temple with its capacity and names a staff member', async () => {
    await loginAs(police, server.url, officer.pid, PASSWORD, { returnTo: '/checkpoints' });
    await police.getByRole('heading', { name: 'Điểm kiểm soát ra vào' }).waitFor();
    await police.getByTestId('register-site').click();
    const dialog = police.getByRole('dialog');
    await dialog.getByLabel('Tên địa điểm').fill('Đền Thành Đông');
    await dialog.getByLabel('Loại địa điểm').click();
    await police.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Đền, chùa' }).click();
    await dialog.getByLabel('Sức chứa (người)').fill('10');
    // a commune officer's site lies in their own commune
    expect(await dialog.locator('.ant-select-disabled').innerText()).toContain('Phường Thành Đông');
    expect(await dialog.getByLabel('Thời hạn lưu từng lượt (ngày)').inputValue()).toBe('30');
    await screenshot(police, 'checkpoints-register-site');
    await dialog.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    const table = police.getByTestId('sites-table');
    await poll(() => table.innerText()).toContain('Đền Thành Đông');
    expect(await table.innerText()).toContain('0 / 10');

    await police.getByRole('button', { name: 'Nhân viên (0)' }).click();
    const staffDialog = police.getByRole('dialog');
    await staffDialog.getByLabel('Số định danh cá nhân của nhân viên').fill('12345');
    await staffDialog.getByRole('button', { name: 'Thêm nhân viên' }).click();
    await staffDialog.getByText('Số định danh gồm 12 chữ số.').waitFor();
    await staffDialog.getByLabel('Số định danh cá nhân của nhân viên').fill(staff.pid);
    await staffDialog.getByRole('button', { name: 'Thêm nhân viên' }).click();
    await poll(() => staffDialog.getByTestId('staff-list').innerText()).toContain(staff.pid);
    await screenshot(police, 'checkpoints-staff');
    await police.keyboard.press('Escape');
    await poll(() => table.innerText()).toContain('Nhân viên (1)');
  });

  it('the staff member scans visitors in and out on a phone; a card that does not match is refused and not counted', async () => {
    await loginAs(phone, server.url, staff.pid, PASSWORD, { returnTo: '/checkpoints/scan' });
    await phone.getByTestId('site-name').waitFor();
    expect(await phone.getByTestId('site-name').innerText()).toBe('Đền Thành Đông');
    expect(await onSite()).toBe('0');
    expect(await phone.getByTestId('direction-in').getAttribute('aria-pressed')).toBe('true');

    await scan(card(FAMILY.father, '12041985', 'Nam', '141234567'));
    await poll(onSite).toBe('1');
    expect(await phone.getByTestId('passage-done').innerText()).toContain('Đã ghi 1 lượt vào');
    // the field is cleared and ready for the next visitor
    expect(await phone.getByTestId('checkpoint-qr').inputValue()).toBe('');
    await scan(card(FAMILY.neighbour, '01011975', 'Nam'));
    await poll(onSite).toBe('2');
    await scan(await eidQr());
    await poll(onSite).toBe('3');

    await scan(card({ pid: FAMILY.hanoian.pid, fullName: 'Phạm Thị Lam' }, '15021980', 'Nữ'));
    const problem = phone.getByTestId('passage-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('không khớp Cơ sở dữ liệu quốc gia về dân cư');
    expect(await problem.innerText()).toContain('lượt này không được tính');
    expect(await onSite()).toBe('3');
    await screenshot(phone, 'checkpoints-scan-refused');

    await phone.getByTestId('direction-out').click();
    expect(await phone.getByTestId('direction-out').getAttribute('aria-pressed')).toBe('true');
    await scan(card(FAMILY.father, '12041985', 'Nam', '141234567'));
    await poll(onSite).toBe('2');
    expect(await phone.getByTestId('passage-done').getAttribute('data-direction')).toBe('out');
    expect(await phone.getByTestId('passage-done').innerText()).toContain('Đã ghi 1 lượt ra');
  });

  it('the counter adds people without a card until the capacity alert comes', async () => {
    await phone.getByTestId('count-in-5').click();
    await poll(onSite).toBe('7');
    expect(await phone.getByTestId('capacity-alert').count()).toBe(0);
    await phone.getByTestId('count-in-1').click();
    await poll(onSite).toBe('8');
    await phone.getByTestId('count-in-1').click();
    await poll(onSite).toBe('9');
    const alert = phone.getByTestId('capacity-alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-level')).toBe('warning');
    expect(await alert.innerText()).toContain('Sắp đầy');
    expect(await alert.innerText()).toMatch(/Từ \d\d\/\d\d\/\d{4} \d\d:\d\d/);
    await screenshot(phone, 'checkpoints-scan-warning');
    await phone.getByTestId('count-in-1').click();
    await poll(onSite).toBe('10');
    await phone.locator('[data-testid=capacity-alert][data-level=full]').waitFor();
    expect(await phone.getByTestId('capacity-alert').innerText()).toContain('Đã đầy');
    // one person leaves without a card: back to a warning
    await phone.getByTestId('count-out-1').click();
    await poll(onSite).toBe('9');
    await phone.locator('[data-testid=capacity-alert][data-level=warning]').waitFor();
    // the scanner fits the phone
    const content = await phone.locator('.ant-layout-content').evaluate((e) => ({ scroll: e.scrollWidth, right: e.getBoundingClientRect().right }));
    expect(content.scroll).toBeLessThanOrEqual(390);
    expect(content.right).toBeLessThanOrEqual(390);
    await screenshot(phone, 'checkpoints-scan-phone');
  });

  it('the dashboard shows the same figures: people on site, entries and exits, the alert and the charts', async () => {
    await phone.getByTestId('to-dashboard').click();
    await phone.getByTestId('dashboard-title').waitFor();
    await poll(() => phone.getByTestId('on-site').innerText()).toBe('9');
    expect(await phone.getByTestId('kpi-entries').innerText()).toContain('11'); // 3 scans + 8 by the counter
    expect(await phone.getByTestId('kpi-exits').innerText()).toContain('2');
    expect(await phone.getByTestId('capacity-alert').getAttribute('data-level')).toBe('warning');
    expect(await phone.getByTestId('day').innerText()).toMatch(/^Hôm nay, \d\d\/\d\d\/\d{4}$/);
    await phone.getByTestId('chart-hours').locator('canvas').waitFor();
    await phone.getByTestId('chart-days').locator('canvas').waitFor();
    const content = await phone.locator('.ant-layout-content').evaluate((e) => e.scrollWidth);
    expect(content).toBeLessThanOrEqual(390);
    await screenshot(phone, 'checkpoints-dashboard-phone');

    // the police see the site in their list, and its dashboard
    await police.reload();
    const table = police.getByTestId('sites-table');
    await police.getByRole('link', { name: 'Đền Thành Đông' }).waitFor();
    await poll(() => table.innerText()).toContain('9 / 10');
    expect(await table.innerText()).toContain('11 vào · 2 ra');
    expect(await police.getByTestId('site-alert').innerText()).toBe('Sắp đầy');
    await screenshot(police, 'checkpoints-sites');
    await police.getByRole('link', { name: 'Đền Thành Đông' }).click();
    await police.getByTestId('dashboard-title').waitFor();
    await poll(() => police.getByTestId('on-site').innerText()).toBe('9');
    await police.getByTestId('chart-hours').locator('canvas').waitFor();
    await screenshot(police, 'checkpoints-dashboard');
  });

  it('the police lower the capacity: the site is full at once', async () => {
    await police.getByRole('link', { name: 'Danh sách điểm kiểm soát' }).click();
    await police.getByRole('button', { name: 'Sửa' }).click();
    const dialog = police.getByRole('dialog');
    expect(await dialog.getByLabel('Tên địa điểm').inputValue()).toBe('Đền Thành Đông');
    await dialog.getByLabel('Sức chứa (người)').fill('9');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    const table = police.getByTestId('sites-table');
    await poll(() => table.innerText()).toContain('9 / 9');
    expect(await police.getByTestId('site-alert').innerText()).toBe('Đã đầy');
  });
});

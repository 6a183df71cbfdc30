// The police desk in a real browser: an officer logs in through the platform's OpenID Provider and
// acts as commune police; finds a citizen by a name typed without diacritics, with a purpose; is
// refused a person who lives in another commune; reads the record; raises the citizen's e-ID
// account to level 2 (fingerprints, portrait from the camera); suspends and restores it. The
// citizen then sees the officer's look-ups in their access log. And the desk on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { OFFICIALS, createAccount, grantRole, seedOfficials } from '../../server/test/support/identity-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

const PASSWORD = 'Hoa-sen-2026!';
const officer = OFFICIALS.officer;
const citizen = FAMILY.mother;
const PURPOSE = 'Quản lý tài khoản định danh điện tử';

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe.runIf(browserAvailable())('police desk journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    await seedFamily(server.t.db);
    await seedOfficials(server.t.db);
    await createAccount(server.t, officer, PASSWORD);
    await grantRole(server.t, officer.pid, 'commune_police', THANH_DONG);
    await createAccount(server.t, citizen, PASSWORD);
    browser = await launchBrowser({ fakeCamera: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['camera'] });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs the officer in through the provider, acting as commune police of their commune', async () => {
    await loginAs(page, server.url, officer.pid, PASSWORD, { returnTo: '/police/find' });
    await page.getByRole('heading', { name: 'Tra cứu công dân' }).waitFor();
    await expect.poll(() => page.getByTestId('jurisdiction').innerText()).toContain('Phường Thành Đông');
    expect(await page.getByTestId('role-switch').innerText()).toContain('Công an xã, phường, đặc khu');
    await screenshot(page, 'police-find');
  });

  it('asks for a purpose, then finds a person by a name typed without diacritics', async () => {
    await page.getByLabel('Số định danh, số CMND hoặc họ tên').fill('tran thi thu ha');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Vui lòng chọn mục đích tra cứu.').waitFor();
    await choose(page, 'Mục đích tra cứu', PURPOSE);
    await page.getByLabel('Ngày sinh').fill('1990');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const results = page.getByTestId('search-results');
    await results.waitFor();
    const text = await results.innerText();
    expect(text).toContain('Trần Thị Thu Hà');
    expect(text).toContain(citizen.pid);
    expect(text).toContain('02/11/1990');
    expect(text).not.toContain('Nguyễn Văn Hùng');
    await screenshot(page, 'police-find-results');
  });

  it('shows the server’s field error for a date of birth that is not a date', async () => {
    await page.getByLabel('Ngày sinh').fill('31/02/1990');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.locator('#birthDate_help, .ant-form-item-explain-error').filter({ hasText: /ngày|Ngày/ }).first().waitFor();
    await screenshot(page, 'police-find-bad-date');
    await page.getByLabel('Ngày sinh').fill('');
  });

  it('cannot find or open a person who lives in another commune, and says why', async () => {
    await page.getByLabel('Số định danh, số CMND hoặc họ tên').fill(FAMILY.neighbour.pid);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const none = page.getByTestId('no-hits');
    await none.waitFor();
    expect(await none.innerText()).toContain('Không tìm thấy công dân phù hợp');
    expect(await none.innerText()).toContain('Phường Thành Đông');
    await screenshot(page, 'police-find-outside');
    // opening the record directly (a link, a bookmark) is refused by the registry, in its words
    await page.goto(`${server.url}/police/persons/${FAMILY.neighbour.pid}?purpose=account_management`);
    const refusal = page.getByTestId('refusal');
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain('Không tìm thấy công dân có số định danh này trong phạm vi được phép tra cứu.');
    await screenshot(page, 'police-detail-refused');
  });

  it('opens the record: facts with their sources, residence, household, history', async () => {
    await page.goto(`${server.url}/police/find?${new URLSearchParams({ purpose: 'account_management', q: 'tran thi thu ha' })}`);
    await page.getByTestId('search-results').getByText('Trần Thị Thu Hà').click();
    await page.getByTestId('person-name').getByText('Trần Thị Thu Hà').waitFor();
    const facts = await page.getByTestId('person-facts').innerText();
    expect(facts).toContain('Dữ liệu kiểm thử · 01/01/2015');
    expect(facts).toContain('Đã kết hôn');
    expect(facts).toContain(FAMILY.father.pid);
    expect(await page.getByText(`Mục đích: ${PURPOSE}`).count()).toBe(1);
    await screenshot(page, 'police-detail');
    await page.getByRole('tab', { name: 'Cư trú' }).click();
    expect(await page.getByTestId('residences').innerText()).toMatch(/Thường trú[\s\S]*Phường Thành Đông/);
    await page.getByRole('tab', { name: 'Hộ gia đình' }).click();
    await page.getByTestId('household').getByText('Nguyễn Văn Hùng').waitFor();
    expect(await page.getByTestId('household').innerText()).toContain('Chủ hộ');
    await page.getByRole('tab', { name: 'Lịch sử thay đổi' }).click();
    await page.getByTestId('history').getByText('Tạo hồ sơ').waitFor();
    await screenshot(page, 'police-detail-history');
  });

  it('raises the account to level 2: fingerprints required, portrait from the camera', async () => {
    await page.getByRole('tab', { name: 'Tài khoản định danh' }).click();
    const account = page.getByTestId('account');
    await account.getByText('Mức 1').waitFor();
    await page.getByRole('button', { name: 'Nâng lên mức 2' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Nơi xác thực').waitFor();
    expect(await dialog.getByLabel('Nơi xác thực').inputValue()).toBe('Công an Phường Thành Đông');
    await dialog.getByRole('button', { name: 'Nâng lên mức 2' }).click();
    await dialog.getByText('Phải xác thực vân tay trước khi nâng lên mức 2.').waitFor();
    await dialog.getByLabel('Đã xác thực vân tay bằng đầu đọc tại bàn').check();
    await dialog.getByRole('button', { name: 'Mở máy ảnh' }).click();
    await dialog.locator('video').waitFor();
    await expect.poll(() => dialog.locator('video').evaluate((v) => (v as unknown as { videoWidth: number }).videoWidth)).toBeGreaterThan(0);
    await dialog.getByRole('button', { name: 'Chụp' }).click();
    const portrait = dialog.getByTestId('portrait');
    await portrait.waitFor();
    expect(await portrait.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    await screenshot(page, 'police-level2-form');
    await dialog.getByRole('button', { name: 'Nâng lên mức 2' }).click();
    await page.getByTestId('account-done').getByText('Đã nâng tài khoản của Trần Thị Thu Hà lên mức 2.').waitFor();
    // the portrait taken is kept with the account, for the next desk to compare
    await page.getByTestId('kept-portrait').waitFor();
    await account.getByText('Mức 2').waitFor();
    expect(await account.innerText()).toContain('Công an Phường Thành Đông · Đọc chip thẻ căn cước');
    await screenshot(page, 'police-level2-done');
    const row = await server.t.db.kysely
      .selectFrom('identity.account' as never)
      .select(['level', 'level2_by', 'level2_method', 'portrait_file'] as never)
      .where('pid' as never, '=', citizen.pid as never)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: 2, level2_method: 'chip', level2_by: expect.stringMatching(/^account:/) });
    expect((row as { portrait_file: string }).portrait_file).toMatch(/\.jpg$/);
  });

  it('suspends the account with a reason after confirming, and restores it', async () => {
    const account = page.getByTestId('account');
    await page.getByRole('button', { name: 'Tạm khoá' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Tạm khoá tài khoản của Trần Thị Thu Hà?').waitFor();
    await dialog.getByRole('button', { name: 'Tạm khoá' }).click();
    await dialog.getByText('Vui lòng nêu lý do (3–500 ký tự).').waitFor();
    await dialog.getByLabel('Lý do').fill('Công dân báo mất điện thoại');
    await screenshot(page, 'police-suspend-confirm');
    await dialog.getByRole('button', { name: 'Tạm khoá' }).click();
    await page.getByTestId('account-done').getByText('Đã tạm khoá tài khoản của Trần Thị Thu Hà.').waitFor();
    await account.getByText('Tạm khoá').waitFor();
    await screenshot(page, 'police-suspended');
    await page.getByRole('button', { name: 'Mở khoá' }).click();
    await page.getByRole('dialog').getByLabel('Lý do').fill('Công dân đã lấy lại điện thoại');
    await page.getByRole('dialog').getByRole('button', { name: 'Mở khoá' }).click();
    await page.getByTestId('account-done').getByText('Đã mở khoá tài khoản của Trần Thị Thu Hà.').waitFor();
    await account.getByText('Đang hoạt động').waitFor();
    expect(await account.innerText()).toContain('Mức 2');
    // the desk in English
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('tab', { name: 'e-ID account' }).waitFor();
    await page.getByRole('button', { name: 'Suspend' }).waitFor();
    await page.getByTestId('account-done').getByText('Trần Thị Thu Hà\'s account is restored.').waitFor();
    await screenshot(page, 'police-account-en');
    await page.getByText('VI', { exact: true }).click();
    await page.getByRole('tab', { name: 'Tài khoản định danh' }).waitFor();
  });

  it('lets the citizen see the officer’s look-ups in their access log', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const own = await context.newPage();
    await loginAs(own, server.url, citizen.pid, PASSWORD, { returnTo: '/my/access-log' });
    const log = own.getByTestId('access-log');
    await log.waitFor();
    await expect.poll(() => log.innerText()).toContain('Công an xã, phường, đặc khu');
    // the unit's name arrives after the row (its own request): wait for it rather than read early
    await expect.poll(() => log.innerText()).toContain('Phường Thành Đông');
    const text = await log.innerText();
    expect(text).toContain(PURPOSE);
    expect(text).toContain('Tìm kiếm');
    await screenshot(own, 'police-citizen-access-log');
    await context.close();
  });

  it('works on a phone: search, results and record fit the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    // the desk's own content: nothing wider than the screen (tables scroll inside themselves)
    const contentFits = () => phone.evaluate(`(() => { const c = document.querySelector('.ant-layout-content'); return c.scrollWidth <= c.clientWidth; })()`);
    const pageWidth = () => phone.evaluate('document.documentElement.scrollWidth').then(Number);
    await loginAs(phone, server.url, officer.pid, PASSWORD, { returnTo: '/police/find' });
    await phone.getByRole('heading', { name: 'Tra cứu công dân' }).waitFor();
    await choose(phone, 'Mục đích tra cứu', 'Quản lý cư trú');
    await phone.getByLabel('Số định danh, số CMND hoặc họ tên').fill('nguyen');
    await phone.getByRole('button', { name: 'Tra cứu' }).click();
    await phone.getByTestId('search-results').getByText('Nguyễn Minh Khôi').waitFor();
    await screenshot(phone, 'police-find-phone');
    expect(await contentFits()).toBe(true);
    const findWidth = await pageWidth();
    await phone.getByTestId('search-results').getByText('Nguyễn Văn Hùng').click();
    await phone.getByTestId('person-facts').waitFor();
    await screenshot(phone, 'police-detail-phone');
    expect(await contentFits()).toBe(true);
    await phone.getByRole('tab', { name: 'Thẻ căn cước' }).click();
    await phone.getByTestId('id-cards').getByText('Hết hạn').waitFor();
    await screenshot(phone, 'police-cards-phone');
    expect(await contentFits()).toBe(true);
    // and the whole page, header included
    expect(findWidth, 'the find page is wider than the phone').toBeLessThanOrEqual(390);
    expect(await pageWidth(), 'the record page is wider than the phone').toBeLessThanOrEqual(390);
    await context.close();
  });
});

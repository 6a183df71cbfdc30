// Data quality in a real browser: a province officer logs in, reads the province's scorecard
// (chart and table), drills down to a commune and its worklist, corrects a phone number from a
// finding, compares two records of one person side by side and merges them, dismisses a finding
// with a reason; and the scorecard on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, person, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { OFFICIALS, createAccount, grantRole, seedOfficials } from '../../server/test/support/identity-fixtures.ts';
import { seedDatabase } from '../../server/src/modules/registry/index.ts';
import { writePersonBatch } from '../../server/src/modules/registry/bulk/person-bulk.writer.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

const PASSWORD = 'Hoa-sen-2026!';
const officer = OFFICIALS.officer;
// the mother registered a second time without diacritics, and a resident with a national-format phone
const MOTHER_AGAIN = person({ pid: '030190006543', fullName: 'Tran Thi Thu Ha', birthDate: '1990-11-02', sex: 'F', phone: '+84912000111', birthPlace: 'Tỉnh Hải Dương', hometown: 'Hải Dương' });
const PHONE = person({ pid: '030172001111', fullName: 'Vũ Thị Lan', birthDate: '1972-05-05', sex: 'F', phone: '0912 000 222', birthPlace: 'Thành phố Hải Phòng', hometown: 'Hải Phòng' });

async function choose(page: Page, label: string, option: string) {
  await page.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe.runIf(browserAvailable())('data quality journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    server = await startTestServer();
    const db = server.t.db;
    await seedDatabase(db, { seed: 5, people: 2500, communes: [THANH_DONG, HAI_DUONG], noise: 0.05, asOf: '2026-11-01' });
    await seedFamily(db);
    await db.bulk((s) => writePersonBatch(s, [MOTHER_AGAIN, PHONE].map((record, i) => ({ rowNo: i + 1, record })), { source: 'import:legacy', actor: 'test', today: '2026-01-01' }));
    await seedOfficials(db);
    await createAccount(server.t, officer, PASSWORD);
    await grantRole(server.t, officer.pid, 'province_police', '31');
    await server.t.app.quality.runPass({ startedBy: 'test' });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the province’s scorecard as a chart and a table of communes, worst first', async () => {
    await loginAs(page, server.url, officer.pid, PASSWORD, { returnTo: '/quality' });
    await page.getByRole('heading', { name: /Chất lượng dữ liệu dân cư — Thành phố Hải Phòng/ }).waitFor();
    const summary = await page.getByTestId('score-summary').innerText();
    for (const label of ['Đúng', 'Đủ', 'Sạch', 'Sống', 'Tổng hợp']) expect(summary).toContain(label);
    await page.getByTestId('chart-goals').locator('canvas').waitFor();
    await page.getByTestId('chart-weakest').locator('canvas').waitFor();
    const table = page.getByTestId('commune-table');
    await expect.poll(() => table.innerText()).toContain('Phường Thành Đông');
    await screenshot(page, 'quality-scorecard-province');
  });

  it('drills down to a commune, then to its worklist filtered by rule', async () => {
    await page.getByTestId('commune-table').getByText('Phường Thành Đông', { exact: true }).click();
    await page.getByRole('heading', { name: /Phường Thành Đông/ }).waitFor();
    await page.getByRole('link', { name: 'Toàn tỉnh' }).waitFor();
    await screenshot(page, 'quality-scorecard-commune');
    await page.getByTestId('to-worklist').click();
    await page.getByRole('heading', { name: 'Danh sách phát hiện cần xử lý' }).waitFor();
    await choose(page, 'Quy tắc', 'Số điện thoại chuẩn E.164');
    const list = page.getByTestId('worklist');
    await expect.poll(() => list.innerText()).toContain('Vũ Thị Lan');
    expect(await list.innerText()).not.toContain('Phường Hải Dương');
    await screenshot(page, 'quality-worklist');
  });

  it('corrects the record from the finding: the suggested value is filled in, the finding closes', async () => {
    await page.getByTestId('worklist').getByRole('row', { name: /Vũ Thị Lan/ }).getByRole('link', { name: 'Xử lý' }).click();
    await expect.poll(() => page.getByTestId('fix').innerText()).toContain('+84912000222');
    await page.getByTestId('record').waitFor();
    await screenshot(page, 'quality-finding');
    await page.getByRole('button', { name: 'Sửa hồ sơ' }).click();
    await page.locator('.ant-modal').waitFor();
    await screenshot(page, 'quality-correct-open');
    const form = page.getByTestId('correct-form');
    expect(await form.getByLabel('Số điện thoại').inputValue()).toBe('+84912000222');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Vui lòng nêu lý do (ít nhất 3 ký tự).').waitFor();
    await form.getByLabel('Lý do').fill('Chuẩn hoá số điện thoại theo E.164');
    await screenshot(page, 'quality-correct-dialog');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => page.getByTestId('finding-status').innerText()).toContain('Đã xử lý');
    expect(await page.getByTestId('finding-status').innerText()).toContain('Đã sửa hồ sơ');
    await screenshot(page, 'quality-finding-corrected');
  });

  it('compares two records of one person side by side, differences highlighted, and merges them', async () => {
    await page.goto(`${server.url}/quality/findings?unit=${THANH_DONG}&rule=duplicate_person`);
    const list = page.getByTestId('worklist');
    await list.waitFor();
    await screenshot(page, 'quality-worklist-duplicates');
    await expect.poll(() => list.innerText()).toContain('Tran Thi Thu Ha');
    await list.getByRole('row', { name: /Tran Thi Thu Ha/ }).getByRole('link', { name: 'Xử lý' }).click();
    await page.getByTestId('contributions').waitFor();
    await page.getByTestId('to-merge').click();
    const table = page.getByTestId('merge-table');
    await table.waitFor();
    const nameRow = table.getByRole('row', { name: /Họ và tên/ });
    expect(await nameRow.innerText()).toContain('Trần Thị Thu Hà');
    expect(await nameRow.innerText()).toContain('Tran Thi Thu Ha');
    expect(await nameRow.locator('[data-differs="yes"]').count()).toBe(2);
    expect(await table.getByRole('row', { name: /Ngày sinh/ }).locator('[data-differs="no"]').count()).toBe(2);
    expect(await page.getByRole('radio', { name: `Giữ ${FAMILY.mother.pid}` }).first().isChecked()).toBe(true);
    await page.getByLabel('Lấy Nơi sinh từ hồ sơ kia').check();
    await page.getByLabel('Lấy Quê quán từ hồ sơ kia').check();
    expect(await page.getByTestId('merge-summary').innerText()).toContain(`Giữ số định danh ${FAMILY.mother.pid}`);
    await page.getByLabel('Lý do').fill('Cùng một người theo giấy khai sinh');
    await screenshot(page, 'quality-merge');
    await page.getByTestId('merge-submit').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Hợp nhất' }).click();
    await expect.poll(() => page.getByTestId('finding-status').innerText()).toContain('Đã hợp nhất');
    await screenshot(page, 'quality-merged');
    // the retired number now points at the survivor
    const res = await fetch(`${server.url}/api/v1/persons/${MOTHER_AGAIN.pid}?purpose=data_quality`, { redirect: 'manual', headers: await server.t.auth({ sub: 'x', role: 'commune_police', unit: THANH_DONG }) });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toContain(FAMILY.mother.pid);
  });

  it('dismisses a finding with a reason', async () => {
    await page.goto(`${server.url}/quality/findings?unit=${THANH_DONG}&rule=required_fields`);
    await page.getByLabel('Số định danh', { exact: true }).fill(FAMILY.father.pid);
    await page.getByLabel('Số định danh', { exact: true }).press('Enter');
    const list = page.getByTestId('worklist');
    await expect.poll(() => list.innerText()).toContain('Nguyễn Văn Hùng');
    await list.getByRole('row', { name: /Nguyễn Văn Hùng/ }).getByRole('link', { name: 'Xử lý' }).click();
    await page.getByRole('button', { name: 'Bỏ qua' }).click();
    await page.getByTestId('dismiss-form').getByLabel('Lý do').fill('Quê quán đang xác minh với địa phương cũ');
    await page.locator('.ant-modal').getByRole('button', { name: 'Bỏ qua' }).click();
    await expect.poll(() => page.getByTestId('finding-status').innerText()).toContain('Đã bỏ qua');
    await screenshot(page, 'quality-dismissed');
  });

  it('works on a phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await loginAs(phone, server.url, officer.pid, PASSWORD, { returnTo: '/quality' });
    await phone.getByTestId('score-summary').waitFor();
    expect(Number(await phone.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
    await screenshot(phone, 'quality-scorecard-phone');
    await phone.close();
  });
});

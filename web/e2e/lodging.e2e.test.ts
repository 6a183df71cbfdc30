// Lodging notifications in a real browser: a hotel owner registers her hotel on her phone and the
// commune police approve it; at the phone's front desk one keyboard-wedge scan of an ID-card QR or
// an e-ID QR shows the guest and one button checks them in; typed guests, a late arrival and a
// foreign guest by passport; a group from a pasted list, all or nothing. The commune police's
// console shows a check-in made elsewhere without reloading, and raises an alert when a person the
// province police watch checks in. Search, statistics; the guest sees where she stayed and which
// establishment read her data; a citizen declares a relative staying at home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writePersonBatch } from '../../server/src/modules/registry/bulk/person-bulk.writer.ts';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, HAI_DUONG, THANH_DONG, person, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { OFFICIALS, createAccount, grantRole, seedOfficials } from '../../server/test/support/identity-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';
import { citizenAuth, lateEveningBefore, post, vnDayOf, vnTyped } from './support/lodging.ts';

const PASSWORD = 'Hoa-sen-2026!';
/** A hotel owner in Thành Đông, a province police officer, a guest the province police will watch. */
const PEOPLE = {
  owner: person({ pid: '031186004444', fullName: 'Phan Thị Hồng', birthDate: '1986-05-20', sex: 'F', communeCode: THANH_DONG, addressDetail: 'Số 25, phố Lê Lợi', phone: '+84913000444' }),
  provinceOfficer: person({ pid: '031087005555', fullName: 'Hoàng Văn Sơn', birthDate: '1987-06-21', sex: 'M', communeCode: HAI_DUONG, addressDetail: 'Số 9, phố Nguyễn Trãi', phone: '+84913000555' }),
  watched: person({ pid: '031090006666', fullName: 'Đặng Quốc Bảo', birthDate: '1990-01-25', sex: 'M', communeCode: HAI_DUONG, addressDetail: 'Số 40, phố Quang Trung' }),
};
const { owner, provinceOfficer, watched } = PEOPLE;
const officer = OFFICIALS.officer;
const HOTEL = 'Khách sạn Hoa Sen';
const DAY = 86_400_000;

describe.runIf(browserAvailable())('lodging notifications journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let desk: Page;
  let police: Page;
  let estId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const t = server.t;
    await seedFamily(t.db);
    await seedOfficials(t.db);
    await t.db.bulk((db) => writePersonBatch(db, Object.values(PEOPLE).map((record, i) => ({ rowNo: i + 1, record })), { source: 'fixture', actor: 'test', today: '2026-01-01' }));
    for (const p of [owner, FAMILY.mother, officer, provinceOfficer]) await createAccount(t, p, PASSWORD);
    await grantRole(t, officer.pid, 'commune_police', THANH_DONG);
    await grantRole(t, provinceOfficer.pid, 'province_police', '31');
    browser = await launchBrowser();
    desk = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    police = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The tab pane in view (hidden panes keep their fields). */
  const pane = () => desk.locator('[role="tabpanel"][aria-hidden="false"]');
  const choose = async (page: Page, field: ReturnType<Page['getByLabel']>, option: string, typed?: string) => {
    await field.click();
    if (typed) await page.keyboard.type(typed);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
  };
  const confirm = (page: Page, button: string) => page.locator('.ant-popover:visible').getByRole('button', { name: button }).click();
  /** A keyboard-wedge scanner: types into the focused field (replacing what is selected), then Enter. */
  const scan = async (text: string) => {
    const field = desk.getByTestId('qr-input');
    await field.focus();
    await field.pressSequentially(text, { delay: 0 });
    await field.press('Enter');
  };
  const fieldError = (text: string | RegExp) => pane().locator('.ant-form-item-explain-error', { hasText: text });
  const checkedIn = () => pane().getByTestId('checked-in');

  it('the owner registers her hotel on her phone; it waits for the commune police', async () => {
    await loginAs(desk, server.url, owner.pid, PASSWORD, { returnTo: '/lodging/mine' });
    await desk.getByRole('heading', { name: 'Cơ sở lưu trú của tôi' }).waitFor();
    await desk.getByText('Bạn chưa quản lý hay làm việc tại cơ sở lưu trú nào.').waitFor();
    await choose(desk, desk.getByLabel('Loại cơ sở', { exact: true }), 'Khách sạn');
    await desk.getByLabel('Tên cơ sở').fill(HOTEL);
    await desk.getByLabel('Địa chỉ', { exact: true }).fill('Số 8, phố Bạch Đằng');
    await choose(desk, desk.getByLabel('Xã, phường', { exact: true }), 'Phường Thành Đông', 'Thanh Dong');
    await desk.getByLabel('Số giấy phép kinh doanh').fill('0201234567');
    await desk.getByLabel('Số điện thoại').fill('0225 3812 345');
    await desk.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    // the confirmation, or whatever the form or the server objected to (named in the failure)
    const answer = desk.getByTestId('registered').or(desk.locator('.ant-alert-error, .ant-form-item-explain-error'));
    await answer.first().waitFor();
    expect(await desk.getByTestId('registered').count(), await answer.first().innerText()).toBe(1);
    await desk.getByTestId('registered').getByText(`Đã đăng ký ${HOTEL}`).waitFor();
    const mine = desk.getByTestId('my-establishment');
    await mine.getByText('Chờ duyệt').waitFor();
    expect(await mine.innerText()).toContain('Chủ cơ sở');
    expect(await mine.getByTestId('open-desk').count()).toBe(0);
    await screenshot(desk, 'lodging-register-phone');
    const res = await server.t.app.http.inject({ method: 'GET', url: '/api/v1/lodging/establishments/mine', headers: await citizenAuth(server.t, owner.pid) });
    estId = (res.json() as { items: { id: string }[] }).items[0]!.id;
  });

  it('the commune police approve it from the list of pending establishments', async () => {
    await loginAs(police, server.url, officer.pid, PASSWORD, { returnTo: '/lodging/police/establishments' });
    await police.getByRole('heading', { name: 'Cơ sở lưu trú trên địa bàn' }).waitFor();
    const table = police.getByTestId('establishments');
    await table.getByText(HOTEL).waitFor();
    expect(await table.innerText()).toContain('Phan Thị Hồng');
    await screenshot(police, 'lodging-police-pending');
    await table.getByTestId('approve').click();
    await confirm(police, 'Duyệt');
    await table.getByText('Không có cơ sở nào.').waitFor();
    await police.getByTestId('status-filter').getByText('Đã duyệt').click();
    await table.getByText(HOTEL).waitFor();
    expect(await table.innerText()).toContain('Chưa có thông báo nào');
  });

  it('one scan of an ID-card QR shows the guest at once; one button checks them in (phone)', async () => {
    await desk.reload();
    await desk.getByTestId('open-desk').click();
    await desk.getByTestId('desk-title').getByText(HOTEL).waitFor();
    await pane().getByLabel('Phòng').fill('203');
    await pane().getByLabel('Số đêm dự kiến').fill('2');
    await pane().getByLabel('Lý do lưu trú').fill('Du lịch');
    await desk.keyboard.press('Escape');
    // the deadline of a guest arriving now is shown before anything is sent
    expect(await pane().getByTestId('deadline-preview').innerText()).toMatch(/^Hạn thông báo: trước \d\d\/\d\d\/\d{4} (23:00|08:00)/);

    // an unreadable code: the server's message on the field, the text kept (selected for the next scan)
    await scan('xin chào');
    await fieldError(/mã QR/).waitFor();
    expect(await desk.getByTestId('qr-input').inputValue()).toBe('xin chào');

    await scan(`${FAMILY.father.pid}|141234567|${FAMILY.father.fullName}|12041985|Nam|Số 1, phố Trần Hưng Đạo, Phường Cẩm Thượng, Thành phố Hải Dương, Tỉnh Hải Dương|10052021`);
    const scanned = pane().getByTestId('scanned');
    await scanned.waitFor();
    expect(await scanned.getAttribute('data-result')).toBe('green');
    const shown = await scanned.innerText();
    expect(shown).toContain('Đã xác thực');
    expect(shown).toContain('Nguyễn Văn Hùng');
    expect(shown).toContain('12/04/1985');
    expect(shown).toContain(FAMILY.father.pid);
    await screenshot(desk, 'lodging-desk-scanned-phone');
    await pane().getByTestId('check-in').click();
    await checkedIn().getByText('Đã ghi nhận lưu trú: Nguyễn Văn Hùng').waitFor();
    expect(await checkedIn().innerText()).toContain('Phòng 203');
    expect(await checkedIn().innerText()).toMatch(/Hạn thông báo: \d\d\/\d\d\/\d{4} (23:00|08:00)/);
    // ready for the next guest: the scanner field is empty and has the focus
    expect(await desk.getByTestId('qr-input').inputValue()).toBe('');
    await expect.poll(() => desk.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('qr-input');
    await screenshot(desk, 'lodging-desk-checked-in-phone');
    // the desk fits the phone's width
    const content = await desk.locator('.ant-layout-content').evaluate((e) => ({ scroll: e.scrollWidth, right: e.getBoundingClientRect().right }));
    expect(content.scroll).toBeLessThanOrEqual(390);
    expect(content.right).toBeLessThanOrEqual(390);
  });

  it('the guest’s e-ID QR from her app checks her in the same way', async () => {
    const issued = await post<{ qr: string }>(server.t, '/api/v1/verification/eid-qr', await citizenAuth(server.t, FAMILY.mother.pid), {});
    await pane().getByLabel('Phòng').fill('204');
    await scan(issued.qr);
    await pane().getByTestId('scanned').getByText('Trần Thị Thu Hà').waitFor();
    expect(await pane().getByTestId('scanned').getAttribute('data-result')).toBe('green');
    expect(await pane().getByTestId('scanned').innerText()).toContain('02/11/1990');
    await pane().getByTestId('check-in').click();
    await checkedIn().getByText('Đã ghi nhận lưu trú: Trần Thị Thu Hà').waitFor();
  });

  it('typed guests: errors land on their fields and nothing typed is lost; an arrival after 23:00 is due at 08:00 next day', async () => {
    const now = new Date();
    await pane().getByTestId('guest-mode').getByText('Công dân').click();
    await pane().getByLabel('Phòng').fill('301');
    // a personal ID the registry does not know
    await pane().getByLabel('Số định danh cá nhân').fill('031099001234');
    await pane().getByLabel('Họ và tên').fill('Trần Văn Không');
    await pane().getByLabel('Ngày sinh').fill('01/01/1999');
    await pane().getByTestId('check-in-typed').click();
    await fieldError('Số định danh cá nhân không có trong Cơ sở dữ liệu quốc gia về dân cư.').waitFor();
    expect(await pane().getByLabel('Họ và tên').inputValue()).toBe('Trần Văn Không');
    await screenshot(desk, 'lodging-desk-unknown-pid-phone');

    // an impossible date
    await pane().getByLabel('Số định danh cá nhân').fill(OFFICIALS.administrator.pid);
    await pane().getByLabel('Họ và tên').fill('Vũ Thị Mai');
    await pane().getByLabel('Ngày sinh').fill('31/02/1992');
    await pane().getByTestId('check-in-typed').click();
    await fieldError('Ngày sinh: ngày không hợp lệ (dd/mm/yyyy).').waitFor();
    expect(await pane().getByLabel('Số định danh cá nhân').inputValue()).toBe(OFFICIALS.administrator.pid);
    expect(await pane().getByLabel('Ngày sinh').inputValue()).toBe('31/02/1992');

    // she arrived at 23:30 last night: due at 08:00 today
    await pane().getByLabel('Ngày sinh').fill('08/03/1992');
    await pane().getByLabel('Thời điểm đến').fill(vnTyped(lateEveningBefore(now)));
    const today = vnDayOf(now);
    await expect.poll(() => pane().getByTestId('deadline-preview').innerText()).toContain(`Hạn thông báo: trước ${today} 08:00`);
    await screenshot(desk, 'lodging-desk-after-23-phone');
    await pane().getByTestId('check-in-typed').click();
    await checkedIn().getByText('Đã ghi nhận lưu trú: Vũ Thị Mai').waitFor();
    expect(await checkedIn().innerText()).toContain(`Hạn thông báo: ${today} 08:00`);
    expect(await pane().getByLabel('Số định danh cá nhân').inputValue()).toBe('');
  });

  it('an arrival long past is late: the tag shows before and after the check-in', async () => {
    const arrived = new Date(Date.now() - 3 * DAY);
    await pane().getByLabel('Thời điểm đến').fill(vnTyped(arrived));
    await pane().getByTestId('deadline-preview').getByTestId('late-tag').waitFor();
    expect(await pane().getByTestId('deadline-preview').innerText()).toContain('Trễ hạn');
    await pane().getByLabel('Số định danh cá nhân').fill(FAMILY.son.pid);
    await pane().getByLabel('Họ và tên').fill('Nguyễn Minh Khôi');
    await pane().getByLabel('Ngày sinh').fill('20/07/2015');
    await pane().getByTestId('check-in-typed').click();
    await checkedIn().getByText('Đã ghi nhận lưu trú: Nguyễn Minh Khôi').waitFor();
    await checkedIn().getByTestId('late-tag').waitFor();
    expect(await checkedIn().innerText()).toContain(vnDayOf(arrived));
    await screenshot(desk, 'lodging-desk-late-phone');
  });

  it('a foreign guest by passport: 12 hours to notify', async () => {
    await pane().getByLabel('Thời điểm đến').fill('');
    await pane().getByTestId('guest-mode').getByText('Nước ngoài').click();
    await pane().getByLabel('Phòng').fill('305');
    await expect.poll(() => pane().getByTestId('deadline-preview').innerText()).toContain('người nước ngoài: trong 12 giờ');
    await pane().getByLabel('Họ và tên (như trên hộ chiếu)').fill('KIM MIN JUN');
    await pane().getByLabel('Ngày sinh').fill('15/03/1990');
    await choose(desk, pane().getByLabel('Giới tính', { exact: true }), 'Nam');
    await choose(desk, pane().getByLabel('Quốc tịch', { exact: true }), 'Hàn Quốc (KOR)', 'KOR');
    await pane().getByLabel('Số hộ chiếu').fill('M12345678');
    await pane().getByLabel('Ngày nhập cảnh').fill(vnDayOf(new Date(Date.now() - 2 * DAY)));
    await pane().getByLabel('Mục đích nhập cảnh').fill('Du lịch');
    await desk.keyboard.press('Escape');
    await screenshot(desk, 'lodging-desk-foreign-phone');
    await pane().getByTestId('check-in-typed').click();
    await checkedIn().getByText('Đã ghi nhận lưu trú: KIM MIN JUN').waitFor();
    expect(await checkedIn().innerText()).toContain('Phòng 305');
  });

  it('the in-house list on the phone, with check-out', async () => {
    await desk.getByRole('tab', { name: 'Đang lưu trú' }).click();
    const list = pane().getByTestId('in-house');
    await list.getByText('KIM MIN JUN').waitFor();
    expect(await pane().getByText('5 khách đang lưu trú.').count()).toBe(1);
    expect(await list.innerText()).toContain('M12345678');
    await screenshot(desk, 'lodging-desk-in-house-phone');
    await list.getByTestId('in-house-stay').filter({ hasText: 'KIM MIN JUN' }).getByRole('button', { name: 'Trả phòng' }).click();
    await confirm(desk, 'Trả phòng');
    await pane().getByText('4 khách đang lưu trú.').waitFor();
    expect(await list.innerText()).not.toContain('KIM MIN JUN');
  });

  it('a group from a pasted list: refused rows are named and nobody is recorded; corrected, all at once', async () => {
    await desk.getByRole('tab', { name: 'Theo đoàn' }).click();
    await pane().getByLabel('Tên đoàn').fill('Đoàn khách Hàn – Việt');
    await pane().getByLabel('Lý do lưu trú').fill('Du lịch');
    await desk.keyboard.press('Escape');
    const entry = vnDayOf(new Date(Date.now() - DAY));
    const rows = [
      'Số định danh,Họ và tên,Ngày sinh,Giới tính,Quốc tịch,Số hộ chiếu,Ngày nhập cảnh,Phòng',
      `${officer.pid},Đỗ Minh Tuấn,15/09/1988,Nam,,,,401`,
      '031099001234,Trần Văn Không,01/01/1999,Nam,,,,402',
      `,LEE SO YEON,02/02/1995,Nữ,KOR,M87654321,${entry},403`,
    ];
    await pane().getByTestId('group-csv').fill(rows.join('\n'));
    const preview = pane().getByTestId('group-preview');
    await preview.getByText('LEE SO YEON').waitFor();
    expect(await preview.innerText()).toContain('Trần Văn Không');
    await pane().getByTestId('group-submit').click();
    const refused = pane().getByTestId('group-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Chưa ghi nhận khách nào: 1 dòng có lỗi.');
    expect(await refused.innerText()).toContain('Dòng 2 · Số định danh: Số định danh cá nhân không có trong Cơ sở dữ liệu quốc gia về dân cư.');
    await screenshot(desk, 'lodging-desk-group-refused-phone');
    const stays = await server.t.app.http.inject({ method: 'GET', url: `/api/v1/lodging/establishments/${estId}/stays`, headers: await citizenAuth(server.t, owner.pid) });
    expect(stays.body).not.toContain('Đỗ Minh Tuấn');

    await pane().getByTestId('group-csv').fill([rows[0], rows[1], rows[3]].join('\n'));
    await pane().getByTestId('group-submit').click();
    await pane().getByTestId('group-done').getByText('Đã ghi nhận 2 khách: Đoàn khách Hàn – Việt').waitFor();
    expect(await pane().getByTestId('group-done').innerText()).toContain('LEE SO YEON');
    await screenshot(desk, 'lodging-desk-group-done-phone');
  });

  it('the police console shows a check-in made elsewhere at once, without reloading', async () => {
    await police.goto(`${server.url}/lodging/police`);
    await police.getByTestId('feed-status').getByText('Đang nhận trực tiếp').waitFor();
    const feed = police.getByTestId('feed');
    await feed.getByText('Nguyễn Văn Hùng').waitFor();
    const text = await feed.innerText();
    for (const name of ['Trần Thị Thu Hà', 'Vũ Thị Mai', 'Nguyễn Minh Khôi', 'KIM MIN JUN', 'LEE SO YEON', 'Đỗ Minh Tuấn']) expect(text).toContain(name);
    expect(text).toContain(HOTEL);
    await feed.locator('tr', { hasText: 'Nguyễn Minh Khôi' }).getByTestId('late-tag').waitFor();
    await police.evaluate('window.__sameDocument = true');

    await post(server.t, `/api/v1/lodging/establishments/${estId}/stays`, await citizenAuth(server.t, owner.pid), {
      guest: { kind: 'foreign', fullName: 'SMITH JOHN', sex: 'M', birthDate: '1980-06-01', nationality: 'USA', passportNo: 'X1234567', entryDate: vnDayOf(new Date(Date.now() - DAY)).split('/').reverse().join('-'), entryPurpose: 'Du lịch' },
      room: '501',
      reason: 'Du lịch',
      expectedNights: 3,
    });
    const row = feed.locator('tr', { hasText: 'SMITH JOHN' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Mới');
    expect(await police.evaluate('window.__sameDocument')).toBe(true);
    await screenshot(police, 'lodging-police-feed');
  });

  it('the province police watch a person; their check-in raises an alert in the commune console', async () => {
    const province = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await loginAs(province, server.url, provinceOfficer.pid, PASSWORD, { returnTo: '/lodging/police/watchlist' });
    await province.getByRole('heading', { name: 'Danh sách theo dõi' }).waitFor();
    await province.getByLabel('Số định danh cá nhân').fill(watched.pid);
    await province.getByLabel('Họ và tên').fill(watched.fullName);
    await province.getByLabel('Lý do theo dõi').fill('Liên quan vụ việc đang điều tra');
    await province.getByRole('button', { name: 'Thêm', exact: true }).click();
    const list = province.getByTestId('watchlist');
    await list.getByText(watched.fullName).waitFor();
    expect(await list.innerText()).toContain('Đang theo dõi');
    await screenshot(province, 'lodging-watchlist-province');
    await province.close();

    // the desk checks the watched person in, typed
    await desk.getByRole('tab', { name: 'Nhận khách' }).click();
    await pane().getByTestId('guest-mode').getByText('Công dân').click();
    await pane().getByLabel('Phòng').fill('208');
    await pane().getByLabel('Số định danh cá nhân').fill(watched.pid);
    await pane().getByLabel('Họ và tên').fill(watched.fullName);
    await pane().getByLabel('Ngày sinh').fill('25/01/1990');
    await pane().getByTestId('check-in-typed').click();
    await checkedIn().getByText(`Đã ghi nhận lưu trú: ${watched.fullName}`).waitFor();
    // nothing at the desk betrays the watch
    expect(await pane().innerText()).not.toContain('theo dõi');

    const alert = police.getByTestId('watch-alert');
    await alert.waitFor();
    expect(await alert.innerText()).toContain(`Cảnh báo: ${watched.fullName} vừa được ghi nhận lưu trú tại ${HOTEL}`);
    expect(await alert.innerText()).toContain('Lý do theo dõi: Liên quan vụ việc đang điều tra');
    await police.getByTestId('feed').locator('tr', { hasText: watched.fullName }).getByTestId('watch-tag').waitFor();
    expect(await police.evaluate('window.__sameDocument')).toBe(true);
    await screenshot(police, 'lodging-police-alert');
    await alert.getByTestId('ack').click();
    await expect.poll(() => police.getByTestId('watch-alert').count()).toBe(0);
    await police.reload();
    await police.getByTestId('feed').getByText(watched.fullName).waitFor();
    expect(await police.getByTestId('watch-alert').count()).toBe(0);

    // the commune police read the list but do not keep it
    await police.goto(`${server.url}/lodging/police/watchlist`);
    await police.getByTestId('watchlist').getByText(watched.fullName).waitFor();
    expect(await police.getByRole('button', { name: 'Thêm', exact: true }).count()).toBe(0);
    expect(await police.getByRole('button', { name: 'Dừng theo dõi' }).count()).toBe(0);
  });

  it('searches notifications only with a purpose; statistics by day and type', async () => {
    await police.goto(`${server.url}/lodging/police/search`);
    await police.getByLabel('Số định danh, số hộ chiếu hoặc họ tên').fill('nguyen van hung');
    await police.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await police.getByText('Vui lòng chọn mục đích tra cứu.').waitFor();
    await choose(police, police.getByLabel('Mục đích tra cứu', { exact: true }), 'Quản lý cư trú');
    await police.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    const results = police.getByTestId('search-results');
    await results.getByText('Nguyễn Văn Hùng').waitFor();
    expect(await results.innerText()).not.toContain('Trần Thị Thu Hà');
    await screenshot(police, 'lodging-police-search');

    await police.goto(`${server.url}/lodging/police/stats`);
    const totals = police.getByTestId('stats-totals');
    await totals.waitFor();
    // father, mother, Vũ Thị Mai, Khôi, Kim, the group of two, Smith, the watched guest
    await expect.poll(() => totals.innerText()).toMatch(/Tổng số\s*9\b/);
    expect(await totals.innerText()).toMatch(/Người nước ngoài\s*3\b/);
    expect(await police.getByTestId('stats-by-type').innerText()).toMatch(/Khách sạn\s*9/);
    await police.getByTestId('stats-chart').locator('canvas').waitFor();
    await screenshot(police, 'lodging-police-stats');
  });

  it('the guest sees where she stayed, and the hotel by name in who accessed her data; she declares a relative at home', async () => {
    const citizen = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await loginAs(citizen, server.url, FAMILY.mother.pid, PASSWORD, { returnTo: '/my/stays' });
    const stays = citizen.getByTestId('my-stays');
    await stays.getByText(HOTEL).waitFor();
    expect(await stays.innerText()).toContain('Đang lưu trú');
    await screenshot(citizen, 'lodging-my-stays-phone');
    await citizen.goto(`${server.url}/my/access-log`);
    const log = citizen.getByTestId('access-log');
    await log.waitFor();
    await expect.poll(() => log.innerText()).toContain(HOTEL);
    await screenshot(citizen, 'lodging-access-log-phone');

    await citizen.goto(`${server.url}/lodging/declare`);
    const form = citizen.getByTestId('declare-form');
    await form.getByLabel('Số định danh cá nhân').fill(FAMILY.son.pid);
    await form.getByLabel('Họ và tên').fill('Nguyễn Minh Khôi');
    await form.getByLabel('Ngày sinh').fill('20/07/2015');
    await form.getByLabel('Lý do lưu trú').fill('Thăm thân');
    await citizen.keyboard.press('Escape');
    await citizen.getByTestId('declare-submit').click();
    await citizen.getByTestId('declared').getByText('Đã thông báo lưu trú của Nguyễn Minh Khôi').waitFor();
    await citizen.getByTestId('my-declarations').getByText('Nguyễn Minh Khôi').waitFor();
    // the same relative again within 12 months: notified once
    await form.getByLabel('Số định danh cá nhân').fill(FAMILY.son.pid);
    await form.getByLabel('Họ và tên').fill('Nguyễn Minh Khôi');
    await form.getByLabel('Ngày sinh').fill('20/07/2015');
    await form.getByLabel('Lý do lưu trú').fill('Thăm thân');
    await citizen.keyboard.press('Escape');
    await citizen.getByTestId('declare-submit').click();
    await citizen.getByTestId('already-notified').getByText('Không cần thông báo lại').waitFor();
    await screenshot(citizen, 'lodging-declare-phone');
    await citizen.close();
  });
});

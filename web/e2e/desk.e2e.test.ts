// The one-stop desk (bộ phận một cửa) in a real browser. A commune official of Thành Đông who holds
// three roles — the desk, civil status, the chairperson's signature — and switches between them:
// a mother's online birth registration appears in the desk's queue; the official opens it, sees the
// values the population database filled with their source, opens the uploaded document, asks for a
// supplement (the application leaves the in-progress tab for "awaiting supplement"); the mother
// answers through the API and the queue shows it again by itself; the desk approves, the civil-status
// officer approves, the chairperson signs and the child's new personal ID is shown; the sheet
// prints. A refusal needs reasons. An overdue application is flagged red. An application received
// at the counter from a scan of the father's ID card. The queue on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writePersonBatch } from '../../server/src/modules/registry/bulk/person-bulk.writer.ts';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, THANH_DONG, person, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { createAccount, grantRole } from '../../server/test/support/identity-fixtures.ts';
import { birthForm } from '../../server/test/support/services-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';
import { citizenAuth, post, vnDayOf } from './support/lodging.ts';

const PASSWORD = 'Hoa-sen-2026!';
/** A commune official of Thành Đông: the one-stop desk, civil status and the chairperson's signature. */
const official = person({ pid: '031188006868', fullName: 'Lương Thị Ngọc', birthDate: '1988-03-14', sex: 'F', communeCode: THANH_DONG, addressDetail: 'Số 3, phố Hoàng Văn Thụ', phone: '+84913000868' });
const ROLE = { desk: 'Cán bộ bộ phận một cửa', civil: 'Công chức tư pháp – hộ tịch', chair: 'Chủ tịch (Phó Chủ tịch) UBND xã' };
const DAY = 86_400_000;
/** A child born three days ago (dd/mm/yyyy, Vietnam time), as the form takes it. */
const born = vnDayOf(new Date(Date.now() - 3 * DAY));
const baby = (fullName: string) => birthForm({ fullName, birthDate: born });

interface Submitted {
  id: string;
  code: string;
  documents: Record<string, { attachmentId: string }>;
}

describe.runIf(browserAvailable())('one-stop desk journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  let birth: Submitted;

  const mother = () => citizenAuth(server.t, FAMILY.mother.pid);
  /** The mother applies online for a birth registration, with the witness statement uploaded. */
  async function applyOnline(childName: string): Promise<Submitted> {
    const headers = await mother();
    const doc = await post<{ id: string }>(server.t, '/api/v1/attachments', headers, {
      fileName: 'giay-cam-doan.pdf',
      mediaType: 'application/pdf',
      contentBase64: Buffer.from('%PDF-1.4 cam đoan nơi sinh').toString('base64'),
    });
    return post<Submitted>(server.t, '/api/v1/applications', headers, { serviceId: 'birth-registration', values: baby(childName), documents: { witnessStatement: { attachmentId: doc.id } } });
  }
  const row = (code: string) => page.getByTestId(`row-${code}`);
  const tab = (status: string) => page.getByTestId(`tab-${status}`);
  async function actAs(role: string) {
    await page.getByTestId('role-switch').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: role }).first().click();
    await expect.poll(() => page.getByTestId('role-switch').innerText()).toContain(role);
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
  }
  const popconfirm = (button: string) => page.locator('.ant-popover:visible').getByRole('button', { name: button }).click();

  beforeAll(async () => {
    server = await startTestServer();
    const t = server.t;
    await seedFamily(t.db);
    await t.db.bulk((db) => writePersonBatch(db, [{ rowNo: 1, record: official }], { source: 'fixture', actor: 'test', today: '2026-01-01' }));
    await createAccount(t, official, PASSWORD);
    for (const role of ['one_stop_officer', 'civil_status_officer', 'commune_chairman']) await grantRole(t, official.pid, role, THANH_DONG);
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a birth registered online waits in the queue of the desk of Thành Đông', async () => {
    birth = await applyOnline('Nguyễn Minh An');
    await loginAs(page, server.url, official.pid, PASSWORD, { returnTo: '/desk' });
    await actAs(ROLE.desk);
    await page.getByRole('heading', { name: 'Hồ sơ chờ xử lý' }).waitFor();
    await expect.poll(() => page.getByTestId('acting').innerText()).toContain('Phường Thành Đông');
    await row(birth.code).waitFor();
    const text = await row(birth.code).innerText();
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain(FAMILY.mother.pid);
    expect(text).toContain('Trực tuyến');
    expect(text).toContain(vnDayOf(new Date())); // received today
    expect(text).toContain('Tiếp nhận, kiểm tra hồ sơ');
    expect(await tab('in_progress').innerText()).toContain('(1)');
    expect(await tab('supplement_requested').innerText()).toContain('(0)');
    expect(await row(birth.code).getAttribute('data-overdue')).toBe('false');
    await screenshot(page, 'desk-queue');
  });

  it('the official opens it: prefilled values carry their source; the uploaded document opens', async () => {
    await row(birth.code).getByRole('link', { name: birth.code }).click();
    await page.waitForURL(`**/desk/applications/${birth.id}`);
    await page.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
    const motherName = page.getByTestId('value-mother.fullName');
    await motherName.waitFor();
    expect(await motherName.innerText()).toContain(FAMILY.mother.fullName);
    expect(await page.getByTestId('source-mother.fullName').innerText()).toBe('CSDL dân cư');
    expect(await page.getByTestId('value-father.fullName').innerText()).toContain(FAMILY.father.fullName);
    expect(await page.getByTestId('source-father.fullName').count()).toBe(1);
    // what the mother typed has no source tag; selects show their labels, dates dd/mm/yyyy
    expect(await page.getByTestId('value-child.fullName').innerText()).toBe('Nguyễn Minh An');
    expect(await page.getByTestId('source-child.fullName').count()).toBe(0);
    expect(await page.getByTestId('value-child.birthDate').innerText()).toBe(born);
    expect(await page.getByTestId('value-paternity.fatherKnown').innerText()).toBe('Có');
    expect(await page.getByTestId('applicant').innerText()).toContain(FAMILY.mother.fullName);
    expect(await page.getByTestId('fee').innerText()).toContain('Miễn phí');
    expect(await page.getByTestId('history').innerText()).toContain('Nộp hồ sơ');
    expect(await page.getByTestId('decision').isVisible()).toBe(true);
    // the uploaded statement opens in a new tab, fetched with the official's token
    const attachmentId = birth.documents.witnessStatement!.attachmentId;
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId(`open-${attachmentId}`).click()]);
    await expect.poll(() => popup.url()).toMatch(/^blob:/);
    await popup.close();
    await screenshot(page, 'desk-application');
  });

  it('asks for a supplement: a note is required; the application moves to "awaiting supplement"', async () => {
    await page.getByTestId('request-supplement').click();
    await page.getByTestId('decision-send').click();
    await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: 'Ghi rõ giấy tờ hoặc thông tin' }).waitFor();
    expect((await (await server.t.app.http.inject({ method: 'GET', url: `/api/v1/applications/${birth.id}`, headers: await mother() })).json()).status).toBe('in_progress');
    await page.getByTestId('decision-note').fill('Ghi rõ số nhà nơi sinh của cháu');
    await page.getByTestId('decision-send').click();
    await page.getByTestId('waiting-supplement').getByText('Ghi rõ số nhà nơi sinh của cháu').waitFor();
    expect(await page.getByTestId('status').first().innerText()).toBe('Chờ bổ sung');
    expect(await page.getByTestId('decision').count()).toBe(0);
    await page.getByRole('link', { name: 'Danh sách hồ sơ' }).click();
    await page.getByRole('heading', { name: 'Hồ sơ chờ xử lý' }).waitFor();
    await expect.poll(() => tab('in_progress').innerText()).toContain('(0)');
    expect(await row(birth.code).count()).toBe(0);
    expect(await tab('supplement_requested').innerText()).toContain('(1)');
    await tab('supplement_requested').click();
    await row(birth.code).waitFor();
    expect(await row(birth.code).innerText()).toContain('Tạm dừng');
    await screenshot(page, 'desk-queue-supplement');
  });

  it('the mother supplies it; the queue shows it again without a reload', async () => {
    await tab('in_progress').click();
    const r = await server.t.app.http.inject({
      method: 'POST',
      url: `/api/v1/applications/${birth.id}/supplement`,
      headers: await mother(),
      payload: { values: { 'child.birthPlace': 'Nhà số 1, phố Trần Hưng Đạo, phường Thành Đông, Hải Phòng' }, note: 'Đã ghi rõ số nhà' },
    });
    expect(r.statusCode, r.body).toBe(200);
    // refreshed every 15 s
    await row(birth.code).waitFor({ timeout: 25_000 });
    expect(await tab('supplement_requested').innerText()).toContain('(0)');
  });

  it('the desk, the civil-status officer and the chairperson approve; the child’s new personal ID is shown', async () => {
    await row(birth.code).getByRole('link', { name: birth.code }).click();
    await page.getByTestId('decision').waitFor();
    expect(await page.getByTestId('value-child.birthPlace').innerText()).toContain('Nhà số 1');
    expect(await page.getByTestId('history').innerText()).toContain('Công dân đã bổ sung');
    await page.getByTestId('approve').click();
    await popconfirm('Duyệt');
    await page.getByTestId('not-mine').waitFor();
    expect(await page.getByTestId('step').innerText()).toContain('Công chức tư pháp – hộ tịch kiểm tra');
    expect(await page.getByTestId('decision').count()).toBe(0);

    await actAs(ROLE.civil);
    await page.getByTestId('decision').waitFor();
    expect(await page.getByTestId('approve').innerText()).toBe('Duyệt, chuyển bước tiếp');
    await page.getByTestId('approve').click();
    await popconfirm('Duyệt');
    await page.getByTestId('not-mine').waitFor();
    expect(await page.getByTestId('step').innerText()).toContain('Chủ tịch UBND xã ký Giấy khai sinh');

    await actAs(ROLE.chair);
    await page.getByTestId('decision').waitFor();
    expect(await page.getByTestId('approve').innerText()).toBe('Duyệt, hoàn thành hồ sơ');
    // the chairperson signs: no supplement at this step in the definition, but refusal is possible
    await page.getByTestId('approve').click();
    await popconfirm('Duyệt');
    const done = page.getByTestId('completed');
    await done.waitFor();
    expect(await done.innerText()).toContain('Đã hoàn thành');
    const shown = /Số định danh cá nhân mới: (\d{12})/.exec(await page.getByTestId('new-pid').innerText())?.[1];
    const api = (await server.t.app.http.inject({ method: 'GET', url: `/api/v1/applications/${birth.id}`, headers: await mother() })).json();
    expect(api).toMatchObject({ status: 'completed', result: { outputs: { newPid: shown } } });
    expect(shown).toMatch(/^031326\d{6}$/); // Hải Phòng, a girl born in the 2000s, 2026
    expect(await page.getByTestId('status').first().innerText()).toBe('Đã hoàn thành');
    const history = await page.getByTestId('history').innerText();
    for (const step of ['Yêu cầu bổ sung', 'Công dân đã bổ sung', 'Duyệt', 'Hoàn thành']) expect(history).toContain(step);
    await screenshot(page, 'desk-completed');
  });

  it('prints the result sheet, and only it', async () => {
    await page.evaluate('window.__printed = 0; window.print = () => { window.__printed++; }');
    await page.getByTestId('print').click();
    expect(await page.evaluate('window.__printed')).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const sheet = page.getByTestId('print-sheet');
    expect(await sheet.isVisible()).toBe(true);
    const text = await sheet.innerText();
    expect(text).toContain('PHIẾU KẾT QUẢ GIẢI QUYẾT HỒ SƠ');
    expect(text).toContain(birth.code);
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain(`${FAMILY.mother.fullName} (${FAMILY.mother.pid})`);
    expect(text).toMatch(/Số định danh cá nhân mới: \d{12}/);
    expect(await page.getByTestId('decision').count()).toBe(0);
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    await screenshot(page, 'desk-print');
    await page.emulateMedia({ media: 'screen' });
    expect(await sheet.isVisible()).toBe(false);
  });

  it('the civil-status officer revokes the certificate issued in error: a reason is required', async () => {
    await actAs(ROLE.civil);
    await page.getByTestId('revoke-result').click();
    await page.getByTestId('revoke-send').click();
    await page.getByText('Cần nêu lý do thu hồi.').waitFor();
    await page.getByTestId('revoke-reason').fill('Ghi sai giờ sinh, cấp lại theo hồ sơ mới');
    await page.getByTestId('revoke-send').click();
    const revoked = page.getByTestId('result-revoked');
    await revoked.waitFor();
    expect(await revoked.innerText()).toContain('Ghi sai giờ sinh, cấp lại theo hồ sơ mới');
    expect(await page.getByTestId('revoke-result').count()).toBe(0);
    expect(await page.getByTestId('history').innerText()).toContain('Thu hồi giấy tờ kết quả');
    const wallet = (await server.t.app.http.inject({ method: 'GET', url: '/api/v1/wallet', headers: await mother() })).json();
    expect(wallet.items[0]).toMatchObject({ status: 'revoked', revoked: { reason: 'Ghi sai giờ sinh, cấp lại theo hồ sơ mới' } });
    await screenshot(page, 'desk-result-revoked');
  });

  it('a refusal needs reasons; then the application is refused', async () => {
    const refused = await applyOnline('Nguyễn Minh Bảo');
    await actAs(ROLE.desk);
    await page.goto(`${server.url}/desk/applications/${refused.id}`);
    await page.getByTestId('decision').waitFor();
    await page.getByTestId('refuse').click();
    await page.getByTestId('decision-send').click();
    await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: 'Ghi rõ lý do từ chối.' }).waitFor();
    // blank reasons are no reasons
    await page.getByTestId('decision-note').fill('   ');
    await page.getByTestId('decision-send').click();
    await page.locator('.ant-modal .ant-form-item-explain-error', { hasText: 'Ghi rõ lý do từ chối.' }).waitFor();
    expect((await (await server.t.app.http.inject({ method: 'GET', url: `/api/v1/applications/${refused.id}`, headers: await mother() })).json()).status).toBe('in_progress');
    await screenshot(page, 'desk-refuse-needs-reasons');
    // meanwhile a colleague asks for a supplement and the mother answers: the page read is stale
    const colleague = await server.t.auth({ sub: 'desk-colleague', role: 'one_stop_officer', unit: THANH_DONG });
    await post(server.t, `/api/v1/applications/${refused.id}/decision`, colleague, { outcome: 'request_supplement', note: 'Bổ sung số điện thoại' }, 200);
    await post(server.t, `/api/v1/applications/${refused.id}/supplement`, await mother(), { note: 'Số điện thoại: 0912 000 111' }, 200);
    await page.getByTestId('decision-note').fill('Cháu đã được đăng ký khai sinh tại địa phương khác');
    await page.getByTestId('decision-send').click();
    const stale = page.locator('.ant-modal').getByTestId('decision-problem');
    await stale.getByText('Hồ sơ vừa được người khác xử lý: hãy tải lại.').waitFor();
    expect((await (await server.t.app.http.inject({ method: 'GET', url: `/api/v1/applications/${refused.id}`, headers: await mother() })).json()).status).toBe('in_progress');
    await page.locator('.ant-modal').getByTestId('reload').click();
    await stale.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('history').innerText()).toContain('Công dân đã bổ sung');
    // the reasons typed are kept; sent again with the version just read
    expect(await page.getByTestId('decision-note').inputValue()).toBe('Cháu đã được đăng ký khai sinh tại địa phương khác');
    await page.getByTestId('decision-send').click();
    const box = page.getByTestId('refused');
    await box.waitFor();
    expect(await box.innerText()).toContain('Lý do: Cháu đã được đăng ký khai sinh tại địa phương khác');
    expect(await page.getByTestId('status').first().innerText()).toBe('Từ chối');
    expect((await (await server.t.app.http.inject({ method: 'GET', url: `/api/v1/applications/${refused.id}`, headers: await mother() })).json()).status).toBe('refused');
  });

  it('an overdue application is flagged red, and "overdue only" shows just those', async () => {
    const late = await applyOnline('Nguyễn Minh Châu');
    const onTime = await applyOnline('Nguyễn Minh Dũng');
    // five calendar days ago, so at least one working day late
    const dueOn = new Date(Date.now() + 7 * 3600_000 - 5 * DAY).toISOString().slice(0, 10);
    await server.t.db.kysely
      .updateTable('services.application' as never)
      .set({ due_on: dueOn } as never)
      .where('id' as never, '=', late.id as never)
      .execute();
    await page.goto(`${server.url}/desk`);
    await row(late.code).waitFor();
    await row(onTime.code).waitFor();
    expect(await row(late.code).getAttribute('data-overdue')).toBe('true');
    const lateText = await row(late.code).innerText();
    expect(lateText).toContain('Quá hạn');
    expect(lateText).toMatch(/Quá hạn \d+ ngày làm việc/);
    expect(lateText).toContain(`${dueOn.slice(8, 10)}/${dueOn.slice(5, 7)}/${dueOn.slice(0, 4)}`);
    expect(await row(onTime.code).innerText()).not.toContain('Quá hạn');
    // most urgent first
    const codes = await page.locator('[data-testid^="row-"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(codes[0]).toBe(`row-${late.code}`);
    const background = await row(late.code).evaluate((e) => e.ownerDocument.defaultView!.getComputedStyle(e).backgroundColor);
    expect(background).toBe('rgb(255, 241, 240)');
    expect(await row(late.code).locator('.ant-typography-danger').first().isVisible()).toBe(true);
    await screenshot(page, 'desk-queue-overdue');
    await page.getByTestId('overdue-only').click();
    await expect.poll(() => page.locator('[data-testid^="row-"]').count()).toBe(1);
    expect(await row(late.code).isVisible()).toBe(true);
    expect(await tab('in_progress').innerText()).toContain('(1)');
    await page.getByTestId('overdue-only').click();
    await expect.poll(() => page.locator('[data-testid^="row-"]').count()).toBe(2);
    // by procedure: none of the old-ID confirmations
    await page.getByTestId('procedure-filter').click();
    await page.keyboard.type('xac nhan so chung minh');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Xác nhận số Chứng minh nhân dân' }).first().click();
    await expect.poll(() => page.locator('[data-testid^="row-"]').count()).toBe(0);
    await page.getByText('Không có hồ sơ nào.').first().waitFor();
  });

  it('receives at the counter an application from a scan of the father’s ID card, prefilled from the registry', async () => {
    const father = FAMILY.father;
    await page.getByTestId('receive').click();
    await page.getByRole('heading', { name: 'Tiếp nhận hồ sơ tại quầy' }).waitFor();
    /** A keyboard-wedge scanner: types into the focused field, then Enter. */
    const scan = async (text: string) => {
      const field = page.getByTestId('qr-input');
      await field.focus();
      await field.pressSequentially(text, { delay: 0 });
      await field.press('Enter');
    };
    // focus is on the scanner field from the start; an unreadable code is said on it and kept
    await expect.poll(() => page.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('qr-input');
    await scan('xin chào');
    await page.locator('.ant-form-item-explain', { hasText: 'Số định danh cá nhân gồm 12 chữ số, hoặc quét mã QR' }).waitFor();
    expect(await page.getByTestId('qr-input').inputValue()).toBe('xin chào');
    const pickProcedure = async (typed: string, name: string) => {
      await page.getByTestId('procedure-select').click();
      await page.keyboard.type(typed);
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).first().click();
    };
    // a personal ID typed: someone living in another commune is not this desk's to receive
    await scan(FAMILY.neighbour.pid);
    expect(await page.getByTestId('applicant').innerText()).toContain('Số định danh nhập tay');
    await pickProcedure('xac nhan so chung minh', 'Xác nhận số Chứng minh nhân dân');
    const refusedRead = page.getByTestId('prefill-problem');
    await refusedRead.waitFor({ timeout: 15_000 });
    expect((await refusedRead.innerText()).length).toBeGreaterThan(10);
    await screenshot(page, 'desk-receive-other-commune');
    await page.getByTestId('change-applicant').click();
    // the e-ID app's signed QR is verified by the server: genuine, but of someone living elsewhere
    await createAccount(server.t, FAMILY.hanoian, PASSWORD);
    const eidQr = async (pid: string) => ((await server.t.app.http.inject({ method: 'POST', url: '/api/v1/verification/eid-qr', headers: await citizenAuth(server.t, pid) })).json() as { qr: string }).qr;
    await scan(await eidQr(FAMILY.hanoian.pid));
    await page.locator('.ant-form-item-explain', { hasText: 'không cư trú trong địa bàn' }).waitFor();
    await page.getByTestId('qr-input').fill('');
    // the mother's, from her e-ID app: she is who the QR says
    await createAccount(server.t, FAMILY.mother, PASSWORD);
    const eid = { qr: await eidQr(FAMILY.mother.pid) };
    await scan(eid.qr);
    await page.getByTestId('applicant-source').getByText('Mã QR định danh điện tử đã được xác thực', { exact: false }).waitFor();
    expect(await page.getByTestId('applicant').innerText()).toContain(FAMILY.mother.pid);
    expect(await page.getByTestId('applicant').innerText()).toContain(FAMILY.mother.fullName);
    // used once: the same QR again is refused
    await page.getByTestId('change-applicant').click();
    await scan(eid.qr);
    await page.locator('.ant-form-item-explain', { hasText: 'đã được dùng' }).waitFor();
    await page.getByTestId('qr-input').fill('');
    await scan(`${father.pid}|141234567|${father.fullName}|12041985|Nam|Số 1, phố Trần Hưng Đạo, Phường Cẩm Thượng, Thành phố Hải Dương, Tỉnh Hải Dương|10052021`);
    const card = page.getByTestId('applicant');
    await card.waitFor();
    const shown = await card.innerText();
    expect(shown).toContain('Nguyễn Văn Hùng');
    expect(shown).toContain('12/04/1985');
    expect(shown).toContain(father.pid);
    // a procedure with a fee offers "collected at the desk"; a free one does not
    await pickProcedure('dang ky thuong tru', 'Đăng ký thường trú');
    await page.getByTestId('fee-collected').waitFor();
    await pickProcedure('xac nhan so chung minh', 'Xác nhận số Chứng minh nhân dân');
    const oldId = page.locator('[data-testid="field-applicant.oldId"] input');
    await expect.poll(() => oldId.inputValue(), { timeout: 15_000 }).toBe('141234567');
    expect(await page.locator('[data-testid="field-applicant.fullName"] input').inputValue()).toBe(father.fullName);
    // registry facts are locked with their source; the old ID number is a suggestion the desk may change
    expect(await page.locator('[data-testid="field-applicant.fullName"] [data-testid="source-tag"]').innerText()).toContain('Từ CSDL quốc gia về dân cư');
    expect(await page.locator('[data-testid="field-applicant.oldId"] [data-testid="suggested-tag"]').count()).toBe(1);
    expect(await page.getByTestId('fee-collected').count()).toBe(0);
    // the form asks for what the registry does not know
    await page.getByTestId('application-submit').click();
    await page.locator('[data-testid="field-request.purpose"] .ant-form-item-explain-error').waitFor();
    await page.getByLabel('Mục đích sử dụng giấy xác nhận').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Giao dịch ngân hàng' }).first().click();
    await screenshot(page, 'desk-receive');
    await page.getByTestId('application-submit').click();
    await page.waitForURL(/\/desk\/applications\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /Xác nhận số Chứng minh nhân dân/ }).waitFor();
    expect(await page.getByTestId('channel').first().innerText()).toBe('Tại quầy');
    expect(await page.getByTestId('applicant').innerText()).toContain(`${father.fullName} · ${father.pid}`);
    expect(await page.getByTestId('value-applicant.oldId').innerText()).toContain('141234567');
    expect(await page.getByTestId('value-request.purpose').innerText()).toBe('Giao dịch ngân hàng');
    // the commune police confirm it, not the desk
    expect(await page.getByTestId('not-mine').innerText()).toContain('Công an xã đối chiếu');
    // the official's reads of his record are in his access log
    const log = (await server.t.app.http.inject({ method: 'GET', url: `/api/v1/persons/${father.pid}/access-log`, headers: await citizenAuth(server.t, father.pid) })).json() as { items: { actorRole: string; purpose: string }[] };
    expect(log.items.some((e) => e.actorRole === 'one_stop_officer')).toBe(true);
    await screenshot(page, 'desk-received');
  });

  it('on a phone the queue is a list of cards that fits the screen', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await loginAs(phone, server.url, official.pid, PASSWORD, { returnTo: '/desk' });
    await phone.getByRole('heading', { name: 'Hồ sơ chờ xử lý' }).waitFor();
    // the desk role (the phone's session starts in the first role granted)
    if (!(await phone.getByTestId('acting').innerText()).includes(ROLE.desk)) {
      await phone.getByRole('button', { name: 'menu' }).click();
      await phone.getByTestId('role-switch').click();
      await phone.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: ROLE.desk }).first().click();
      await phone.keyboard.press('Escape');
      await phone.locator('.ant-drawer-content').waitFor({ state: 'hidden' });
    }
    const cards = phone.locator('[data-testid^="row-"]');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.locator('[data-testid="overdue"]').count()).toBe(1);
    await phone.locator('.ant-spin-blur').waitFor({ state: 'detached' });
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const content = await phone.locator('.ant-layout-content').evaluate((e) => ({ scroll: e.scrollWidth, right: e.getBoundingClientRect().right }));
    expect(content.scroll).toBeLessThanOrEqual(390);
    expect(content.right).toBeLessThanOrEqual(390);
    await screenshot(phone, 'desk-queue-phone');
    await phone.context().close();
  });
});

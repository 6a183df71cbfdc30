// Identity verification in a real browser: a citizen shows the e-ID QR from their app; a one-stop
// officer checks it with a keyboard-wedge scanner (the QR text typed into the focused field, then
// Enter), sees a replay refused, checks an ID card's printed QR, typed details and a chip's files;
// the citizen then finds the check in "who accessed my data".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import jsQRModule from 'jsqr';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { OFFICIALS, createAccount, grantRole, seedOfficials } from '../../server/test/support/identity-fixtures.ts';
import { createCsca, issueCertificate, issueChip, syntheticPerson } from '../../server/test/support/chip-factory.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

// jsqr is CommonJS with its function on `default` (webpack UMD): the same function either way
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;

const CITIZEN_PASSWORD = 'Hoa-sen-2026!';
const OFFICER_PASSWORD = 'Mot-cua-2026!';

describe.runIf(browserAvailable())('identity verification journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let citizen: Page;
  let officer: Page;
  let qr: string;
  let chipDir: string;

  beforeAll(async () => {
    server = await startTestServer();
    const t = server.t;
    await seedFamily(t.db);
    await seedOfficials(t.db);
    await createAccount(t, FAMILY.mother, CITIZEN_PASSWORD);
    await createAccount(t, OFFICIALS.officer, OFFICER_PASSWORD);
    await grantRole(t, OFFICIALS.officer.pid, 'one_stop_officer', THANH_DONG);
    // a synthetic chip for the father, signed under a test CSCA the administrator trusts
    const csca = await createCsca();
    const admin = await t.auth({ sub: 'admin', role: 'admin' });
    const trust = await t.app.http.inject({ method: 'POST', url: '/api/v1/verification/trust', headers: admin, payload: { name: 'csca-test.der', data: Buffer.from(csca.der).toString('base64') } });
    expect(trust.statusCode, trust.body).toBe(201);
    const chip = await issueChip(await issueCertificate(csca), syntheticPerson({ pid: FAMILY.father.pid, oldId: '141234567', fullName: FAMILY.father.fullName, dateOfBirth: '1985-04-12', sex: 'M', issueDate: '2021-05-10' }));
    chipDir = fs.mkdtempSync(path.join(os.tmpdir(), 'open06-chip-'));
    for (const [name, bytes] of [['EF.SOD', chip.sod], ['DG1.bin', chip.dg1], ['DG2.bin', chip.dg2], ['DG13.bin', chip.dg13], ['DG14.bin', chip.dg14], ['DG15.bin', chip.dg15]] as const)
      fs.writeFileSync(path.join(chipDir, name), bytes!);
    browser = await launchBrowser();
    citizen = await (await browser.newContext({ viewport: { width: 420, height: 860 }, isMobile: true, hasTouch: true })).newPage();
    officer = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (chipDir) fs.rmSync(chipDir, { recursive: true, force: true });
  });

  const result = () => officer.getByTestId('verify-result');
  const scan = async (text: string) => {
    const field = officer.getByTestId('qr-input');
    await field.click();
    await field.pressSequentially(text, { delay: 0 });
    await field.press('Enter');
  };

  it('the citizen creates an e-ID QR on their phone', async () => {
    await loginAs(citizen, server.url, FAMILY.mother.pid, CITIZEN_PASSWORD, { returnTo: '/my/eid-qr' });
    await citizen.getByRole('button', { name: 'Tạo mã QR' }).click();
    const shown = citizen.getByTestId('eid-qr');
    await shown.waitFor();
    expect(await shown.innerText()).toContain('Trần Thị Thu Hà');
    expect(await shown.innerText()).toMatch(/Còn hiệu lực [23]:\d\d/);
    qr = (await shown.locator('img').getAttribute('data-qr'))!;
    expect(qr).toMatch(/^VN1:[0-9A-Z $%*+\-./:]+$/);
    // what a verifier's camera would read: the pixels on screen decode (jsQR, as the scanner does) to that text
    const pixels = (await citizen.evaluate(`(() => {
      const img = document.querySelector('[data-testid=eid-qr] img');
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return { w: canvas.width, h: canvas.height, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
    })()`)) as { w: number; h: number; data: number[] };
    expect(jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h)?.data).toBe(qr);
    await screenshot(citizen, 'verify-citizen-qr');
  });

  it('the officer scans it with a keyboard-wedge scanner: green, every check listed', async () => {
    await loginAs(officer, server.url, OFFICIALS.officer.pid, OFFICER_PASSWORD, { returnTo: '/verify' });
    await officer.getByText('Xác thực danh tính người làm thủ tục hành chính, dịch vụ công').waitFor();
    await scan(qr);
    await result().waitFor();
    expect(await result().getAttribute('data-result')).toBe('green');
    const text = await result().innerText();
    expect(text).toContain('Đã xác thực');
    expect(text).toContain('Trần Thị Thu Hà');
    expect(text).toContain('02/11/1990');
    expect(text).toContain('Mức 1');
    for (const check of ['Chữ ký số', 'Thời hạn mã QR', 'Mã QR chưa từng được dùng', 'Đối chiếu CSDL dân cư']) expect(text).toContain(check);
    expect(text).not.toContain('Không khớp');
    // the field is empty and focused again for the next person
    expect(await officer.getByTestId('qr-input').inputValue()).toBe('');
    expect(await officer.evaluate('document.activeElement?.getAttribute("data-testid")')).toBe('qr-input');
    await screenshot(officer, 'verify-eid-qr-green');
  });

  it('the same QR scanned again is refused as a replay (red)', async () => {
    await scan(qr);
    await officer.locator('[data-testid=verify-result][data-result=red]').waitFor();
    const text = await result().innerText();
    expect(text).toContain('Không xác thực được');
    expect(text).toContain('Mã QR này đã được dùng');
    await screenshot(officer, 'verify-eid-qr-replay');
  });

  it('the printed QR of an ID card is confirmed by the registry, and says it is unsigned', async () => {
    await scan(`${FAMILY.father.pid}|141234567|${FAMILY.father.fullName}|12041985|Nam|Số 1, phố Trần Hưng Đạo, Phường Cẩm Thượng, Thành phố Hải Dương, Tỉnh Hải Dương|10052021`);
    await officer.locator('[data-testid=verify-result][data-result=green]').waitFor();
    const text = await result().innerText();
    expect(text).toContain('Nguyễn Văn Hùng');
    expect(text).toContain('Khớp CSDL dân cư (mã in trên thẻ không có chữ ký số)');
    expect(text).toContain('141234567');
    expect(text).toContain('Gợi ý nơi ở hiện nay: Phường Thành Đông, Thành phố Hải Phòng');
    expect(text).not.toContain('Trần Hưng Đạo'); // the address is not echoed
    await screenshot(officer, 'verify-id-card-qr');
  });

  it('typed details with a wrong name do not match (red), without revealing the right one', async () => {
    await officer.getByRole('tab', { name: 'Nhập thông tin' }).click();
    await officer.getByLabel('Số định danh cá nhân').fill(FAMILY.son.pid);
    await officer.getByLabel('Họ và tên').fill('Nguyễn Minh Khang');
    await officer.getByLabel('Ngày sinh').fill('20/07/2015');
    await officer.getByRole('button', { name: 'Kiểm tra' }).click();
    await officer.locator('[data-testid=verify-result][data-result=red]').waitFor();
    const presented = await officer.getByTestId('presented').innerText();
    expect(presented).toMatch(/Nguyễn Minh Khang\s*Không khớp/);
    expect(presented).toMatch(/20\/07\/2015\s*Khớp/);
    expect(await result().innerText()).not.toContain('Khôi');
    await screenshot(officer, 'verify-typed-mismatch');
  });

  it('chip files from a reader are passively authenticated: genuine, matching, with the portrait', async () => {
    await officer.getByRole('tab', { name: 'Tệp từ chip' }).click();
    await officer.locator('input[type=file]').setInputFiles(fs.readdirSync(chipDir).map((f) => path.join(chipDir, f)));
    await officer.getByTestId('chip-recognised').waitFor();
    expect(await officer.getByTestId('chip-recognised').innerText()).toBe('Đã nhận: DG1, DG13, DG14, DG15, DG2, SOD');
    await officer.getByRole('button', { name: 'Kiểm tra' }).click();
    await officer.locator('[data-testid=verify-result][data-result=green]').waitFor();
    const text = await result().innerText();
    expect(text).toContain('Chip thật: chữ ký và dữ liệu hợp lệ');
    expect(text).toContain('Nguyễn Văn Hùng');
    await officer.getByText('Chi tiết kiểm tra chip').click();
    await officer.getByTestId('chip-checks').waitFor();
    expect(await officer.getByTestId('chip-checks').innerText()).toContain('CSCA Viet Nam TEST');
    await screenshot(officer, 'verify-chip-genuine');
  });

  it('the citizen finds the check in who accessed their data', async () => {
    await citizen.goto(`${server.url}/my/access-log`);
    const log = citizen.getByTestId('access-log');
    await log.waitFor();
    await expect.poll(() => log.innerText()).toContain('Xác thực danh tính người làm thủ tục hành chính, dịch vụ công');
    expect(await log.innerText()).toContain('Cán bộ bộ phận một cửa');
    await screenshot(citizen, 'verify-citizen-access-log');
  });

  it('the verifier screen works on a phone', async () => {
    const phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
    await loginAs(phone, server.url, OFFICIALS.officer.pid, OFFICER_PASSWORD, { returnTo: '/verify' });
    await phone.getByTestId('qr-input').waitFor();
    // the page itself fits the phone's width (the shell's header is the layout's concern)
    const content = await phone.locator('.ant-layout-content').evaluate((e) => ({ scroll: e.scrollWidth, right: e.getBoundingClientRect().right }));
    expect(content.scroll).toBeLessThanOrEqual(390);
    expect(content.right).toBeLessThanOrEqual(390);
    await screenshot(phone, 'verify-phone');
    await phone.close();
  });
});

// Online public services in a real browser: anyone browses the catalogue on a phone, finds
// "Đăng ký tạm trú" typing without diacritics, reads its fee and the fields the population database
// fills; opens the linked birth procedure and its chain of agencies; a citizen opens a fee's payment
// request, sees the amount and a VietQR that decodes to the request's own text, pays it through the
// bank simulator and sees it paid.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import jsQRModule from 'jsqr';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { createAccount } from '../../server/test/support/identity-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

// jsqr is CommonJS with its function on `default` (webpack UMD): the same function either way
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (data: Uint8ClampedArray, w: number, h: number) => { data: string } | null;

const PASSWORD = 'Hoa-sen-2026!';

describe.runIf(browserAvailable())('online public services journey', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let phone: Page;

  beforeAll(async () => {
    server = await startTestServer();
    await seedFamily(server.t.db);
    await createAccount(server.t, FAMILY.mother, PASSWORD);
    browser = await launchBrowser();
    phone = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the 25 essential services, numbered, without logging in', async () => {
    await phone.goto(`${server.url}/services`);
    await phone.getByRole('heading', { name: 'Dịch vụ công trực tuyến' }).waitFor();
    const list = phone.getByTestId('services-list');
    await list.waitFor();
    const cards = list.locator('[data-testid^="service-"]');
    expect(await cards.count()).toBe(25);
    const first = await cards.first().innerText();
    expect(first).toMatch(/^1\n/);
    const linked = await phone.getByTestId('service-birth-residence-health-insurance').innerText();
    expect(linked).toContain('15');
    expect(linked).toContain('Liên thông');
    expect(linked).toContain('Miễn phí');
    expect(linked).toContain('Trực tuyến toàn trình');
    expect(linked).toContain('12 ngày làm việc');
    // nothing overflows a 390 px screen
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phone, 'services-catalogue-phone');
  });

  it('finds "Đăng ký tạm trú" typed without diacritics; its page shows the fee and the prefilled fields', async () => {
    await phone.getByTestId('services-search').locator('input').fill('tam tru');
    const card = phone.getByTestId('service-temporary-residence-registration');
    await card.waitFor();
    await phone.waitForFunction(`document.querySelectorAll('[data-testid="services-list"] [data-testid^="service-"]').length < 25`);
    const text = await card.innerText();
    expect(text).toContain('Đăng ký tạm trú');
    expect(text).toContain('Công an xã, phường, đặc khu nơi đăng ký tạm trú');
    expect(text).toContain('3 ngày làm việc');
    expect(text).toContain('Định danh điện tử mức 2');
    expect(text).not.toContain('Miễn phí');
    await card.getByRole('link', { name: 'Đăng ký tạm trú' }).click();
    await phone.waitForURL(/\/services\/temporary-residence-registration$/);
    await phone.getByRole('heading', { name: 'Đăng ký tạm trú' }).waitFor();
    const fee = await phone.getByTestId('procedure-fee').innerText();
    expect(fee).toMatch(/Nộp trực tuyến: 7\.000 ₫/);
    expect(fee).toMatch(/Nộp tại bộ phận một cửa: 15\.000 ₫/);
    expect(fee).toContain('Trẻ em: miễn');
    expect(await phone.getByText('1.004194').count()).toBe(1);
    expect(await phone.getByTestId('procedure-legal').innerText()).toContain('Luật Cư trú số 68/2020/QH14, Điều 27, 28');
    // the applicant's ID and name come from the registry; the citizen never types them
    const pid = await phone.getByTestId('field-applicant.pid').innerText();
    expect(pid).toContain('Số định danh cá nhân');
    expect(pid).toContain('Tự điền từ CSDL quốc gia về dân cư');
    expect(await phone.getByTestId('field-applicant.fullName').innerText()).toContain('Tự điền từ CSDL quốc gia về dân cư');
    expect(await phone.getByTestId('prefill-tag').count()).toBeGreaterThan(2);
    expect(await phone.getByTestId('procedure-workflow').locator('.ant-steps-item').count()).toBeGreaterThan(0);
    // applying online starts here (web/e2e/applications.e2e.test.ts follows it)
    expect(await phone.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).getAttribute('href')).toBe('/services/temporary-residence-registration/apply');
    await screenshot(phone, 'services-procedure-phone');
  });

  it('the linked birth procedure shows the procedures it chains and their agencies', async () => {
    await phone.goto(`${server.url}/services/birth-residence-health-insurance`);
    const chain = phone.getByTestId('procedure-chain');
    await chain.waitFor();
    await chain.getByRole('link', { name: 'Đăng ký khai sinh' }).waitFor();
    const steps = chain.locator('.ant-steps-item');
    expect(await steps.count()).toBe(3);
    const text = await chain.innerText();
    expect(text).toContain('Ủy ban nhân dân xã');
    expect(text).toContain('Công an xã');
    expect(text).toContain('Bảo hiểm xã hội');
    expect(text).toContain('Nếu bị từ chối: dừng cả hồ sơ');
    expect(await phone.getByTestId('procedure-documents').innerText()).toContain('Dùng lại từ kho dữ liệu cá nhân');
    expect(await phone.getByTestId('procedure-fee').innerText()).toContain('Miễn phí');
    await screenshot(phone, 'services-linked-phone');
    // a chained procedure opens from there
    await chain.getByRole('link', { name: 'Đăng ký khai sinh' }).click();
    await phone.waitForURL(/\/services\/birth-registration$/);
    await phone.getByRole('heading', { name: 'Đăng ký khai sinh' }).waitFor();
  });

  it('the payer sees the amount and a VietQR, pays through the bank simulator and sees it paid', async () => {
    const payment = await server.t.app.payments.api.request({ purpose: 'service_application', subjectRef: 'test-1', payerPid: FAMILY.mother.pid, description: 'Lệ phí đăng ký tạm trú', amount: 7000 });
    await loginAs(phone, server.url, FAMILY.mother.pid, PASSWORD, { returnTo: `/payments/${payment.id}` });
    await phone.getByTestId('payment-amount').waitFor();
    expect(await phone.getByTestId('payment-amount').innerText()).toBe('7.000 ₫');
    expect(await phone.getByText('Lệ phí đăng ký tạm trú').count()).toBe(1);
    expect(await phone.getByText(payment.reference, { exact: true }).count()).toBe(1);
    expect(await phone.getByTestId('payment-status').innerText()).toBe('Chờ thanh toán');
    expect(await phone.getByTestId('payment-expiry').innerText()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    expect(await phone.getByText(payment.beneficiary.account, { exact: true }).count()).toBe(1);
    // what a banking app's camera reads: the image on screen decodes to the request's VietQR
    const img = phone.getByTestId('payment-qr').locator('img');
    await img.waitFor();
    const pixels = (await phone.evaluate(`(() => {
      const img = document.querySelector('[data-testid=payment-qr] img');
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      return { w: canvas.width, h: canvas.height, data: Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) };
    })()`)) as { w: number; h: number; data: number[] };
    expect(payment.vietQr).toBeTruthy();
    expect(jsQR(Uint8ClampedArray.from(pixels.data), pixels.w, pixels.h)?.data).toBe(payment.vietQr);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(phone, 'services-payment-phone');

    await phone.getByRole('button', { name: 'Thanh toán thử (trình giả lập ngân hàng)' }).click();
    await phone.getByTestId('payment-status').getByText('Đã thanh toán').waitFor();
    expect(await phone.getByTestId('payment-qr').count()).toBe(0);
    expect(await phone.getByRole('button', { name: 'Thanh toán thử (trình giả lập ngân hàng)' }).count()).toBe(0);
    const [after] = await server.t.app.payments.api.forSubject('service_application', 'test-1');
    expect(after?.status).toBe('paid');
    await screenshot(phone, 'services-payment-paid-phone');
  });
});

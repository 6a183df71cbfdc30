// The app shell in a real browser: Vietnamese first, the platform status, English on request,
// and a phone-sized screen with the menu in a drawer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';

describe.runIf(browserAvailable())('app shell', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  beforeAll(async () => {
    server = await startTestServer({ seedPeople: 1500 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens in Vietnamese with the number of people in the registry', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByText('Tổng quan nền tảng').waitFor();
    await page.getByTestId('people-count').waitFor();
    const count = await page.getByTestId('people-count').innerText();
    expect(count).toBe('Số công dân trong CSDL\n1.500'); // exactly the people seeded, with vi-VN separators
    await expect.poll(() => page.getByText('Đang hoạt động').count()).toBeGreaterThan(0);
    await screenshot(page, 'shell-home-vi');
    await page.close();
  });

  it('switches to English and remembers it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.getByText('EN', { exact: true }).click();
    await page.getByText('Platform overview').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByText('Platform overview').waitFor();
    await expect.poll(() => page.getByTestId('people-count').innerText()).toContain('1,500');
    await screenshot(page, 'shell-home-en');
    await page.close();
  });

  it('works on a phone: the menu opens in a drawer, and unknown pages say so', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/khong-co-trang-nay`);
    await page.getByText('Không tìm thấy trang').waitFor();
    await page.getByRole('button', { name: 'menu' }).click();
    await page.locator('.ant-drawer').getByText('Trang chủ').click();
    await page.getByText('Tổng quan nền tảng').waitFor();
    await page.locator('.ant-drawer-mask').waitFor({ state: 'detached' }).catch(() => page.locator('.ant-drawer-mask').waitFor({ state: 'hidden' }));
    await screenshot(page, 'shell-phone');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390); // nothing wider than the phone
    await page.close();
  });
});

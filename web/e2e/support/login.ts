// Logs a person in as a user would: the app's login button, the provider's login page (personal
// ID + password) and, when it is asked, its consent page; back in the app with a session.
import type { Page } from 'playwright-core';

const inApp = (u: URL) => !/^\/(interaction|oidc|auth\/callback)(\/|$)/.test(u.pathname);

/**
 * Logs in through the platform's own OpenID Provider. With `returnTo` (a page that needs a login)
 * the app offers the login there and comes back to it; otherwise the menu's login is used.
 */
export async function loginAs(page: Page, serverUrl: string, pid: string, password: string, opts: { returnTo?: string } = {}): Promise<void> {
  await page.goto(`${serverUrl}${opts.returnTo ?? '/'}`);
  const login = opts.returnTo
    ? page.locator('.ant-result').getByRole('button', { name: /^(Đăng nhập|Log in)$/ })
    : page.getByRole('menuitem', { name: /^(Đăng nhập|Log in)$/ });
  await login.click();
  await page.getByLabel('Số định danh cá nhân').fill(pid);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  const agree = page.getByRole('button', { name: 'Đồng ý' });
  // either the consent page, or straight back to the app (consent already given)
  await Promise.race([agree.waitFor({ timeout: 15_000 }).catch(() => undefined), page.waitForURL(inApp, { timeout: 15_000 }).catch(() => undefined)]);
  if (await agree.isVisible()) await agree.click();
  await page.waitForURL(inApp, { timeout: 15_000 });
  // the callback page swaps the code for tokens, then goes on to where the login started
  if (opts.returnTo) await page.waitForURL((u) => u.pathname === new URL(opts.returnTo!, serverUrl).pathname, { timeout: 15_000 });
}

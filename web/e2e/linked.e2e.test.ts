// A linked procedure (liên thông) in a real browser: the father applies once, online, for his
// newborn's birth registration, permanent residence and health-insurance card. The form fills his
// and the mother's data and their home from the registry; the application page shows the chain of
// agencies, each step moving on as its officials approve it (the commune's desk, civil-status officer
// and chairperson; the commune police; the social insurance office), until the child has a personal
// ID, a permanent residence in the family's household and a card — three documents in his wallet.
// A citizen whose e-ID is only level 1 is told up front that the procedure needs level 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Actor } from '../../server/src/http/authz.ts';
import { startTestServer } from '../../server/test/support/test-app.ts';
import { FAMILY, THANH_DONG, seedFamily } from '../../server/test/support/registry-fixtures.ts';
import { createAccount } from '../../server/test/support/identity-fixtures.ts';
import { browserAvailable, launchBrowser, screenshot } from './support/browser.ts';
import { loginAs } from './support/login.ts';

const PASSWORD = 'Hoa-sen-2026!';
const DESK: Actor = { sub: 'desk-td', role: 'one_stop_officer', unit: THANH_DONG };
const CIVIL: Actor = { sub: 'civil-td', role: 'civil_status_officer', unit: THANH_DONG };
const CHAIR: Actor = { sub: 'chair-td', role: 'commune_chairman', unit: THANH_DONG };
const POLICE: Actor = { sub: 'police-td', role: 'commune_police', unit: THANH_DONG };
const INSURANCE: Actor = { sub: 'bhxh-hp', role: 'social_insurance_officer', unit: '31' };
const OPEN_DROPDOWN = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

const field = (page: Page, id: string) => page.getByTestId(`field-${id}`);

async function choose(page: Page, id: string, label: string, search = false) {
  await page.waitForFunction(`!document.querySelector('${OPEN_DROPDOWN}')`);
  await field(page, id).locator('.ant-select').click();
  if (search) await field(page, id).locator('input').fill(label);
  await page.locator(OPEN_DROPDOWN).last().getByTitle(label, { exact: true }).click();
  await page.waitForFunction(`!document.querySelector('${OPEN_DROPDOWN}')`);
}

/** Three days ago in Vietnam, as typed. */
function threeDaysAgo(): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(Date.now() - 3 * 86_400_000)).map((x) => [x.type, x.value]),
  );
  return `${p.day}/${p.month}/${p.year}`;
}

describe.runIf(browserAvailable())('a linked procedure: birth → permanent residence → health insurance', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  let parentId: string;

  const api = async (actor: Actor, method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await server.t.app.http.inject({ method, url, headers: await server.t.auth(actor), ...(payload ? { payload } : {}) });
    if (r.statusCode >= 300) throw new Error(`${method} ${url} → ${r.statusCode} ${r.body}`);
    return r.json() as { id: string; status: string; steps: { id: string; status: string }[] };
  };
  /** The open step of the chain, once the saga has started it (it advances through the outbox). */
  const openStep = async (index: number): Promise<string> => {
    for (let i = 0; i < 100; i++) {
      const a = await api({ sub: 'citizen:father', role: 'citizen', pid: FAMILY.father.pid }, 'GET', `/api/v1/applications/${parentId}`);
      if (a.steps.length > index) return a.steps[index]!.id;
      server.t.app.bus.notify();
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`step ${index} never started`);
  };

  beforeAll(async () => {
    server = await startTestServer();
    await seedFamily(server.t.db);
    await createAccount(server.t, FAMILY.father, PASSWORD);
    await createAccount(server.t, FAMILY.neighbour, PASSWORD);
    // the father's e-ID was raised to level 2 at the commune police; the neighbour's was not
    await server.t.db.kysely
      .updateTable('identity.account' as never)
      .set({ level: 2, level2_at: new Date(), level2_by: 'fixture', level2_method: 'chip' } as never)
      .where('pid' as never, '=', FAMILY.father.pid as never)
      .execute();
    browser = await launchBrowser();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a citizen with a level-1 e-ID is told before filling anything', async () => {
    const p = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await loginAs(p, server.url, FAMILY.neighbour.pid, PASSWORD, { returnTo: '/services/birth-residence-health-insurance/apply' });
    await p.getByTestId('eid-level').waitFor();
    expect(await p.getByTestId('eid-level').innerText()).toContain('mức 2');
    await p.context().close();
  });

  it('the father applies once, with his family and home filled in from the registry', async () => {
    await loginAs(page, server.url, FAMILY.father.pid, PASSWORD, { returnTo: '/services/birth-residence-health-insurance/apply' });
    await field(page, 'applicant.fullName').locator('[data-locked=true]').waitFor();
    await choose(page, 'applicant.relationToChild', 'Cha');
    await page.getByTestId('field-paternity.fatherKnown').getByText('Có', { exact: true }).click();
    // the mother is his wife in the registry; their home and household come with them
    const motherName = field(page, 'mother.fullName');
    await motherName.locator('[data-locked=true]').waitFor();
    expect(await motherName.locator('input').inputValue()).toBe(FAMILY.mother.fullName);
    expect(await field(page, 'residence.detail').locator('input').inputValue()).toBe('Số 1, phố Trần Hưng Đạo');
    expect(await field(page, 'residence.headPid').locator('input').inputValue()).toBe(FAMILY.father.pid);

    await field(page, 'child.fullName').locator('input').fill('Nguyễn Minh Châu');
    await field(page, 'child.birthDate').locator('input').fill(threeDaysAgo());
    await choose(page, 'child.sex', 'Nam');
    await choose(page, 'child.birthPlaceKind', 'Ngoài cơ sở khám bệnh, chữa bệnh');
    await field(page, 'child.birthPlace').locator('input').fill('Số 1, phố Trần Hưng Đạo, phường Thành Đông');
    await choose(page, 'child.ethnicity', 'Kinh', true);
    await choose(page, 'child.nationality', 'Việt Nam');
    await field(page, 'registration.copies').locator('input').fill('0');
    await choose(page, 'residence.relationToHead', 'Con');
    await field(page, 'care.facility').locator('input').fill('Trạm Y tế phường Thành Đông');
    await page.getByTestId('document-file-witnessStatement').setInputFiles({ name: 'cam-doan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 cam đoan') });
    await page.getByTestId('document-uploaded-witnessStatement').waitFor();
    await page.getByTestId('application-submit').click();
    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    parentId = page.url().split('/').pop()!;
    const steps = page.getByTestId('application-steps');
    await steps.waitFor();
    const text = await steps.innerText();
    expect(text).toContain('Đăng ký khai sinh');
    expect(text).toContain('Đăng ký thường trú');
    expect(text).toContain('Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi');
    await screenshot(page, 'linked-submitted');
  });

  it('each agency acts in turn; the chain completes and the three results are in his wallet', async () => {
    const birth = await openStep(0);
    for (const official of [DESK, CIVIL, CHAIR]) await api(official, 'POST', `/api/v1/applications/${birth}/decision`, { outcome: 'approve' });
    // half way: the page shows the birth done and the residence at the commune police
    const residence = await openStep(1);
    await page.reload();
    await page.getByTestId('application-steps').waitFor();
    expect(await page.getByTestId('application-steps').locator('.ant-steps-item-finish').count()).toBe(1);
    for (const official of [POLICE, POLICE]) await api(official, 'POST', `/api/v1/applications/${residence}/decision`, { outcome: 'approve' });
    const insurance = await openStep(2);
    await api(INSURANCE, 'POST', `/api/v1/applications/${insurance}/decision`, { outcome: 'approve' });
    for (let i = 0; i < 100; i++) {
      if ((await api({ sub: 'citizen:father', role: 'citizen', pid: FAMILY.father.pid }, 'GET', `/api/v1/applications/${parentId}`)).status === 'completed') break;
      server.t.app.bus.notify();
      await new Promise((r) => setTimeout(r, 50));
    }
    await page.reload();
    await page.getByTestId('application-steps').waitFor();
    expect(await page.getByTestId('application-status').first().innerText()).toBe('Đã hoàn thành');
    expect(await page.getByTestId('application-steps').locator('.ant-steps-item-finish').count()).toBe(3);
    await screenshot(page, 'linked-completed');

    await page.goto(`${server.url}/wallet`);
    await page.getByText('Giấy khai sinh', { exact: false }).first().waitFor();
    const wallet = await page.locator('main').innerText();
    expect(wallet).toContain('Giấy khai sinh');
    expect(wallet).toMatch(/thường trú/i);
    expect(wallet).toMatch(/bảo hiểm y tế/i);
    await screenshot(page, 'linked-wallet');
  });
});

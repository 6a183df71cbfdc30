// Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and screenshots kept
// as test artefacts in test-artifacts/screenshots/.
import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../../../test-artifacts/screenshots/', import.meta.url);

/** True when browser journeys can run here; in CI a missing Chromium is a failure, not a skip. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${CHROMIUM} is missing: install it with apt-get install -y chromium`);
  console.warn(`\n⚠  SKIPPED: browser journeys (${CHROMIUM} not installed)\n`);
  return false;
}

/** `fakeCamera`: a test-pattern camera that needs no permission prompt (portrait capture, QR scans). */
export async function launchBrowser(opts: { fakeCamera?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(opts.fakeCamera ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] : []),
    ],
    // playwright gives every launch a fresh, empty profile of its own.
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = new URL(`${name}.png`, ARTIFACTS).pathname;
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

// Chromium through playwright-core: Debian's /usr/bin/chromium, headless, with the unpacked
// MV3 extension loaded. Extension APIs (tabs, badge, storage) are reached through its service worker.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Worker } from 'playwright-core';
import { NAVIGATION_TIMEOUT_MS, newTabId, popupPath, popupRendered, POPUP_SIZE, requireBrowser, requireBuiltExtension, waitFor } from './common';
import type { ExtensionBrowser, LaunchExtensionBrowser, Target, TestPage } from './types';

/** The slice of the `chrome` extension API the driver calls inside the service worker. */
declare const chrome: {
  tabs: { query(filter: object): Promise<{ id?: number }[]> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: { local: { clear(): Promise<void> } };
};

/** Headless Chromium as STACK.md proves it on these machines: no sandbox as root, no network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ACTION_TIMEOUT_MS = 10_000;

function locate(page: Page, target: Target): Locator {
  if ('css' in target) return page.locator(target.css);
  const roles = typeof target.role === 'string' ? [target.role] : target.role;
  return roles.map((role) => page.getByRole(role, { name: target.name })).reduce((a, b) => a.or(b));
}

function wrapPage(page: Page, tabId: number): TestPage {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  return {
    tabId,
    errors,
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    async click(target) {
      await page.bringToFront();
      await locate(page, target).first().click();
    },
    async press(target, key) {
      await page.bringToFront();
      await locate(page, target).first().press(key);
    },
    count: (target) => locate(page, target).count(),
    emulateMedia: (media) => page.emulateMedia({ media }),
    async selectAllAndCopy() {
      await page.bringToFront();
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Control+C');
      return page.evaluate(() => navigator.clipboard.readText());
    },
    isChecked: (target) => locate(page, target).first().isChecked(),
    async goto(url) {
      await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    },
    async reload() {
      await page.reload({ waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    },
    bringToFront: () => page.bringToFront(),
    async screenshot(file, { fullPage = false } = {}) {
      await page.screenshot({ path: file, fullPage });
    },
    close: () => page.close(),
  };
}

export const launchChromium: LaunchExtensionBrowser = async ({ extensionDir, executablePath = '/usr/bin/chromium', forcedColors = false, defaultFontSize }) => {
  requireBrowser(executablePath, 'Chromium');
  requireBuiltExtension(extensionDir);
  const dir = path.resolve(extensionDir);
  const profile = await mkdtemp(path.join(tmpdir(), 'paradedup-chromium-'));
  if (defaultFontSize) {
    // Settings › Appearance › Font size has no switch: it lives in the profile's preferences.
    await mkdir(path.join(profile, 'Default'));
    await writeFile(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ webkit: { webprefs: { default_font_size: defaultFontSize } } }));
  }
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    forcedColors: forcedColors ? 'active' : 'none',
    args: [...CHROMIUM_ARGS, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
    // Playwright turns the back/forward cache off; a reader's Chrome has it, and pages come back from it with our marks.
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
  });

  // So that a scenario can read back what a reader's copy put on the clipboard.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // The worker may be stopped and restarted by the browser: always ask the context for the live one.
  const worker = async (): Promise<Worker> =>
    context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: ACTION_TIMEOUT_MS }));
  const extensionId = new URL((await worker()).url()).host;
  const listTabIds = async () =>
    (await worker()).evaluate(async () => (await chrome.tabs.query({})).map((tab) => tab.id ?? -1));

  const browser: ExtensionBrowser = {
    name: 'chromium',
    extensionId,
    async openPage(url) {
      const before = new Set(await listTabIds());
      const page = await context.newPage();
      // Wrapped before navigating, so errors thrown while the page loads are seen too.
      const wrapped = wrapPage(page, await newTabId(before, listTabIds));
      await wrapped.goto(url);
      return wrapped;
    },
    async openPopup(forPage, size = POPUP_SIZE) {
      const before = new Set(await listTabIds());
      // A window of its own, as a real popup floats over the page: the page's tab stays in front,
      // so its smooth scrolling and animations keep running.
      const cdp = await context.newCDPSession(context.pages()[0]);
      const [page] = await Promise.all([
        context.waitForEvent('page', { timeout: ACTION_TIMEOUT_MS }),
        cdp.send('Target.createTarget', { url: 'about:blank', newWindow: true }),
      ]);
      await cdp.detach();
      const popup = wrapPage(page, await newTabId(before, listTabIds));
      await page.setViewportSize({ width: size.width ?? POPUP_SIZE.width, height: size.height ?? POPUP_SIZE.height });
      await popup.goto(`chrome-extension://${extensionId}/${popupPath(forPage.tabId)}`);
      await waitFor('the popup to render', async () => ((await page.evaluate(popupRendered)) ? true : undefined));
      return popup;
    },
    async badgeText(page) {
      return (await worker()).evaluate((tabId) => chrome.action.getBadgeText({ tabId }), page.tabId);
    },
    async resetExtensionStorage() {
      await (await worker()).evaluate(() => chrome.storage.local.clear());
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  return browser;
};

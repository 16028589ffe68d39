// Firefox ESR through puppeteer-core 24 over WebDriver BiDi (stock Firefox has no Juggler, so
// no Playwright). The extension is installed as a temporary add-on with a fixed moz-extension
// UUID, so its pages have a known URL. Extension APIs (tabs, badge, storage) are called from
// one extension page kept open in a tab: BiDi lists tabs only, not the background page.
import puppeteer, { type Browser, type CreatePageOptions, type ElementHandle, type Page } from 'puppeteer-core';
import path from 'node:path';
import { NAVIGATION_TIMEOUT_MS, newTabId, popupPath, popupRendered, POPUP_SIZE, requireBrowser, requireBuiltExtension, waitFor } from './common';
import type { ExtensionBrowser, LaunchExtensionBrowser, Role, Target, TestPage } from './types';

/** The slice of the WebExtension API the driver calls inside an extension page. */
declare const browser: {
  tabs: { query(filter: object): Promise<{ id?: number }[]> };
  action?: { getBadgeText(details: { tabId: number }): Promise<string> };
  browserAction?: { getBadgeText(details: { tabId: number }): Promise<string> };
  storage: { local: { clear(): Promise<void> } };
};

/** Any fixed UUID: `extensions.webextensions.uuids` pins the add-on's moz-extension:// host to it. */
const EXTENSION_UUID = '6f0e3c55-2d1a-4c7b-9a8e-5b4f1d2c3e70';
const ACTION_TIMEOUT_MS = 10_000;

/**
 * In the page: rendered elements, through open shadow roots, whose role (explicit, else implicit)
 * is one of `roles` and whose accessible name, approximated, matches the pattern.
 */
function candidatesInPage(roles: string[], source: string, flags: string) {
  const pattern = new RegExp(source, flags);
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const implicitRole = (el: Element): string | null => {
    if (el.localName === 'button') return 'button';
    if (el.localName === 'a' && el.hasAttribute('href')) return 'link';
    if (!(el instanceof HTMLInputElement)) return null;
    if (el.type === 'checkbox') return 'checkbox';
    return ['button', 'submit', 'reset'].includes(el.type) ? 'button' : null;
  };
  const roleOf = (el: Element) => norm(el.getAttribute('role')).split(' ')[0] || implicitRole(el);
  // What a style sheet draws in ::before or ::after is part of a name from content: a quoted string, or attr(name).
  const generated = (el: Element, pseudo: string): string => {
    const content = getComputedStyle(el, pseudo).content;
    const attr = /^attr\(([\w-]+)\)$/.exec(content);
    if (attr) return el.getAttribute(attr[1]) ?? '';
    const quoted = /^"(.*)"$/s.exec(content);
    return quoted ? quoted[1].replace(/\\(.)/g, '$1') : '';
  };
  const nameOf = (el: Element): string => {
    const labelledBy = norm(el.getAttribute('aria-labelledby'));
    if (labelledBy) return norm(labelledBy.split(' ').map((id) => el.ownerDocument.getElementById(id)?.textContent).join(' '));
    const label = norm(el.getAttribute('aria-label'));
    if (label) return label;
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return norm(Array.from(labels, (l) => l.textContent).join(' '));
    if (el instanceof HTMLInputElement) return norm(el.value);
    return norm(`${generated(el, '::before')} ${el.textContent} ${generated(el, '::after')}`) || norm(el.getAttribute('title'));
  };
  const elements: Element[] = [];
  const infos: { role: string; name: string; inShadow: boolean }[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      const role = roleOf(el);
      if (role && roles.includes(role) && el.checkVisibility() && !el.closest('[aria-hidden="true"]')) {
        const name = nameOf(el);
        if (pattern.test(name)) {
          elements.push(el);
          infos.push({ role, name, inShadow: el.getRootNode() instanceof ShadowRoot });
        }
      }
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return { elements, infos };
}

const ariaSelector = (role: string, name: string) => `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;

/**
 * Every rendered element with one of the roles whose accessible name matches. Candidates are
 * found in the page (one round trip; Firefox's a11y query is slow and skips shadow roots), then
 * each light-DOM match is confirmed against Firefox's accessibility tree (puppeteer's ARIA query).
 */
async function findByRole(
  page: Page,
  roles: readonly Role[],
  name: RegExp,
  confirmedNames: Set<string>,
): Promise<ElementHandle<Element>[]> {
  const result = await page.evaluateHandle(candidatesInPage, [...roles], name.source, name.flags);
  const infos = await result.evaluate((r) => r.infos);
  const list = await result.evaluateHandle((r) => r.elements);
  const found: ElementHandle<Element>[] = [];
  for (const [i, info] of infos.entries()) {
    const handle = (await list.evaluateHandle((els, at) => els[at], i)) as ElementHandle<Element>;
    const key = `${info.role}\n${info.name}`;
    if (!info.inShadow && !confirmedNames.has(key)) {
      const confirmed = await page.$$(ariaSelector(info.role, info.name));
      const same = await Promise.all(confirmed.map((other) => handle.evaluate((a, b) => a === b, other)));
      if (!same.includes(true)) {
        throw new Error(`Firefox's a11y tree has no ${info.role} named "${info.name}" for ${name}`);
      }
      confirmedNames.add(key);
    }
    found.push(handle);
  }
  await result.dispose();
  await list.dispose();
  return found;
}

/** Looks targets up in one page, remembering which role and name pairs Firefox has confirmed. */
function finder(page: Page) {
  const confirmedNames = new Set<string>();
  const all = (target: Target): Promise<ElementHandle<Element>[]> => {
    if ('css' in target) return page.$$(`pierce/${target.css}`);
    const roles = typeof target.role === 'string' ? [target.role] : target.role;
    return findByRole(page, roles, target.name, confirmedNames);
  };
  const one = (target: Target): Promise<ElementHandle<Element>> => {
    const describe = 'css' in target ? target.css : `${String(target.role)} named ${target.name}`;
    return waitFor(`${describe} in ${page.url()}`, async () => (await all(target))[0], ACTION_TIMEOUT_MS);
  };
  return { all, one };
}

/**
 * moz-extension pages: goto() never resolves although the page loads, so start it and poll.
 * Evaluating while the tab navigates can fail inside Firefox's BiDi code: those polls are retried.
 */
async function gotoExtensionPage(page: Page, url: string): Promise<void> {
  page.goto(url).catch(() => {});
  await waitFor(
    `${url} to load`,
    async () => ((await page.evaluate((expected) => location.href === expected && document.readyState === 'complete', url)) ? true : undefined),
    ACTION_TIMEOUT_MS,
  );
}

function wrapPage(page: Page, tabId: number): TestPage {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error instanceof Error ? error.message : String(error)));
  page.setDefaultTimeout(ACTION_TIMEOUT_MS);
  const find = finder(page);
  return {
    tabId,
    errors,
    url: async () => page.url(),
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    async click(target) {
      await page.bringToFront();
      await (await find.one(target)).click();
    },
    async press(target, key) {
      await page.bringToFront();
      const handle = await find.one(target);
      await handle.focus();
      await page.keyboard.press(key as never);
    },
    count: async (target) => (await find.all(target)).length,
    async emulateMedia() {
      throw new Error('Firefox ESR over WebDriver BiDi cannot emulate a media type: run this scenario in Chromium');
    },
    async selectAllAndCopy() {
      await page.bringToFront();
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.press('c');
      await page.keyboard.up('Control');
      return page.evaluate(() => navigator.clipboard.readText());
    },
    async isChecked(target) {
      return (await find.one(target)).evaluate((el) =>
        el instanceof HTMLInputElement ? el.checked : el.getAttribute('aria-checked') === 'true',
      );
    },
    async goto(url) {
      await page.goto(url, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    },
    async reload() {
      await page.reload({ waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS });
    },
    bringToFront: () => page.bringToFront(),
    async screenshot(file, { fullPage = false } = {}) {
      await page.screenshot({ path: file as `${string}.png`, fullPage });
    },
    close: () => page.close(),
  };
}

export const launchFirefox: LaunchExtensionBrowser = async ({ extensionDir, executablePath = '/usr/bin/firefox-esr', forcedColors = false, defaultFontSize }) => {
  requireBrowser(executablePath, 'Firefox ESR');
  const manifest = requireBuiltExtension(extensionDir);
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);

  const firefox: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    protocol: 'webDriverBiDi',
    // The same viewport as Playwright's default, so scenarios see the same layout in both browsers.
    defaultViewport: { width: 1280, height: 720 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
      // Reader View's check after first paint (isProbablyReaderable) reads every paragraph's clientHeight: on
      // the 100,000-paragraph page it froze the page 2.6–4.4 s by itself, inside or before the heartbeat's
      // window by chance, which swamped the freeze a scan adds.
      'reader.parse-on-load.enabled': false,
      // Lets a page read the clipboard without Firefox's paste prompt, so a scenario can read back what a copy put there.
      'dom.events.testing.asyncClipboard': true,
      // "Override the colours specified by the page: Always", which makes Firefox's forced-colours mode.
      ...(forcedColors ? { 'browser.display.document_color_use': 2 } : {}),
      // Settings › Fonts › Size, for Latin text (Firefox keeps one per script).
      ...(defaultFontSize ? { 'font.size.variable.x-western': defaultFontSize } : {}),
    },
  });
  try {
    await firefox.installExtension(path.resolve(extensionDir));
  } catch (error) {
    await firefox.close();
    throw error;
  }
  const origin = `moz-extension://${EXTENSION_UUID}`;

  // Opened first, so that every fixture tab opened later is the active, visible one.
  const apiPage = (await firefox.pages())[0] ?? (await firefox.newPage());
  await gotoExtensionPage(apiPage, `${origin}/${popupPath(-1)}`);
  const listTabIds = () => apiPage.evaluate(async () => (await browser.tabs.query({})).map((tab) => tab.id ?? -1));

  async function openTab(options?: CreatePageOptions): Promise<{ page: Page; wrapped: TestPage }> {
    const before = new Set(await listTabIds());
    const page = await firefox.newPage(options);
    // Wrapped before navigating, so errors thrown while the page loads are seen too.
    return { page, wrapped: wrapPage(page, await newTabId(before, listTabIds)) };
  }

  const driver: ExtensionBrowser = {
    name: 'firefox',
    // Firefox's runtime.id is the manifest's gecko id, the same for every user.
    extensionId: geckoId,
    async openPage(url) {
      const { wrapped } = await openTab();
      await wrapped.goto(url);
      return wrapped;
    },
    async openPopup(forPage, size = POPUP_SIZE) {
      const viewport = { width: size.width ?? POPUP_SIZE.width, height: size.height ?? POPUP_SIZE.height };
      // A window of its own, as a real popup floats over the page: the page's tab stays visible.
      const { page, wrapped } = await openTab({ type: 'window', windowBounds: viewport });
      await page.setViewport(viewport).catch((error: unknown) => {
        // Beside the viewport, puppeteer sets the screen's orientation, which Firefox ESR 140 cannot (ESR 153 can): the viewport is set all the same.
        if (!String(error).includes('setScreenOrientationOverride')) throw error;
      });
      await gotoExtensionPage(page, `${origin}/${popupPath(forPage.tabId)}`);
      await waitFor('the popup to render', async () => ((await page.evaluate(popupRendered)) ? true : undefined));
      return wrapped;
    },
    async badgeText(page) {
      return apiPage.evaluate((tabId) => {
        const action = browser.action ?? browser.browserAction;
        if (!action) throw new Error('neither browser.action nor browser.browserAction exists');
        return action.getBadgeText({ tabId });
      }, page.tabId);
    },
    async resetExtensionStorage() {
      await apiPage.evaluate(() => browser.storage.local.clear());
    },
    close: () => firefox.close(),
  };
  return driver;
};

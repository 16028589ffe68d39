// What both drivers share: prerequisite checks with actionable messages, and small waiting helpers.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { INSTALL_BROWSERS_HINT } from './types';

/** Fails (never skips) when the browser binary is missing, saying how to install it. */
export function requireBrowser(executablePath: string, label: string): void {
  if (!existsSync(executablePath)) {
    throw new Error(`${label} is not installed (${executablePath} not found). Install it with: ${INSTALL_BROWSERS_HINT}`);
  }
}

export interface BuiltManifest {
  manifest_version: number;
  browser_specific_settings?: { gecko?: { id?: string } };
}

/** Fails when the extension has not been built, saying how to build it; returns its manifest. */
export function requireBuiltExtension(extensionDir: string): BuiltManifest {
  const manifest = path.join(extensionDir, 'manifest.json');
  if (!existsSync(manifest)) {
    throw new Error(`The built extension is missing (${manifest} not found). Run: npm run build:all`);
  }
  return JSON.parse(readFileSync(manifest, 'utf8')) as BuiltManifest;
}

/** The popup, opened as a page, acting for the tab `tabId` (the popup reads `?tab=`). */
export function popupPath(tabId: number): string {
  return `popup.html?tab=${tabId}`;
}

/** Page loads may be slow: fixtures with 100,000 paragraphs build themselves while parsing. */
export const NAVIGATION_TIMEOUT_MS = 60_000;

/** The popup as the toolbar shows it: its own CSS fixes the width; browsers cap the height at 600. */
export const POPUP_SIZE = { width: 360, height: 600 };

/** In-page check that the popup's UI has rendered something a person can read. */
export const popupRendered = (): boolean =>
  document.readyState === 'complete' && (document.body?.innerText ?? '').trim().length > 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value that is not undefined, or fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? `: ${lastError.message}` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(100);
  }
}

/** The id of the one tab that appeared between two listings of the browser's tabs. */
export async function newTabId(before: ReadonlySet<number>, listTabIds: () => Promise<number[]>): Promise<number> {
  return waitFor('the new tab to appear in tabs.query', async () => {
    const fresh = (await listTabIds()).filter((id) => !before.has(id));
    if (fresh.length > 1) throw new Error(`several new tabs appeared: ${fresh.join(', ')}`);
    return fresh[0];
  });
}

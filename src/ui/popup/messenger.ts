// How the popup talks to the browser: the active tab and its content script, every call with a timeout.
import { browser } from 'wxt/browser';
import { REPLY_TIMEOUT_MS, requestTab, withTimeout, type PageMode, type PageState } from '../../messages';

export interface ActiveTab {
  id: number;
  /** 'loading' while the tab navigates; reading it needs no "tabs" permission. */
  status?: string;
}

export interface PopupMessenger {
  activeTab(): Promise<ActiveTab | null>;
  getState(tabId: number): Promise<PageState>;
  setMode(tabId: number, mode: PageMode): Promise<PageState>;
  jump(tabId: number, group: number, member: number): Promise<boolean>;
  openOptions(): Promise<void>;
  optionsHref: string;
}

/** The tab named by `?tab=<id>`, or null. Opened as a page (by tests, or in a window of its own) the popup acts for that tab. */
export function tabFromQuery(search: string): number | null {
  const value = new URLSearchParams(search).get('tab');
  return value !== null && /^-?\d+$/.test(value) ? Number(value) : null;
}

async function findTab(tabId: number | null): Promise<ActiveTab | null> {
  if (tabId !== null) {
    const tab = await browser.tabs.get(tabId).catch(() => undefined);
    return tab ? { id: tabId, status: tab.status } : null;
  }
  // The active tab of the popup's window; listing it needs no "tabs" permission.
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, status: tab.status };
}

export function browserMessenger(search = ''): PopupMessenger {
  const tabId = tabFromQuery(search);
  return {
    activeTab: () => withTimeout(findTab(tabId), REPLY_TIMEOUT_MS),
    getState: (tabId) => requestTab(tabId, { type: 'get-state' }),
    setMode: (tabId, mode) => requestTab(tabId, { type: 'set-mode', mode }),
    jump: (tabId, group, member) => requestTab(tabId, { type: 'jump', group, member }),
    openOptions: () => browser.runtime.openOptionsPage(),
    optionsHref: browser.runtime.getURL('/options.html'),
  };
}

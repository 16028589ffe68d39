// How the popup talks to the browser: the active tab and its content script, every call with a timeout.
import { browser } from 'wxt/browser';
import { REPLY_TIMEOUT_MS, reportingFrames, requestTab, withTimeout, type PageMode, type PageState, type ToContent } from '../../messages';
import { mergeFrames } from './frames';

export interface ActiveTab {
  id: number;
  /** 'loading' while the tab navigates; reading it needs no "tabs" permission. */
  status?: string;
}

export interface PopupMessenger {
  activeTab(): Promise<ActiveTab | null>;
  /** The tab's state, every frame's repeats in it (see mergeFrames); rejects when the top frame does not answer. */
  getState(tabId: number): Promise<PageState>;
  /** Sets the mode in every frame, and answers as getState does. */
  setMode(tabId: number, mode: PageMode): Promise<PageState>;
  jump(tabId: number, group: number, member: number, frame: number): Promise<boolean>;
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

/**
 * Asks the top frame, and every other frame that reported a scan: the top frame's answer is needed,
 * the others' add what they have. The background is asked for them meanwhile, so the top frame is
 * asked no later than before.
 */
async function askFrames(tabId: number, message: Extract<ToContent, { type: 'get-state' | 'set-mode' }>): Promise<PageState> {
  const [top, frames] = await Promise.all([requestTab(tabId, message), reportingFrames(tabId)]);
  const others = await Promise.all(
    frames
      .filter((frameId) => frameId !== 0)
      .map((frameId) =>
        requestTab(tabId, message, { frameId }).then(
          (state) => ({ frameId, state }),
          () => null,
        ),
      ),
  );
  return mergeFrames(top, others.filter((other) => other !== null));
}

export function browserMessenger(search = ''): PopupMessenger {
  const tabId = tabFromQuery(search);
  return {
    activeTab: () => withTimeout(findTab(tabId), REPLY_TIMEOUT_MS),
    getState: (tabId) => askFrames(tabId, { type: 'get-state' }),
    setMode: (tabId, mode) => askFrames(tabId, { type: 'set-mode', mode }),
    jump: (tabId, group, member, frame) => requestTab(tabId, { type: 'jump', group, member }, { frameId: frame }),
    openOptions: () => browser.runtime.openOptionsPage(),
    optionsHref: browser.runtime.getURL('/options.html'),
  };
}

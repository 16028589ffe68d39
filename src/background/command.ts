// The keyboard shortcut: toggle auto-collapse for the site in the active tab.
import { browser } from 'wxt/browser';
import { requestTab } from '../messages';
import { toggleAutoCollapse } from '../settings';

export { TOGGLE_AUTO_COLLAPSE_COMMAND } from './command-name';

/**
 * Flips auto-collapse for the active tab's site and returns the new state, or null when the tab has
 * no content script to tell us its hostname (browser pages, the web store, PDFs). Querying the active
 * tab works without the "tabs" permission; the hostname comes from the content script instead.
 */
export async function toggleAutoCollapseInActiveTab(): Promise<boolean | null> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return null;
  const state = await requestTab(tab.id, { type: 'get-state' }).catch(() => null);
  if (!state?.hostname) return null;
  // The content script watches the site rules, so the page folds or unfolds on its own.
  return toggleAutoCollapse(state.hostname);
}

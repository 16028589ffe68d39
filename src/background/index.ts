// Background wiring: badge updates from scan reports and tab events, and the keyboard command.
import { browser } from 'wxt/browser';
import { isPopupToBackground, isToBackground, requestTab } from '../messages';
import { translate } from '../ui/i18n';
import { Badge, sessionBadgeStore, toolbarButton, type BadgeTexts } from './badge';
import { TOGGLE_AUTO_COLLAPSE_COMMAND, toggleAutoCollapseInActiveTab } from './command';

export function badgeTexts(): BadgeTexts {
  return {
    count: (count) => (count > 0 ? translate('badgeTitleCount', [String(count)]) : translate('extName')),
    error: (error) => translate('badgeTitleError', [error]),
  };
}

export function createBadge(texts: BadgeTexts = badgeTexts()): Badge {
  return new Badge(toolbarButton(), sessionBadgeStore(), texts, (tabId, frameId) =>
    requestTab(tabId, { type: 'get-state' }, { frameId }),
  );
}

/** Registers every listener synchronously, as MV3 service workers and MV2 event pages require. */
export function startBackground(badge: Badge = createBadge()): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // The popup lists and folds the repeats of every frame the badge counts.
    if (isPopupToBackground(message)) return badge.reportingFrames(message.tabId);
    const tabId = sender.tab?.id;
    if (!isToBackground(message) || tabId === undefined) return undefined;
    const { count, error } = message;
    return badge.report(tabId, sender.frameId ?? 0, error === undefined ? { count } : { count, error });
  });

  // Listeners return their work's promise: browsers ignore it, tests can await it.
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status === 'loading') return badge.loading(tabId);
    if (changeInfo.status === 'complete') return badge.complete(tabId);
    return undefined;
  });

  browser.tabs.onRemoved.addListener((tabId) => badge.removed(tabId));

  browser.commands?.onCommand.addListener((command) =>
    command === TOGGLE_AUTO_COLLAPSE_COMMAND ? toggleAutoCollapseInActiveTab() : undefined,
  );
}

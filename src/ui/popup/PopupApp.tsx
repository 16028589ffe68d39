// The popup's container: finds the active tab's state, keeps it fresh, and turns clicks into messages.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { NoReplyError, type PageMode, type PageState } from '../../messages';
import {
  getSettings,
  getSiteRules,
  isAutoCollapse,
  setAutoCollapse,
  setNeverScan,
  settingsItem,
  siteRulesItem,
} from '../../settings';
import type { Translate } from '../i18n';
import type { PopupMessenger } from './messenger';
import { PopupView, type PopupModel } from './PopupView';

/** How often the popup asks again while the page loads or scans. */
export const POLL_INTERVAL_MS = 500;
/**
 * A finished page may have no listener yet for a moment (its content script starts at document_idle),
 * so a page without a receiver is asked this many times before the popup says it can't be scanned.
 * A page that times out is not asked again: the popup would keep the user waiting.
 */
export const ATTEMPTS_BEFORE_UNSCANNABLE = 3;

interface PopupAppProps {
  messenger: PopupMessenger;
  t: Translate;
  pollMs?: number;
}

async function autoCollapseFor(hostname: string): Promise<boolean> {
  const [settings, rules] = await Promise.all([getSettings(), getSiteRules()]);
  return isAutoCollapse(settings, rules, hostname);
}

export function PopupApp({ messenger, t, pollMs = POLL_INTERVAL_MS }: PopupAppProps) {
  const [model, setModel] = useState<PopupModel>({ kind: 'connecting' });
  const tabId = useRef<number | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const closed = useRef(false);

  const showPage = useCallback(async (page: PageState) => {
    const autoCollapse = await autoCollapseFor(page.hostname);
    if (!closed.current) setModel({ kind: 'page', page, autoCollapse });
  }, []);

  const refresh = useCallback(
    async (silentAttempts = 0): Promise<void> => {
      clearTimeout(timer.current);
      const again = (attempts: number) => {
        if (!closed.current) timer.current = setTimeout(() => void refresh(attempts), pollMs);
      };
      const tab = await messenger.activeTab().catch(() => null);
      if (closed.current) return;
      if (!tab) return setModel({ kind: 'unscannable' });
      tabId.current = tab.id;
      const reply = await messenger.getState(tab.id).then(
        (page) => ({ page }),
        (error: unknown) => ({ page: null, timedOut: error instanceof NoReplyError }),
      );
      if (closed.current) return;
      if (reply.page) {
        await showPage(reply.page);
        if (reply.page.scan.status === 'scanning') again(0);
      } else if (tab.status === 'loading') {
        setModel({ kind: 'loading' });
        again(0);
      } else if (!reply.timedOut && silentAttempts + 1 < ATTEMPTS_BEFORE_UNSCANNABLE) {
        // "No receiver" comes back at once; a content script still starting up deserves another try.
        again(silentAttempts + 1);
      } else {
        setModel({ kind: 'unscannable' });
      }
    },
    [messenger, pollMs, showPage],
  );

  useEffect(() => {
    closed.current = false;
    void refresh();
    // The content script applies setting changes itself; the popup re-reads the page once it had time to.
    const refreshSoon = () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void refresh(), pollMs);
    };
    const unwatch = [settingsItem().watch(refreshSoon), siteRulesItem().watch(refreshSoon)];
    return () => {
      closed.current = true;
      clearTimeout(timer.current);
      unwatch.forEach((stop) => stop());
    };
  }, [refresh, pollMs]);

  const hostname = model.kind === 'page' ? model.page.hostname : null;

  return (
    <PopupView
      model={model}
      t={t}
      optionsHref={messenger.optionsHref}
      onToggleAutoCollapse={(on) => {
        if (hostname === null || model.kind !== 'page') return;
        // Show the expected result at once; the storage watch then confirms it from the page.
        setModel({ ...model, autoCollapse: on, page: { ...model.page, mode: on ? 'collapse' : 'highlight' } });
        void setAutoCollapse(hostname, on);
      }}
      onSetMode={(mode: PageMode) => {
        if (tabId.current === null) return;
        void messenger.setMode(tabId.current, mode).then(showPage, () => refresh());
      }}
      onJump={(group, member, frame) => {
        if (tabId.current === null) return;
        // A page that changed since the list was shown may have no such entry any more: show its list as it is now.
        void messenger.jump(tabId.current, group, member, frame).then(
          (found) => (found ? undefined : refresh()),
          () => refresh(),
        );
      }}
      onOpenOptions={() => void messenger.openOptions().then(() => globalThis.close?.(), () => undefined)}
      onSetNeverScan={(never) => {
        if (hostname !== null) void setNeverScan(hostname, never);
      }}
    />
  );
}

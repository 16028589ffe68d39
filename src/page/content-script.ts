// Connects a frame's PageController to the extension: settings from storage, messages from the popup,
// counts to the background. The only module of src/page that touches extension APIs directly.
import { browser } from 'wxt/browser';
import type { ToBackground } from '../messages';
import { loadPagePlan, watchPagePlan, type PagePlan } from '../settings';
import { takeSettingsPrefetch, type SettingsPrefetch } from '../settings-prefetch';
import { PageController, errorMessage, type PlanSource } from './controller';
import { markPrefetch } from './scan-marks';

function sendToBackground(message: ToBackground): void {
  try {
    browser.runtime.sendMessage(message).catch(() => undefined);
  } catch {
    // No background to tell (extension reloading): the next scan reports again.
  }
}

/**
 * Plans from storage; the first one from the read the document_start script began, when there is one
 * (handed to `taken`). The controller watches for changes before its first load, so the prefetch,
 * which stops noticing changes once taken, leaves no gap in which a change goes unseen.
 */
function planSource(scope: object, taken: (prefetch: SettingsPrefetch) => void): PlanSource {
  let first = true;
  return {
    load(hostname: string): Promise<PagePlan> {
      if (!first) return loadPagePlan(hostname);
      first = false;
      const prefetch = takeSettingsPrefetch(scope);
      if (prefetch) taken(prefetch);
      return loadPagePlan(hostname, prefetch);
    },
    watch: watchPagePlan,
  };
}

/**
 * Starts ParaDedup in this frame; a failure to even start is reported like a failed scan.
 * `scope`: the global the document_start script left its prefetch on (the content scripts' shared one).
 */
export function startContentScript(win: Window & typeof globalThis = window, scope: object = globalThis): PageController | null {
  let controller: PageController;
  let prefetch: SettingsPrefetch | null = null;
  try {
    controller = new PageController({
      win,
      plans: planSource(scope, (taken) => (prefetch = taken)),
      report: sendToBackground,
      // An updated or removed extension leaves its old content scripts without a runtime id.
      alive: () => browser.runtime?.id !== undefined,
    });
  } catch (error) {
    sendToBackground({ type: 'scan-report', count: 0, error: errorMessage(error) });
    return null;
  }
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    // Only this extension's own pages may drive the page; nothing the page sends is listened to.
    if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
    return controller.handle(message);
  });
  // The prefetch's figures go on the timeline once the first scan is shown, so as not to delay it.
  whenShown(win.document, () => void controller.start().then(() => prefetch && markPrefetch(win.performance, prefetch)));
  return controller;
}

/**
 * Runs `start` now, or once the reader navigates to this page if Chromium is prerendering it (speculation
 * rules, the address bar's guess). A prerendered page's report would reach the background from the tab
 * the reader is still looking at, adding its count to that page's badge; and the page may never be shown.
 */
function whenShown(doc: Document, start: () => void): void {
  if (!(doc as Document & { prerendering?: boolean }).prerendering) {
    start();
    return;
  }
  doc.addEventListener('prerenderingchange', start, { once: true });
}

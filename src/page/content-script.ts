// Connects a frame's PageController to the extension: settings from storage, messages from the popup,
// counts to the background. The only module of src/page that touches extension APIs directly.
import { browser } from 'wxt/browser';
import type { ToBackground } from '../messages';
import { loadPagePlan, watchPagePlan } from '../settings';
import { PageController } from './controller';

function sendToBackground(message: ToBackground): void {
  try {
    browser.runtime.sendMessage(message).catch(() => undefined);
  } catch {
    // No background to tell (extension reloading): the next scan reports again.
  }
}

/** Starts ParaDedup in this frame; a failure to even start is reported like a failed scan. */
export function startContentScript(win: Window & typeof globalThis = window): PageController | null {
  let controller: PageController;
  try {
    controller = new PageController({
      win,
      plans: { load: loadPagePlan, watch: watchPagePlan },
      report: sendToBackground,
      // An updated or removed extension leaves its old content scripts without a runtime id.
      alive: () => browser.runtime?.id !== undefined,
    });
  } catch (error) {
    sendToBackground({ type: 'scan-report', count: 0, error: error instanceof Error ? error.message : String(error) });
    return null;
  }
  browser.runtime.onMessage.addListener((message: unknown, sender: { id?: string }) => {
    // Only this extension's own pages may drive the page; nothing the page sends is listened to.
    if (sender.id !== undefined && sender.id !== browser.runtime.id) return undefined;
    return controller.handle(message);
  });
  void controller.start();
  return controller;
}

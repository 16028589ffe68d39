// The toolbar badge: sums the scan reports of a tab's frames, clears on navigation, shows "!" on errors.
import { browser } from 'wxt/browser';
import type { PageState } from '../messages';
import {
  applyReport,
  badgeLook,
  forgetFrames,
  forgetTab,
  startLoading,
  takeStale,
  type BadgeLook,
  type BadgeState,
  type FrameReport,
} from './badge-state';

/** The badge methods shared by MV3's `action` and MV2's `browserAction`. */
export interface ToolbarButton {
  setBadgeText(details: { tabId: number; text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void> | void;
  setTitle(details: { tabId: number; title: string }): Promise<void> | void;
}

/** Chrome MV3 and Firefox MV3 have `action`; Firefox MV2 only `browserAction`. */
export function toolbarButton(): ToolbarButton {
  const api = browser as unknown as { action?: ToolbarButton; browserAction?: ToolbarButton };
  const button = api.action ?? api.browserAction;
  if (!button) throw new Error('This browser has neither action nor browserAction');
  return button;
}

/** Badge colours: the icon's teal for counts, a red that reads as "something went wrong" for errors. */
export const BADGE_COLORS = { count: '#0f766e', error: '#b91c1c' } as const;

export interface BadgeTexts {
  /** Tooltip for a tab with `count` repeated blocks (0 included). */
  count(count: number): string;
  /** Tooltip for a tab whose scan failed with `error`. */
  error(error: string): string;
}

/** Where badge state survives a sleeping Chrome service worker: session storage, cleared when the browser quits. */
export interface BadgeStore {
  load(): Promise<BadgeState>;
  save(state: BadgeState): Promise<void>;
}

const SESSION_KEY = 'badgeState';

export function sessionBadgeStore(): BadgeStore {
  const area = (browser.storage as unknown as { session?: typeof browser.storage.local }).session;
  if (!area) {
    let memory: BadgeState = {};
    return { load: async () => memory, save: async (state) => void (memory = state) };
  }
  return {
    load: async () => ((await area.get(SESSION_KEY))[SESSION_KEY] as BadgeState | undefined) ?? {},
    save: (state) => area.set({ [SESSION_KEY]: state }),
  };
}

/** Asks a frame's content script for its state; rejects when the frame is gone or silent. */
export type AskFrame = (tabId: number, frameId: number) => Promise<PageState>;

export function reportFromState(state: PageState): FrameReport | null {
  if (state.scan.status === 'ready') return { count: state.scan.duplicates + state.scan.partial };
  if (state.scan.status === 'failed') return { count: 0, error: state.scan.error };
  return null;
}

export class Badge {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly button: ToolbarButton,
    private readonly store: BadgeStore,
    private readonly texts: BadgeTexts,
    private readonly askFrame: AskFrame,
  ) {}

  /** A frame finished a scan (or a rescan) and reports how many of its blocks repeat earlier text. */
  report(tabId: number, frameId: number, report: FrameReport): Promise<void> {
    return this.update(tabId, (state) => applyReport(state, tabId, frameId, report));
  }

  /** The tab started loading: its old counts no longer describe the page. */
  loading(tabId: number): Promise<void> {
    return this.update(tabId, (state) => startLoading(state, tabId));
  }

  /**
   * The tab finished loading. Chrome also reports "loading" when only an iframe navigates, so frames
   * that reported before are asked again: a page that is still there answers with its count.
   */
  async complete(tabId: number): Promise<void> {
    let frames: number[] = [];
    await this.update(tabId, (state) => {
      const taken = takeStale(state, tabId);
      frames = taken.frames;
      return taken.state;
    });
    await Promise.all(
      frames.map(async (frameId) => {
        const reply = await this.askFrame(tabId, frameId).catch(() => null);
        const report = reply && reportFromState(reply);
        if (report) await this.report(tabId, frameId, report);
      }),
    );
  }

  /**
   * The frames of `tabId` whose latest scan report the badge holds, and that still answer: a frame
   * that is gone (an iframe the page removed) is forgotten, and the badge counts without it.
   */
  async reportingFrames(tabId: number): Promise<number[]> {
    await this.queue;
    const frames = Object.keys((await this.store.load())[tabId]?.frames ?? {}).map(Number);
    // The top frame is the page: while it navigates it is silent, and the next load resets it anyway.
    const answers = await Promise.all(frames.map((frameId) => frameId === 0 || this.askFrame(tabId, frameId).then(() => true, () => false)));
    const gone = frames.filter((_, i) => !answers[i]);
    if (gone.length > 0) await this.update(tabId, (state) => forgetFrames(state, tabId, gone));
    return frames.filter((_, i) => answers[i]);
  }

  removed(tabId: number): Promise<void> {
    return this.serial(async () => {
      await this.store.save(forgetTab(await this.store.load(), tabId));
    });
  }

  private update(tabId: number, change: (state: BadgeState) => BadgeState): Promise<void> {
    return this.serial(async () => {
      const state = change(await this.store.load());
      await this.store.save(state);
      await this.render(tabId, badgeLook(state, tabId));
    });
  }

  /** Reports from several frames arrive together; one read-modify-write at a time keeps every count. */
  private serial(task: () => Promise<void>): Promise<void> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async render(tabId: number, look: BadgeLook): Promise<void> {
    const isError = look.error !== null;
    const title = isError ? this.texts.error(look.error ?? '') : this.texts.count(look.count ?? 0);
    // The tab may have closed meanwhile; a badge for a missing tab is not an error worth reporting.
    await Promise.all([
      this.button.setBadgeText({ tabId, text: look.text }),
      this.button.setBadgeBackgroundColor({ tabId, color: isError ? BADGE_COLORS.error : BADGE_COLORS.count }),
      this.button.setTitle({ tabId, title }),
    ]).catch(() => undefined);
  }
}

// Per-tab badge bookkeeping as plain data, so it can be kept in session storage across
// service-worker restarts and tested without a browser.

/** The latest scan report of one frame. */
export interface FrameReport {
  count: number;
  error?: string;
}

export interface TabBadge {
  /** Reports by frameId. */
  frames: Record<string, FrameReport>;
  /** Frames that had reported before the tab started loading; asked again once it completes. */
  stale: number[];
}

/** Badge state of every tab, keyed by tabId. */
export type BadgeState = Record<string, TabBadge>;

export interface BadgeLook {
  text: string;
  /** Count of repeated blocks; null when the badge shows an error. */
  count: number | null;
  error: string | null;
}

const emptyTab = (): TabBadge => ({ frames: {}, stale: [] });

export function applyReport(state: BadgeState, tabId: number, frameId: number, report: FrameReport): BadgeState {
  const tab = state[tabId] ?? emptyTab();
  return {
    ...state,
    [tabId]: {
      frames: { ...tab.frames, [frameId]: report },
      stale: tab.stale.filter((id) => id !== frameId),
    },
  };
}

/** A navigation started: forget the counts, but remember which frames to ask again if the page survives. */
export function startLoading(state: BadgeState, tabId: number): BadgeState {
  const tab = state[tabId];
  if (!tab) return state;
  const stale = [...new Set([...tab.stale, ...Object.keys(tab.frames).map(Number)])];
  return { ...state, [tabId]: { frames: {}, stale } };
}

/** Loading finished: the frames still to ask again, and the state without them. */
export function takeStale(state: BadgeState, tabId: number): { frames: number[]; state: BadgeState } {
  const tab = state[tabId];
  if (!tab || tab.stale.length === 0) return { frames: [], state };
  return { frames: tab.stale, state: { ...state, [tabId]: { ...tab, stale: [] } } };
}

/** Frames that are gone (an iframe the page removed): their counts no longer describe the page. */
export function forgetFrames(state: BadgeState, tabId: number, frameIds: readonly number[]): BadgeState {
  const tab = state[tabId];
  if (!tab) return state;
  const frames = Object.fromEntries(Object.entries(tab.frames).filter(([id]) => !frameIds.includes(Number(id))));
  return { ...state, [tabId]: { ...tab, frames } };
}

export function forgetTab(state: BadgeState, tabId: number): BadgeState {
  const { [tabId]: _gone, ...rest } = state;
  return rest;
}

/** What the toolbar button shows for a tab: "!" if any frame's scan failed, else the summed count, else nothing. */
export function badgeLook(state: BadgeState, tabId: number): BadgeLook {
  const reports = Object.values(state[tabId]?.frames ?? {});
  const failed = reports.find((report) => report.error !== undefined);
  if (failed) return { text: '!', count: null, error: failed.error ?? '' };
  const count = reports.reduce((sum, report) => sum + report.count, 0);
  return { text: count > 0 ? String(count) : '', count, error: null };
}

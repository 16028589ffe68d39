// The first read of a page's settings, started at document_start by entrypoints/settings-prefetch.ts so
// that storage answers while the page loads, and taken over by the document_idle content script
// (src/settings.ts still decides the plan from the raw values). An extension's content scripts share
// one isolated world per frame, so the handover is a property of that world's global, keyed by a
// symbol (a page's element ids cannot shadow it); the page's own scripts never see that global.
// No imports: this module is the whole document_start script, which every frame of every page runs.

/**
 * The storage.local keys a page's plan is read from: both items and where wxt keeps their versions
 * (`key$`). src/settings.ts names its items after the first and third.
 */
export const PLAN_STORAGE_KEYS = ['settings', 'settings$', 'siteRules', 'siteRules$'] as const;

/** The part of `browser.storage.local` (or `chrome.storage.local`) the prefetch uses. */
export interface PrefetchStorage {
  get(keys: string[]): Promise<Record<string, unknown>>;
  onChanged: {
    addListener(listener: (changes: Record<string, unknown>) => void): void;
    removeListener(listener: (changes: Record<string, unknown>) => void): void;
  };
}

/** What the prefetch leaves for the content script. Times are the frame's performance.now(). */
export interface SettingsPrefetch {
  /** When the document_start script started, and when its synchronous run ended. */
  startedAt: number;
  ranUntil: number;
  /** The raw stored values by key (absent keys missing); rejects when storage could not be read. */
  values: Promise<Record<string, unknown>>;
  /** When storage answered, once it has. */
  answeredAt: number | null;
  /** One of the keys changed after the read began, so the values may be older than storage. */
  stale: boolean;
}

interface Slot {
  prefetch: SettingsPrefetch;
  stopWatching(): void;
}

const SLOT = Symbol.for('paradedup.settings-prefetch');

type Scope = { [SLOT]?: Slot };

/** Starts reading the plan's keys and leaves the read on `scope` for takeSettingsPrefetch. */
export function startSettingsPrefetch(area: PrefetchStorage, now: () => number, scope: object = globalThis): void {
  const startedAt = now();
  // Listening before reading: a change landing after storage answered would otherwise go unseen.
  const onChanged = (changes: Record<string, unknown>) => {
    if (PLAN_STORAGE_KEYS.some((key) => key in changes)) prefetch.stale = true;
  };
  area.onChanged.addListener(onChanged);
  const stopWatching = () => area.onChanged.removeListener(onChanged);
  let values: Promise<Record<string, unknown>>;
  try {
    values = area.get([...PLAN_STORAGE_KEYS]);
    // A browser whose get takes a callback instead returns nothing here: no prefetch, then.
    if (typeof values?.then !== 'function') throw new TypeError('storage.local.get returned no promise');
  } catch (error) {
    stopWatching();
    throw error;
  }
  const prefetch: SettingsPrefetch = { startedAt, ranUntil: startedAt, values, answeredAt: null, stale: false };
  values.then(
    () => (prefetch.answeredAt = now()),
    () => undefined,
  );
  (scope as Scope)[SLOT] = { prefetch, stopWatching };
  prefetch.ranUntil = now();
}

/**
 * The prefetched read, once: later reads must go to storage. Call it only once the caller follows
 * storage changes itself, since from here on the prefetch no longer notices them.
 */
export function takeSettingsPrefetch(scope: object = globalThis): SettingsPrefetch | null {
  const slot = (scope as Scope)[SLOT];
  if (!slot) return null;
  delete (scope as Scope)[SLOT];
  try {
    slot.stopWatching();
  } catch {
    // An extension context that is going away: nothing is listening any more either.
  }
  return slot.prefetch;
}

// Watches a living page for added, changed and removed content, and hands the controller debounced
// batches of changes. ParaDedup's own DOM writes run inside `pause()`, so they never come back as changes.
import { isOwnElement } from './dom-contract';

/** What changed since the last batch. Nodes are deduplicated; order carries no meaning. */
export interface PageChanges {
  /** Inserted nodes. */
  added: Node[];
  /** Removed nodes (they may have been inserted again elsewhere). */
  removed: Node[];
  /** Elements whose own children or text changed. */
  touched: Element[];
  /** Elements shown or hidden (a `hidden` attribute set or taken off, or CSS that changed: see visibility.ts), or made editable or not. */
  toggled: Element[];
}

/** A batch: the changes, or a storm too big to take piece by piece (the controller rescans the page). */
export type ChangeBatch = { kind: 'changes'; changes: PageChanges } | { kind: 'storm' };

export interface ObserverTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ObserverOptions {
  /** Quiet time before a batch is handed over: a page that inserts an article node by node gives one batch. */
  debounceMs: number;
  /** A page that never stops mutating (tickers, clocks) still gets a batch at least this often. */
  maxWaitMs: number;
  /** Above this many mutation records in one batch, a full rescan is cheaper than following each one. */
  stormThreshold: number;
}

export const OBSERVER_DEFAULTS: ObserverOptions = { debounceMs: 250, maxWaitMs: 1500, stormThreshold: 5000 };

// `hidden` shows or hides a subtree without any change to its nodes (a "read more" that reveals the rest),
// as `open` does a dialog's; `contenteditable` hands one to the user (an edit button), or back, and an
// editable region is never read.
const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true, attributeFilter: ['hidden', 'open', 'contenteditable'] };

/** True for records that only move ParaDedup's own elements around. */
function isOwnRecord(record: MutationRecord): boolean {
  if (record.type !== 'childList') return false;
  const nodes = [...Array.from(record.addedNodes), ...Array.from(record.removedNodes)];
  return nodes.length > 0 && nodes.every(isOwnElement);
}

/** Turns raw mutation records, and elements shown or hidden by CSS, into deduplicated change lists. */
export function summarize(records: readonly MutationRecord[], shownOrHidden: Iterable<Element> = []): PageChanges {
  const added = new Set<Node>();
  const removed = new Set<Node>();
  const touched = new Set<Element>();
  const toggled = new Set<Element>(shownOrHidden);
  for (const record of records) {
    if (isOwnRecord(record)) continue;
    if (record.type === 'attributes') {
      toggled.add(record.target as Element);
      continue;
    }
    if (record.type === 'characterData') {
      const parent = record.target.parentElement;
      if (parent) touched.add(parent);
      continue;
    }
    if (record.target.nodeType === 1) touched.add(record.target as Element);
    record.addedNodes.forEach((node) => added.add(node));
    record.removedNodes.forEach((node) => removed.add(node));
  }
  return { added: [...added], removed: [...removed], touched: [...touched], toggled: [...toggled] };
}

export class ChangeObserver {
  private readonly observer: MutationObserver;
  private readonly roots = new Set<Node>();
  private records: MutationRecord[] = [];
  /** Elements CSS showed or hid, reported by the visibility watch. */
  private toggled = new Set<Element>();
  private storm = false;
  private firstPendingAt: number | null = null;
  private timer: unknown = null;
  private busy = false;
  private running = false;

  constructor(
    MutationObserverImpl: typeof MutationObserver,
    private readonly timers: ObserverTimers,
    private readonly onBatch: (batch: ChangeBatch) => Promise<void>,
    private readonly options: ObserverOptions = OBSERVER_DEFAULTS,
  ) {
    this.observer = new MutationObserverImpl((records) => this.collect(records));
  }

  /** Starts watching `root` (the document, or an open shadow root holding page content). */
  observe(root: Node): void {
    if (this.roots.has(root)) return;
    this.roots.add(root);
    if (this.running) this.observer.observe(root, OBSERVE);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    for (const root of this.roots) this.observer.observe(root, OBSERVE);
  }

  /** Stops watching and drops whatever was pending. */
  stop(): void {
    this.running = false;
    this.observer.disconnect();
    this.reset();
  }

  /** Forgets pending changes (after a full rescan they are already reflected). */
  reset(): void {
    this.records = [];
    this.toggled = new Set();
    this.storm = false;
    this.firstPendingAt = null;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Runs our own DOM writes unobserved; page changes that were already queued are kept. */
  pause<T>(write: () => T): T {
    if (!this.running) return write();
    this.collect(this.observer.takeRecords());
    this.observer.disconnect();
    try {
      return write();
    } finally {
      for (const root of this.roots) this.observer.observe(root, OBSERVE);
    }
  }

  /** Takes elements CSS showed or hid into the next batch, as if the page had changed them. */
  noteToggled(elements: readonly Element[]): void {
    if (!this.running) return;
    for (const el of elements) this.toggled.add(el);
    this.firstPendingAt ??= this.timers.now();
    this.schedule();
  }

  private collect(records: MutationRecord[]): void {
    if (records.length === 0 || !this.running) return;
    if (!this.storm) {
      // Past the threshold the records themselves are dropped: a storm is answered by one full rescan.
      if (this.records.length + records.length > this.options.stormThreshold) {
        this.storm = true;
        this.records = [];
      } else {
        // A loop, not a spread: a batch can hold more records than a call has room for arguments.
        for (const record of records) this.records.push(record);
      }
    }
    this.firstPendingAt ??= this.timers.now();
    this.schedule();
  }

  private schedule(): void {
    if (this.busy) return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    const waited = this.timers.now() - (this.firstPendingAt ?? this.timers.now());
    const delay = Math.max(0, Math.min(this.options.debounceMs, this.options.maxWaitMs - waited));
    this.timer = this.timers.setTimeout(() => void this.flush(), delay);
  }

  private async flush(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    const records = this.records;
    const toggled = this.toggled;
    const storm = this.storm;
    this.records = [];
    this.toggled = new Set();
    this.storm = false;
    this.firstPendingAt = null;
    this.busy = true;
    try {
      await this.onBatch(storm ? { kind: 'storm' } : { kind: 'changes', changes: summarize(records, toggled) });
    } catch {
      // The handler reports its own failures; a rejected batch must not become an unhandled rejection.
    } finally {
      this.busy = false;
      // Changes that arrived while the batch was being handled get their own batch.
      if (this.running && (this.records.length > 0 || this.toggled.size > 0 || this.storm)) {
        this.firstPendingAt ??= this.timers.now();
        this.schedule();
      }
    }
  }
}

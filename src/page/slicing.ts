// Cooperative time slicing: long page work runs in short slices so the page never janks
// (no task of ours should come near the 50 ms long-task mark).

export interface Clock {
  now(): number;
  /** Resolves on a later task, letting the page run in between. */
  yield(): Promise<void>;
}

/** Work per slice; well under the 50 ms long-task threshold, leaving room for one slow item. */
export const SLICE_MS = 8;

/**
 * The real clock of a window. Yields go through a private MessageChannel: like a 0 ms timeout, the
 * page's own queued tasks (timers, network callbacks, input) run first, but without the 4 ms clamp
 * nested timeouts get. Not scheduler.yield(): its continuations jump ahead of the page's tasks,
 * which starves the page's timers for the whole length of a long scan.
 */
export function windowClock(win: Window & typeof globalThis): Clock {
  const perf = win.performance ?? performance;
  const waiting: (() => void)[] = [];
  let channel: MessageChannel | null = null;
  const wake = () => waiting.shift()?.();
  return {
    now: () => perf.now(),
    yield: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        if (!channel) {
          channel = new win.MessageChannel();
          channel.port1.onmessage = wake;
        }
        channel.port2.postMessage(null);
      }),
  };
}

/** Thrown out of sliced work when its scan was superseded (new route, new settings, stop). */
export class Superseded extends Error {
  constructor() {
    super('superseded');
    this.name = 'Superseded';
  }
}

/**
 * The time budget of one piece of sliced work, shared by all its phases: work checks `spent()` between
 * items and calls `yield()` only then, since every yield costs a task turnaround (and, after DOM
 * writes, a rendered frame).
 */
export class Slicer {
  /** `sliceStart`: when the current slice began (now, unless it continues another's); `budgetMs`: a slice's time. */
  constructor(
    private readonly clock: Clock,
    private readonly stillWanted: () => boolean,
    private sliceStart = clock.now(),
    private readonly budgetMs = SLICE_MS,
  ) {}

  /** True once the current slice has used its budget. */
  spent(): boolean {
    return this.clock.now() - this.sliceStart >= this.budgetMs;
  }

  /** The same work with another budget per slice; the current slice keeps the time it has used. */
  withBudget(budgetMs: number): Slicer {
    return new Slicer(this.clock, this.stillWanted, this.sliceStart, budgetMs);
  }

  /** Yields first when half the slice's budget is used: work that is costly to split then gets room to finish. */
  async yieldIfHalfSpent(): Promise<void> {
    if (this.clock.now() - this.sliceStart >= this.budgetMs / 2) await this.yield();
  }

  /** Lets the page run, then starts a new slice. Throws Superseded once the work is no longer wanted. */
  async yield(): Promise<void> {
    await this.clock.yield();
    if (!this.stillWanted()) throw new Superseded();
    this.sliceStart = this.clock.now();
  }
}

/** Runs a slice's synchronous work, e.g. with the mutation observer paused around it. */
export type SliceWrapper = (slice: () => void) => void;

const runDirectly: SliceWrapper = (slice) => slice();

/**
 * Runs `work` on every item, yielding whenever `slicer`'s budget is spent, or once `work` has returned
 * true for `maxCountedPerSlice` items of the slice (those that wrote to the page, say). Each slice
 * runs inside `wrap`.
 */
export async function forEachSliced<T>(
  items: Iterable<T>,
  work: (item: T) => boolean | void,
  slicer: Slicer,
  wrap: SliceWrapper = runDirectly,
  maxCountedPerSlice = Infinity,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  let done = false;
  while (!done) {
    wrap(() => {
      let counted = 0;
      for (;;) {
        const next = iterator.next();
        if (next.done) {
          done = true;
          return;
        }
        if (work(next.value) === true && ++counted >= maxCountedPerSlice) return;
        if (slicer.spent()) return;
      }
    });
    if (done) return;
    await slicer.yield();
  }
}

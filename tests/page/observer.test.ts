import { parseHTML } from 'linkedom';
import { describe, expect, test } from 'vitest';
import { changedScopes } from '../../src/page/change-scopes';
import { ChangeObserver, summarize, type ChangeBatch, type ObserverOptions, type ObserverTimers } from '../../src/page/observer';

/** A MutationObserver whose records the test hands in; delivery is immediate, as after a microtask. */
class FakeMutationObserver {
  static last: FakeMutationObserver;
  observing = false;
  private queued: MutationRecord[] = [];

  constructor(private readonly callback: MutationCallback) {
    FakeMutationObserver.last = this;
  }

  observe(): void {
    this.observing = true;
  }

  disconnect(): void {
    this.observing = false;
  }

  takeRecords(): MutationRecord[] {
    return this.queued.splice(0);
  }

  /** A page mutation: queued (as before the observer's microtask), or lost while disconnected. */
  queue(...records: MutationRecord[]): void {
    if (this.observing) this.queued.push(...records);
  }

  deliver(): void {
    const records = this.takeRecords();
    if (records.length > 0) this.callback(records, this as unknown as MutationObserver);
  }

  /** One delivery of `records`, however many: a page can make more in one task than a call takes arguments. */
  deliverAtOnce(records: MutationRecord[]): void {
    if (this.observing) this.callback(records, this as unknown as MutationObserver);
  }
}

class FakeTimers implements ObserverTimers {
  private time = 0;
  private nextId = 1;
  private readonly tasks = new Map<number, { at: number; run: () => void }>();

  now = () => this.time;

  setTimeout = (run: () => void, ms: number) => {
    const id = this.nextId++;
    this.tasks.set(id, { at: this.time + ms, run });
    return id;
  };

  clearTimeout = (id: unknown) => {
    this.tasks.delete(id as number);
  };

  /** Moves the clock on, running every timer that falls due (and the promises they start). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.tasks.entries()].filter(([, task]) => task.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.tasks.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
    this.time = end;
  }
}

const { document } = parseHTML('<html><body><article><p id="a">Hello</p></article></body></html>');

function record(type: 'childList' | 'characterData' | 'attributes', target: Node, added: Node[] = [], removed: Node[] = []): MutationRecord {
  return { type, target, addedNodes: added, removedNodes: removed } as unknown as MutationRecord;
}

const OPTIONS: ObserverOptions = { debounceMs: 250, maxWaitMs: 1000, stormThreshold: 10 };

function setup(handler?: (batch: ChangeBatch) => Promise<void>, options: ObserverOptions = OPTIONS) {
  const timers = new FakeTimers();
  const batches: ChangeBatch[] = [];
  const observer = new ChangeObserver(
    FakeMutationObserver as unknown as typeof MutationObserver,
    timers,
    handler ?? (async (batch) => void batches.push(batch)),
    options,
  );
  observer.observe(document);
  observer.start();
  const mo = FakeMutationObserver.last;
  const mutate = (...records: MutationRecord[]) => {
    mo.queue(...records);
    mo.deliver();
  };
  return { timers, batches, observer, mo, mutate };
}

describe('ChangeObserver', () => {
  test('a burst of mutations becomes one batch once the page has been quiet for the debounce time', async () => {
    const { timers, batches, mutate } = setup();
    const article = document.querySelector('article')!;
    const p1 = document.createElement('p');
    const p2 = document.createElement('p');
    mutate(record('childList', article, [p1]));
    await timers.advance(200);
    mutate(record('childList', article, [p2]));
    await timers.advance(200);
    expect(batches).toHaveLength(0);
    await timers.advance(60);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual({ kind: 'changes', changes: { added: [p1, p2], removed: [], touched: [article], toggled: [] } });
  });

  test('elements CSS showed or hid come in the same batch as the page\'s own changes', async () => {
    const { timers, batches, observer, mutate } = setup();
    const article = document.querySelector('article')!;
    const p = document.createElement('p');
    const shown = document.querySelector('#a')!;
    mutate(record('childList', article, [p]));
    observer.noteToggled([shown]);
    observer.noteToggled([shown]);
    await timers.advance(OPTIONS.debounceMs);
    expect(batches).toEqual([{ kind: 'changes', changes: { added: [p], removed: [], touched: [article], toggled: [shown] } }]);
  });

  test('elements shown or hidden alone make a batch of their own, and none once stopped', async () => {
    const { timers, batches, observer } = setup();
    const shown = document.querySelector('#a')!;
    observer.noteToggled([shown]);
    await timers.advance(OPTIONS.debounceMs);
    expect(batches).toEqual([{ kind: 'changes', changes: { added: [], removed: [], touched: [], toggled: [shown] } }]);
    observer.stop();
    observer.noteToggled([shown]);
    await timers.advance(OPTIONS.maxWaitMs);
    expect(batches).toHaveLength(1);
  });

  test('a page that never stops mutating still gets a batch within the maximum wait', async () => {
    const { timers, batches, mutate } = setup();
    const text = document.querySelector('#a')!.firstChild!;
    for (let i = 0; i < 12 && batches.length === 0; i++) {
      mutate(record('characterData', text));
      await timers.advance(100);
    }
    expect(batches).toHaveLength(1);
    expect(timers.now()).toBeLessThanOrEqual(OPTIONS.maxWaitMs + 100);
  });

  test('above the storm threshold the batch asks for one full rescan instead', async () => {
    const { timers, batches, mutate } = setup();
    const article = document.querySelector('article')!;
    for (let i = 0; i <= OPTIONS.stormThreshold; i++) mutate(record('childList', article, [document.createElement('p')]));
    await timers.advance(OPTIONS.debounceMs);
    expect(batches).toEqual([{ kind: 'storm' }]);
  });

  test('a delivery of more records than a call takes arguments is still one batch, or one storm past the threshold', async () => {
    const article = document.querySelector('article')!;
    const added = document.createElement('p');
    const many = Array.from({ length: 300_000 }, () => record('childList', article, [added]));
    for (const stormThreshold of [1_000_000, 10]) {
      const { timers, batches, mo } = setup(undefined, { ...OPTIONS, stormThreshold });
      mo.deliverAtOnce(many);
      await timers.advance(OPTIONS.debounceMs);
      expect(batches).toHaveLength(1);
      expect(batches[0].kind).toBe(stormThreshold === 10 ? 'storm' : 'changes');
    }
  });

  test("pause keeps the page's queued changes but never sees our own writes", async () => {
    const { timers, batches, observer, mo } = setup();
    const article = document.querySelector('article')!;
    const pages = document.createElement('p');
    const ours = document.createElement('p');
    mo.queue(record('childList', article, [pages]));
    observer.pause(() => mo.queue(record('childList', article, [ours])));
    mo.deliver();
    await timers.advance(OPTIONS.debounceMs);
    expect(batches).toHaveLength(1);
    expect(batches[0].kind === 'changes' && batches[0].changes.added).toEqual([pages]);
  });

  test('changes arriving while a batch is handled come in the next batch, not in parallel', async () => {
    let release!: () => void;
    const seen: ChangeBatch[] = [];
    const { timers, mutate } = setup((batch) => {
      seen.push(batch);
      return seen.length === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
    });
    const article = document.querySelector('article')!;
    const p1 = document.createElement('p');
    const p2 = document.createElement('p');
    mutate(record('childList', article, [p1]));
    await timers.advance(OPTIONS.debounceMs);
    mutate(record('childList', article, [p2]));
    await timers.advance(OPTIONS.maxWaitMs * 2);
    expect(seen).toHaveLength(1);
    release();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    await timers.advance(OPTIONS.debounceMs);
    expect(seen).toHaveLength(2);
    expect(seen[1].kind === 'changes' && seen[1].changes.added).toEqual([p2]);
  });

  test('stop drops pending changes', async () => {
    const { timers, batches, observer, mutate } = setup();
    mutate(record('childList', document.body, [document.createElement('p')]));
    observer.stop();
    await timers.advance(OPTIONS.maxWaitMs);
    expect(batches).toHaveLength(0);
  });
});

describe('summarize', () => {
  test('deduplicates nodes, and skips records that only move our own elements', () => {
    const article = document.querySelector('article')!;
    const p = document.createElement('p');
    const fold = document.createElement('paradedup-fold');
    const text = document.querySelector('#a')!.firstChild!;
    const changes = summarize([
      record('childList', article, [p]),
      record('childList', article, [p]),
      record('childList', article, [fold]),
      record('characterData', text),
    ]);
    expect(changes.added).toEqual([p]);
    expect(changes.touched).toEqual([article, document.querySelector('#a')]);
  });

  test('a hidden attribute set or taken off toggles its element', () => {
    const article = document.querySelector('article')!;
    const other = document.querySelector('#a')!;
    const changes = summarize([record('attributes', article), record('attributes', article)], [other]);
    expect(changes.toggled).toEqual([other, article]);
    expect(changes.touched).toEqual([]);
  });
});

describe('changedScopes', () => {
  function page(body: string) {
    const { document: doc } = parseHTML(`<html><body>${body}</body></html>`);
    const tracked = new Set<Element>();
    return { doc, tracked, holds: (el: Element) => tracked.has(el) };
  }

  test('a paragraph added to an article is its own scope: the article is not read again', () => {
    const { doc, tracked, holds } = page('<article><p>One.</p></article>');
    tracked.add(doc.querySelector('p')!);
    const p = doc.createElement('p');
    p.textContent = 'Two.';
    doc.querySelector('article')!.append(p);
    const article = doc.querySelector('article')!;
    expect(changedScopes({ added: [p], removed: [], touched: [article], toggled: [] }, holds)).toEqual([p]);
  });

  test('edited text re-reads the paragraph that holds it', () => {
    const { doc, tracked, holds } = page('<article><p>One <b>bold</b> word.</p></article>');
    const p = doc.querySelector('p')!;
    tracked.add(p);
    const b = doc.querySelector('b')!;
    expect(changedScopes({ added: [], removed: [], touched: [b], toggled: [] }, holds)).toEqual([p]);
  });

  test('text added to a container of <br> runs re-reads the container', () => {
    const { doc, tracked, holds } = page('<div>One.<br><br>Two.</div>');
    const div = doc.querySelector('div')!;
    tracked.add(div);
    const text = doc.createTextNode('Three.');
    div.append(text);
    expect(changedScopes({ added: [text], removed: [], touched: [div], toggled: [] }, holds)).toEqual([div]);
  });

  test('scopes inside other scopes are dropped', () => {
    const { doc, holds } = page('<main></main>');
    const section = doc.createElement('section');
    const p = doc.createElement('p');
    p.textContent = 'Inside.';
    section.append(p);
    doc.querySelector('main')!.append(section);
    expect(changedScopes({ added: [section, p], removed: [], touched: [], toggled: [] }, holds)).toEqual([section]);
  });

  test('an element shown is read as if inserted; one hidden inside a container of runs re-reads the container', () => {
    const { doc, tracked, holds } = page('<article><p>One.</p><section><p>Two.</p><p>Three.</p></section></article><div>Run.<br><br><span hidden>Gone.</span></div>');
    tracked.add(doc.querySelector('p')!);
    const section = doc.querySelector('section')!;
    const div = doc.querySelector('div')!;
    tracked.add(div);
    const span = doc.querySelector('span')!;
    expect(changedScopes({ added: [], removed: [], touched: [], toggled: [section, span] }, holds)).toEqual([section, div]);
  });

  test('an element hidden by its hidden attribute is not read again', () => {
    const { doc, holds } = page('<article><section hidden><p>Two.</p></section></article>');
    const section = doc.querySelector('section')!;
    expect(changedScopes({ added: [], removed: [], touched: [], toggled: [section] }, holds)).toEqual([]);
  });

  test('changes inside editable regions are never followed', () => {
    const { doc, holds } = page('<div contenteditable="true"><p>Typed.</p></div>');
    const p = doc.createElement('p');
    p.textContent = 'More typing.';
    doc.querySelector('[contenteditable]')!.append(p);
    expect(changedScopes({ added: [p], removed: [], touched: [doc.querySelector('[contenteditable]')!], toggled: [] }, holds)).toEqual([]);
  });

  test('a change inside our mark re-reads the page paragraph around it, never the mark', () => {
    const { doc, tracked, holds } = page('<p>New. <paradedup-mark>Old sentence.</paradedup-mark></p>');
    const p = doc.querySelector('p')!;
    tracked.add(p);
    const mark = doc.querySelector('paradedup-mark')!;
    expect(changedScopes({ added: [], removed: [], touched: [mark], toggled: [] }, holds)).toEqual([p]);
  });
});

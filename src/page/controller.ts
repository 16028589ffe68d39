// One frame's ParaDedup: reads the site's settings, scans the page's blocks with the engine, shows
// the repeats in the chosen mode, keeps up with a living page, and answers the popup.
// Every entry point catches its errors: a failure is reported ("Scan failed: …"), never thrown at the page.
import { analysesRunInWasm, DEFAULT_OPTIONS, DedupIndex, hasChangedWords, isExcerpt, isSimilarCopy, safeCut, wordsIn, type BlockResult, type WordChanges, type EngineOptions, type Group } from '../engine';
import type { GroupSummary, PageMode, PageState, ScanState, ToBackground } from '../messages';
import type { PagePlan } from '../settings';
import { Annotator, type BlockAnnotation } from './annotate';
import { BlockRegistry, type TrackedBlock } from './block-registry';
import { iterateBlocks, type PageBlock } from './blocks';
import { changedScopes } from './change-scopes';
import { ChangedWords } from './changed-words';
import { ATTR_STATUS, FOLD_TAG, TINT_COUNT } from './dom-contract';
import { Flasher, scrollToElement, scrollToNodes } from './flash';
import { HighlightPainter } from './highlights';
import { askFrameAfterLoad } from './load-frame';
import { parseToContent } from './message-guard';
import { ChangeObserver, OBSERVER_DEFAULTS, type ChangeBatch, type ObserverOptions, type ObserverTimers, type PageChanges } from './observer';
import { OwnBackgrounds } from './own-background';
import { RouteWatcher } from './route-watcher';
import { CLASSIFIED_MARK, DONE_MARK, JAVASCRIPT_ANALYZER_MARK, READ_MARK, SCAN_MEASURE, WASM_ANALYZER_MARK, mark } from './scan-marks';
import { SLICE_MS, Slicer, Superseded, forEachSliced, windowClock, type Clock } from './slicing';
import { preloadStrings, t } from './strings';
import { ELEMENT_NODE, contentChildren } from './tree';
import { VisibilityWatch } from './visibility';

/** Where the controller gets the site's settings from (src/settings.ts in the extension). */
export interface PlanSource {
  load(hostname: string): Promise<PagePlan>;
  watch(hostname: string, onChange: (plan: PagePlan) => void): () => void;
}

export interface ControllerEnv {
  win: Window & typeof globalThis;
  plans: PlanSource;
  /** Sends a message to the background; must not throw. */
  report(message: ToBackground): void;
  /** False once the extension is gone (updated or removed): the controller then goes quiet. */
  alive?: () => boolean;
  clock?: Clock;
  timers?: ObserverTimers;
  observer?: ObserverOptions;
}

/** Wait before the second full rescan of a mutation storm in a row; doubles for each further one. */
const STORM_BACKOFF_MS = 500;
const STORM_BACKOFF_MAX_MS = 30_000;

/** A batch taking out annotations this soon after they were shown, and putting the same text back, is the page undoing them. */
const UNDO_WINDOW_MS = 1500;
/** Wait before answering the second such batch in a row; doubles for each further one. */
const UNDO_BACKOFF_MS = 1000;
const UNDO_BACKOFF_MAX_MS = 60_000;
/** Removed nodes looked into for our annotations: enough to tell a page that undoes them, at a bounded cost. */
const UNDO_CHECKED_NODES = 64;

/**
 * Slice budget for rendering annotations: after each slice the browser restyles and repaints the page,
 * so annotations come in few, longer slices (still far from 50 ms, with room for a garbage collection).
 */
const RENDER_SLICE_MS = 3 * SLICE_MS;

/**
 * Blocks whose annotation a render slice may write, at most. The browser restyles each in the frame
 * after the slice, about 25 µs apiece with our rules (Chromium, a 10,000-paragraph page): once the JIT
 * was warm a slice wrote about 1,000, and that frame's restyle alone took 24-33 ms.
 */
const RENDER_SLICE_BLOCKS = 400;

/**
 * Slice budget for annotation changes that add or remove nodes. Each such slice is followed by a layout
 * of the whole page, which on a long page costs more than the slice: better one longer slice than two.
 */
const WHOLE_PAGE_SLICE_MS = 5 * SLICE_MS;

/**
 * A page with at most this much paragraph text is read in one slice of up to RENDER_SLICE_MS: even
 * before the JIT warms up (about 1 µs a character) it mostly fits. The page then gets all its
 * annotations in one frame, instead of being painted between slices with its repeats still unfolded.
 */
const SMALL_PAGE_CHARS = 20_000;

/**
 * Longer blocks are not paragraphs but dumps, logs or whole texts poured into one element: nobody
 * reads them as repeated paragraphs, and fingerprinting one would hold the page up for a long time.
 */
const MAX_BLOCK_CHARS = 50_000;

/** A block the engine compares: anything up to a very long paragraph. */
function comparable(block: PageBlock): boolean {
  return block.text.length <= MAX_BLOCK_CHARS;
}

function isSmallPage(blocks: readonly PageBlock[]): boolean {
  let chars = 0;
  for (const block of blocks) {
    chars += block.text.length;
    if (chars > SMALL_PAGE_CHARS) return false;
  }
  return true;
}

/** Most blocks indexed between two classification passes of a full scan (see fullScan). */
const CLASSIFY_EVERY = 32;

/** The page's blocks read while the first plan loads, and the part of them indexed meanwhile (see indexAhead). */
interface ReadAhead {
  blocks: PageBlock[];
  /** The first `indexed` blocks, the comparable ones tracked in `registry` and set in `index` with the engine's default options. */
  registry: BlockRegistry;
  index: DedupIndex;
  indexed: number;
  /** Small enough to be read and annotated in one slice (see SMALL_PAGE_CHARS). */
  small: boolean;
}

function sameEngineOptions(a: EngineOptions, b: EngineOptions): boolean {
  return a.strictness === b.strictness && a.minBlockChars === b.minBlockChars;
}

/** A near copy that is part of its original, word for word (a pull quote): see `isExcerpt`. */
function isExcerptCopy(words: (WordChanges & { original: string }) | null): boolean {
  return words !== null && isExcerpt(words.original, words);
}

/** Characters of a canonical block shown in the popup's list. */
const LIST_SNIPPET_CHARS = 80;
/** Characters quoted in a repeat's tooltip. */
const TITLE_SNIPPET_CHARS = 60;

/** What a repeat's tooltip says of the block it repeats: its place among the page's paragraphs and its start. */
interface TitleParts {
  place: number;
  snippet: string;
}

/** The first `max` characters of a text, with an ellipsis when cut between whole characters as a reader sees them (see `safeCut`). */
export function snippetOf(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = safeCut(text, max - 1);
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Words for a failure, never empty: the badge's "!" comes with a reason. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return typeof error === 'string' && error ? error : 'unknown error';
}

export class PageController {
  private readonly win: Window & typeof globalThis;
  private readonly doc: Document;
  private readonly hostname: string;
  private readonly clock: Clock;
  private readonly annotator: Annotator;
  private readonly observer: ChangeObserver;
  private readonly routes: RouteWatcher;
  private readonly flasher = new Flasher();
  private readonly visibility: VisibilityWatch;
  private readonly backgrounds = new OwnBackgrounds();
  private registry = new BlockRegistry();

  private plan: PagePlan | null = null;
  private mode: PageMode = 'off';
  private scan: ScanState = { status: 'scanning' };
  private index = new DedupIndex();
  private groups: Group[] = [];
  private results = new Map<number, BlockResult>();
  /** Blocks in `results` that are duplicates, and partial repeats. */
  private duplicates = 0;
  private partials = 0;
  /** The group each grouped block is shown with. */
  private groupOf = new Map<number, number>();
  /** Each canonical block's place among the page's paragraphs (`placeOf`) that its tooltips last named. */
  private titlePlaces = new Map<number, number>();
  private readonly changedWords = new ChangedWords();
  private readonly expanded = new Set<number>();
  /** Repeats whose placeholder the page took out (a framework re-rendering its own nodes): shown, never folded again until asked. */
  private readonly foldsTaken = new Set<number>();
  /** Bumped whenever earlier work stops being wanted (new route, new settings, stop). */
  private generation = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private lastCount: number | null = null;
  /** Storm batches in a row: each waits longer before its full rescan. */
  private storms = 0;
  /** Batches in a row that took out annotations just shown (a page that undoes changes made to it): each waits longer. */
  private undone = 0;
  private lastShownAt = Number.NEGATIVE_INFINITY;
  /** Whether the page was in designMode at the last batch: switching it makes the whole page the user's, or gives it back. */
  private designMode = false;
  private unwatchPlan: (() => void) | null = null;
  private stopped = false;
  /** The first full scan's end has been marked (DONE_MARK). */
  private doneMarked = false;
  /** A frame after the load event has been asked for (see load-frame.ts). */
  private loadFrameAsked = false;
  /** The page's blocks, read and indexed while the first plan loads; the first full scan takes them (see start). */
  private readAhead: Promise<ReadAhead | null> | null = null;
  /** Bumped to stop a read-ahead that is no longer wanted. */
  private readAheadId = 0;
  /** Page changes reported before the first plan: they came after the read-ahead, so they follow the first scan. */
  private heldBatches: ChangeBatch[] = [];

  constructor(private readonly env: ControllerEnv) {
    this.win = env.win;
    this.doc = env.win.document;
    this.hostname = env.win.location.hostname;
    this.clock = env.clock ?? windowClock(env.win);
    const timers: ObserverTimers = env.timers ?? {
      now: () => this.clock.now(),
      setTimeout: (run, ms) => this.win.setTimeout(run, ms),
      clearTimeout: (handle) => this.win.clearTimeout(handle as number),
    };
    const folds = {
      toggle: (key: number) => void this.guard(() => this.toggleFold(key), undefined),
      goToFirst: (key: number) => void this.guard(() => this.goToFirst(key), undefined),
    };
    this.annotator = new Annotator(this.doc, folds, HighlightPainter.of(this.win));
    this.observer = new ChangeObserver(
      this.win.MutationObserver,
      timers,
      (batch) => this.guard(() => this.onBatch(batch), undefined),
      env.observer ?? OBSERVER_DEFAULTS,
    );
    this.visibility = new VisibilityWatch(this.win, (elements) => this.observer.noteToggled(elements));
    this.routes = new RouteWatcher(this.win, () => this.onRouteChange());
  }

  /** Reads the settings and scans; from then on follows settings, route and DOM changes. */
  async start(): Promise<void> {
    await this.guard(async () => {
      this.unwatchPlan = this.env.plans.watch(this.hostname, (plan) => void this.guard(() => this.onPlan(plan), undefined));
      this.routes.start();
      const plan = this.env.plans.load(this.hostname);
      // Reading the page and our strings needs no settings: both go on while storage answers, when the page would otherwise wait.
      preloadStrings();
      this.readAhead = this.readAheadOfPlan();
      const planned = this.onPlan(await plan);
      // The first scan is queued by now: changes held back meanwhile are taken in after it.
      const held = this.heldBatches;
      this.heldBatches = [];
      for (const batch of held) void this.guard(() => this.onBatch(batch), undefined);
      await planned;
    }, undefined);
  }

  /** Stops following the page; annotations stay as they are. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.dropReadAhead();
    this.observer.stop();
    this.visibility.clear();
    this.routes.stop();
    this.unwatchPlan?.();
    this.unwatchPlan = null;
  }

  state(): PageState {
    return { hostname: this.hostname, mode: this.mode, scan: this.scanState() };
  }

  /** Answers a message from the popup or background; undefined for anything that isn't one of ours. */
  handle(message: unknown): Promise<unknown> | undefined {
    const request = parseToContent(message);
    if (!request || this.stopped) return undefined;
    switch (request.type) {
      case 'get-state':
        // A failure while building the state turns it into a failed state, which still answers.
        return this.guard(async () => this.state(), null).then((state) => state ?? this.state());
      case 'set-mode':
        return this.guard(() => this.setMode(request.mode), undefined).then(() => this.state());
      case 'jump':
        return this.guard(() => this.jump(request.group, request.member), false);
    }
  }

  // ---- settings, routes, modes -------------------------------------------------------------

  private async onPlan(plan: PagePlan): Promise<void> {
    const previous = this.plan;
    this.plan = plan;
    if (!plan.scan) {
      // A scan still running stops at its next slice, before disable() gets its turn.
      this.generation++;
      if (this.scan.status !== 'disabled') await this.serial(() => this.disable());
      return;
    }
    // Asked once a scan is planned, not before: a never-scan site gets nothing from us.
    if (!this.loadFrameAsked) {
      this.loadFrameAsked = true;
      askFrameAfterLoad(this.win);
    }
    const engineChanged =
      !previous || previous.engine.strictness !== plan.engine.strictness || previous.engine.minBlockChars !== plan.engine.minBlockChars;
    if (!previous || !previous.scan || engineChanged || this.scan.status === 'disabled') {
      this.mode = plan.mode;
      await this.rescan();
    } else if (previous.mode !== plan.mode) {
      // Auto-collapse was switched for this site: the page follows at once.
      await this.setMode(plan.mode);
    }
  }

  private onRouteChange(): void {
    if (!this.isAlive() || !this.plan?.scan) return;
    // A new view starts from the site's mode, with nothing expanded.
    this.mode = this.plan.mode;
    // Blocks read ahead are the old view's.
    this.dropReadAhead();
    void this.guard(() => this.rescan(), undefined);
  }

  private async setMode(mode: PageMode): Promise<void> {
    if (this.scan.status === 'disabled') return;
    this.mode = mode;
    this.expanded.clear();
    this.foldsTaken.clear();
    // Copies the page made since its last batch would outlive our annotations, and with them the list of what is ours.
    if (mode === 'off') this.observer.pause(() => this.scrubCopies([this.doc]));
    const rerender = () => this.serial(() => this.render(this.registry.keys()));
    if (this.scan.status === 'ready') await rerender();
    // A scan still running renders in the new mode from here on; what it already showed is redone after it.
    else if (this.scan.status === 'scanning') void this.guard(rerender, undefined);
  }

  private async disable(): Promise<void> {
    this.generation++;
    this.dropReadAhead();
    this.observer.stop();
    this.visibility.clear();
    this.observer.pause(() => {
      this.flasher.cancelAll();
      this.scrubCopies([this.doc]);
      this.annotator.clear();
    });
    this.forgetBlocks();
    this.mode = 'off';
    this.scan = { status: 'disabled' };
    this.sendCount(0);
  }

  // ---- scanning ------------------------------------------------------------------------------

  /** A full scan of the frame, superseding whatever scan was running. */
  private rescan(): Promise<void> {
    const generation = ++this.generation;
    return this.serial(() => this.fullScan(generation));
  }

  private async fullScan(generation: number): Promise<void> {
    // A rescan queued before a stop or a never-scan rule (a storm's, after its backoff) no longer applies.
    if (generation !== this.generation || !this.plan?.scan || !this.isAlive()) return;
    const startedAt = this.clock.now();
    await this.readPage(this.plan.engine, this.slicer(generation));
    if (!this.doneMarked) {
      mark(this.win.performance, CLASSIFIED_MARK);
      mark(this.win.performance, analysesRunInWasm() ? WASM_ANALYZER_MARK : JAVASCRIPT_ANALYZER_MARK);
    }
    await this.showScan(generation, startedAt);
  }

  /** Starts following the page afresh: changes from before are part of the read that follows. */
  private observeAfresh(): void {
    this.visibility.clear();
    this.observer.observe(this.doc);
    this.observer.start();
    this.observer.pause(() => {
      this.observer.reset();
      this.flasher.cancelAll();
      this.scrubCopies([this.doc]);
      this.annotator.clear();
    });
  }

  /** The page's blocks, and as many of them indexed as storage leaves time for, while the first plan loads. */
  private async readAheadOfPlan(): Promise<ReadAhead | null> {
    const id = ++this.readAheadId;
    const slicer = new Slicer(this.clock, () => id === this.readAheadId);
    const blocks = await this.readBlocks(slicer);
    if (!blocks) return null;
    mark(this.win.performance, READ_MARK);
    return this.indexAhead(blocks, slicer);
  }

  /**
   * Every block of the page, read in slices with the observer following what changes meanwhile (see
   * heldBatches). Null when dropped before the end: by a never-scan plan, a stop or a failure.
   */
  private async readBlocks(slicer: Slicer): Promise<PageBlock[] | null> {
    const blocks: PageBlock[] = [];
    try {
      this.observeAfresh();
      for (const block of iterateBlocks(this.doc)) {
        if (block) {
          blocks.push(block);
          this.followRoot(block.element);
        }
        if (slicer.spent()) await slicer.yield();
      }
    } catch {
      // Dropped, or the page could not be read: the full scan then reads it itself, and reports any error.
      return null;
    }
    return blocks;
  }

  /**
   * Indexes blocks read ahead for as long as the plan is still loading, with the engine's default
   * options, which most plans have: the engine's work then overlaps the wait for storage instead of
   * following it. Only its own registry and index are written: the page is not touched before the plan
   * says it may be, and a plan with other options has the blocks indexed again.
   */
  private async indexAhead(blocks: PageBlock[], readSlicer: Slicer): Promise<ReadAhead> {
    const small = isSmallPage(blocks);
    const ahead: ReadAhead = { blocks, registry: new BlockRegistry(), index: new DedupIndex(DEFAULT_OPTIONS, blocks.length), indexed: 0, small };
    const slicer = small ? readSlicer.withBudget(RENDER_SLICE_MS) : readSlicer;
    try {
      while (this.plan === null && ahead.indexed < blocks.length) {
        if (slicer.spent()) {
          ahead.index.classifyPending();
          await slicer.yield();
          continue;
        }
        const block = blocks[ahead.indexed];
        if (comparable(block)) {
          const tracked = ahead.registry.append(block);
          ahead.index.set(tracked.key, block.text, tracked.order);
        }
        ahead.indexed++;
      }
      // All indexed with time to spare: the blocks are classified too, leaving the plan only the annotations.
      if (this.plan === null) ahead.index.classifyPending();
    } catch {
      // Dropped, or the engine failed: the full scan indexes the blocks itself, and reports any error.
      ahead.indexed = 0;
    }
    return ahead;
  }

  private dropReadAhead(): void {
    this.readAheadId++;
    this.readAhead = null;
    this.heldBatches = [];
  }

  /** A full scan's first part: the page's blocks read, indexed and classified. Writes nothing but taking out old annotations. */
  private async readPage(options: EngineOptions, scanSlicer: Slicer): Promise<void> {
    this.scan = { status: 'scanning' };
    // Only the first scan finds blocks read ahead; the observer has been following the page since that read began.
    const early = this.readAhead;
    this.readAhead = null;
    const ahead = early ? await early : null;
    if (!ahead) this.observeAfresh();
    const blocks = ahead?.blocks ?? null;
    const slicer = ahead?.small ? scanSlicer.withBudget(RENDER_SLICE_MS) : scanSlicer;
    this.forgetBlocks();
    // Blocks indexed while the plan loaded are kept when the plan's engine options are the ones they were indexed with.
    const kept = ahead && sameEngineOptions(ahead.index.options, options) ? ahead.indexed : 0;
    if (ahead && kept > 0) {
      this.registry = ahead.registry;
      this.index = ahead.index;
    } else {
      // Sized for the blocks read ahead, or for as many as the page had last time.
      this.index = new DedupIndex(options, blocks?.length ?? this.index.size);
    }
    // The page is read in slices with the observer on: whatever it changes meanwhile comes back as a batch.
    // Blocks kept from before the plan are indexed but not yet taken into this scan's results.
    let unclassified = kept;
    // Classifying as the scan goes spreads the engine's work over the slices instead of one long final
    // task; changes() costs what it classifies, where report() would also list every block.
    const classify = () => {
      unclassified = 0;
      this.takeChanges();
    };
    for (const block of blocks ? blocks.slice(kept) : iterateBlocks(this.doc)) {
      if (slicer.spent()) {
        if (unclassified > 0) classify();
        await slicer.yield();
      }
      if (block && comparable(block)) {
        this.indexBlock(this.registry.append(block), !blocks);
        if (++unclassified >= CLASSIFY_EVERY) classify();
      }
    }
    if (unclassified > 0) classify();
  }

  /** A full scan's second part: its results shown in the page and reported. */
  private async showScan(generation: number, startedAt: number): Promise<void> {
    if (generation !== this.generation) return;
    // A full scan always reports: the background may have cleared the tab's badge on a navigation.
    this.lastCount = null;
    // Old annotations were taken out before reading: only the blocks with a group have anything to show.
    await this.refresh(new Set(), this.slicer(generation));
    this.markScanned(startedAt);
  }

  /** Performance entries from scan start to annotations done: what the benchmark and profilers read. */
  private markScanned(startedAt: number): void {
    const perf = this.win.performance;
    try {
      perf.measure(SCAN_MEASURE, { start: startedAt, end: this.clock.now() });
    } catch {
      // Without User Timing (linkedom) there is simply no entry.
    }
    if (!this.doneMarked) {
      this.doneMarked = true;
      mark(perf, DONE_MARK);
    }
  }

  private forgetBlocks(): void {
    this.registry.clear();
    this.results = new Map();
    this.duplicates = 0;
    this.partials = 0;
    this.groupOf = new Map();
    this.titlePlaces = new Map();
    this.changedWords.clear();
    this.groups = [];
    this.expanded.clear();
    this.foldsTaken.clear();
  }

  /** Indexes a tracked block; `follow`: also observe the shadow root it sits in (a read-ahead did that already). */
  private indexBlock(tracked: TrackedBlock, follow = true): void {
    this.index.set(tracked.key, tracked.block.text, tracked.order);
    if (follow) this.followRoot(tracked.block.element);
  }

  /** Blocks inside open shadow roots change out of sight of the document's observer: their root is observed too. */
  private followRoot(element: Element): void {
    const root = element.getRootNode();
    if (root !== this.doc && root.nodeType === 11) this.observer.observe(root);
  }

  /** Follows a batch of page changes: only the changed subtrees are extracted and matched again. */
  /** Whether `changes` took out, soon after they were shown, elements that carried our annotations. */
  private undoesAnnotations(changes: PageChanges): boolean {
    if (this.clock.now() - this.lastShownAt > UNDO_WINDOW_MS) return false;
    const selector = `[${ATTR_STATUS}], ${FOLD_TAG}`;
    const undone = new Set<string>();
    for (const node of changes.removed.slice(0, UNDO_CHECKED_NODES)) {
      if (node.nodeType !== 1 || node.isConnected) continue;
      const el = node as Element;
      if (el.matches(selector) || el.querySelector(selector) !== null) undone.add(el.textContent ?? '');
    }
    // Only the same text put back is an undo: a feed that drops old rows as new ones come is not one.
    return undone.size > 0 && changes.added.slice(0, UNDO_CHECKED_NODES).some((node) => undone.has(node.textContent ?? ''));
  }

  private async onBatch(batch: ChangeBatch): Promise<void> {
    if (!this.plan && this.readAhead) {
      this.heldBatches.push(batch);
      return;
    }
    // A new route means a full rescan is already on its way: this batch's changes are part of it.
    if (!this.isAlive() || this.routes.check()) return;
    if (batch.kind === 'storm') {
      // A page that keeps storming (animations rebuilding the DOM) gets ever rarer rescans, not a busy CPU.
      const backoff = this.storms === 0 ? 0 : Math.min(STORM_BACKOFF_MAX_MS, STORM_BACKOFF_MS * 2 ** this.storms);
      this.storms++;
      if (backoff > 0) await new Promise((resolve) => this.win.setTimeout(resolve, backoff));
      // The storm's changes were not kept, so blocks read ahead before it are stale.
      this.dropReadAhead();
      await this.rescan();
      return;
    }
    this.storms = 0;
    if (this.undoesAnnotations(batch.changes)) {
      // A page that puts back its own DOM whenever it changes would otherwise be rebuilt, and annotated again, forever.
      const backoff = this.undone === 0 ? 0 : Math.min(UNDO_BACKOFF_MAX_MS, UNDO_BACKOFF_MS * 2 ** (this.undone - 1));
      this.undone++;
      if (backoff > 0) await new Promise((resolve) => this.win.setTimeout(resolve, backoff));
      if (!this.isAlive()) return;
    } else {
      this.undone = 0;
    }
    // No mutation says that designMode changed, but editing makes some: the page is read afresh, as nothing (on) or all again (off).
    if ((this.doc.designMode === 'on') !== this.designMode) {
      this.designMode = !this.designMode;
      await this.rescan();
      return;
    }
    const generation = this.generation;
    await this.serial(async () => {
      if (generation !== this.generation || this.scan.status !== 'ready') return;
      const slicer = this.slicer(generation);
      const changed = new Set<number>();
      const scopes = this.observer.pause(() => {
        this.scrubCopies(batch.changes.added.filter((node) => node.isConnected));
        for (const node of batch.changes.removed) if (!node.isConnected) this.dropWithin(node, changed);
        // A hidden element's blocks go; a shown one's are read below, with its scope.
        for (const el of batch.changes.toggled) if (el.isConnected) this.dropWithin(el, changed);
        const found = changedScopes(batch.changes, (el) => (this.registry.keysOfElement(el)?.length ?? 0) > 0);
        for (const scope of found) this.dropWithin(scope, changed);
        return found;
      });
      // A big insertion (a feed's next page) is read and indexed in slices, like a full scan.
      for (const scope of scopes) {
        const blocks: PageBlock[] = [];
        for (const block of iterateBlocks(scope)) {
          if (block && comparable(block)) blocks.push(block);
          if (slicer.spent()) await slicer.yield();
        }
        const { added, renumbered } = this.registry.insertRun(blocks);
        // Renumbered blocks take their new places before new blocks come in: the engine keeps its
        // lists in document order, and a new block must find the old ones already renumbered.
        if (renumbered) {
          const fresh = new Set(added.map((tracked) => tracked.key));
          for (const key of this.registry.keys()) if (!fresh.has(key)) this.indexBlock(this.registry.get(key)!);
        }
        for (let i = 0; i < added.length; i++) {
          this.indexBlock(added[i]);
          changed.add(added[i].key);
          if ((i + 1) % CLASSIFY_EVERY === 0) this.takeChanges(changed);
          if (slicer.spent()) {
            this.takeChanges(changed);
            await slicer.yield();
          }
        }
      }
      // A placeholder the page took out must not leave its paragraph hidden for good.
      for (const key of this.annotator.lostFolds()) {
        this.foldsTaken.add(key);
        changed.add(key);
      }
      if (changed.size > 0) await this.refresh(changed, slicer);
    });
  }

  /** Takes our markup out of the page's copies of annotated content under `roots`, before they are read. */
  private scrubCopies(roots: Node[]): void {
    // With nothing of ours in the page there is nothing to copy: a full scan's first read of a long page skips the search.
    if (this.annotator.size > 0) this.annotator.scrubCopies(roots, (el) => this.flasher.isFlashing(el));
  }

  /** Forgets every tracked block under `root` (itself included) and takes its annotations out. */
  private dropWithin(root: Node, changed: Set<number>): void {
    const stack: Node[] = [root];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.nodeType !== ELEMENT_NODE) continue;
      const keys = this.registry.keysOfElement(node as Element);
      if (keys) {
        for (const key of [...keys]) {
          this.annotator.remove(key);
          this.index.delete(key);
          this.registry.remove(key);
          this.expanded.delete(key);
          this.foldsTaken.delete(key);
          this.titlePlaces.delete(key);
          this.changedWords.forget(key);
          changed.add(key);
        }
      }
      const children = contentChildren(node);
      for (let i = 0; i < children.length; i++) stack.push(children[i]);
    }
  }

  /** Takes in the results the engine changed since the last look; their keys go into `changed`. */
  private takeChanges(changed?: Set<number>): void {
    const { changed: results, removed } = this.index.changes();
    for (const result of results) {
      this.countResult(this.results.get(result.id), -1);
      this.results.set(result.id, result);
      this.countResult(result, 1);
      changed?.add(result.id);
    }
    for (const key of removed) {
      this.countResult(this.results.get(key), -1);
      this.results.delete(key);
      changed?.add(key);
    }
  }

  /** Maps blocks to their group's number; blocks whose number changes go into `changed`. */
  private renumberGroups(groups: Group[], changed: Set<number>): void {
    const groupOf = new Map<number, number>();
    const indexOf = new Map(groups.map((group, index) => [group.canonical, index]));
    // A repeat is shown with the group it repeats; a canonical block with its own group.
    groups.forEach((group, index) => {
      for (const member of group.members) {
        if (member === group.canonical || groupOf.has(member)) continue;
        // A duplicate listed with several groups (repeats glued together) is shown with the one its tooltip names.
        const result = this.results.get(member);
        const named = result?.status === 'duplicate' ? indexOf.get(result.of!) : undefined;
        groupOf.set(member, named ?? index);
      }
    });
    groups.forEach((group, index) => {
      if (!groupOf.has(group.canonical)) groupOf.set(group.canonical, index);
    });
    for (const [key, index] of groupOf) if (this.groupOf.get(key) !== index) changed.add(key);
    for (const key of this.groupOf.keys()) if (!groupOf.has(key)) changed.add(key);
    this.groups = groups;
    this.groupOf = groupOf;
  }

  /**
   * The engine's groups, with no block a reader cannot see: a hidden block is dropped and watched,
   * and its copies stand on their own. Only grouped blocks are asked, as only they are annotated, so
   * a long page does not pay for every block. In slices: a page with a hidden copy of a long article
   * drops thousands of blocks, and classifies their copies again.
   */
  private async shownGroups(changed: Set<number>, slicer: Slicer): Promise<Group[]> {
    // Each element is asked once: dropping hidden blocks hides no other.
    const asked = new Set<Element>();
    for (;;) {
      const groups = this.index.groups();
      if (groups === this.groups) return groups;
      const hidden: Element[] = [];
      const ask = (el: Element) => {
        if (asked.has(el)) return;
        asked.add(el);
        if (this.visibility.hiddenBlock(el)) hidden.push(el);
        // Read now, while the page's style is clean: read between our writes, each would restyle the page.
        else this.backgrounds.note(el);
      };
      await forEachSliced(this.elementsOf(groups), ask, slicer);
      if (hidden.length === 0) return groups;
      let dropped = 0;
      const drop = (el: Element) => {
        this.dropWithin(el, changed);
        // The copies left behind are classified as the drops go, not all at once after the last.
        if (++dropped % CLASSIFY_EVERY === 0) this.takeChanges(changed);
      };
      await forEachSliced(hidden, drop, slicer, (slice) => this.observer.pause(slice));
      this.takeChanges(changed);
    }
  }

  /** The elements of the groups' tracked blocks. */
  private *elementsOf(groups: readonly Group[]): Generator<Element> {
    for (const group of groups) {
      for (const key of group.members) {
        const tracked = this.registry.get(key);
        if (tracked) yield tracked.block.element;
      }
    }
  }

  /**
   * Paragraphs added, removed or lengthened before a canonical block change its place among the page's
   * paragraphs, which its repeats' tooltips name: only the repeats of the groups whose canonical block
   * moved go into `changed`.
   */
  private retitleMoved(changed: Set<number>): void {
    for (const { canonical, members } of this.groups) {
      const shown = this.titlePlaces.get(canonical);
      const place = this.index.placeOf(canonical);
      if (shown === undefined || shown === place) continue;
      // The render that follows writes the new place; one left undone is superseded by a full scan, which starts afresh.
      this.titlePlaces.set(canonical, place);
      for (const member of members) if (member !== canonical) changed.add(member);
    }
  }

  private countResult(result: BlockResult | undefined, delta: number): void {
    if (result?.status === 'duplicate') this.duplicates += delta;
    else if (result?.status === 'partial') this.partials += delta;
  }

  /** Takes the engine's current results and groups, updates the state and badge, and re-renders what changed. */
  private async refresh(changed: Set<number>, slicer: Slicer): Promise<void> {
    this.takeChanges(changed);
    // The engine hands back the same groups while no repeat changed: then no group is renumbered.
    const groups = await this.shownGroups(changed, slicer);
    const regrouped = groups !== this.groups;
    if (regrouped) this.renumberGroups(groups, changed);
    this.retitleMoved(changed);
    const { duplicates, partials: partial } = this;
    this.sendCount(duplicates + partial);
    await this.render(changed, slicer);
    if (changed.size > 0) this.lastShownAt = this.clock.now();
    // Grouped blocks are watched so that hiding a first occurrence frees its copies, and a hidden
    // repeat stops counting; only after the render, as watched during it they made a long page's
    // frames slower.
    if (regrouped) this.visibility.followShown(new Set(this.elementsOf(groups)));
    // Ready once the page shows it: the popup's counts and the page then agree.
    this.scan = { status: 'ready', blocks: this.results.size, duplicates, partial, groups: [] };
  }

  // ---- rendering -----------------------------------------------------------------------------

  /**
   * Brings the page's annotations of `keys` in line with the current results, groups and mode, in slices of
   * RENDER_SLICE_MS. Changes that add or remove nodes come last, together: after each slice that has
   * one, the browser lays out the whole page (tens of ms on long pages) however little changed, while
   * attribute and highlight changes only restyle and repaint the elements concerned.
   */
  private async render(keys: Iterable<number>, scanSlicer = this.slicer()): Promise<void> {
    const slicer = scanSlicer.withBudget(RENDER_SLICE_MS);
    // Every slice that writes costs a frame: the pass starts with room to fit in one.
    await slicer.yieldIfHalfSpent();
    const wholePage: number[] = [];
    // Many repeats quote the same canonical block: each one's place and snippet are found once per render.
    const titles = new Map<number, TitleParts>();
    const show = (key: number, annotation = this.annotationFor(key, titles)) => {
      const tracked = this.registry.get(key);
      if (!tracked) this.annotator.remove(key);
      else this.annotator.apply(key, tracked.handle, annotation);
    };
    const paused = (slice: () => void) => this.observer.pause(slice);
    await forEachSliced(
      keys,
      (key) => {
        const tracked = this.registry.get(key);
        const annotation = this.annotationFor(key, titles);
        if (tracked && this.annotator.costsWholePage(key, tracked.handle, annotation)) {
          wholePage.push(key);
          return false;
        }
        // Counted when it may write: a block with no annotation before or after changes nothing.
        const writes = annotation !== null || this.annotator.targetOf(key) !== null;
        show(key, annotation);
        return writes;
      },
      slicer,
      paused,
      RENDER_SLICE_BLOCKS,
    );
    // Every such slice costs the whole page a layout or repaint: they start with room to all fit in one.
    const wholePageSlicer = slicer.withBudget(WHOLE_PAGE_SLICE_MS);
    if (wholePage.length > 0) await wholePageSlicer.yieldIfHalfSpent();
    await forEachSliced(wholePage, (key) => show(key), wholePageSlicer, paused);
  }

  private annotationFor(key: number, titles: Map<number, TitleParts>): BlockAnnotation | null {
    if (this.mode === 'off') return null;
    const result = this.results.get(key);
    const group = this.groupOf.get(key);
    if (!result || group === undefined) return null;
    const tint = this.groups[group].canonical % TINT_COUNT;
    const element = this.registry.get(key)?.handle.element;
    const overImage = element ? this.backgrounds.hasImage(element) : false;
    const base = { group, tint, title: null, marks: [], fold: null, overImage } as const;
    switch (result.status) {
      case 'duplicate': {
        const fold = this.mode === 'collapse' && !this.foldsTaken.has(key) ? (this.expanded.has(key) ? 'expanded' : 'folded') : null;
        const words = this.wordChangesOf(key, result);
        // Part of its original, word for word (a pull quote): nothing in it is news, and what it leaves out is in sight at the first.
        const excerpt = isExcerptCopy(words);
        // Below 1 otherwise, the copy differs (a number, a word): its tooltip and placeholder say "similar", not "repeats".
        const similar = isSimilarCopy(result) && !excerpt;
        const dropped = words && !excerpt ? wordsIn(words.original, words.dropped) : '';
        // A highlight has no place for words that are not there: the tooltip names them.
        const repeats = this.repeatTitle(result.of!, titles, excerpt ? 'excerptOfParagraph' : similar ? 'similarToParagraph' : 'repeatsParagraph');
        const title = dropped ? `${repeats}\n${t('leftOut', dropped)}` : repeats;
        const marks = words ? words.changed.map(({ start, end }) => ({ start, end, of: result.of!, tint, title, changed: true })) : [];
        const changes = words ? wordsIn(words.copy, words.changed) : '';
        return { ...base, status: 'repeat', title, marks, fold, similar, excerpt, changes, dropped };
      }
      case 'partial':
        return {
          ...base,
          status: 'partial',
          marks: result.repeated.map((range) => ({
            start: range.start,
            end: range.end,
            of: range.of,
            tint: range.of % TINT_COUNT,
            title: this.repeatTitle(range.of, titles),
          })),
        };
      default:
        return { ...base, status: 'first' };
    }
  }

  /**
   * How a near copy's words part from the paragraph it repeats, so the reader sees what changed. A
   * copy made of several paragraphs' text has no one original to compare with.
   */
  private wordChangesOf(key: number, result: BlockResult): (WordChanges & { original: string; copy: string }) | null {
    const copy = this.registry.get(key)?.block.text;
    const original = this.registry.get(result.of!)?.block.text;
    if (!hasChangedWords(result) || copy === undefined || original === undefined) return null;
    return { ...this.changedWords.of(key, original, copy), original, copy };
  }

  /** The tooltip of a block repeating `canonical`, worded by `kind`; `titles` keeps the parts found in this render. */
  private repeatTitle(canonical: number, titles: Map<number, TitleParts>, kind: 'repeatsParagraph' | 'similarToParagraph' | 'excerptOfParagraph' = 'repeatsParagraph'): string {
    let parts = titles.get(canonical);
    if (parts === undefined) {
      const text = this.registry.get(canonical)?.block.text ?? '';
      parts = { place: this.index.placeOf(canonical), snippet: snippetOf(text, TITLE_SNIPPET_CHARS) };
      titles.set(canonical, parts);
      this.titlePlaces.set(canonical, parts.place);
    }
    return t(kind, parts.place + 1, parts.snippet);
  }

  // ---- user actions --------------------------------------------------------------------------

  private async toggleFold(key: number): Promise<void> {
    if (this.mode !== 'collapse' || !this.registry.get(key)) return;
    if (this.expanded.has(key)) this.expanded.delete(key);
    else this.expanded.add(key);
    await this.serial(() => this.render([key]));
  }

  private async goToFirst(key: number): Promise<void> {
    const group = this.groupOf.get(key);
    if (group === undefined) return;
    // The reader is in the page (a popup's jump leaves focus in the popup): reading goes on from the first occurrence.
    this.reveal(this.groups[group].canonical, { focus: true });
  }

  private async jump(group: number, member: number): Promise<boolean> {
    if (this.scan.status !== 'ready') return false;
    const found = this.groups[group];
    if (!found || !found.members.includes(member) || !this.registry.get(member)) return false;
    if (this.annotator.foldOf(member) && !this.expanded.has(member)) {
      // A folded block is opened first: jumping to a hidden paragraph would show nothing.
      this.expanded.add(member);
      await this.serial(() => this.render([member]));
    }
    return this.reveal(member);
  }

  /** Scrolls a block into view and flashes it, taking focus there with `focus`. */
  private reveal(key: number, options: { focus?: boolean } = {}): boolean {
    const tracked = this.registry.get(key);
    if (!tracked) return false;
    const target = this.annotator.targetOf(key);
    const { element, nodes } = tracked.block;
    if (!target && nodes) {
      // A run painted in place has no element to flash: its tint marks it.
      scrollToNodes(nodes, element);
      return true;
    }
    scrollToElement(target ?? element);
    this.flasher.flash(target ?? element, options);
    return true;
  }

  // ---- plumbing ------------------------------------------------------------------------------

  /** A time budget for page work that stops (Superseded) once `generation` is no longer current. */
  private slicer(generation = this.generation): Slicer {
    return new Slicer(this.clock, () => generation === this.generation);
  }

  private scanState(): ScanState {
    if (this.scan.status !== 'ready') return this.scan;
    const groups: GroupSummary[] = this.groups.map((group, index) => ({
      index,
      canonical: group.canonical,
      members: group.members.map((id) => {
        const result = this.results.get(id);
        const status = result?.status ?? 'unique';
        // As the block's bar says: an excerpt is not a changed copy.
        return result && isSimilarCopy(result) && !isExcerptCopy(this.wordChangesOf(id, result)) ? { id, status, similar: true } : { id, status };
      }),
      snippet: snippetOf(this.registry.get(group.canonical)?.block.text ?? '', LIST_SNIPPET_CHARS),
    }));
    return { ...this.scan, groups };
  }

  private sendCount(count: number): void {
    if (count === this.lastCount) return;
    this.lastCount = count;
    this.env.report({ type: 'scan-report', count });
  }

  private isAlive(): boolean {
    if (this.stopped) return false;
    if (this.env.alive && !this.env.alive()) {
      this.stop();
      return false;
    }
    return true;
  }

  /** Runs page-changing work one task at a time, in the order it was asked for. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Runs `task`; a superseded task just ends, any other error is reported as a failed scan. */
  private async guard<T>(task: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await task();
    } catch (error) {
      if (!(error instanceof Superseded)) this.fail(error);
      return fallback;
    }
  }

  private fail(error: unknown): void {
    const message = errorMessage(error);
    this.generation++;
    this.dropReadAhead();
    this.scan = { status: 'failed', error: message };
    try {
      this.observer.stop();
      this.visibility.clear();
      this.flasher.cancelAll();
      this.annotator.clear();
    } catch {
      // Cleaning up after a failure must not fail in turn; the error below is what gets reported.
    }
    // The next successful scan reports its count even when it is 0, replacing this error.
    this.lastCount = null;
    this.env.report({ type: 'scan-report', count: 0, error: message });
  }
}

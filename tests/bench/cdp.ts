// Chromium driven over its DevTools pipe, with only the domains the benchmark needs (Page and Runtime).
// Playwright turns on the Network domain for every page, and with it Chromium decodes a copy of each
// response body for DevTools: on the 6 MB long page, a task of 100-170 ms of the harness's own that
// fell inside every scan it measured (FINDINGS.md, *Measuring long tasks*).
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

type Params = Record<string, unknown>;
/** Protocol results and events are JSON: each caller reads the fields its method documents. */
type Message = any;
type Listener = (params: Message) => void;

/** A trace event as Chromium reports it: timestamps and durations in microseconds. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
}

/** Launch flags Playwright gives Chromium that bear on a page's work, so that figures stay comparable with runs under Playwright. */
const PLAYWRIGHT_LIKE_ARGS = [
  '--headless',
  '--hide-scrollbars',
  '--mute-audio',
  '--disable-field-trial-config',
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  '--disable-back-forward-cache',
  '--disable-hang-monitor',
  '--disable-ipc-flooding-protection',
  '--disable-dev-shm-usage',
  '--force-color-profile=srgb',
  '--no-default-browser-check',
  '--disable-default-apps',
  '--disable-breakpad',
  '--password-store=basic',
  // Playwright's default viewport.
  '--window-size=1280,720',
];

/** A browser on the other end of a DevTools pipe: commands, and events by method, per session. */
export class CdpBrowser {
  private nextId = 1;
  private readonly pending = new Map<number, { method: string; resolve: (result: Message) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private chunks: Buffer[] = [];
  private failure: Error | null = null;
  private stderrTail = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly toBrowser: Writable,
    fromBrowser: Readable,
  ) {
    fromBrowser.on('data', (chunk: Buffer) => this.receive(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    child.on('exit', (code, signal) => this.fail(new Error(`Chromium exited (${signal ?? `code ${code}`}): ${this.stderrTail.trim().split('\n').slice(-3).join(' | ')}`)));
    child.on('error', (error) => this.fail(error));
  }

  /** Starts `executable` with `args` and the pipe; resolves once the browser answers. */
  static async launch(executable: string, args: readonly string[]): Promise<CdpBrowser> {
    const child = spawn(executable, [...PLAYWRIGHT_LIKE_ARGS, ...args, '--remote-debugging-pipe', 'about:blank'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
    });
    const browser = new CdpBrowser(child, child.stdio[3] as Writable, child.stdio[4] as Readable);
    await browser.send('Browser.getVersion');
    return browser;
  }

  /** Sends a command, to the browser or to an attached target's session. */
  send(method: string, params: Params = {}, sessionId?: string): Promise<Message> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  }

  /** Calls `listener` with every `method` event of `sessionId` (the browser's own without one); returns its removal. */
  on(method: string, listener: Listener, sessionId?: string): () => void {
    const key = `${sessionId ?? ''} ${method}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** The first `method` event that satisfies `accept`, and how to stop waiting for it. */
  next(method: string, accept: (params: Message) => boolean = () => true, sessionId?: string): { event: Promise<Message>; off: () => void } {
    let off = () => {};
    const event = new Promise<Message>((resolve) => {
      off = this.on(
        method,
        (params) => {
          if (!accept(params)) return;
          off();
          resolve(params);
        },
        sessionId,
      );
    });
    return { event, off };
  }

  /** Records trace events of `categories` in every process until `stop`, which returns them. */
  async startTracing(categories: readonly string[]): Promise<{ stop: () => Promise<TraceEvent[]> }> {
    const events: TraceEvent[] = [];
    const off = this.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    await this.send('Tracing.start', { categories: categories.join(','), transferMode: 'ReportEvents' });
    return {
      stop: async () => {
        const complete = this.next('Tracing.tracingComplete');
        try {
          await this.send('Tracing.end');
          await within(complete.event, 10_000, 'Tracing did not complete within 10 s');
        } finally {
          complete.off();
          off();
        }
        return events;
      },
    };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    this.send('Browser.close').catch(() => this.child.kill('SIGKILL'));
    await exited;
    clearTimeout(timer);
  }

  /** Messages end with a NUL byte; a chunk may hold several, or part of one. */
  private receive(chunk: Buffer): void {
    let start = 0;
    for (let end = chunk.indexOf(0); end !== -1; end = chunk.indexOf(0, start)) {
      this.chunks.push(chunk.subarray(start, end));
      this.dispatch(JSON.parse(Buffer.concat(this.chunks).toString('utf8')));
      this.chunks = [];
      start = end + 1;
    }
    if (start < chunk.length) this.chunks.push(chunk.subarray(start));
  }

  private dispatch(message: Message): void {
    if (message.id !== undefined) {
      const call = this.pending.get(message.id);
      if (!call) return;
      this.pending.delete(message.id);
      if (message.error) call.reject(new Error(`${call.method}: ${message.error.message}`));
      else call.resolve(message.result);
      return;
    }
    for (const listener of [...(this.listeners.get(`${message.sessionId ?? ''} ${message.method}`) ?? [])]) listener(message.params);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const call of this.pending.values()) call.reject(error);
    this.pending.clear();
  }
}

/** A page of the browser, attached in a session of its own. */
export class CdpTab {
  /** The extension's content-script worlds of the current document, newest last. */
  readonly extensionWorlds: number[] = [];
  readonly errors: string[] = [];

  private constructor(
    readonly browser: CdpBrowser,
    private readonly sessionId: string,
  ) {
    this.on('Runtime.executionContextCreated', ({ context }) => {
      if (context.auxData?.type === 'isolated' && String(context.origin).startsWith('chrome-extension://')) this.extensionWorlds.push(context.id);
    });
    this.on('Runtime.executionContextsCleared', () => {
      this.extensionWorlds.length = 0;
    });
    this.on('Runtime.exceptionThrown', ({ exceptionDetails }) => {
      this.errors.push(exceptionDetails.exception?.description ?? exceptionDetails.text);
    });
  }

  static async open(browser: CdpBrowser): Promise<CdpTab> {
    const { targetId } = await browser.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await browser.send('Target.attachToTarget', { targetId, flatten: true });
    const tab = new CdpTab(browser, sessionId);
    await tab.send('Page.enable');
    await tab.send('Runtime.enable');
    return tab;
  }

  send(method: string, params: Params = {}): Promise<Message> {
    return this.browser.send(method, params, this.sessionId);
  }

  on(method: string, listener: Listener): () => void {
    return this.browser.on(method, listener, this.sessionId);
  }

  /** Runs `source` in every new document before its own scripts. */
  async addInitScript(source: string): Promise<void> {
    await this.send('Page.addScriptToEvaluateOnNewDocument', { source });
  }

  /** A global function `name` in the page's main world that calls `callback` here, running nothing else in the page. */
  async exposeBinding(name: string, callback: () => void): Promise<void> {
    this.on('Runtime.bindingCalled', (event) => {
      if (event.name === name) callback();
    });
    await this.send('Runtime.addBinding', { name });
  }

  /** Navigates and resolves once the page's load event has fired. */
  async goto(url: string, timeoutMs: number): Promise<void> {
    const loaded = this.browser.next('Page.loadEventFired', undefined, this.sessionId);
    try {
      const { errorText } = await this.send('Page.navigate', { url });
      if (errorText) throw new Error(`Navigation to ${url} failed: ${errorText}`);
      await within(loaded.event, timeoutMs, `${url} did not fire its load event within ${timeoutMs / 1000} s`);
    } finally {
      loaded.off();
    }
  }

  /** `fn(arg)` in the page's main world (or the world `contextId`), its result returned as JSON. `fn` must not use the bundler's helpers. */
  async evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A, contextId?: number): Promise<R> {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression: `(${fn.toString()})(${JSON.stringify(arg)})`,
      awaitPromise: true,
      returnByValue: true,
      ...(contextId === undefined ? {} : { contextId }),
    });
    if (exceptionDetails) throw new Error(`Evaluating in the page failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value as R;
  }
}

/** `promise`, or an error with `message` once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

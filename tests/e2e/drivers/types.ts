// The browser-neutral surface the e2e scenarios are written against. Every difference
// between Chromium (playwright-core) and Firefox (puppeteer-core over WebDriver BiDi) lives
// behind these interfaces, in chromium.ts and firefox.ts.

/** ARIA roles the scenarios look controls up by. */
export type Role = 'button' | 'checkbox' | 'switch' | 'link';

/**
 * What to act on: a control by accessible role and name (the name must match the RegExp), or
 * the first element matching a CSS selector. Both look through open shadow roots.
 */
export type Target = { role: Role | readonly Role[]; name: RegExp } | { css: string };

export interface TestPage {
  /** The browser's tab id, as extension APIs (tabs, action badge) know it. */
  readonly tabId: number;
  /** Uncaught errors thrown in the page since it was opened (the "pageerror" event). */
  readonly errors: readonly string[];
  url(): Promise<string>;
  /** Runs `fn` in the page's own (main) world and returns its serialisable result. */
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** A real (trusted) mouse click in the middle of the target. */
  click(target: Target): Promise<void>;
  /** Focuses the target and presses a key on it, as a keyboard user would. */
  press(target: Target, key: string): Promise<void>;
  count(target: Target): Promise<number>;
  /** Lays the page out for `media` ('print': as on paper) until called again. Chromium only: Firefox's WebDriver BiDi has no such command. */
  emulateMedia(media: 'print' | 'screen'): Promise<void>;
  /** Selects the whole page and copies it, as a reader does with Ctrl+A and Ctrl+C: the text the clipboard then holds. */
  selectAllAndCopy(): Promise<string>;
  /** Checked state of a checkbox or switch (native `checked` or `aria-checked`). */
  isChecked(target: Target): Promise<boolean>;
  /** Navigates this tab and waits until the page has loaded. */
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  /** Makes this tab the visible one, so its timers and animations run unthrottled. */
  bringToFront(): Promise<void>;
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionBrowser {
  readonly name: string;
  /** The extension's `runtime.id`: what a page would need to know to listen for events named by it. */
  readonly extensionId: string;
  /** Opens `url` in a new tab and waits for its load event. */
  openPage(url: string): Promise<TestPage>;
  /**
   * Opens the extension's popup as a tab (popup.html?tab=<id>) acting for `page`'s tab,
   * and waits until the popup's UI has rendered.
   */
  openPopup(page: TestPage, options?: { width?: number; height?: number }): Promise<TestPage>;
  /** The toolbar badge text the extension set for `page`'s tab ('' when none). */
  badgeText(page: TestPage): Promise<string>;
  /** Empties the extension's storage (settings, site rules), so each scenario starts from defaults. */
  resetExtensionStorage(): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The unpacked, built extension (e.g. .output/chrome-mv3). */
  extensionDir: string;
  /** Browser binary; defaults to Debian's. */
  executablePath?: string;
  /** Pages in forced colours, as Windows High Contrast or Firefox's "override the page's colours" makes them. */
  forcedColors?: boolean;
  /** The reader's default text size in px, as the browser's font settings set it (16 by default). */
  defaultFontSize?: number;
}

export type LaunchExtensionBrowser = (options: LaunchOptions) => Promise<ExtensionBrowser>;

export const INSTALL_BROWSERS_HINT = 'apt-get install -y --no-install-recommends chromium firefox-esr';

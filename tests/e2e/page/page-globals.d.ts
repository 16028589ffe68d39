// Types of window.__e2e, the helpers the fixture server loads into every fixture page (helpers.js).

export interface Annotation {
  tag: string;
  /** data-paradedup: "repeat" | "partial" | "first", or null when ParaDedup left the element alone. */
  status: string | null;
  /** data-expect, set by the fixture: what ParaDedup should report for this element (null = unique). */
  expect: string | null;
  folded: boolean;
  text: string;
}

export type Look = Record<string, string>;

export interface PageHelpers {
  /** body.outerHTML when parsing ended, before any document_idle content script ran. */
  original(): string | null;
  bodyHTML(): string;
  all(selector: string, root?: Document | Element | DocumentFragment): Element[];
  text(node: Node | null | undefined): string;
  /** The words `el` shows: its text, and the content its style sheet draws before and after it. */
  drawn(el: Element): string;
  visible(el: Element | null | undefined): boolean;
  inViewport(el: Element): boolean;
  look(el: Element, pseudo?: string): Look;
  /** ParaDedup's marks of repeated text below `root` (`changed`: of a near copy's changed words): <paradedup-mark> elements, or the ranges it painted as highlights. */
  marks(root?: Document | Element | DocumentFragment, changed?: boolean): { text: string; visible: boolean; look: Look; kind: 'element' | 'static' | 'live' }[];
  /** `<br><br>`-separated runs painted in place below `root`: one entry per range (a run may span several Text nodes). */
  runs(root?: Document | Element | DocumentFragment): { text: string; status: 'repeat' | 'first'; look: Look }[];
  /** The text of `el` outside ParaDedup's marks, and whether any of it is rendered. */
  unmarked(el: Element): { text: string; rendered: boolean };
  annotations(root?: Document | Element | DocumentFragment): Annotation[];
  watch(elements: Element[]): void;
  watchReport(): { attributeChanges: string[]; animations: number };
  /** CSP violations the page saw ("directive blockedURI"). */
  violations(): string[];
  /** Whether the browser has brought this page back from its back/forward cache (a pageshow that persisted). */
  restoredFromCache(): boolean;
}

/** The page APIs fixtures expose as window.fixture (each fixture has some of them). */
export interface FixtureApi {
  hits: string[];
  /** Event names start-announcement.html listens for, and what of them it heard. */
  listening: string[];
  heard: string[];
  ready: boolean;
  giantLength: number;
  /** Longest freeze since the page painted, and ticks so far (heartbeat.js, in the fixtures that measure it). */
  heartbeat(): { maxGapMs: number; count: number };
  typeIntoEditor(): void;
  editSecondArticle(): void;
  addParagraphs(): void;
  editParagraph(): void;
  removeRepeat(): void;
  removeFirstOccurrence(): void;
  story(): number;
  articles(): number;
  readMore(): void;
  showExtra(): void;
  openBackground(): void;
  findInPage(): void;
  hideFirst(): void;
  hideBoxlessFirst(): void;
  hideRepeat(): void;
  /** A sidebar box, loaded late ahead of the story, that quotes one of its paragraphs (sidebar-first.en.html). */
  addSidebarBox(): void;
  /** Renders a new item before the first and takes the last out, by the nodes the page holds (framework-runs.html); returns the story's text. */
  update(): string;
  /** How many of the page's own <paradedup-fold> or <paradedup-block> components were constructed (taken-element-name.html, taken-block-name.html). */
  constructed(): number;
}

declare global {
  interface Window {
    __e2e: PageHelpers;
    fixture: FixtureApi;
    /** Finds text as the browser's find bar does, selecting it (not standard, but in Chromium and Firefox). */
    find(text: string): boolean;
  }
}

// The placeholder that stands in for a folded repeat: "Repeated paragraph · show · go to first",
// "Similar paragraph" for a copy that is not word for word, naming what differs, which may be news, or
// "Repeated excerpt" for one that only stops short of its original (a pull quote).
// Its words are drawn by its style sheet from TEXT_ATTR, not written as text: they are not the page's
// text, so find in page never counts them; screen readers read them all the same.
import { ATTR_TINT, FOLD_TAG, createOwnElement } from './dom-contract';
import { applyShadowStyles } from './shadow-styles';
import { t, uiLocale } from './strings';

export interface FoldActions {
  /** The user asked to show (or hide again) the folded block. */
  toggle(fold: Element): void;
  /** The user asked to see the block this one repeats. */
  goToFirst(fold: Element): void;
}

const GO_TO_FIRST_CLASS = 'go-first';
const TOGGLE_CLASS = 'toggle';
/** The words a part of the placeholder shows (FOLD_CSS draws them). */
export const TEXT_ATTR = 'data-text';

function part(doc: Document, tag: 'span' | 'button', className: string, text?: string): HTMLElement {
  const el = doc.createElement(tag);
  el.className = className;
  if (text !== undefined) el.setAttribute(TEXT_ATTR, text);
  return el;
}

const span = (doc: Document, className: string, text?: string) => part(doc, 'span', className, text);

function button(doc: Document, className: string, text: string): HTMLElement {
  const el = part(doc, 'button', className, text);
  el.setAttribute('type', 'button');
  return el;
}

/** A dot between the placeholder's parts: drawn, not read aloud. */
function separator(doc: Document): HTMLElement {
  const el = span(doc, 'sep', '·');
  el.setAttribute('aria-hidden', 'true');
  return el;
}

/** Which control of the placeholder an event came from, read from its composed path. */
function controlOf(event: Event, fold: Element): 'go-first' | 'toggle' | null {
  for (const node of event.composedPath()) {
    if (node === fold) return 'toggle';
    const cls = (node as Element).classList;
    if (cls?.contains(GO_TO_FIRST_CLASS)) return 'go-first';
    if (cls?.contains(TOGGLE_CLASS)) return 'toggle';
  }
  return null;
}

function listen(fold: HTMLElement, actions: FoldActions): void {
  fold.addEventListener('click', (event) => {
    // Synthetic clicks come from page scripts; only a person may drive the placeholder.
    if (!event.isTrusted) return;
    const control = controlOf(event, fold);
    if (!control) return;
    event.preventDefault();
    event.stopPropagation();
    if (control === 'go-first') actions.goToFirst(fold);
    else actions.toggle(fold);
  });
  // The buttons' own keys (their default is to click): the page's shortcuts must not act on them too.
  fold.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') event.stopPropagation();
  });
}

/** What a placeholder says of the copy it stands for. */
export interface FoldText {
  /** Not word for word: the placeholder says "similar". */
  similar: boolean;
  /** Part of its original, word for word: the placeholder says "excerpt", and lists no words. */
  excerpt: boolean;
  /** The copy's changed words, joined; empty for none. */
  changes: string;
  /** Its original's words it leaves out, joined; empty for none. */
  dropped: string;
}

/** A placeholder names at most this much of each list of words: it stays one short line. */
const MAX_WORDS_CHARS = 40;

/** "changed: …" or "left out: …", the words isolated so they read in their own direction. */
function wordsLabel(key: 'foldChanged' | 'foldDropped', words: string): string {
  const shown = words.length > MAX_WORDS_CHARS ? `${words.slice(0, MAX_WORDS_CHARS - 1)}…` : words;
  return t(key, `\u2068${shown}\u2069`);
}

/**
 * A new placeholder for a repeat of the group with colour slot `tint`. Not yet in the page. A copy
 * that is not word for word says so, and names its changed words and those it leaves out, so the
 * reader sees what differs without unfolding it.
 */
export function createFold(doc: Document, tint: number, text: FoldText, actions: FoldActions): HTMLElement {
  const kind = t(text.excerpt ? 'foldLabelExcerpt' : text.similar ? 'foldLabelSimilar' : 'foldLabel');
  const differences = [text.changes && wordsLabel('foldChanged', text.changes), text.dropped && wordsLabel('foldDropped', text.dropped)].filter(Boolean);
  const label = [kind, ...differences].join(', ');
  const fold = createOwnElement(doc, FOLD_TAG);
  fold.setAttribute(ATTR_TINT, String(tint));
  // A group named by what it stands for, holding two buttons: a button inside a button reaches no screen reader reliably.
  fold.setAttribute('role', 'group');
  fold.setAttribute('aria-label', label);
  // Its words are in the UI's language, not the page's: a screen reader speaks them with that voice.
  fold.setAttribute('lang', uiLocale().lang);

  const root = fold.attachShadow({ mode: 'open' });
  applyShadowStyles(root);
  const pill = span(doc, 'pill');
  pill.setAttribute('part', 'pill');
  const words = span(doc, 'words');
  // The pill and its bar follow the page's direction (bar at the start, like the highlights); its words, the UI language's.
  words.setAttribute('dir', uiLocale().dir);
  words.append(span(doc, 'label', kind));
  for (const difference of differences) words.append(separator(doc), span(doc, 'changes', difference));
  const toggle = button(doc, TOGGLE_CLASS, t('foldShow'));
  toggle.setAttribute('aria-expanded', 'false');
  words.append(separator(doc), toggle, separator(doc), button(doc, GO_TO_FIRST_CLASS, t('foldGoToFirst')));
  pill.append(words);
  root.append(pill);
  listen(fold, actions);
  return fold;
}

/** Shows the placeholder as expanded (its block visible, offering "hide") or folded (offering "show"). */
export function setFoldExpanded(fold: Element, expanded: boolean): void {
  const toggle = fold.shadowRoot?.querySelector(`.${TOGGLE_CLASS}`);
  if (!toggle) return;
  toggle.setAttribute('aria-expanded', String(expanded));
  toggle.setAttribute(TEXT_ATTR, expanded ? t('foldHide') : t('foldShow'));
}

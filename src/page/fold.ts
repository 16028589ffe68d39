// The placeholder that stands in for a folded repeat: "Repeated paragraph · show · go to first", or
// "Similar paragraph" for a copy that is not word for word, naming what differs, which may be news.
import { ATTR_TINT, FOLD_TAG, createOwnElement } from './dom-contract';
import { applyShadowStyles } from './shadow-styles';
import { t, uiDirection } from './strings';

export interface FoldActions {
  /** The user asked to show (or hide again) the folded block. */
  toggle(fold: Element): void;
  /** The user asked to see the block this one repeats. */
  goToFirst(fold: Element): void;
}

const GO_TO_FIRST_CLASS = 'go-first';
const TOGGLE_CLASS = 'toggle';

function span(doc: Document, className: string, text: string): HTMLElement {
  const el = doc.createElement('span');
  el.className = className;
  el.textContent = text;
  return el;
}

function button(doc: Document, className: string, text: string): HTMLElement {
  const el = doc.createElement('button');
  el.setAttribute('type', 'button');
  el.className = className;
  el.textContent = text;
  return el;
}

function unfocusable(el: HTMLElement): HTMLElement {
  el.setAttribute('tabindex', '-1');
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
  fold.addEventListener('keydown', (event) => {
    if (!event.isTrusted || event.composedPath()[0] !== fold) return;
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    event.stopPropagation();
    actions.toggle(fold);
  });
}

/** What a placeholder says of the copy it stands for. */
export interface FoldText {
  /** Not word for word: the placeholder says "similar". */
  similar: boolean;
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
  const kind = t(text.similar ? 'foldLabelSimilar' : 'foldLabel');
  const differences = [text.changes && wordsLabel('foldChanged', text.changes), text.dropped && wordsLabel('foldDropped', text.dropped)].filter(Boolean);
  const label = [kind, ...differences].join(', ');
  const fold = createOwnElement(doc, FOLD_TAG);
  fold.setAttribute(ATTR_TINT, String(tint));
  fold.setAttribute('role', 'button');
  fold.setAttribute('tabindex', '0');
  fold.setAttribute('aria-label', label);
  fold.setAttribute('aria-expanded', 'false');

  const root = fold.attachShadow({ mode: 'open' });
  applyShadowStyles(root);
  const pill = span(doc, 'pill', '');
  pill.setAttribute('part', 'pill');
  const words = span(doc, 'words', '');
  // The pill and its bar follow the page's direction (bar at the start, like the highlights); its words, the UI language's.
  words.setAttribute('dir', uiDirection());
  words.append(span(doc, 'label', kind));
  for (const difference of differences) words.append(span(doc, 'sep', '·'), span(doc, 'changes', difference));
  words.append(
    span(doc, 'sep', '·'),
    // The host itself is the show/hide control for the keyboard; this copy is only a click target.
    unfocusable(button(doc, TOGGLE_CLASS, t('foldShow'))),
    span(doc, 'sep', '·'),
    button(doc, GO_TO_FIRST_CLASS, t('foldGoToFirst')),
  );
  pill.append(words);
  root.append(pill);
  listen(fold, actions);
  return fold;
}

/** Shows the placeholder as expanded (its block visible, offering "hide") or folded (offering "show"). */
export function setFoldExpanded(fold: Element, expanded: boolean): void {
  fold.setAttribute('aria-expanded', String(expanded));
  const toggle = fold.shadowRoot?.querySelector(`.${TOGGLE_CLASS}`);
  if (toggle) toggle.textContent = expanded ? t('foldHide') : t('foldShow');
}

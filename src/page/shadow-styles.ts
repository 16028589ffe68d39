// Constructed stylesheets for shadow roots: our placeholder's own root, and the page's roots that hold
// annotated blocks. A constructed stylesheet is immune to the page's CSP; where a browser refuses one
// from a content script, our own root falls back to a <style> element (never put in a page's root).

/** The placeholder's look: an opaque pill, legible on light and dark pages alike, tinted by its group's hue. */
export const FOLD_CSS = `
:host { display: block; }
.pill {
  display: inline-block; box-sizing: border-box; max-width: 100%;
  margin: 0; padding: 0.2em 0.75em;
  /* "small", not 13px: it follows the reader's default text size, whatever the page sets on its root. */
  font: 500 small/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  color: #1f2933; background: #f1f3f6;
  border: 1px solid #c9d0d8; border-inline-start: 4px solid hsl(var(--paradedup-hue, 210) 85% 48%);
  border-radius: 6px;
}
[data-text]::before { content: attr(data-text); }
.words { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.35em; }
.label { font-weight: 600; }
.sep { opacity: 0.6; }
button {
  all: unset; cursor: pointer; color: #1f5fbf;
  text-decoration: underline; text-underline-offset: 2px; border-radius: 3px;
}
button:hover { color: #0d3f8a; }
button:focus-visible { outline: 2px solid currentColor; outline-offset: 1px; }
@media (prefers-color-scheme: dark) {
  .pill { color: #e6e9ee; background: #262b33; border-color: #4a525e; }
  button { color: #8cb8ff; }
  button:hover { color: #b7d2ff; }
}
/* On paper the controls do nothing: a printed placeholder only says what was left out. */
@media print {
  button, .sep:has(+ button) { display: none; }
}
/* Forced colours paint every text alike: the controls take the palette's link colour, which it keeps. */
@media (forced-colors: active) {
  button, button:hover { color: LinkText; }
}
`;

/** One sheet per document and text: a sheet can only be adopted in the document it was made for. */
const sheets = new WeakMap<Document, Map<string, CSSStyleSheet | null>>();

/**
 * A constructed stylesheet holding `css`, made by `doc`'s own window (in Firefox a content script's
 * `window` is an Xray of the page's, and a sheet made there belongs to the page's document); null
 * where this browser has none. Made once per document and text, so every root shares one object.
 */
export function sharedSheet(doc: Document, css: string): CSSStyleSheet | null {
  let byCss = sheets.get(doc);
  if (!byCss) sheets.set(doc, (byCss = new Map()));
  if (byCss.has(css)) return byCss.get(css)!;
  let sheet: CSSStyleSheet | null = null;
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet ?? globalThis.CSSStyleSheet;
    if (typeof Sheet === 'function') {
      sheet = new Sheet();
      sheet.replaceSync(css);
    }
  } catch {
    sheet = null;
  }
  byCss.set(css, sheet);
  return sheet;
}

/** The root's adopted sheets, or null where the browser (or a DOM without them) has none. */
function adoptedOf(root: ShadowRoot): readonly CSSStyleSheet[] | null {
  try {
    const adopted = root.adoptedStyleSheets;
    return adopted ? Array.from(adopted) : null;
  } catch {
    return null;
  }
}

type CloneInto = <T>(value: T, scope: object, options: { wrapReflectors: boolean }) => T;

/**
 * Sets the root's adopted sheets. In a Firefox content script the root is an Xray wrapper, and ESR 140
 * refuses the change there ("Accessing from Xray wrapper is not supported"; ESR 153 allows it): it is
 * made on the page's side instead, with an array cloned into the page's scope.
 */
function setAdopted(root: ShadowRoot, sheets: CSSStyleSheet[]): void {
  try {
    root.adoptedStyleSheets = sheets;
    return;
  } catch (error) {
    const page = (root as ShadowRoot & { wrappedJSObject?: ShadowRoot }).wrappedJSObject;
    const cloneInto = (globalThis as { cloneInto?: CloneInto }).cloneInto;
    const scope = root.ownerDocument.defaultView;
    if (!page || typeof cloneInto !== 'function' || !scope) throw error;
    page.adoptedStyleSheets = cloneInto(sheets, scope, { wrapReflectors: true });
  }
}

/** Adds `sheet` after the root's own adopted sheets (theirs stay first and untouched); true when it took. */
export function adoptSheet(root: ShadowRoot, sheet: CSSStyleSheet): boolean {
  const current = adoptedOf(root);
  if (!current) return false;
  if (current.includes(sheet)) return true;
  try {
    setAdopted(root, [...current, sheet]);
    return adoptedOf(root)?.includes(sheet) ?? false;
  } catch {
    return false;
  }
}

/** Takes `sheet` out of the root's adopted sheets, keeping every other one in its order, even ones added since. */
export function dropSheet(root: ShadowRoot, sheet: CSSStyleSheet): void {
  const current = adoptedOf(root);
  if (!current?.includes(sheet)) return;
  try {
    setAdopted(root, current.filter((s) => s !== sheet));
  } catch {
    // A root that refuses the change keeps our sheet: its rules match only our own marks, now gone.
  }
}

/** Gives our own (placeholder) shadow root its styles, whichever way this browser allows. */
export function applyShadowStyles(root: ShadowRoot, css: string = FOLD_CSS): void {
  const sheet = sharedSheet(root.ownerDocument, css);
  if (sheet && adoptSheet(root, sheet)) return;
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.prepend(style);
}

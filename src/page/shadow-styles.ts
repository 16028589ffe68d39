// Styles for the placeholder's shadow root. A constructed stylesheet is immune to the page's CSP;
// where a browser refuses it from a content script (Firefox's Xray wrappers), a <style> element takes over.

/** The placeholder's look: an opaque pill, legible on light and dark pages alike, tinted by its group's hue. */
export const FOLD_CSS = `
:host { display: block; }
.pill {
  display: inline-flex; flex-wrap: wrap; align-items: center; gap: 0.35em;
  box-sizing: border-box; max-width: 100%;
  margin: 0; padding: 0.2em 0.75em;
  font: 500 13px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif;
  color: #1f2933; background: #f1f3f6;
  border: 1px solid #c9d0d8; border-inline-start: 4px solid hsl(var(--paradedup-hue, 210) 85% 48%);
  border-radius: 6px;
}
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
`;

const constructedSheets = new WeakMap<object, CSSStyleSheet>();

function adoptConstructed(root: ShadowRoot, css: string): boolean {
  const view = root.ownerDocument.defaultView;
  const Sheet = view?.CSSStyleSheet ?? globalThis.CSSStyleSheet;
  if (typeof Sheet !== 'function' || !('adoptedStyleSheets' in root)) return false;
  try {
    let sheet = constructedSheets.get(root.ownerDocument);
    if (!sheet) {
      sheet = new Sheet();
      sheet.replaceSync(css);
      constructedSheets.set(root.ownerDocument, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    return root.adoptedStyleSheets.length === 1;
  } catch {
    return false;
  }
}

/** Gives a shadow root its styles, whichever way this browser allows. */
export function applyShadowStyles(root: ShadowRoot, css: string = FOLD_CSS): void {
  if (adoptConstructed(root, css)) return;
  const style = root.ownerDocument.createElement('style');
  style.textContent = css;
  root.prepend(style);
}

// Adopting our sheet in a page's shadow root, as a Firefox content script sees the root: an Xray
// wrapper whose adoptedStyleSheets can be read but, in Firefox ESR 140, not set.
import { afterEach, describe, expect, test } from 'vitest';
import { adoptSheet, dropSheet } from '../../src/page/shadow-styles';

const theirs = { id: 'page sheet' } as unknown as CSSStyleSheet;
const ours = { id: 'our sheet' } as unknown as CSSStyleSheet;

/** A root whose own side holds the page's sheet; through the wrapper it reads, and setting throws as ESR 140's Xray does. */
function xrayRoot() {
  const page = { adoptedStyleSheets: [theirs] };
  const scope = {};
  const root = {
    ownerDocument: { defaultView: scope },
    get adoptedStyleSheets() {
      return page.adoptedStyleSheets;
    },
    set adoptedStyleSheets(_: CSSStyleSheet[]) {
      throw new Error('Accessing from Xray wrapper is not supported.');
    },
    wrappedJSObject: page,
  } as unknown as ShadowRoot;
  return { root, page, scope };
}

const globals = globalThis as { cloneInto?: unknown };

afterEach(() => {
  delete globals.cloneInto;
});

describe("a page's shadow root behind a wrapper that refuses its adopted sheets", () => {
  test("gets our sheet after the page's own, set on the page's side with an array of the page's, and loses it again", () => {
    const { root, page, scope } = xrayRoot();
    const clonedInto: unknown[] = [];
    globals.cloneInto = (value: CSSStyleSheet[], target: unknown, options: { wrapReflectors: boolean }) => {
      clonedInto.push(target);
      expect(options.wrapReflectors).toBe(true);
      return [...value];
    };
    expect(adoptSheet(root, ours)).toBe(true);
    expect(page.adoptedStyleSheets).toEqual([theirs, ours]);
    expect(clonedInto).toEqual([scope]);
    dropSheet(root, ours);
    expect(page.adoptedStyleSheets).toEqual([theirs]);
  });

  test('without a way to the page’s side (no cloneInto, as outside Firefox), adopting reports that it did not take', () => {
    const { root, page } = xrayRoot();
    expect(adoptSheet(root, ours)).toBe(false);
    expect(page.adoptedStyleSheets).toEqual([theirs]);
  });
});

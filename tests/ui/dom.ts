// A linkedom document for rendering Preact components in Node, plus queries by accessible name.
import { parseHTML } from 'linkedom';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';
import en from '../../public/_locales/en/messages.json';
import ar from '../../public/_locales/ar/messages.json';
import type { MessageKey, Translate } from '../../src/ui/i18n';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** browser.i18n.getMessage's substitution rules over one locale's messages.json. */
export function localeTranslate(messages: Messages): Translate {
  return (key: MessageKey, substitutions: string[] = []) => {
    const entry = messages[key];
    if (!entry) throw new Error(`missing message ${key}`);
    // Named placeholders become their content when the locale loads; `$1`…`$9` are filled per call, in one pass.
    const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => {
      const content = entry.placeholders?.[name.toLowerCase()]?.content;
      if (content === undefined) throw new Error(`${key}: no placeholder ${name}`);
      return content;
    });
    return expanded.replace(/\$(\d)/g, (_m, n: string) => substitutions[Number(n) - 1] ?? '');
  };
}

export const tEn = localeTranslate(en as Messages);
export const tAr = localeTranslate(ar as Messages);

/** Installs a fresh linkedom document as the global one (Preact creates elements through it). */
export function setupDom(): Document {
  const { window, document } = parseHTML('<!doctype html><html><head></head><body><div id="root"></div></body></html>');
  Object.assign(globalThis, { window, document, Node: window.Node, Event: window.Event, HTMLElement: window.HTMLElement });
  return document as unknown as Document;
}

export async function mount(node: ComponentChild): Promise<HTMLElement> {
  const root = document.getElementById('root')!;
  await act(() => render(node, root));
  return root;
}

export async function unmount(): Promise<void> {
  await act(() => render(null, document.getElementById('root')!));
}

/** The accessible name by the rules these components rely on: aria-label, aria-labelledby, label, text. */
export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  const wrappingLabel = el.closest('label');
  if (wrappingLabel) return (wrappingLabel.textContent ?? '').trim();
  const id = el.getAttribute('id');
  const forLabel = id ? document.querySelector(`label[for="${id}"]`) : null;
  if (forLabel) return (forLabel.textContent ?? '').trim();
  return (el.textContent ?? '').trim();
}

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  switch: '[role="switch"]',
  checkbox: 'input[type="checkbox"]:not([role]), [role="checkbox"]',
  link: 'a[href]',
  radio: 'input[type="radio"]',
  textbox: 'input[type="text"], input:not([type]), textarea',
  spinbutton: 'input[type="number"]',
  status: '[role="status"]',
  alert: '[role="alert"]',
};

export function allByRole(root: ParentNode, role: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(ROLE_SELECTORS[role] ?? `[role="${role}"]`)];
}

export function byRole(root: ParentNode, role: string, name: string | RegExp): HTMLElement {
  const matches = allByRole(root, role).filter((el) => {
    const accName = accessibleName(el);
    return typeof name === 'string' ? accName === name : name.test(accName);
  });
  if (matches.length !== 1) {
    const names = allByRole(root, role).map(accessibleName);
    throw new Error(`expected one ${role} named ${name}, found ${matches.length} among ${JSON.stringify(names)}`);
  }
  return matches[0];
}

export async function click(el: HTMLElement): Promise<void> {
  await act(() => {
    el.dispatchEvent(new window.Event('click', { bubbles: true, cancelable: true }));
  });
}

/** Sets a checkbox like a user would: flips `checked`, then fires the events the browser fires. */
export async function toggle(input: HTMLInputElement): Promise<void> {
  await act(() => {
    input.checked = !input.checked;
    input.dispatchEvent(new window.Event('click', { bubbles: true }));
    input.dispatchEvent(new window.Event('input', { bubbles: true }));
    input.dispatchEvent(new window.Event('change', { bubbles: true }));
  });
}

/** Lets pending promises and Preact effects settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}

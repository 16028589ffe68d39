// UI strings come from _locales through browser.i18n, so the popup and options page follow the browser's language.
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** Looks up a UI string; `substitutions` fill its $PLACEHOLDERS$ in order. */
export type Translate = (key: MessageKey, substitutions?: string[]) => string;

export const translate: Translate = (key, substitutions) =>
  (browser.i18n.getMessage as (name: string, subs?: string[]) => string)(key, substitutions);

/**
 * Writing direction and language of the strings actually shown, for <html dir lang>. They come
 * from the translation itself: Chromium's @@bidi_dir follows the browser's own locale, which can
 * differ from the _locales folder the strings are picked from.
 */
export function uiDirection(): { dir: 'ltr' | 'rtl'; lang: string } {
  return {
    dir: translate('uiDirection') === 'rtl' ? 'rtl' : 'ltr',
    lang: translate('uiLanguage') || browser.i18n.getUILanguage(),
  };
}

/** Applies the UI locale's direction and language to a page, before its first render. */
export function applyUiDirection(doc: Document): void {
  const { dir, lang } = uiDirection();
  doc.documentElement.dir = dir;
  doc.documentElement.lang = lang;
}

// The words ParaDedup shows inside pages: from the extension's _locales when present, English otherwise.
import { browser } from 'wxt/browser';
import { TEMPLATE_SUBSTITUTIONS, compileTemplate, translationLocale, type FillTemplate, type TranslationLocale } from '../i18n-templates';

const ENGLISH = {
  foldLabel: 'Repeated paragraph',
  foldLabelSimilar: 'Similar paragraph',
  foldLabelExcerpt: 'Repeated excerpt',
  foldShow: 'show',
  foldHide: 'hide',
  foldGoToFirst: 'go to first',
  /** $1: a near copy's changed words. */
  foldChanged: 'changed: $1',
  /** $1: the words of the original that a near copy leaves out. */
  foldDropped: 'left out: $1',
  /** A near copy's tooltip line; $1: those words. */
  leftOut: 'Left out: “$1”',
  /** $1: paragraph number, $2: the start of its text. */
  repeatsParagraph: 'Repeats paragraph $1: “$2”',
  /** The same, for a copy that is not word for word. */
  similarToParagraph: 'Similar to paragraph $1: “$2”',
  /** The same, for a copy of part of it, word for word. */
  excerptOfParagraph: 'Repeats part of paragraph $1: “$2”',
};

export type StringKey = keyof typeof ENGLISH;

/** Templates by key, read once: every extension API call crosses into the browser's bindings, and a scan shows hundreds of strings. */
const templates = new Map<StringKey, FillTemplate>();

function template(key: StringKey): FillTemplate {
  let found = templates.get(key);
  if (found === undefined) {
    found = compileTemplate(localized(key) || ENGLISH[key]);
    templates.set(key, found);
  }
  return found;
}

function localized(key: StringKey | 'uiDirection' | 'uiLanguage'): string {
  try {
    // Typed loosely: these keys may be absent from _locales, which is what the English fallback is for.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    return getMessage.call(browser.i18n, key, TEMPLATE_SUBSTITUTIONS as string[]) ?? '';
  } catch {
    // No extension context (unit tests, the CLI): English.
    return '';
  }
}

/** Reads every page string and the UI locale ahead of use: the first call into the i18n bindings is a slow one. */
export function preloadStrings(): void {
  for (const key of Object.keys(ENGLISH) as StringKey[]) template(key);
  uiLocale();
}

/** A page string with `$1`, `$2`… filled in. */
export function t(key: StringKey, ...values: (string | number)[]): string {
  return template(key)(values);
}

let locale: TranslationLocale | undefined;

/** Direction and language of the words ParaDedup shows, so they read (and are spoken) right on any page. */
export function uiLocale(): TranslationLocale {
  if (locale === undefined) {
    const { dir, lang } = translationLocale(localized);
    // No translation to ask (unit tests, the CLI): the words are the English fallback.
    locale = { dir, lang: lang || 'en' };
  }
  return locale;
}

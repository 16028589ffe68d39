// The words ParaDedup shows inside pages: from the extension's _locales when present, English otherwise.
import { browser } from 'wxt/browser';

const ENGLISH = {
  foldLabel: 'Repeated paragraph',
  foldShow: 'show',
  foldHide: 'hide',
  foldGoToFirst: 'go to first',
  /** $1: paragraph number, $2: the start of its text. */
  repeatsParagraph: 'Repeats paragraph $1: “$2”',
};

export type StringKey = keyof typeof ENGLISH;

function fill(template: string, values: readonly string[]): string {
  return template.replace(/\$(\d)/g, (whole, digit: string) => values[Number(digit) - 1] ?? whole);
}

/** A page string with `$1`, `$2`… filled in. */
export function t(key: StringKey, ...values: (string | number)[]): string {
  const subs = values.map(String);
  try {
    // Typed loosely: these keys may be absent from _locales, which is what the English fallback is for.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    const message = getMessage.call(browser.i18n, key, subs);
    if (message) return message;
  } catch {
    // No extension context (unit tests, the CLI): fall through to English.
  }
  return fill(ENGLISH[key], subs);
}

/** Direction of the extension's UI language: our words read in their own direction on any page. */
export function uiDirection(): 'ltr' | 'rtl' {
  try {
    return browser.i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

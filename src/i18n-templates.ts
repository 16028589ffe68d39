// Extension strings read once as templates and filled in here: every browser.i18n call crosses into the
// browser's bindings, about 30 µs each in a profile of Chromium's popup, and a long page's list asks thousands.
// Shared by the page's words and the popup's, as is how a translation says its direction and language.

/** Substitutions that leave a message's `$1`…`$9` in place, so that it can be filled again and again. */
export const TEMPLATE_SUBSTITUTIONS: readonly string[] = Array.from({ length: 9 }, (_, i) => `$${i + 1}`);

/** A message with its `$1`, `$2`… filled in from `values`. */
export type FillTemplate = (values: readonly (string | number)[]) => string;

/**
 * Fills `template` as `browser.i18n.getMessage` does, a missing value reading as nothing. Split once:
 * a regular expression replace per string held 13 ms of a 10,000-paragraph page's tooltips, as cold code.
 */
export function compileTemplate(template: string): FillTemplate {
  const parts = template.split(/\$(\d)/);
  if (parts.length === 1) return () => template;
  const texts: string[] = [];
  const slots: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) texts.push(parts[i]);
    else slots.push(Number(parts[i]) - 1);
  }
  return (values) => {
    let out = texts[0];
    for (let i = 0; i < slots.length; i++) {
      const value = values[slots[i]];
      out += (value === undefined ? '' : String(value)) + texts[i + 1];
    }
    return out;
  };
}

/** A translation's writing direction and language (empty where there is no translation to ask). */
export interface TranslationLocale {
  dir: 'ltr' | 'rtl';
  lang: string;
}

/**
 * The direction and language of the translation the strings are picked from, read from its own
 * `uiDirection` and `uiLanguage` messages: Chromium's @@bidi_dir follows the browser's own locale,
 * which can differ from the _locales folder the strings come from.
 */
export function translationLocale(message: (name: 'uiDirection' | 'uiLanguage') => string): TranslationLocale {
  return { dir: message('uiDirection') === 'rtl' ? 'rtl' : 'ltr', lang: message('uiLanguage') };
}

// Extension strings read once as templates and filled in here: every browser.i18n call crosses into the
// browser's bindings, about 30 µs each in a profile of Chromium's popup, and a long page's list asks thousands.

/** Substitutions that leave a message's `$1`…`$9` in place, so that it can be filled again and again. */
export const TEMPLATE_SUBSTITUTIONS: readonly string[] = Array.from({ length: 9 }, (_, i) => `$${i + 1}`);

/** `template` with `$1`, `$2`… replaced by `values`, as `browser.i18n.getMessage` does: a missing value reads as nothing. */
export function fillTemplate(template: string, values: readonly string[]): string {
  return template.replace(/\$(\d)/g, (_whole, digit: string) => values[Number(digit) - 1] ?? '');
}

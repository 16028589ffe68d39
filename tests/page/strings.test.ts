import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

/** A fresh copy of the strings module, with nothing read from the i18n API yet. */
async function freshStrings() {
  vi.resetModules();
  return import('../../src/page/strings');
}

describe('page strings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads every string once when preloaded, and shows the translations afterwards without asking again', async () => {
    // Chromium run in Arabic can pick the Arabic _locales while its own @@bidi_dir still says ltr (seen with --lang=ar).
    const arabic: Record<string, string> = {
      foldShow: 'عرض',
      repeatsParagraph: 'يكرر الفقرة $1: «$2»',
      uiDirection: 'rtl',
      uiLanguage: 'ar',
      '@@bidi_dir': 'ltr',
    };
    const getMessage = vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((name: string) => arabic[name] ?? '');
    const strings = await freshStrings();
    strings.preloadStrings();
    const asked = getMessage.mock.calls.map(([name]) => name);
    expect(asked).toEqual(expect.arrayContaining(['foldLabel', 'foldShow', 'foldHide', 'foldGoToFirst', 'repeatsParagraph', 'uiDirection', 'uiLanguage']));
    expect(strings.t('foldShow')).toBe('عرض');
    expect(strings.t('foldHide')).toBe('hide');
    expect(strings.t('repeatsParagraph', 3, 'النص')).toBe('يكرر الفقرة 3: «النص»');
    // The words' direction and language are the translation's own.
    expect(strings.uiLocale()).toEqual({ dir: 'rtl', lang: 'ar' });
    expect(getMessage).toHaveBeenCalledTimes(asked.length);
  });

  it('falls back to English where there is no extension to ask', async () => {
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(() => {
      throw new Error('no extension context');
    });
    const strings = await freshStrings();
    strings.preloadStrings();
    expect(strings.t('repeatsParagraph', 2, 'Text')).toBe('Repeats paragraph 2: “Text”');
    expect(strings.uiLocale()).toEqual({ dir: 'ltr', lang: 'en' });
  });
});

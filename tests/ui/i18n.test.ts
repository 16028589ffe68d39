import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import en from '../../public/_locales/en/messages.json';
import { applyUiDirection, cachedTranslate, type MessageKey } from '../../src/ui/i18n';
import { setupDom, tAr, tEn } from './dom';

describe('UI direction', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it.each([
    ['ar', tAr, 'rtl'],
    ['en', tEn, 'ltr'],
  ])('follows the language of the %s strings shown', (lang, t, dir) => {
    const document = setupDom();
    // Whatever the browser says about its own locale, the translation in use decides.
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((name: string) =>
      name.startsWith('@@') ? 'ltr' : t(name as MessageKey)) as never);
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    applyUiDirection(document);
    expect(document.documentElement.getAttribute('dir')).toBe(dir);
    expect(document.documentElement.getAttribute('lang')).toBe(lang);
  });
});

describe('cachedTranslate', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('asks the browser once per string and fills in substitutions as the browser does', () => {
    const getMessage = vi
      .spyOn(fakeBrowser.i18n, 'getMessage')
      .mockImplementation(((name: string, substitutions?: string[]) => tAr(name as MessageKey, substitutions)) as never);
    const t = cachedTranslate();
    // Values that look like placeholders stay as they are; a missing one reads as nothing, as in browser.i18n.
    const cases: string[][] = [[], ['7'], ['$2 «x»', '3'], ['1', '2', '3']];
    for (const key of Object.keys(en) as MessageKey[]) {
      for (const values of cases) expect(t(key, values), `${key} ${JSON.stringify(values)}`).toBe(tAr(key, values));
    }
    expect(t('popupOccurrence', ['2', '5'])).toBe(tAr('popupOccurrence', ['2', '5']));
    expect(getMessage).toHaveBeenCalledTimes(Object.keys(en).length);
  });
});

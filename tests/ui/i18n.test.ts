import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { applyUiDirection, type MessageKey } from '../../src/ui/i18n';
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

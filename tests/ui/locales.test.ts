import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tAr, tEn } from './dom';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const localesDir = new URL('../../public/_locales/', import.meta.url);
const locales = Object.fromEntries(
  readdirSync(localesDir).map((lang) => [lang, JSON.parse(readFileSync(new URL(`${lang}/messages.json`, localesDir), 'utf8')) as Messages]),
);

describe('locales', () => {
  it('ships English and Arabic', () => {
    expect(Object.keys(locales).sort()).toEqual(['ar', 'en']);
  });

  it('translates every English message, with the same placeholders', () => {
    const en = locales.en;
    for (const [lang, messages] of Object.entries(locales)) {
      expect(Object.keys(messages).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(messages)) {
        expect(entry.message.trim(), `${lang}:${key}`).not.toBe('');
        const used = (entry.message.match(/\$[A-Za-z0-9_]+\$/g) ?? []).map((p) => p.slice(1, -1).toLowerCase()).sort();
        const enUsed = (en[key].message.match(/\$[A-Za-z0-9_]+\$/g) ?? []).map((p) => p.slice(1, -1).toLowerCase()).sort();
        expect(used, `${lang}:${key}`).toEqual(enUsed);
        expect(Object.keys(entry.placeholders ?? {}).sort(), `${lang}:${key}`).toEqual(used);
      }
    }
  });

  it('uses only names browsers accept as message keys', () => {
    for (const key of Object.keys(locales.en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });

  it('fills placeholders in both languages', () => {
    expect(tEn('popupScanFailed', ['timeout'])).toBe('Scan failed: timeout');
    expect(tAr('popupScanFailed', ['timeout'])).toBe('فشل الفحص: timeout');
    expect(tEn('popupOccurrence', ['2', '3'])).toBe('Go to occurrence 2 of 3');
  });

  it('keeps the names tests and screen readers rely on', () => {
    expect(tEn('popupAutoCollapse')).toContain('Auto-collapse');
    expect([tEn('popupCollapseAll'), tEn('popupExpandAll'), tEn('popupHighlightOnly')]).toEqual([
      'Collapse all',
      'Expand all',
      'Highlight only',
    ]);
  });
});

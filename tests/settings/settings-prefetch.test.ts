import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { PLAN_STORAGE_KEYS, startSettingsPrefetch, takeSettingsPrefetch, type PrefetchStorage } from '../../src/settings-prefetch';
import { saveSettings, settingsItem, siteRulesItem } from '../../src/settings';

const area = () => fakeBrowser.storage.local as unknown as PrefetchStorage;
let clock = 0;
const now = () => ++clock;

describe('the settings prefetch (document_start)', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    clock = 0;
  });

  it('reads the keys the settings items are stored under, with their versions', () => {
    expect(PLAN_STORAGE_KEYS).toEqual([
      settingsItem().key.replace('local:', ''),
      `${settingsItem().key.replace('local:', '')}$`,
      siteRulesItem().key.replace('local:', ''),
      `${siteRulesItem().key.replace('local:', '')}$`,
    ]);
  });

  it('leaves the raw stored values for the content script, which takes them once', async () => {
    await fakeBrowser.storage.local.set({ settings: { defaultMode: 'collapse' }, 'settings$': { v: 2 }, other: 'not ours' });
    const scope = {};
    startSettingsPrefetch(area(), now, scope);
    const prefetch = takeSettingsPrefetch(scope);
    expect(prefetch).not.toBeNull();
    expect(await prefetch!.values).toEqual({ settings: { defaultMode: 'collapse' }, 'settings$': { v: 2 } });
    expect(prefetch!.stale).toBe(false);
    expect(takeSettingsPrefetch(scope)).toBeNull();
  });

  it('records when it started, when its own run ended and when storage answered', async () => {
    const scope = {};
    startSettingsPrefetch(area(), now, scope);
    const prefetch = takeSettingsPrefetch(scope)!;
    await prefetch.values;
    expect(prefetch.startedAt).toBe(1);
    expect(prefetch.ranUntil).toBe(2);
    expect(prefetch.answeredAt).toBe(3);
  });

  it('notices a change to the settings made after its read began', async () => {
    const scope = {};
    startSettingsPrefetch(area(), now, scope);
    await saveSettings({ defaultMode: 'collapse' });
    expect(takeSettingsPrefetch(scope)!.stale).toBe(true);
  });

  it('leaves nothing behind, not even its change listener, when storage cannot be read', () => {
    const listeners = new Set<unknown>();
    const broken: PrefetchStorage = {
      get: () => {
        throw new Error('Extension context invalidated.');
      },
      onChanged: { addListener: (l) => listeners.add(l), removeListener: (l) => listeners.delete(l) },
    };
    const callbackStyle = { ...broken, get: () => undefined as unknown as Promise<Record<string, unknown>> };
    for (const storage of [broken, callbackStyle]) {
      const scope = {};
      expect(() => startSettingsPrefetch(storage, now, scope)).toThrow();
      expect(listeners.size).toBe(0);
      expect(takeSettingsPrefetch(scope)).toBeNull();
    }
  });

  it('ignores changes to keys a page plan does not read', async () => {
    const scope = {};
    startSettingsPrefetch(area(), now, scope);
    await fakeBrowser.storage.local.set({ unrelated: 1 });
    expect(takeSettingsPrefetch(scope)!.stale).toBe(false);
  });

  it('stops listening for changes once taken', () => {
    const listeners = new Set<unknown>();
    const watched: PrefetchStorage = {
      get: (keys) => area().get(keys),
      onChanged: { addListener: (listener) => listeners.add(listener), removeListener: (listener) => listeners.delete(listener) },
    };
    const scope = {};
    startSettingsPrefetch(watched, now, scope);
    expect(listeners.size).toBe(1);
    takeSettingsPrefetch(scope);
    expect(listeners.size).toBe(0);
  });

  it('keeps its read under a symbol: nothing a page element id could name or shadow', () => {
    const scope = {};
    startSettingsPrefetch(area(), now, scope);
    expect(Object.keys(scope)).toEqual([]);
    expect(Object.getOwnPropertySymbols(scope)).toHaveLength(1);
  });

  it('finds nothing where no prefetch ran', () => {
    expect(takeSettingsPrefetch({})).toBeNull();
  });

  it('hands over a failed read as a rejection, without an unhandled one of its own', async () => {
    const failing: PrefetchStorage = { ...area(), get: vi.fn(() => Promise.reject(new Error('storage unavailable'))) };
    const scope = {};
    startSettingsPrefetch(failing, now, scope);
    const prefetch = takeSettingsPrefetch(scope)!;
    await expect(prefetch.values).rejects.toThrow('storage unavailable');
    expect(prefetch.answeredAt).toBeNull();
  });
});

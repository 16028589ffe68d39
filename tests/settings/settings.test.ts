import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_OPTIONS } from '../../src/engine';
import {
  DEFAULT_SETTINGS,
  MIN_BLOCK_CHARS_LIMITS,
  clearSiteField,
  getSettings,
  getSiteRules,
  loadPagePlan,
  parseSiteInput,
  repairSettings,
  repairSiteRules,
  saveSettings,
  setAutoCollapse,
  setNeverScan,
  settingsItem,
  siteKey,
  siteRule,
  siteRulesItem,
  toggleAutoCollapse,
  watchPagePlan,
  type PagePlan,
} from '../../src/settings';
import { startSettingsPrefetch, takeSettingsPrefetch, type PrefetchStorage, type SettingsPrefetch } from '../../src/settings-prefetch';

/** The plan of a site with no rule under the default settings. */
const DEFAULT_PLAN = {
  scan: true,
  mode: 'highlight',
  engine: { strictness: DEFAULT_SETTINGS.strictness, minBlockChars: DEFAULT_SETTINGS.minBlockChars },
};

/** Writes raw values straight into extension storage, as an older version or a broken sync would have. */
async function writeRaw(values: Record<string, unknown>): Promise<void> {
  await fakeBrowser.storage.local.set(values);
}

async function readRaw(key: string): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(key))[key];
}

describe('settings defaults', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts from the engine defaults and highlight mode', async () => {
    expect(await getSettings()).toEqual({
      strictness: DEFAULT_OPTIONS.strictness,
      minBlockChars: DEFAULT_OPTIONS.minBlockChars,
      defaultMode: 'highlight',
    });
    expect(await getSiteRules()).toEqual({});
  });

  it('saves a change and keeps the other fields', async () => {
    await saveSettings({ strictness: 'loose' });
    await saveSettings({ minBlockChars: 80 });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, strictness: 'loose', minBlockChars: 80 });
  });

  it('stores settings only, never anything else', async () => {
    await saveSettings({ defaultMode: 'collapse' });
    await toggleAutoCollapse('news.example.com');
    const keys = Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => !key.endsWith('$'));
    expect(keys.sort()).toEqual(['settings', 'siteRules']);
  });
});

describe('repairing corrupted storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each([null, 'garbage', 42, [], true])('replaces a settings value of %j with the defaults', (raw) => {
    expect(repairSettings(raw)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the valid fields and repairs only the broken ones', () => {
    expect(repairSettings({ strictness: 'loose', minBlockChars: 'lots', defaultMode: 7, extra: 'x' })).toEqual({
      ...DEFAULT_SETTINGS,
      strictness: 'loose',
    });
    expect(repairSettings({ strictness: 'EXTREME', minBlockChars: 55, defaultMode: 'collapse' })).toEqual({
      strictness: DEFAULT_SETTINGS.strictness,
      minBlockChars: 55,
      defaultMode: 'collapse',
    });
  });

  it('clamps the paragraph length into its documented range and reads numeric strings', () => {
    expect(repairSettings({ minBlockChars: -5 }).minBlockChars).toBe(MIN_BLOCK_CHARS_LIMITS.min);
    expect(repairSettings({ minBlockChars: 1e9 }).minBlockChars).toBe(MIN_BLOCK_CHARS_LIMITS.max);
    expect(repairSettings({ minBlockChars: '60' }).minBlockChars).toBe(60);
    expect(repairSettings({ minBlockChars: Number.NaN }).minBlockChars).toBe(DEFAULT_SETTINGS.minBlockChars);
  });

  it('drops broken site rules and keeps the good ones, under normalised keys', () => {
    expect(
      repairSiteRules({
        'Example.COM.': { autoCollapse: true },
        'www.news.org': { never: true, autoCollapse: 'yes' },
        'bad host/x': { never: true },
        'empty.org': {},
        'null.org': null,
        'string.org': 'collapse',
        '': { never: true },
      }),
    ).toEqual({ 'example.com': { autoCollapse: true }, 'news.org': { never: true } });
    expect(repairSiteRules('{"a":1}')).toEqual({});
    expect(repairSiteRules([{ autoCollapse: true }])).toEqual({});
  });

  it('reads corrupted storage without throwing and writes the repaired value back', async () => {
    await writeRaw({ settings: { strictness: 'exact', minBlockChars: null, defaultMode: 'sideways' }, settings$: { v: 2 } });
    await writeRaw({ siteRules: { 'example.com': { autoCollapse: true }, 'x.org': 'oops' }, siteRules$: { v: 2 } });
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, strictness: 'exact' });
    expect(await getSiteRules()).toEqual({ 'example.com': { autoCollapse: true } });
    expect(await readRaw('settings')).toEqual({ ...DEFAULT_SETTINGS, strictness: 'exact' });
    expect(await readRaw('siteRules')).toEqual({ 'example.com': { autoCollapse: true } });
  });

  it('never writes back valid settings stored with their keys in another order, as Chrome hands them back sorted', async () => {
    await writeRaw({ settings: { defaultMode: 'collapse', minBlockChars: 60, strictness: 'loose' }, settings$: { v: 2 } });
    await writeRaw({ siteRules: { 'example.com': { never: false, autoCollapse: true } }, siteRules$: { v: 2 } });
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    for (let i = 0; i < 3; i++) await loadPagePlan('example.com');
    expect(await getSettings()).toEqual({ strictness: 'loose', minBlockChars: 60, defaultMode: 'collapse' });
    expect(set).not.toHaveBeenCalled();
    set.mockRestore();
  });

  it('survives a garbage string where the whole object should be', async () => {
    await writeRaw({ settings: '\u0000not json', siteRules: 17 });
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await getSiteRules()).toEqual({});
    expect(await loadPagePlan('example.com')).toEqual(DEFAULT_PLAN);
  });
});

describe('migrations', () => {
  beforeEach(() => fakeBrowser.reset());

  it('moves v1 settings (engine options only) to v2 with a default mode', async () => {
    await writeRaw({ settings: { strictness: 'exact', minBlockChars: 25 } });
    await settingsItem().migrate();
    expect(await readRaw('settings')).toEqual({ strictness: 'exact', minBlockChars: 25, defaultMode: 'highlight' });
    expect(await readRaw('settings$')).toEqual({ v: 2 });
  });

  it('moves v1 site lists to v2 per-host rules, merging hosts on both lists', async () => {
    await writeRaw({
      siteRules: { autoCollapse: ['www.example.com', 'News.org', 3], never: ['news.org', 'ads.test', ''] },
    });
    await siteRulesItem().migrate();
    expect(await readRaw('siteRules')).toEqual({
      'example.com': { autoCollapse: true },
      'news.org': { autoCollapse: true, never: true },
      'ads.test': { never: true },
    });
    expect(await readRaw('siteRules$')).toEqual({ v: 2 });
  });

  it('repairs garbage while migrating instead of failing', async () => {
    await writeRaw({ settings: 'garbage', siteRules: { autoCollapse: 'example.com' } });
    await settingsItem().migrate();
    await siteRulesItem().migrate();
    expect(await getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(await getSiteRules()).toEqual({});
  });

  it('leaves v2 data alone', async () => {
    const rules = { 'example.com': { never: true } };
    await writeRaw({ siteRules: rules, siteRules$: { v: 2 } });
    await siteRulesItem().migrate();
    expect(await readRaw('siteRules')).toEqual(rules);
  });
});

describe('site keys and rule resolution', () => {
  it('keeps "www." where what follows is a public suffix, so a rule on one site never covers all under it', () => {
    expect(siteKey('www.gov.uk')).toBe('www.gov.uk');
    expect(siteKey('www.co.jp')).toBe('www.co.jp');
    expect(siteKey('www.com')).toBe('www.com');
    expect(siteKey('www.bbc.co.uk')).toBe('bbc.co.uk');
    expect(siteKey('www.example.de')).toBe('example.de');
    expect(siteRule({ [siteKey('www.gov.uk')]: { never: true } }, 'www.ons.gov.uk')).toEqual({});
  });

  it('normalises hostnames to site keys', () => {
    expect(siteKey('WWW.Example.COM.')).toBe('example.com');
    expect(siteKey('news.example.com')).toBe('news.example.com');
    expect(siteKey('www')).toBe('www');
    expect(siteKey('')).toBe('');
    expect(siteKey('a b')).toBe('');
    expect(siteKey('[::1]')).toBe('[::1]');
    expect(siteKey('__proto__')).toBe('');
    expect(siteKey('<script>')).toBe('');
  });

  it('parses what people type into the options page', () => {
    expect(parseSiteInput('  https://www.Example.com/news/1?x#y ')).toBe('example.com');
    expect(parseSiteInput('news.example.com')).toBe('news.example.com');
    expect(parseSiteInput('bücher.de')).toBe('xn--bcher-kva.de');
    expect(parseSiteInput('localhost:8080')).toBe('localhost');
    expect(parseSiteInput('ftp://example.com')).toBe('');
    expect(parseSiteInput('not a site')).toBe('');
    expect(parseSiteInput('')).toBe('');
  });

  it('applies a rule on example.com to its subdomains', () => {
    const rules = { 'example.com': { autoCollapse: true } };
    expect(siteRule(rules, 'news.example.com')).toEqual({ autoCollapse: true });
    expect(siteRule(rules, 'a.b.example.com')).toEqual({ autoCollapse: true });
    expect(siteRule(rules, 'www.example.com')).toEqual({ autoCollapse: true });
    expect(siteRule(rules, 'example.org')).toEqual({});
    expect(siteRule(rules, 'notexample.com')).toEqual({});
  });

  it('lets a subdomain override its parent field by field', () => {
    const rules = {
      'example.com': { autoCollapse: true, never: true },
      'news.example.com': { never: false },
    };
    expect(siteRule(rules, 'live.news.example.com')).toEqual({ autoCollapse: true, never: false });
    expect(siteRule(rules, 'shop.example.com')).toEqual({ autoCollapse: true, never: true });
  });

  it('never treats parts of an IP address as parent domains', () => {
    const rules = { '0.0.1': { never: true }, '1': { never: true } };
    expect(siteRule(rules, '127.0.0.1')).toEqual({});
  });

  it('reads only rules that were stored, not properties every object has', () => {
    expect(siteRule({}, 'constructor')).toEqual({});
    expect(repairSiteRules(JSON.parse('{"__proto__": {"never": true}, "toString": {"never": true}}'))).toEqual({
      tostring: { never: true },
    });
  });
});

describe('auto-collapse and never-scan rules', () => {
  beforeEach(() => fakeBrowser.reset());

  it('toggles auto-collapse for a site and back, leaving no rule behind', async () => {
    expect(await toggleAutoCollapse('www.example.com')).toBe(true);
    expect(await getSiteRules()).toEqual({ 'example.com': { autoCollapse: true } });
    expect((await loadPagePlan('news.example.com')).mode).toBe('collapse');
    expect((await loadPagePlan('example.org')).mode).toBe('highlight');
    expect(await toggleAutoCollapse('example.com')).toBe(false);
    expect(await getSiteRules()).toEqual({});
  });

  it('turns a subdomain off under an auto-collapsing parent with its own rule', async () => {
    await toggleAutoCollapse('example.com');
    expect(await toggleAutoCollapse('news.example.com')).toBe(false);
    expect(await getSiteRules()).toEqual({ 'example.com': { autoCollapse: true }, 'news.example.com': { autoCollapse: false } });
    expect((await loadPagePlan('news.example.com')).mode).toBe('highlight');
    expect((await loadPagePlan('shop.example.com')).mode).toBe('collapse');
    expect(await toggleAutoCollapse('news.example.com')).toBe(true);
    expect(await getSiteRules()).toEqual({ 'example.com': { autoCollapse: true } });
  });

  it('follows the default mode on sites without a rule, and a rule can opt out of it', async () => {
    await saveSettings({ defaultMode: 'collapse' });
    expect((await loadPagePlan('example.com')).mode).toBe('collapse');
    expect(await toggleAutoCollapse('example.com')).toBe(false);
    expect(await getSiteRules()).toEqual({ 'example.com': { autoCollapse: false } });
    expect((await loadPagePlan('example.com')).mode).toBe('highlight');
  });

  it('stops scanning never-scan sites and their subdomains', async () => {
    await setNeverScan('example.com', true);
    expect((await loadPagePlan('news.example.com')).scan).toBe(false);
    expect((await loadPagePlan('example.org')).scan).toBe(true);
    await clearSiteField('example.com', 'never');
    expect((await loadPagePlan('news.example.com')).scan).toBe(true);
    expect(await getSiteRules()).toEqual({});
  });

  it('keeps the other field when one is removed', async () => {
    await toggleAutoCollapse('example.com');
    await setNeverScan('example.com', true);
    await clearSiteField('example.com', 'autoCollapse');
    expect(await getSiteRules()).toEqual({ 'example.com': { never: true } });
  });

  it('passes the engine options through to the page plan', async () => {
    await saveSettings({ strictness: 'exact', minBlockChars: 120 });
    expect((await loadPagePlan('example.com')).engine).toEqual({ strictness: 'exact', minBlockChars: 120 });
  });

  it('tells a watching page about rule changes for its host', async () => {
    const plans: PagePlan[] = [];
    const unwatch = watchPagePlan('news.example.com', (plan) => plans.push(plan));
    await toggleAutoCollapse('example.com');
    await new Promise((resolve) => setTimeout(resolve, 0));
    unwatch();
    await toggleAutoCollapse('example.com');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(plans.map((plan) => plan.mode)).toEqual(['collapse']);
  });
});

describe("a page's plan at start-up", () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it('reads both items and their versions in one storage round trip', async () => {
    await writeRaw({
      settings: { ...DEFAULT_SETTINGS, strictness: 'loose' },
      settings$: { v: 2 },
      siteRules: { 'example.com': { autoCollapse: true } },
      siteRules$: { v: 2 },
    });
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const plan = await loadPagePlan('news.example.com');
    expect(get).toHaveBeenCalledTimes(1);
    expect(plan).toEqual({ scan: true, mode: 'collapse', engine: { strictness: 'loose', minBlockChars: DEFAULT_SETTINGS.minBlockChars } });
  });

  it('makes that one storage read and no other: the items, and their migration checks, are defined only to repair or migrate', async () => {
    await writeRaw({ settings: { ...DEFAULT_SETTINGS, defaultMode: 'collapse' }, settings$: { v: 2 }, siteRules: {}, siteRules$: { v: 2 } });
    vi.resetModules();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const fresh = await import('../../src/settings');
    expect((await fresh.loadPagePlan('example.com')).mode).toBe('collapse');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('reads nothing from storage when the module is merely imported (every frame of every page imports it)', async () => {
    vi.resetModules();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    const fresh = await import('../../src/settings');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(get).not.toHaveBeenCalled();
    expect(fresh.settingsItem().key).toBe('local:settings');
  });

  it('migrates v1 data before planning, and stores the migrated form', async () => {
    await writeRaw({ settings: { strictness: 'exact', minBlockChars: 25 }, siteRules: { autoCollapse: ['www.example.com'], never: ['ads.test'] } });
    expect(await loadPagePlan('example.com')).toEqual({ scan: true, mode: 'collapse', engine: { strictness: 'exact', minBlockChars: 25 } });
    expect((await loadPagePlan('ads.test')).scan).toBe(false);
    expect(await readRaw('siteRules')).toEqual({ 'example.com': { autoCollapse: true }, 'ads.test': { never: true } });
    expect(await readRaw('siteRules$')).toEqual({ v: 2 });
    expect(await readRaw('settings')).toEqual({ strictness: 'exact', minBlockChars: 25, defaultMode: 'highlight' });
  });

  it('repairs corrupted current-version data and writes the repaired value back', async () => {
    await writeRaw({
      settings: { strictness: 'near', minBlockChars: '5', defaultMode: 'collapse' },
      settings$: { v: 2 },
      siteRules: { 'Example.COM.': { never: true }, '__proto__': { never: true }, 'x.org': 'oops' },
      siteRules$: { v: 2 },
    });
    expect(await loadPagePlan('www.example.com')).toEqual({
      scan: false,
      mode: 'collapse',
      engine: { strictness: 'near', minBlockChars: MIN_BLOCK_CHARS_LIMITS.min },
    });
    expect(await readRaw('settings')).toEqual({ strictness: 'near', minBlockChars: MIN_BLOCK_CHARS_LIMITS.min, defaultMode: 'collapse' });
    expect(await readRaw('siteRules')).toEqual({ 'example.com': { never: true } });
  });

  it('plans with the defaults when storage cannot be read', async () => {
    vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValue(new Error('storage unavailable'));
    expect(await loadPagePlan('example.com')).toEqual(DEFAULT_PLAN);
  });
});

describe("a page's plan from the document_start prefetch", () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  /** What the content script takes over: the prefetch started on the fake storage as it is now. */
  function prefetched(): SettingsPrefetch {
    const scope = {};
    startSettingsPrefetch(fakeBrowser.storage.local as unknown as PrefetchStorage, () => performance.now(), scope);
    return takeSettingsPrefetch(scope)!;
  }

  it('plans from the prefetched values without reading storage again', async () => {
    await writeRaw({ settings: { ...DEFAULT_SETTINGS, strictness: 'exact' }, settings$: { v: 2 }, siteRules: { 'example.com': { autoCollapse: true } }, siteRules$: { v: 2 } });
    const prefetch = prefetched();
    const get = vi.spyOn(fakeBrowser.storage.local, 'get');
    expect(await loadPagePlan('news.example.com', prefetch)).toEqual({
      scan: true,
      mode: 'collapse',
      engine: { strictness: 'exact', minBlockChars: DEFAULT_SETTINGS.minBlockChars },
    });
    expect(get).not.toHaveBeenCalled();
  });

  it('repairs corrupted prefetched values exactly as stored ones: defaults, and the repaired value written back', async () => {
    await writeRaw({ settings: '\u0000not json', settings$: { v: 2 }, siteRules: { 'Example.COM.': { never: true }, 'x.org': 'oops' }, siteRules$: { v: 2 } });
    expect(await loadPagePlan('www.example.com', prefetched())).toEqual({ ...DEFAULT_PLAN, scan: false });
    await vi.waitFor(async () => expect(await readRaw('siteRules')).toEqual({ 'example.com': { never: true } }));
  });

  it('migrates prefetched v1 values through the items before planning', async () => {
    await writeRaw({ settings: { strictness: 'exact', minBlockChars: 25 }, siteRules: { autoCollapse: ['www.example.com'], never: [] } });
    expect(await loadPagePlan('example.com', prefetched())).toEqual({ scan: true, mode: 'collapse', engine: { strictness: 'exact', minBlockChars: 25 } });
    expect(await readRaw('siteRules$')).toEqual({ v: 2 });
  });

  it('reads storage afresh when the settings changed after the prefetch read them', async () => {
    const scope = {};
    startSettingsPrefetch(fakeBrowser.storage.local as unknown as PrefetchStorage, () => performance.now(), scope);
    await saveSettings({ defaultMode: 'collapse' });
    expect((await loadPagePlan('example.com', takeSettingsPrefetch(scope))).mode).toBe('collapse');
  });

  it('reads storage itself when the prefetched read failed', async () => {
    await writeRaw({ settings: { ...DEFAULT_SETTINGS, defaultMode: 'collapse' }, settings$: { v: 2 } });
    const failed: SettingsPrefetch = { startedAt: 0, ranUntil: 0, values: Promise.reject(new Error('no storage yet')), answeredAt: null, stale: false };
    expect((await loadPagePlan('example.com', failed)).mode).toBe('collapse');
  });
});

describe('writes at the same time', () => {
  beforeEach(() => fakeBrowser.reset());

  it('loses none: each read-then-write waits for the one before', async () => {
    await Promise.all([setAutoCollapse('a.com', true), setNeverScan('b.com', true)]);
    expect(await getSiteRules()).toEqual({ 'a.com': { autoCollapse: true }, 'b.com': { never: true } });
    const toggles = await Promise.all([toggleAutoCollapse('a.com'), toggleAutoCollapse('a.com')]);
    expect(toggles).toEqual([false, true]);
    expect(siteRule(await getSiteRules(), 'a.com')).toEqual({ autoCollapse: true });
    await Promise.all([saveSettings({ strictness: 'loose' }), saveSettings({ minBlockChars: 80 })]);
    expect(await getSettings()).toEqual({ ...DEFAULT_SETTINGS, strictness: 'loose', minBlockChars: 80 });
  });

  it('goes on after a write that failed', async () => {
    const set = vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('quota'));
    await expect(setNeverScan('a.com', true)).rejects.toThrow('quota');
    await setNeverScan('b.com', true);
    expect(await getSiteRules()).toEqual({ 'b.com': { never: true } });
    set.mockRestore();
  });
});

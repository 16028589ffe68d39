// User settings: global options and per-site rules, kept in versioned storage items.
// Only settings live here; page text and scan results are never stored.
import { storage, type StorageItemKey, type WxtStorageItem } from 'wxt/utils/storage';
import { DEFAULT_OPTIONS, type EngineOptions, type Strictness } from './engine';
import { PLAN_STORAGE_KEYS, type SettingsPrefetch } from './settings-prefetch';

/** What a scanned page shows when its site has no rule of its own. */
export type DefaultMode = 'highlight' | 'collapse';

export interface GlobalSettings {
  strictness: Strictness;
  /** Paragraphs shorter than this (normalised characters) are never reported. */
  minBlockChars: number;
  defaultMode: DefaultMode;
}

/** A rule for one hostname. An absent field means "inherit from the parent domain, else the default". */
export interface SiteRule {
  autoCollapse?: boolean;
  never?: boolean;
}

/** Rules keyed by site key (see `siteKey`). */
export type SiteRules = Record<string, SiteRule>;

export const STRICTNESS_LEVELS: readonly Strictness[] = ['exact', 'near', 'loose'];
export const DEFAULT_MODES: readonly DefaultMode[] = ['highlight', 'collapse'];

/**
 * Bounds for the minimum paragraph length. Below 10 characters every "Share" button would be a
 * candidate; above 2000 almost no news paragraph would be compared at all.
 */
export const MIN_BLOCK_CHARS_LIMITS = { min: 10, max: 2000 } as const;

/** The engine's own defaults, so the extension and `npm run scan` agree out of the box. */
export const DEFAULT_SETTINGS: Readonly<GlobalSettings> = Object.freeze({
  strictness: DEFAULT_OPTIONS.strictness,
  minBlockChars: DEFAULT_OPTIONS.minBlockChars,
  defaultMode: 'highlight',
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function repairMinBlockChars(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return DEFAULT_SETTINGS.minBlockChars;
  return Math.min(MIN_BLOCK_CHARS_LIMITS.max, Math.max(MIN_BLOCK_CHARS_LIMITS.min, Math.round(n)));
}

/** Any stored value -> valid settings. Valid fields are kept; each invalid one falls back to its default. */
export function repairSettings(raw: unknown): GlobalSettings {
  const value = isRecord(raw) ? raw : {};
  return {
    strictness: STRICTNESS_LEVELS.includes(value.strictness as Strictness)
      ? (value.strictness as Strictness)
      : DEFAULT_SETTINGS.strictness,
    minBlockChars: repairMinBlockChars(value.minBlockChars),
    defaultMode: DEFAULT_MODES.includes(value.defaultMode as DefaultMode)
      ? (value.defaultMode as DefaultMode)
      : DEFAULT_SETTINGS.defaultMode,
  };
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
/** A DNS label as pages report it (IDN already in punycode). Also keeps "__proto__" out of rule keys. */
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9_-]*[a-z0-9])?$/;
/** location.hostname gives IPv6 addresses in brackets. */
const IPV6 = /^\[[0-9a-f:.]+\]$/;

/** Second-level labels under which country domains register sites (gov.uk, co.jp, com.au): public suffixes, not sites. */
const REGISTRY_LABELS = new Set(['ac', 'co', 'com', 'edu', 'go', 'gob', 'gouv', 'gov', 'govt', 'ltd', 'mil', 'ne', 'net', 'nhs', 'nic', 'or', 'org', 'plc', 'sch']);

/** Whether `host` (lower case) looks like a public suffix: a top-level domain, or a registry label under a country's. */
function isPublicSuffix(host: string): boolean {
  const labels = host.split('.');
  return labels.length === 1 || (labels.length === 2 && labels[1].length === 2 && REGISTRY_LABELS.has(labels[0]));
}

/**
 * The key a hostname's rule is stored under: lower case, no trailing dot, no leading "www."
 * (www.example.com and example.com are the same site to a reader), unless what is left is a public
 * suffix: a rule there would cover every site under it (www.gov.uk is one site, gov.uk hundreds).
 * Empty when it isn't a hostname.
 */
export function siteKey(hostname: string): string {
  const host = hostname.trim().toLowerCase().replace(/\.+$/, '');
  if (!IPV6.test(host) && !host.split('.').every((label) => HOST_LABEL.test(label))) return '';
  return host.startsWith('www.') && !isPublicSuffix(host.slice(4)) ? host.slice(4) : host;
}

/**
 * A site typed by the user ("example.com", "https://news.example.com/page") -> its site key,
 * or '' when it isn't a usable hostname. URL parsing also turns IDN into the punycode pages report.
 */
export function parseSiteInput(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return '';
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
    return siteKey(url.hostname);
  } catch {
    return '';
  }
}

function repairRule(raw: unknown): SiteRule | null {
  if (!isRecord(raw)) return null;
  const rule: SiteRule = {};
  if (typeof raw.autoCollapse === 'boolean') rule.autoCollapse = raw.autoCollapse;
  if (typeof raw.never === 'boolean') rule.never = raw.never;
  return Object.keys(rule).length > 0 ? rule : null;
}

/** Any stored value -> valid rules. Rules with a bad hostname or no valid field are dropped; the rest are kept. */
export function repairSiteRules(raw: unknown): SiteRules {
  const rules: SiteRules = {};
  if (!isRecord(raw)) return rules;
  for (const [host, value] of Object.entries(raw)) {
    const key = siteKey(host);
    const rule = repairRule(value);
    if (key && rule) rules[key] = { ...rules[key], ...rule };
  }
  return rules;
}

/** Version 1 stored only the engine options; version 2 added `defaultMode`. Safe to run on v2 data. */
export function migrateSettingsV1(v1: unknown): GlobalSettings {
  return repairSettings(v1);
}

/**
 * Version 1 kept two hostname lists, `{ autoCollapse: string[], never: string[] }`; version 2 keys one
 * rule per hostname, so a subdomain can override a single field of its parent's rule.
 */
export function migrateSiteRulesV1(v1: unknown): SiteRules {
  const lists = isRecord(v1) ? v1 : {};
  // Data already keyed by hostname passes through, so running the migration twice loses nothing.
  if (!Array.isArray(lists.autoCollapse) && !Array.isArray(lists.never)) return repairSiteRules(v1);
  const rules: SiteRules = {};
  for (const field of ['autoCollapse', 'never'] as const) {
    const hosts = Array.isArray(lists[field]) ? (lists[field] as unknown[]) : [];
    for (const host of hosts) {
      const key = typeof host === 'string' ? siteKey(host) : '';
      if (key) rules[key] = { ...rules[key], [field]: true };
    }
  }
  return rules;
}

/** The storage.local keys a page's plan is read from, as wxt names them: the two items and their versions. */
const PLAN_ITEM_KEYS = PLAN_STORAGE_KEYS.map((key): StorageItemKey => `local:${key}`);
const [SETTINGS_KEY, , SITE_RULES_KEY] = PLAN_ITEM_KEYS;
/** The version both items are stored at; older stored values go through the items' migrations. */
const ITEM_VERSION = 2;

type Item<T> = WxtStorageItem<T, Record<string, unknown>>;

/**
 * Storage items are defined on first use. Defining one starts its migration check, storage reads that
 * every frame of every page would otherwise pay at import, though loading a page's plan needs none.
 */
function definedOnFirstUse<T>(define: () => Item<T>): () => Item<T> {
  let item: Item<T> | undefined;
  return () => (item ??= define());
}

// `local`, not `sync`: no per-item quota to outgrow with many sites, and nothing leaves the device.
export const settingsItem = definedOnFirstUse(() =>
  storage.defineItem<GlobalSettings>(SETTINGS_KEY, {
    fallback: DEFAULT_SETTINGS,
    version: ITEM_VERSION,
    migrations: { 2: migrateSettingsV1 },
  }),
);

export const siteRulesItem = definedOnFirstUse(() =>
  storage.defineItem<SiteRules>(SITE_RULES_KEY, {
    fallback: {},
    version: ITEM_VERSION,
    migrations: { 2: migrateSiteRulesV1 },
  }),
);

/** Equal JSON values, whatever their keys' order: Chrome's storage hands objects back with their keys sorted. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  const other = b as Record<string, unknown>;
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(other, key) && sameValue((a as Record<string, unknown>)[key], other[key]));
}

type Repairable<T> = Pick<Item<T>, 'getValue' | 'setValue'>;

/**
 * The repaired form of a stored value; storage gets it back when it held something invalid. The item
 * is only asked for then: defining one costs the storage reads of its migration check.
 */
async function repairStored<T>(item: () => Repairable<T>, raw: unknown, repair: (raw: unknown) => T): Promise<T> {
  const repaired = repair(raw);
  if (raw != null && !sameValue(raw, repaired)) await item().setValue(repaired).catch(() => undefined);
  return repaired;
}

/** Reads an item, repairs it, and writes the repaired value back when storage held something invalid. */
async function readRepaired<T>(item: Repairable<T>, repair: (raw: unknown) => T): Promise<T> {
  let raw: unknown;
  try {
    raw = await item.getValue();
  } catch {
    raw = null;
  }
  return repairStored(() => item, raw, repair);
}

export const getSettings = () => readRepaired(settingsItem(), repairSettings);
export const getSiteRules = () => readRepaired(siteRulesItem(), repairSiteRules);

/** True when a stored value is older than its item's version, so its migrations still have to run. */
function awaitsMigration(value: unknown, meta: unknown): boolean {
  if (value == null) return false;
  const version = isRecord(meta) && typeof meta.v === 'number' ? meta.v : 1;
  return version < ITEM_VERSION;
}

/** Both items' values and versions, in one storage round trip (each is a trip to the browser process). */
async function readStored(): Promise<unknown[]> {
  try {
    const found = await storage.getItems(PLAN_ITEM_KEYS);
    return found.map((entry) => entry.value);
  } catch {
    return [];
  }
}

/** The prefetched values in readStored's order; null when they may be stale or could not be read. */
async function prefetchedValues(prefetch: SettingsPrefetch): Promise<unknown[] | null> {
  if (prefetch.stale) return null;
  try {
    const found = await prefetch.values;
    return PLAN_STORAGE_KEYS.map((key) => found[key] ?? null);
  } catch {
    return null;
  }
}

/**
 * Both items, from a prefetched read when there is a usable one, else from storage. Either way the
 * same checks follow: a value still at an older version is read through its item instead, which
 * migrates it first, and an invalid one is repaired.
 */
async function readBoth(prefetch?: SettingsPrefetch | null): Promise<[GlobalSettings, SiteRules]> {
  const values = (prefetch && (await prefetchedValues(prefetch))) ?? (await readStored());
  const [settings, settingsMeta, rules, rulesMeta] = values;
  // Migrated explicitly: an item defined earlier in this context ran its own check before this value was stored.
  const migrated = <T>(item: Item<T>, read: () => Promise<T>) => item.migrate().catch(() => undefined).then(read);
  return Promise.all([
    awaitsMigration(settings, settingsMeta) ? migrated(settingsItem(), getSettings) : repairStored(settingsItem, settings, repairSettings),
    awaitsMigration(rules, rulesMeta) ? migrated(siteRulesItem(), getSiteRules) : repairStored(siteRulesItem, rules, repairSiteRules),
  ]);
}

/** The last write queued; each write reads what the one before it wrote. */
let lastWrite: Promise<unknown> = Promise.resolve();

/**
 * Runs a read-then-write after this context's earlier ones: two at once (a held-down shortcut, the
 * popup and a toggle) would both read the old value and one change would be lost.
 */
function inTurn<T>(write: () => Promise<T>): Promise<T> {
  const run = lastWrite.then(write, write);
  lastWrite = run.catch(() => undefined);
  return run;
}

export function saveSettings(patch: Partial<GlobalSettings>): Promise<GlobalSettings> {
  return inTurn(async () => {
    const next = repairSettings({ ...(await getSettings()), ...patch });
    await settingsItem().setValue(next);
    return next;
  });
}

/**
 * The site key and then each parent domain, most specific first: news.example.com, example.com, com.
 * IP addresses and single names (localhost) have no parents.
 */
export function siteKeyChain(hostname: string): string[] {
  const key = siteKey(hostname);
  if (!key) return [];
  if (IPV4.test(key) || IPV6.test(key)) return [key];
  const labels = key.split('.');
  return labels.map((_, i) => labels.slice(i).join('.'));
}

/** The rule in force on a hostname: each field comes from the most specific site that sets it. */
export function siteRule(rules: SiteRules, hostname: string): SiteRule {
  const resolved: SiteRule = {};
  for (const key of siteKeyChain(hostname).reverse()) if (Object.hasOwn(rules, key)) Object.assign(resolved, rules[key]);
  return resolved;
}

/** The rule a hostname would inherit if its own site key had no rule. */
function inheritedRule(rules: SiteRules, hostname: string): SiteRule {
  const key = siteKey(hostname);
  const { [key]: _own, ...others } = rules;
  return siteRule(others, hostname);
}

/** What a page on this hostname should do: not scan at all, or scan and show repeats in `mode`. */
export interface PagePlan {
  scan: boolean;
  mode: DefaultMode;
  engine: EngineOptions;
}

export function isAutoCollapse(settings: GlobalSettings, rules: SiteRules, hostname: string): boolean {
  return siteRule(rules, hostname).autoCollapse ?? settings.defaultMode === 'collapse';
}

export function effectiveMode(settings: GlobalSettings, rules: SiteRules, hostname: string): DefaultMode {
  return isAutoCollapse(settings, rules, hostname) ? 'collapse' : 'highlight';
}

export function pagePlan(settings: GlobalSettings, rules: SiteRules, hostname: string): PagePlan {
  return {
    scan: siteRule(rules, hostname).never !== true,
    mode: effectiveMode(settings, rules, hostname),
    engine: { strictness: settings.strictness, minBlockChars: settings.minBlockChars },
  };
}

/**
 * The plan for a page, read from storage, or from the values a prefetch read (see src/settings-prefetch.ts)
 * when it has them and saw no change since.
 */
export async function loadPagePlan(hostname: string, prefetch?: SettingsPrefetch | null): Promise<PagePlan> {
  const [settings, rules] = await readBoth(prefetch);
  return pagePlan(settings, rules, hostname);
}

/** Calls `onChange` with a fresh plan whenever settings or site rules change. Returns the unwatch function. */
export function watchPagePlan(hostname: string, onChange: (plan: PagePlan) => void): () => void {
  const reload = () => void loadPagePlan(hostname).then(onChange, () => undefined);
  // Watched by key: watching through the items would define them, and with them their storage reads.
  const unwatchSettings = storage.watch(SETTINGS_KEY, reload);
  const unwatchRules = storage.watch(SITE_RULES_KEY, reload);
  return () => {
    unwatchSettings();
    unwatchRules();
  };
}

/**
 * Sets one field of a site's own rule. A value equal to what the site would inherit anyway is
 * removed instead, so rules stay minimal and a later change on the parent domain still applies.
 */
export function setSiteField(hostname: string, field: keyof SiteRule, value: boolean | undefined, inheritedDefault = false): Promise<SiteRules> {
  return inTurn(() => writeSiteField(hostname, field, value, inheritedDefault));
}

async function writeSiteField(hostname: string, field: keyof SiteRule, value: boolean | undefined, inheritedDefault: boolean): Promise<SiteRules> {
  const key = siteKey(hostname);
  const rules = await getSiteRules();
  if (!key) return rules;
  const own: SiteRule = { ...rules[key] };
  const inherited = inheritedRule(rules, hostname)[field] ?? inheritedDefault;
  if (value === undefined || value === inherited) delete own[field];
  else own[field] = value;
  const next: SiteRules = { ...rules };
  if (Object.keys(own).length > 0) next[key] = own;
  else delete next[key];
  await siteRulesItem().setValue(next);
  return next;
}

export function setAutoCollapse(hostname: string, on: boolean): Promise<void> {
  return inTurn(async () => {
    const settings = await getSettings();
    await writeSiteField(hostname, 'autoCollapse', on, settings.defaultMode === 'collapse');
  });
}

/** Flips auto-collapse for a hostname's site and returns the new state. */
export function toggleAutoCollapse(hostname: string): Promise<boolean> {
  return inTurn(async () => {
    const [settings, rules] = await Promise.all([getSettings(), getSiteRules()]);
    const on = !isAutoCollapse(settings, rules, hostname);
    await writeSiteField(hostname, 'autoCollapse', on, settings.defaultMode === 'collapse');
    return on;
  });
}

export async function setNeverScan(hostname: string, never: boolean): Promise<void> {
  await setSiteField(hostname, 'never', never);
}

/** Removes one field from a site's own rule (the options page's "remove" buttons). */
export async function clearSiteField(site: string, field: keyof SiteRule): Promise<void> {
  await setSiteField(site, field, undefined);
}

/** Sites whose own rule sets `field` to true, sorted for display. */
export function sitesWith(rules: SiteRules, field: keyof SiteRule): string[] {
  return Object.keys(rules)
    .filter((key) => rules[key][field] === true)
    .sort();
}

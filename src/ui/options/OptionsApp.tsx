// The options page's container: loads and watches storage, writes every change at once.
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  clearSiteField,
  getSettings,
  getSiteRules,
  saveSettings,
  setNeverScan,
  settingsItem,
  siteRulesItem,
  type GlobalSettings,
  type SiteRules,
} from '../../settings';
import type { Translate } from '../i18n';
import { OptionsView } from './OptionsView';

/** How long "Saved" stays visible after a change. */
const SAVED_NOTICE_MS = 1500;

interface OptionsAppProps {
  t: Translate;
  /** Resolves to the toggle command's current shortcut, or null when none is set. */
  loadShortcut(): Promise<string | null>;
}

export function OptionsApp({ t, loadShortcut }: OptionsAppProps) {
  const [data, setData] = useState<{ settings: GlobalSettings; rules: SiteRules } | null>(null);
  const [shortcut, setShortcut] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const savedTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const load = async () => setData({ settings: await getSettings(), rules: await getSiteRules() });
    void load();
    void loadShortcut().then(setShortcut, () => setShortcut(null));
    // Another window (or the popup) may change settings while this page is open.
    const unwatch = [settingsItem().watch(() => void load()), siteRulesItem().watch(() => void load())];
    return () => {
      clearTimeout(savedTimer.current);
      unwatch.forEach((stop) => stop());
    };
  }, [loadShortcut]);

  if (!data) return null;

  const confirm = (write: Promise<unknown>) =>
    void write.then(() => {
      setSaved(true);
      clearTimeout(savedTimer.current);
      savedTimer.current = setTimeout(() => setSaved(false), SAVED_NOTICE_MS);
    });

  return (
    <OptionsView
      settings={data.settings}
      rules={data.rules}
      t={t}
      shortcut={shortcut}
      saved={saved}
      onChangeSettings={(patch) => confirm(saveSettings(patch))}
      onRemoveAutoCollapse={(site) => confirm(clearSiteField(site, 'autoCollapse'))}
      onAddNever={(site) => confirm(setNeverScan(site, true))}
      onRemoveNever={(site) => confirm(clearSiteField(site, 'never'))}
    />
  );
}

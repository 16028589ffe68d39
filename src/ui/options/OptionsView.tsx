// The options page as a pure view of settings and site rules; the container does the storage.
import { useState } from 'preact/hooks';
import type { Strictness } from '../../engine';
import {
  DEFAULT_MODES,
  MIN_BLOCK_CHARS_LIMITS,
  STRICTNESS_LEVELS,
  parseSiteInput,
  sitesWith,
  type DefaultMode,
  type GlobalSettings,
  type SiteRules,
} from '../../settings';
import { Host } from '../Host';
import type { Translate } from '../i18n';
import { readableHost } from '../readable-host';

export interface OptionsViewProps {
  settings: GlobalSettings;
  rules: SiteRules;
  t: Translate;
  /** The toggle shortcut as the browser shows it, or null when the user removed it. */
  shortcut: string | null;
  /** True briefly after a change was stored. */
  saved: boolean;
  onChangeSettings(patch: Partial<GlobalSettings>): void;
  onRemoveAutoCollapse(site: string): void;
  onAddNever(site: string): void;
  onRemoveNever(site: string): void;
}

export function OptionsView(props: OptionsViewProps) {
  const { settings, rules, t } = props;
  return (
    <main class="options">
      <header class="options__header">
        <img src="/icon/48.png" alt="" width={32} height={32} />
        <h1>{t('optionsTitle')}</h1>
        <p class="options__saved" role="status">
          {props.saved ? t('optionsSaved') : ''}
        </p>
      </header>

      <section class="card" aria-labelledby="detection-heading">
        <h2 id="detection-heading">{t('optionsDetection')}</h2>
        <fieldset>
          <legend>{t('optionsStrictness')}</legend>
          {STRICTNESS_LEVELS.map((level) => (
            <Choice
              key={level}
              name="strictness"
              checked={settings.strictness === level}
              label={t(`optionsStrictness_${level}`)}
              hint={t(`optionsStrictness_${level}_hint`)}
              onSelect={() => props.onChangeSettings({ strictness: level as Strictness })}
            />
          ))}
        </fieldset>
        <div class="field">
          <label for="min-block-chars">{t('optionsMinChars')}</label>
          <input
            id="min-block-chars"
            type="number"
            inputMode="numeric"
            min={MIN_BLOCK_CHARS_LIMITS.min}
            max={MIN_BLOCK_CHARS_LIMITS.max}
            step={1}
            value={settings.minBlockChars}
            aria-describedby="min-block-chars-hint"
            onChange={(event) => props.onChangeSettings({ minBlockChars: event.currentTarget.valueAsNumber })}
          />
          <p class="hint" id="min-block-chars-hint">
            {t('optionsMinCharsHint', [String(MIN_BLOCK_CHARS_LIMITS.min), String(MIN_BLOCK_CHARS_LIMITS.max)])}
          </p>
        </div>
        <fieldset>
          <legend>{t('optionsDefaultMode')}</legend>
          {DEFAULT_MODES.map((mode) => (
            <Choice
              key={mode}
              name="default-mode"
              checked={settings.defaultMode === mode}
              label={t(`optionsMode_${mode}`)}
              onSelect={() => props.onChangeSettings({ defaultMode: mode as DefaultMode })}
            />
          ))}
        </fieldset>
        <p class="hint">{props.shortcut ? t('optionsShortcut', [props.shortcut]) : t('optionsShortcutUnset')}</p>
      </section>

      <section class="card" aria-labelledby="sites-heading">
        <h2 id="sites-heading">{t('optionsSites')}</h2>
        <p class="hint">{t('optionsSitesNote')}</p>
        <SiteList
          id="auto-collapse-sites"
          heading={t('optionsAutoCollapseSites')}
          empty={t('optionsNoAutoCollapseSites')}
          sites={sitesWith(rules, 'autoCollapse')}
          t={t}
          onRemove={props.onRemoveAutoCollapse}
        />
        <SiteList
          id="never-sites"
          heading={t('optionsNeverSites')}
          empty={t('optionsNoNeverSites')}
          sites={sitesWith(rules, 'never')}
          t={t}
          onRemove={props.onRemoveNever}
        />
        <AddSite t={t} onAdd={props.onAddNever} />
      </section>
    </main>
  );
}

function Choice(props: { name: string; checked: boolean; label: string; hint?: string; onSelect(): void }) {
  return (
    <label class="choice">
      <input type="radio" name={props.name} checked={props.checked} onChange={props.onSelect} />
      <span>
        <span class="choice__label">{props.label}</span>
        {props.hint && <span class="choice__hint">{props.hint}</span>}
      </span>
    </label>
  );
}

function SiteList(props: { id: string; heading: string; empty: string; sites: string[]; t: Translate; onRemove(site: string): void }) {
  const { t } = props;
  return (
    <div class="sites">
      <h3 id={`${props.id}-heading`}>{props.heading}</h3>
      {props.sites.length === 0 ? (
        <p class="hint">{props.empty}</p>
      ) : (
        <ul class="sites__list" aria-labelledby={`${props.id}-heading`}>
          {props.sites.map((site) => (
            <li key={site} class="sites__item">
              <Host name={site} />
              <button
                type="button"
                class="pd-button sites__remove"
                aria-label={t('optionsRemoveSite', [readableHost(site)])}
                onClick={() => props.onRemove(site)}
              >
                {t('optionsRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AddSite({ t, onAdd }: { t: Translate; onAdd(site: string): void }) {
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  return (
    <form
      class="add-site"
      onSubmit={(event) => {
        event.preventDefault();
        const site = parseSiteInput(text);
        if (!site) return setInvalid(text.trim());
        setInvalid(null);
        setText('');
        onAdd(site);
      }}
    >
      <label for="never-site-input">{t('optionsSiteInput')}</label>
      <div class="add-site__row">
        <input
          id="never-site-input"
          type="text"
          dir="ltr"
          autocomplete="off"
          spellcheck={false}
          placeholder={t('optionsSitePlaceholder')}
          value={text}
          aria-invalid={invalid !== null}
          aria-describedby={invalid !== null ? 'never-site-error' : undefined}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" class="pd-button">
          {t('optionsAddSite')}
        </button>
      </div>
      {invalid !== null && (
        <p class="error" id="never-site-error" role="alert">
          {t('optionsInvalidSite', [invalid])}
        </p>
      )}
    </form>
  );
}

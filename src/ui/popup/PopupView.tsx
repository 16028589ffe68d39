// The popup as a pure function of its model: no messaging, no storage, so every state is testable.
import { Component } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { GroupSummary, PageMode, PageState } from '../../messages';
import { Host } from '../Host';
import type { Translate } from '../i18n';
import { readableHost } from '../readable-host';
import { Switch } from '../Switch';

export type PopupModel =
  /** Asking the active tab's content script for the first time. */
  | { kind: 'connecting' }
  /** No content script answers: a browser page, a store, a PDF, or a tab opened before install. */
  | { kind: 'unscannable' }
  | { kind: 'loading' }
  | { kind: 'page'; page: PageState; autoCollapse: boolean };

export interface PopupActions {
  onToggleAutoCollapse(on: boolean): void;
  onSetMode(mode: PageMode): void;
  /** Scroll the page to block `member` (a block id) of group `group`. */
  onJump(group: number, member: number, frame: number): void;
  onOpenOptions(): void;
  onSetNeverScan(never: boolean): void;
}

export interface PopupViewProps extends PopupActions {
  model: PopupModel;
  t: Translate;
  /** Where the options link points; clicking it calls onOpenOptions instead. */
  optionsHref: string;
}

/**
 * Past this many groups, rows out of view are not laid out (`content-visibility`): that saves 100+ ms
 * on a list of hundreds, while a short list, all in view, would only wait a frame for its rows.
 */
const LONG_LIST_GROUPS = 100;

/** Rows rendered with the list: more than the popup's 600 px show, so its first view is complete. */
const FIRST_ROWS = 40;
/**
 * Rows added after each paint. A 900-group list rendered whole held the popup's first frame for
 * about 100 ms before any row showed; a step this size takes a few milliseconds.
 */
const ROWS_PER_STEP = 60;

/** `groups` cut into the steps they are shown in: the first screenful, then ROWS_PER_STEP at a time. */
function rowSteps(groups: GroupSummary[]): GroupSummary[][] {
  const steps = [groups.slice(0, FIRST_ROWS)];
  for (let start = FIRST_ROWS; start < groups.length; start += ROWS_PER_STEP) steps.push(groups.slice(start, start + ROWS_PER_STEP));
  return steps;
}

/** How many of `total` steps to render now: the first at once, then one more after each paint. */
function useStepsShown(total: number): number {
  const [shown, setShown] = useState(1);
  // Preact runs effects after the browser has painted, so each step gets a frame of its own.
  useEffect(() => {
    if (shown < total) setShown(shown + 1);
  }, [shown, total]);
  return Math.min(shown, total);
}

const MODE_BUTTONS: { mode: PageMode; label: 'popupCollapseAll' | 'popupHighlightOnly' | 'popupExpandAll' }[] = [
  { mode: 'collapse', label: 'popupCollapseAll' },
  { mode: 'highlight', label: 'popupHighlightOnly' },
  { mode: 'off', label: 'popupExpandAll' },
];

export function PopupView(props: PopupViewProps) {
  const { t } = props;
  return (
    <div class="popup">
      <header class="popup__header">
        <img class="popup__logo" src="/icon/32.png" alt="" width={20} height={20} />
        <h1 class="popup__title">{t('extName')}</h1>
        <a
          class="pd-link popup__options"
          href={props.optionsHref}
          onClick={(event) => {
            event.preventDefault();
            props.onOpenOptions();
          }}
        >
          {t('popupOptions')}
        </a>
      </header>
      <main class="popup__body">
        <Body {...props} />
      </main>
    </div>
  );
}

function Body(props: PopupViewProps) {
  const { model, t } = props;
  switch (model.kind) {
    case 'connecting':
      return <Notice role="status" title="" busy />;
    case 'loading':
      return <Notice role="status" title={t('popupLoading')} busy />;
    case 'unscannable':
      return <Notice role="status" title={t('popupUnscannable')} detail={t('popupUnscannableHint')} />;
    case 'page':
      return <PageSection {...props} page={model.page} autoCollapse={model.autoCollapse} />;
  }
}

function Notice({ role, title, detail, busy }: { role: 'status' | 'alert'; title: string; detail?: string; busy?: boolean }) {
  return (
    <div class={`notice notice--${role}`} role={role} aria-busy={busy ? 'true' : undefined}>
      {busy && <span class="notice__spinner" aria-hidden="true" />}
      {title && <p class="notice__title">{title}</p>}
      {detail && <p class="notice__detail">{detail}</p>}
    </div>
  );
}

function PageSection(props: PopupViewProps & { page: PageState; autoCollapse: boolean }) {
  const { page, autoCollapse, t } = props;
  const site = (
    <p class="site" dir="ltr">
      <Host name={page.hostname} />
    </p>
  );
  if (page.scan.status === 'disabled') {
    return (
      <>
        {site}
        <Notice role="status" title={t('popupNeverScan')} />
        <button type="button" class="pd-button popup__wide" onClick={() => props.onSetNeverScan(false)}>
          {t('popupScanAgain')}
        </button>
      </>
    );
  }
  const scan = page.scan;
  return (
    <>
      <section class="site-card">
        {site}
        <Switch
          label={t('popupAutoCollapse')}
          checked={autoCollapse}
          describedBy="auto-collapse-hint"
          onChange={props.onToggleAutoCollapse}
        />
        <p class="site-card__hint" id="auto-collapse-hint">
          {t('popupAutoCollapseHint', [readableHost(page.hostname)])}
        </p>
      </section>
      {scan.status === 'scanning' && <Notice role="status" title={t('popupScanning')} busy />}
      {scan.status === 'failed' && <Notice role="alert" title={t('popupScanFailed', [scan.error])} />}
      {scan.status === 'ready' && (
        <>
          <dl class="counts">
            <div class="counts__item">
              <dt>{t('popupRepeated')}</dt>
              <dd>{scan.duplicates}</dd>
            </div>
            <div class="counts__item counts__item--partial">
              <dt>{t('popupPartial')}</dt>
              <dd>{scan.partial}</dd>
            </div>
          </dl>
          <div class="modes" role="group" aria-label={t('popupPageView')}>
            {MODE_BUTTONS.map(({ mode, label }) => (
              <button
                key={mode}
                type="button"
                class="pd-button"
                aria-pressed={page.mode === mode}
                onClick={() => props.onSetMode(mode)}
              >
                {t(label)}
              </button>
            ))}
          </div>
          <GroupList groups={scan.groups} t={t} onJump={props.onJump} />
        </>
      )}
      <footer class="popup__footer">
        <button type="button" class="pd-link" onClick={() => props.onSetNeverScan(true)}>
          {t('popupNeverScanButton')}
        </button>
      </footer>
    </>
  );
}

interface RowsProps {
  groups: GroupSummary[];
  t: Translate;
  onJump: PopupActions['onJump'];
}

/**
 * One step's rows, rendered again only when its own props change: when each step re-rendered every
 * row above it, the last steps of a 900-group list took 50-90 ms each.
 */
class RowStep extends Component<RowsProps> {
  shouldComponentUpdate(next: RowsProps): boolean {
    return next.groups !== this.props.groups || next.t !== this.props.t || next.onJump !== this.props.onJump;
  }

  render({ groups, t, onJump }: RowsProps) {
    return groups.map((group) => (
      <li key={`${group.frame ?? 0}:${group.index}`} class="group">
        <button
          type="button"
          class="group__snippet"
          aria-label={t('popupGoToFirst', [group.snippet])}
          onClick={() => onJump(group.index, group.canonical, group.frame ?? 0)}
        >
          <span dir="auto">{group.snippet}</span>
        </button>
        <span class="group__members">
          {group.members.map((member, i) => {
            const name = t(member.similar ? 'popupOccurrenceSimilar' : 'popupOccurrence', [String(i + 1), String(group.members.length)]);
            return (
              <button
                key={member.id}
                type="button"
                class={`group__member group__member--${i === 0 ? 'first' : member.status}${member.similar ? ' group__member--similar' : ''}`}
                aria-label={name}
                title={name}
                onClick={() => onJump(group.index, member.id, group.frame ?? 0)}
              >
                {i + 1}
              </button>
            );
          })}
        </span>
      </li>
    ));
  }
}

function GroupList({ groups, t, onJump }: RowsProps) {
  const steps = useMemo(() => rowSteps(groups), [groups]);
  const shown = useStepsShown(steps.length);
  return (
    <section class="groups" aria-labelledby="groups-heading">
      <h2 class="groups__heading" id="groups-heading">
        {t('popupGroupsHeading')}
      </h2>
      {groups.length === 0 ? (
        <p class="groups__empty">{t('popupNoRepeats')}</p>
      ) : (
        <ul
          class={groups.length > LONG_LIST_GROUPS ? 'groups__list groups__list--long' : 'groups__list'}
          aria-busy={shown < steps.length ? 'true' : undefined}
        >
          {steps.slice(0, shown).map((rows, step) => (
            <RowStep key={step} groups={rows} t={t} onJump={onJump} />
          ))}
        </ul>
      )}
    </section>
  );
}

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_SETTINGS, getSettings, getSiteRules, siteRulesItem } from '../../src/settings';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import { OptionsView, type OptionsViewProps } from '../../src/ui/options/OptionsView';
import { accessibleName, allByRole, byRole, click, mount, settle, setupDom, tEn, unmount } from './dom';

function viewProps(overrides: Partial<OptionsViewProps> = {}): OptionsViewProps {
  return {
    settings: { ...DEFAULT_SETTINGS },
    rules: {},
    t: tEn,
    shortcut: 'Alt+Shift+U',
    saved: false,
    onChangeSettings: vi.fn(),
    onRemoveAutoCollapse: vi.fn(),
    onAddNever: vi.fn(),
    onRemoveNever: vi.fn(),
    ...overrides,
  };
}

async function typeAndSubmit(root: HTMLElement, text: string) {
  const input = byRole(root, 'textbox', 'Site to never scan') as HTMLInputElement;
  input.value = text;
  input.dispatchEvent(new window.Event('input', { bubbles: true }));
  await settle();
  const form = input.closest('form')!;
  form.dispatchEvent(new window.Event('submit', { bubbles: true, cancelable: true }));
  await settle();
}

describe('OptionsView', () => {
  beforeEach(() => {
    setupDom();
  });

  it('offers the three strictness levels, each explained, with the current one chosen', async () => {
    const props = viewProps({ settings: { ...DEFAULT_SETTINGS, strictness: 'exact' } });
    const root = await mount(<OptionsView {...props} />);
    const radios = allByRole(root, 'radio').filter((r) => r.getAttribute('name') === 'strictness');
    expect(radios.map((r) => accessibleName(r))).toEqual([
      expect.stringMatching(/^Exact.*word-for-word/),
      expect.stringMatching(/^Near.*changed number/),
      expect.stringMatching(/^Loose.*reworded/),
    ]);
    expect(radios.map((r) => r.hasAttribute('checked'))).toEqual([true, false, false]);
    radios[2].dispatchEvent(new window.Event('change', { bubbles: true }));
    await settle();
    expect(props.onChangeSettings).toHaveBeenCalledWith({ strictness: 'loose' });
  });

  it('edits the minimum paragraph length and the default mode', async () => {
    const props = viewProps();
    const root = await mount(<OptionsView {...props} />);
    const length = byRole(root, 'spinbutton', /Minimum paragraph length/) as HTMLInputElement;
    expect(length.getAttribute('value')).toBe(String(DEFAULT_SETTINGS.minBlockChars));
    Object.defineProperty(length, 'valueAsNumber', { value: 90 });
    length.dispatchEvent(new window.Event('change', { bubbles: true }));
    const collapse = byRole(root, 'radio', 'Collapse repeats');
    collapse.dispatchEvent(new window.Event('change', { bubbles: true }));
    await settle();
    expect(vi.mocked(props.onChangeSettings).mock.calls).toEqual([[{ minBlockChars: 90 }], [{ defaultMode: 'collapse' }]]);
  });

  it('lists auto-collapse and never-scan sites with named remove buttons', async () => {
    const props = viewProps({
      rules: { 'example.com': { autoCollapse: true }, 'news.org': { autoCollapse: false, never: true } },
    });
    const root = await mount(<OptionsView {...props} />);
    await click(byRole(root, 'button', 'Remove example.com'));
    await click(byRole(root, 'button', 'Remove news.org'));
    expect(props.onRemoveAutoCollapse).toHaveBeenCalledWith('example.com');
    expect(props.onRemoveNever).toHaveBeenCalledWith('news.org');
    expect(allByRole(root, 'button').filter((b) => /^Remove /.test(accessibleName(b)))).toHaveLength(2);
  });

  it('lists an internationalised site as a reader writes it, and removes it by the key it is stored under', async () => {
    const props = viewProps({ rules: { 'xn--d1abbgf6aiiy.xn--p1ai': { autoCollapse: true } } });
    const root = await mount(<OptionsView {...props} />);
    expect(root.textContent).toContain('президент.рф');
    expect(root.textContent).not.toContain('xn--');
    await click(byRole(root, 'button', 'Remove президент.рф'));
    expect(props.onRemoveAutoCollapse).toHaveBeenCalledWith('xn--d1abbgf6aiiy.xn--p1ai');
  });

  it('says when the lists are empty', async () => {
    const root = await mount(<OptionsView {...viewProps()} />);
    expect(root.textContent).toContain('None yet. Turn it on for a site from the toolbar button.');
  });

  it('adds a never-scan site typed as a URL, and rejects what is not a site', async () => {
    const props = viewProps();
    const root = await mount(<OptionsView {...props} />);
    await typeAndSubmit(root, 'not a site');
    expect(byRole(root, 'alert', /is not a site name/)).toBeTruthy();
    expect(props.onAddNever).not.toHaveBeenCalled();
    await typeAndSubmit(root, 'https://www.Ads.example/x');
    expect(props.onAddNever).toHaveBeenCalledWith('ads.example');
    expect(allByRole(root, 'alert')).toHaveLength(0);
  });

  it('shows the shortcut, or how to set one', async () => {
    expect((await mount(<OptionsView {...viewProps()} />)).textContent).toContain('Alt+Shift+U toggles auto-collapse');
    expect((await mount(<OptionsView {...viewProps({ shortcut: null })} />)).textContent).toContain('No keyboard shortcut');
  });
});

describe('OptionsApp', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    setupDom();
    await unmount().catch(() => undefined);
  });

  it('loads storage, writes changes and confirms them', async () => {
    await siteRulesItem().setValue({ 'example.com': { autoCollapse: true } });
    const root = await mount(<OptionsApp t={tEn} loadShortcut={async () => 'Alt+Shift+U'} />);
    await settle();
    byRole(root, 'radio', /^Loose/).dispatchEvent(new window.Event('change', { bubbles: true }));
    await settle();
    expect((await getSettings()).strictness).toBe('loose');
    expect(byRole(root, 'status', 'Saved')).toBeTruthy();
    await click(byRole(root, 'button', 'Remove example.com'));
    await settle();
    expect(await getSiteRules()).toEqual({});
    expect(root.textContent).toContain('None yet.');
  });

  it('adds a never-scan site to storage', async () => {
    const root = await mount(<OptionsApp t={tEn} loadShortcut={async () => null} />);
    await settle();
    await typeAndSubmit(root, 'tracker.example');
    await settle();
    expect(await getSiteRules()).toEqual({ 'tracker.example': { never: true } });
    expect(byRole(root, 'button', 'Remove tracker.example')).toBeTruthy();
  });
});

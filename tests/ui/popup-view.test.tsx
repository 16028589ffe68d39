import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PopupView, type PopupModel, type PopupViewProps } from '../../src/ui/popup/PopupView';
import type { PageState } from '../../src/messages';
import { render } from 'preact';
import { accessibleName, allByRole, byRole, click, mount, setupDom, tEn, toggle, unmount } from './dom';

const readyPage: PageState = {
  hostname: 'news.example.com',
  mode: 'highlight',
  scan: {
    status: 'ready',
    blocks: 14,
    duplicates: 5,
    partial: 1,
    groups: [
      { index: 0, canonical: 1, members: [{ id: 1, status: 'unique' }, { id: 7, status: 'duplicate' }], snippet: 'وقال المتحدث إن' },
      {
        index: 1,
        canonical: 2,
        members: [
          { id: 2, status: 'unique' },
          { id: 9, status: 'partial' },
        ],
        snippet: 'The ministers met in Astana',
      },
    ],
  },
};

function props(model: PopupModel): PopupViewProps {
  return {
    model,
    t: tEn,
    optionsHref: 'chrome-extension://id/options.html',
    onToggleAutoCollapse: vi.fn(),
    onSetMode: vi.fn(),
    onJump: vi.fn(),
    onOpenOptions: vi.fn(),
    onSetNeverScan: vi.fn(),
  };
}

describe('PopupView', () => {
  beforeEach(() => {
    setupDom();
  });

  it('shows the site with an auto-collapse switch named for screen readers', async () => {
    const root = await mount(<PopupView {...props({ kind: 'page', page: readyPage, autoCollapse: true })} />);
    expect(root.textContent).toContain('news.example.com');
    const toggleSwitch = byRole(root, 'switch', /Auto-collapse/);
    expect(toggleSwitch.getAttribute('aria-checked')).toBe('true');
    expect(toggleSwitch.getAttribute('type')).toBe('checkbox');
  });

  it('shows an internationalised site as a reader writes it, its punycode as the tooltip', async () => {
    const page = { ...readyPage, hostname: 'xn--bcher-kva.de' };
    const root = await mount(<PopupView {...props({ kind: 'page', page, autoCollapse: false })} />);
    const site = root.querySelector('.site span')!;
    expect([site.textContent, site.getAttribute('title')]).toEqual(['bücher.de', 'xn--bcher-kva.de']);
    expect(root.textContent).not.toContain('xn--');
  });

  it('reports the switch flip with the new state', async () => {
    const p = props({ kind: 'page', page: readyPage, autoCollapse: false });
    const root = await mount(<PopupView {...p} />);
    await toggle(byRole(root, 'switch', /Auto-collapse/) as HTMLInputElement);
    expect(p.onToggleAutoCollapse).toHaveBeenCalledWith(true);
  });

  it('shows repeated and partial counts', async () => {
    const root = await mount(<PopupView {...props({ kind: 'page', page: readyPage, autoCollapse: false })} />);
    const counts = [...root.querySelectorAll('.counts__item')].map((item) => [
      item.querySelector('dt')!.textContent,
      item.querySelector('dd')!.textContent,
    ]);
    expect(counts).toEqual([
      ['Repeated', '5'],
      ['Partly repeated', '1'],
    ]);
  });

  it('has the three mode buttons by their exact names, the current one pressed, each sending its mode', async () => {
    const p = props({ kind: 'page', page: readyPage, autoCollapse: false });
    const root = await mount(<PopupView {...p} />);
    const collapse = byRole(root, 'button', 'Collapse all');
    const highlight = byRole(root, 'button', 'Highlight only');
    const expand = byRole(root, 'button', 'Expand all');
    expect([collapse, highlight, expand].map((b) => b.getAttribute('aria-pressed'))).toEqual(['false', 'true', 'false']);
    await click(collapse);
    await click(expand);
    await click(highlight);
    expect(vi.mocked(p.onSetMode).mock.calls).toEqual([['collapse'], ['off'], ['highlight']]);
  });

  it('lists a long page’s groups a screenful first, then the rest a step after each paint, busy until all are there', async () => {
    const groups = Array.from({ length: 250 }, (_, i) => ({
      index: i,
      canonical: 2 * i,
      members: [
        { id: 2 * i, status: 'unique' as const },
        { id: 2 * i + 1, status: 'duplicate' as const },
      ],
      snippet: `Paragraph ${i} of the live page`,
    }));
    const page: PageState = { ...readyPage, scan: { status: 'ready', blocks: 500, duplicates: 250, partial: 0, groups } };
    const p = props({ kind: 'page', page, autoCollapse: false });
    // Rendered as the browser does, not under act(): effects wait for a paint (here, Preact's timer).
    const root = document.getElementById('root')!;
    render(<PopupView {...p} />, root);
    const list = root.querySelector('.groups__list')!;
    const first = list.querySelectorAll('li').length;
    expect(first).toBeGreaterThanOrEqual(20);
    expect(first).toBeLessThan(groups.length);
    expect(list.getAttribute('aria-busy')).toBe('true');
    await vi.waitFor(() => expect(list.querySelectorAll('li').length).toBe(groups.length), { timeout: 5_000 });
    expect(list.hasAttribute('aria-busy')).toBe(false);
    await click(byRole(root, 'button', /^Go to the first occurrence: Paragraph 249 /));
    expect(p.onJump).toHaveBeenCalledWith(249, 498, 0);
    // A rescan's new groups reach rows in every step, the first screenful's and the last's.
    const rescanned = groups.map((group) => (group.index % 100 === 0 ? { ...group, snippet: `${group.snippet}, edited` } : group)).slice(0, 210);
    render(<PopupView {...p} model={{ kind: 'page', page: { ...page, scan: { status: 'ready', blocks: 420, duplicates: 210, partial: 0, groups: rescanned } }, autoCollapse: false }} />, root);
    await vi.waitFor(() => expect(list.querySelectorAll('li').length).toBe(rescanned.length), { timeout: 5_000 });
    const snippets = [...list.querySelectorAll('li [dir="auto"]')].map((el) => el.textContent);
    expect(snippets.filter((text) => text!.endsWith(', edited'))).toEqual(['Paragraph 0 of the live page, edited', 'Paragraph 100 of the live page, edited', 'Paragraph 200 of the live page, edited']);
    await unmount();
  });

  it('lists groups with snippets in dir="auto" and jumps to the clicked occurrence', async () => {
    const p = props({ kind: 'page', page: readyPage, autoCollapse: false });
    const root = await mount(<PopupView {...p} />);
    const snippets = [...root.querySelectorAll('.groups__list [dir="auto"]')].map((el) => el.textContent);
    expect(snippets).toEqual(['وقال المتحدث إن', 'The ministers met in Astana']);
    await click(byRole(root, 'button', /^Go to the first occurrence: The ministers/));
    await click(allByRole(root, 'button').filter((b) => b.getAttribute('aria-label') === 'Go to occurrence 2 of 2')[0]);
    expect(vi.mocked(p.onJump).mock.calls).toEqual([
      [1, 2, 0],
      [0, 7, 0],
    ]);
  });

  it('lists a frame’s groups after the page’s own, and jumps in that frame', async () => {
    const fromFrame = { index: 0, frame: 5, canonical: 2, members: [{ id: 2, status: 'unique' as const }, { id: 3, status: 'duplicate' as const }], snippet: 'Comment quoted twice' };
    if (readyPage.scan.status !== 'ready') throw new Error('not ready');
    const page: PageState = { ...readyPage, scan: { ...readyPage.scan, groups: [...readyPage.scan.groups, fromFrame] } };
    const p = props({ kind: 'page', page, autoCollapse: false });
    const root = await mount(<PopupView {...p} />);
    // Group 0 of the page and group 0 of the frame are two entries.
    expect(root.querySelectorAll('.group')).toHaveLength(3);
    await click(byRole(root, 'button', /^Go to the first occurrence: Comment quoted twice/));
    expect(vi.mocked(p.onJump).mock.calls).toEqual([[0, 2, 5]]);
  });

  it('marks a copy that is not word for word with "≈", and names it so for screen readers', async () => {
    const groups = [{ index: 0, canonical: 1, members: [{ id: 1, status: 'unique' as const }, { id: 4, status: 'duplicate' as const, similar: true }, { id: 7, status: 'duplicate' as const }], snippet: 'Storm' }];
    const page = { ...readyPage, scan: { ...readyPage.scan, groups } } as typeof readyPage;
    const p = props({ kind: 'page', page, autoCollapse: false });
    const root = await mount(<PopupView {...p} />);
    const chips = [...root.querySelectorAll('.group__member')];
    expect(chips.map((chip) => chip.getAttribute('aria-label'))).toEqual([
      'Go to occurrence 1 of 3',
      'Go to occurrence 2 of 3, similar but not word for word',
      'Go to occurrence 3 of 3',
    ]);
    expect(chips.map((chip) => chip.classList.contains('group__member--similar'))).toEqual([false, true, false]);
    await click(chips[1] as HTMLElement);
    expect(vi.mocked(p.onJump).mock.calls).toEqual([[0, 4, 0]]);
  });

  it('says when there are no repeats', async () => {
    const page: PageState = { ...readyPage, scan: { status: 'ready', blocks: 3, duplicates: 0, partial: 0, groups: [] } };
    const root = await mount(<PopupView {...props({ kind: 'page', page, autoCollapse: false })} />);
    expect(root.textContent).toContain('No repeated paragraphs here.');
  });

  it('has a link to the options page that opens it through the extension API', async () => {
    const p = props({ kind: 'page', page: readyPage, autoCollapse: false });
    const root = await mount(<PopupView {...p} />);
    const link = byRole(root, 'link', 'Options');
    expect(link.getAttribute('href')).toBe('chrome-extension://id/options.html');
    await click(link);
    expect(p.onOpenOptions).toHaveBeenCalledTimes(1);
  });

  it('explains pages it cannot scan, without controls that would do nothing', async () => {
    const root = await mount(<PopupView {...props({ kind: 'unscannable' })} />);
    expect(byRole(root, 'status', /can't read this page/).textContent).toContain('PDFs');
    expect(allByRole(root, 'switch')).toHaveLength(0);
    expect(allByRole(root, 'button')).toHaveLength(0);
  });

  it('says the page is still loading', async () => {
    const root = await mount(<PopupView {...props({ kind: 'loading' })} />);
    expect(byRole(root, 'status', 'Page still loading…').getAttribute('aria-busy')).toBe('true');
  });

  it('shows a failed scan as an alert with the error', async () => {
    const page: PageState = { ...readyPage, scan: { status: 'failed', error: 'too many blocks' } };
    const root = await mount(<PopupView {...props({ kind: 'page', page, autoCollapse: false })} />);
    expect(byRole(root, 'alert', 'Scan failed: too many blocks')).toBeTruthy();
    expect(allByRole(root, 'switch')).toHaveLength(1);
  });

  it('offers to scan a never-scan site again', async () => {
    const p = props({ kind: 'page', page: { ...readyPage, scan: { status: 'disabled' } }, autoCollapse: false });
    const root = await mount(<PopupView {...p} />);
    expect(root.textContent).toContain('ParaDedup is off for this site');
    await click(byRole(root, 'button', 'Scan this site again'));
    expect(p.onSetNeverScan).toHaveBeenCalledWith(false);
  });

  it('names every control', async () => {
    const root = await mount(<PopupView {...props({ kind: 'page', page: readyPage, autoCollapse: false })} />);
    const controls = [...root.querySelectorAll<HTMLElement>('button, input, a[href]')];
    expect(controls.length).toBeGreaterThan(5);
    for (const control of controls) expect(accessibleName(control), control.outerHTML).not.toBe('');
  });
});

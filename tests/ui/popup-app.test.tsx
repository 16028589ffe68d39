import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageMode, PageState } from '../../src/messages';
import { NoReplyError } from '../../src/messages';
import { siteRulesItem } from '../../src/settings';
import { ATTEMPTS_BEFORE_UNSCANNABLE, PopupApp } from '../../src/ui/popup/PopupApp';
import type { ActiveTab, PopupMessenger } from '../../src/ui/popup/messenger';
import { byRole, click, mount, settle, setupDom, tEn, toggle, unmount } from './dom';

const TAB = 7;

function ready(mode: PageMode = 'highlight'): PageState {
  return {
    hostname: 'www.news.example.com',
    mode,
    scan: {
      status: 'ready',
      blocks: 14,
      duplicates: 5,
      partial: 1,
      groups: [{ index: 0, canonical: 1, members: [{ id: 1, status: 'unique' }, { id: 7, status: 'duplicate' }], snippet: 'Repeated text' }],
    },
  };
}

/** A messenger whose page answers with `page.reply`, which a test may change at any time. */
function fakeMessenger(tab: ActiveTab | null, reply: PageState | Error) {
  const page = { reply };
  const messenger: PopupMessenger & { page: typeof page } = {
    page,
    activeTab: vi.fn(async () => tab),
    getState: vi.fn(async () => {
      if (page.reply instanceof Error) throw page.reply;
      return page.reply;
    }),
    setMode: vi.fn(async (_tabId: number, mode: PageMode) => ready(mode)),
    jump: vi.fn(async () => true),
    openOptions: vi.fn(async () => undefined),
    optionsHref: 'options.html',
  };
  return messenger;
}

async function waitFor(check: () => unknown): Promise<void> {
  for (let i = 0; i < 50; i++) {
    try {
      await check();
      return;
    } catch {
      await settle();
    }
  }
  await check();
}

describe('PopupApp', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    setupDom();
    await unmount().catch(() => undefined);
  });

  it('shows the page state and the site rule from storage, parent domain included', async () => {
    await siteRulesItem().setValue({ 'example.com': { autoCollapse: true } });
    const root = await mount(<PopupApp messenger={fakeMessenger({ id: TAB, status: 'complete' }, ready())} t={tEn} pollMs={1} />);
    await waitFor(() => expect(root.textContent).toContain('www.news.example.com'));
    expect(byRole(root, 'switch', /Auto-collapse/).getAttribute('aria-checked')).toBe('true');
    expect(root.querySelector('.counts dd')!.textContent).toBe('5');
  });

  it('says a page that never answers cannot be scanned, without asking again', async () => {
    const messenger = fakeMessenger({ id: TAB, status: 'complete' }, new NoReplyError(1500));
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={1} />);
    await waitFor(() => expect(byRole(root, 'status', /can't read this page/)).toBeTruthy());
    expect(messenger.getState).toHaveBeenCalledTimes(1);
  });

  it('gives a page without a receiver a few tries, then says it cannot be scanned', async () => {
    const messenger = fakeMessenger({ id: TAB, status: 'complete' }, new Error('Receiving end does not exist'));
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={1} />);
    await waitFor(() => expect(byRole(root, 'status', /can't read this page/)).toBeTruthy());
    expect(messenger.getState).toHaveBeenCalledTimes(ATTEMPTS_BEFORE_UNSCANNABLE);
  });

  it('shows the page when a content script still starting up answers on a later try', async () => {
    const messenger = fakeMessenger({ id: TAB, status: 'complete' }, new Error('Receiving end does not exist'));
    vi.mocked(messenger.getState).mockRejectedValueOnce(new Error('Receiving end does not exist')).mockResolvedValue(ready());
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={1} />);
    await waitFor(() => expect(byRole(root, 'button', 'Collapse all')).toBeTruthy());
  });

  it('says so when there is no active tab to ask', async () => {
    const root = await mount(<PopupApp messenger={fakeMessenger(null, ready())} t={tEn} pollMs={1} />);
    await waitFor(() => expect(byRole(root, 'status', /can't read this page/)).toBeTruthy());
  });

  it('waits out a loading tab and shows the page once its content script answers', async () => {
    const messenger = fakeMessenger({ id: TAB, status: 'loading' }, new NoReplyError(1500));
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={1} />);
    await waitFor(() => expect(byRole(root, 'status', 'Page still loading…')).toBeTruthy());
    await settle();
    expect(byRole(root, 'status', 'Page still loading…')).toBeTruthy();
    messenger.page.reply = ready();
    await waitFor(() => expect(byRole(root, 'button', 'Collapse all')).toBeTruthy());
  });

  it('keeps asking while the page is scanning', async () => {
    const scanning: PageState = { hostname: 'example.org', mode: 'highlight', scan: { status: 'scanning' } };
    const messenger = fakeMessenger({ id: TAB, status: 'complete' }, scanning);
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={1} />);
    await waitFor(() => expect(byRole(root, 'status', 'Scanning…')).toBeTruthy());
    messenger.page.reply = ready();
    await waitFor(() => expect(root.querySelector('.counts')).not.toBeNull());
  });

  it('stores auto-collapse for the site (without www.) when the switch is flipped', async () => {
    const root = await mount(<PopupApp messenger={fakeMessenger({ id: TAB, status: 'complete' }, ready())} t={tEn} pollMs={1} />);
    await waitFor(() => byRole(root, 'switch', /Auto-collapse/));
    await toggle(byRole(root, 'switch', /Auto-collapse/) as HTMLInputElement);
    await waitFor(async () => expect(await siteRulesItem().getValue()).toEqual({ 'news.example.com': { autoCollapse: true } }));
    expect(byRole(root, 'switch', /Auto-collapse/).getAttribute('aria-checked')).toBe('true');
  });

  it('sends the chosen mode to the tab and shows the page as it answers', async () => {
    const messenger = fakeMessenger({ id: TAB, status: 'complete' }, ready());
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={1} />);
    await waitFor(() => byRole(root, 'button', 'Collapse all'));
    await click(byRole(root, 'button', 'Collapse all'));
    await waitFor(() => expect(byRole(root, 'button', 'Collapse all').getAttribute('aria-pressed')).toBe('true'));
    expect(messenger.setMode).toHaveBeenCalledWith(TAB, 'collapse');
    await click(byRole(root, 'button', 'Expand all'));
    expect(messenger.setMode).toHaveBeenLastCalledWith(TAB, 'off');
  });

  it('asks the tab to jump to a group entry', async () => {
    const messenger = fakeMessenger({ id: TAB, status: 'complete' }, ready());
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={1} />);
    await waitFor(() => byRole(root, 'button', /^Go to the first occurrence/));
    await click(byRole(root, 'button', 'Go to occurrence 2 of 2'));
    expect(messenger.jump).toHaveBeenCalledWith(TAB, 0, 7, 0);
  });

  it('shows the page as it is now when the entry clicked is gone from it', async () => {
    const messenger = fakeMessenger({ id: TAB, status: 'complete' }, ready());
    messenger.jump = vi.fn(async () => false);
    const root = await mount(<PopupApp messenger={messenger} t={tEn} pollMs={60_000} />);
    await waitFor(() => byRole(root, 'button', /^Go to the first occurrence/));
    const changed = ready();
    if (changed.scan.status === 'ready') changed.scan.groups[0].snippet = 'A paragraph added since';
    messenger.page.reply = changed;
    await click(byRole(root, 'button', 'Go to occurrence 2 of 2'));
    await waitFor(() => expect(root.textContent).toContain('A paragraph added since'));
  });

  it('puts the site on the never-scan list', async () => {
    const root = await mount(<PopupApp messenger={fakeMessenger({ id: TAB, status: 'complete' }, ready())} t={tEn} pollMs={1} />);
    await waitFor(() => byRole(root, 'button', 'Never scan this site'));
    await click(byRole(root, 'button', 'Never scan this site'));
    await waitFor(async () => expect(await siteRulesItem().getValue()).toEqual({ 'news.example.com': { never: true } }));
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { NoReplyError, REPLY_TIMEOUT_MS, isPopupToBackground, isToBackground, requestTab, withTimeout, type PageState } from '../../src/messages';
import { browserMessenger } from '../../src/ui/popup/messenger';

describe('timeouts', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('passes a prompt answer through', async () => {
    await expect(withTimeout(Promise.resolve('ok'), 100)).resolves.toBe('ok');
  });

  it('gives up on a content script that never answers', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockReturnValue(new Promise(() => undefined) as never);
    const reply = requestTab(3, { type: 'get-state' });
    const outcome = expect(reply).rejects.toBeInstanceOf(NoReplyError);
    await vi.advanceTimersByTimeAsync(REPLY_TIMEOUT_MS);
    await outcome;
  });

  it('keeps the popup from hanging on a silent tab', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockReturnValue(new Promise(() => undefined) as never);
    const messenger = browserMessenger();
    const calls = [
      messenger.getState(3),
      messenger.setMode(3, 'collapse'),
      messenger.jump(3, 0, 1, 0),
    ].map((call) => expect(call).rejects.toBeInstanceOf(NoReplyError));
    await vi.advanceTimersByTimeAsync(REPLY_TIMEOUT_MS);
    await Promise.all(calls);
  });

  it('asks the frame of the group to jump', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(true as never);
    await browserMessenger().jump(3, 2, 1, 0);
    expect(sendMessage).toHaveBeenCalledWith(3, { type: 'jump', group: 2, member: 1 }, { frameId: 0 });
    await browserMessenger().jump(3, 0, 4, 5);
    expect(sendMessage).toHaveBeenLastCalledWith(3, { type: 'jump', group: 0, member: 4 }, { frameId: 5 });
  });
});

describe('a tab with frames', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  const group = (index: number, canonical: number) => ({ index, canonical, members: [{ id: canonical, status: 'unique' as const }, { id: canonical + 1, status: 'duplicate' as const }], snippet: `g${canonical}` });
  const ready = (duplicates: number, groups: ReturnType<typeof group>[]): PageState => ({
    hostname: 'news.example.com',
    mode: 'highlight',
    scan: { status: 'ready', blocks: 10, duplicates, partial: 0, groups },
  });

  it('counts, lists and sets the mode in every frame the badge counts, each group knowing its frame', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue([0, 5, 9] as never);
    const frames: Record<number, PageState | null> = { 0: ready(4, [group(0, 1)]), 5: ready(1, [group(0, 3)]), 9: null };
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, _message: unknown, options: { frameId: number }) => {
      const state = frames[options.frameId];
      // A frame gone since it reported.
      if (!state) throw new Error('Could not establish connection. Receiving end does not exist.');
      return state;
    }) as never);
    const state = await browserMessenger().getState(3);
    expect(state.scan).toMatchObject({ status: 'ready', blocks: 20, duplicates: 5 });
    if (state.scan.status !== 'ready') throw new Error('not ready');
    expect(state.scan.groups.map((g) => [g.frame, g.canonical])).toEqual([[undefined, 1], [5, 3]]);
    sendMessage.mockClear();
    await browserMessenger().setMode(3, 'collapse');
    expect(sendMessage.mock.calls.map(([, message, options]) => [message, options])).toEqual([
      [{ type: 'set-mode', mode: 'collapse' }, { frameId: 0 }],
      [{ type: 'set-mode', mode: 'collapse' }, { frameId: 5 }],
      [{ type: 'set-mode', mode: 'collapse' }, { frameId: 9 }],
    ]);
  });

  it('shows the top frame alone when the background cannot say which frames reported', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('no background') as never);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(ready(4, [group(0, 1)]) as never);
    expect(await browserMessenger().getState(3)).toEqual(ready(4, [group(0, 1)]));
  });

  it('answers with the top frame when it is not ready: its site decides', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue([0, 5] as never);
    const scanning: PageState = { hostname: 'news.example.com', mode: 'highlight', scan: { status: 'scanning' } };
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, _message: unknown, options: { frameId: number }) =>
      options.frameId === 0 ? scanning : ready(1, [group(0, 3)])) as never);
    expect(await browserMessenger().getState(3)).toEqual(scanning);
  });
});

describe('isPopupToBackground', () => {
  it('accepts a question about a tab, and nothing else', () => {
    expect(isPopupToBackground({ type: 'reporting-frames', tabId: 3 })).toBe(true);
    expect(isPopupToBackground({ type: 'reporting-frames', tabId: '3' })).toBe(false);
    expect(isPopupToBackground({ type: 'scan-report', count: 1 })).toBe(false);
    expect(isPopupToBackground(null)).toBe(false);
  });
});

describe('isToBackground', () => {
  it('accepts scan reports with or without an error', () => {
    expect(isToBackground({ type: 'scan-report', count: 6 })).toBe(true);
    expect(isToBackground({ type: 'scan-report', count: 0, error: 'boom' })).toBe(true);
  });

  it.each([
    null,
    'scan-report',
    { type: 'scan-report' },
    { type: 'scan-report', count: '6' },
    { type: 'scan-report', count: Number.POSITIVE_INFINITY },
    { type: 'scan-report', count: -2 },
    { type: 'scan-report', count: 2.5 },
    { type: 'scan-report', count: 1e21 },
    { type: 'scan-report', count: 1, error: ' ' },
    { type: 'scan-report', count: 1, error: 42 },
    { type: 'get-state' },
  ])('rejects %j', (message) => {
    expect(isToBackground(message)).toBe(false);
  });
});

describe('which tab the popup acts for', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('is the active tab of the current window', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 5, status: 'loading' } as never]);
    expect(await browserMessenger('').activeTab()).toEqual({ id: 5, status: 'loading' });
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
  });

  it('is the tab named by ?tab= when the popup is opened as a page', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://example.com/' });
    expect(await browserMessenger(`?tab=${tab.id}`).activeTab()).toEqual({ id: tab.id, status: undefined });
    expect(await browserMessenger('?tab=999').activeTab()).toBeNull();
  });
});

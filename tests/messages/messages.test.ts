import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { NoReplyError, REPLY_TIMEOUT_MS, isToBackground, requestTab, withTimeout } from '../../src/messages';
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
      messenger.jump(3, 0, 1),
    ].map((call) => expect(call).rejects.toBeInstanceOf(NoReplyError));
    await vi.advanceTimersByTimeAsync(REPLY_TIMEOUT_MS);
    await Promise.all(calls);
  });

  it('asks the top frame of the tab', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(true as never);
    await browserMessenger().jump(3, 2, 1);
    expect(sendMessage).toHaveBeenCalledWith(3, { type: 'jump', group: 2, member: 1 }, { frameId: 0 });
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

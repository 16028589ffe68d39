import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { BADGE_COLORS, Badge, sessionBadgeStore, toolbarButton, type BadgeTexts } from '../../src/background/badge';
import { createBadge, startBackground } from '../../src/background';
import type { PageState } from '../../src/messages';

const texts: BadgeTexts = {
  count: (count) => (count > 0 ? `ParaDedup: ${count} repeated` : 'ParaDedup'),
  error: (error) => `ParaDedup: scan failed — ${error}`,
};

const TAB = 4;

/** Sends a scan report as the content script in `frameId` of `tabId` would. */
function report(tabId: number, frameId: number, message: unknown) {
  return fakeBrowser.runtime.onMessage.trigger(message, { tab: { id: tabId } as never, frameId });
}

const badgeText = (tabId: number) => fakeBrowser.action.getBadgeText({ tabId });
const badgeTitle = (tabId: number) => fakeBrowser.action.getTitle({ tabId });
const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
const badgeColor = async (tabId: number) => (await fakeBrowser.action.getBadgeBackgroundColor({ tabId })).slice(0, 3);

function pageState(duplicates: number, partial: number): PageState {
  return { hostname: 'example.com', mode: 'highlight', scan: { status: 'ready', blocks: 20, duplicates, partial, groups: [] } };
}

describe('badge', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(() => undefined);
    startBackground(createBadge(texts));
  });

  it("sums the counts of a tab's frames", async () => {
    await report(TAB, 0, { type: 'scan-report', count: 6 });
    expect(await badgeText(TAB)).toBe('6');
    await report(TAB, 3, { type: 'scan-report', count: 2 });
    expect(await badgeText(TAB)).toBe('8');
    expect(await badgeTitle(TAB)).toBe('ParaDedup: 8 repeated');
    expect(await badgeColor(TAB)).toEqual(hex(BADGE_COLORS.count));
  });

  it("replaces a frame's count when it scans again instead of adding to it", async () => {
    await report(TAB, 0, { type: 'scan-report', count: 6 });
    await report(TAB, 0, { type: 'scan-report', count: 7 });
    expect(await badgeText(TAB)).toBe('7');
  });

  it('keeps tabs apart and shows nothing for zero', async () => {
    await report(TAB, 0, { type: 'scan-report', count: 6 });
    await report(TAB + 1, 0, { type: 'scan-report', count: 0 });
    expect(await badgeText(TAB)).toBe('6');
    expect(await badgeText(TAB + 1)).toBe('');
    expect(await badgeTitle(TAB + 1)).toBe('ParaDedup');
  });

  it('shows "!" with the error in the title when a scan fails, and recovers on the next good report', async () => {
    await report(TAB, 0, { type: 'scan-report', count: 0, error: 'DOM too deep' });
    expect(await badgeText(TAB)).toBe('!');
    expect(await badgeTitle(TAB)).toBe('ParaDedup: scan failed — DOM too deep');
    expect(await badgeColor(TAB)).toEqual(hex(BADGE_COLORS.error));
    await report(TAB, 0, { type: 'scan-report', count: 2 });
    expect(await badgeText(TAB)).toBe('2');
  });

  it('clears when the tab navigates, and counts the new page from zero', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist'));
    await report(TAB, 0, { type: 'scan-report', count: 6 });
    await report(TAB, 9, { type: 'scan-report', count: 1 });
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, { id: TAB } as never);
    expect(await badgeText(TAB)).toBe('');
    await report(TAB, 0, { type: 'scan-report', count: 2 });
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'complete' }, { id: TAB } as never);
    await vi.waitFor(async () => expect(vi.mocked(fakeBrowser.tabs.sendMessage)).toHaveBeenCalled());
    expect(await badgeText(TAB)).toBe('2');
  });

  it('gets the count back from frames that survived a "loading" caused by an iframe', async () => {
    const sendMessage = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (
      _tabId: number,
      _message: unknown,
      options?: { frameId?: number },
    ) => {
      if (options?.frameId === 0) return pageState(5, 1);
      throw new Error('No frame with id');
    }) as never);
    await report(TAB, 0, { type: 'scan-report', count: 6 });
    await report(TAB, 12, { type: 'scan-report', count: 3 });
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, { id: TAB } as never);
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'complete' }, { id: TAB } as never);
    await vi.waitFor(async () => expect(await badgeText(TAB)).toBe('6'));
    expect(sendMessage.mock.calls.map((call) => call[2])).toEqual(expect.arrayContaining([{ frameId: 0 }, { frameId: 12 }]));
  });

  it('ignores malformed messages and messages that come from no tab', async () => {
    await report(TAB, 0, { type: 'scan-report', count: 3 });
    await report(TAB, 0, { type: 'scan-report', count: '9' });
    await report(TAB, 0, { type: 'scan-report', count: -1 });
    await report(TAB, 0, { type: 'something-else', count: 4 });
    await report(TAB, 0, null);
    await fakeBrowser.runtime.onMessage.trigger({ type: 'scan-report', count: 5 }, {});
    expect(await badgeText(TAB)).toBe('3');
  });

  it('forgets a closed tab', async () => {
    await report(TAB, 0, { type: 'scan-report', count: 3 });
    await fakeBrowser.tabs.onRemoved.trigger(TAB, { isWindowClosing: false, windowId: 0 });
    await vi.waitFor(async () => expect(await sessionBadgeStore().load()).toEqual({}));
  });

  it('keeps per-frame counts across a service-worker restart', async () => {
    await report(TAB, 0, { type: 'scan-report', count: 4 });
    // A fresh worker: new in-memory objects, same session storage.
    const restarted = new Badge(toolbarButton(), sessionBadgeStore(), texts, async () => {
      throw new Error('unused');
    });
    await restarted.report(TAB, 2, { count: 1 });
    expect(await badgeText(TAB)).toBe('5');
  });

  it('tells the popup which frames of a tab it counts and still answer, forgetting a removed one, so the popup and the badge agree', async () => {
    const framesOf = async (tabId: number) => (await fakeBrowser.runtime.onMessage.trigger({ type: 'reporting-frames', tabId }, {}))[0];
    const answering = new Set([0, 3]);
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (_tab: number, _message: unknown, options: { frameId: number }) => {
      if (!answering.has(options.frameId)) throw new Error('Could not establish connection. Receiving end does not exist.');
      return pageState(1, 0);
    }) as never);
    await report(TAB, 0, { type: 'scan-report', count: 6 });
    await report(TAB, 3, { type: 'scan-report', count: 2 });
    await report(TAB, 5, { type: 'scan-report', count: 1 });
    expect(await badgeText(TAB)).toBe('9');
    // Frame 5 was removed from the page since it reported: it is forgotten, and the badge counts without it.
    expect(await framesOf(TAB)).toEqual([0, 3]);
    expect(await badgeText(TAB)).toBe('8');
    expect(await framesOf(TAB + 1)).toEqual([]);
    answering.clear();
    await fakeBrowser.tabs.onUpdated.trigger(TAB, { status: 'loading' }, { id: TAB } as never);
    expect(await framesOf(TAB)).toEqual([]);
  });

  it('counts every frame when reports arrive at the same time', async () => {
    await Promise.all([1, 2, 3, 4, 5].map((frameId) => report(TAB, frameId, { type: 'scan-report', count: 1 })));
    expect(await badgeText(TAB)).toBe('5');
  });
});

import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createBadge, startBackground } from '../../src/background';
import { TOGGLE_AUTO_COLLAPSE_COMMAND } from '../../src/background/command';
import type { PageState } from '../../src/messages';
import { getSiteRules, siteRulesItem } from '../../src/settings';

type CommandListener = (command: string) => Promise<boolean | null> | undefined;

const ACTIVE_TAB = 11;

function page(hostname: string): PageState {
  return { hostname, mode: 'highlight', scan: { status: 'scanning' } };
}

describe('keyboard command', () => {
  let pressShortcut: (command?: string) => Promise<boolean | null> | undefined;
  let sendMessage: ReturnType<typeof vi.fn>;

  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
    let listener: CommandListener | undefined;
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation(((fn: CommandListener) => {
      listener = fn;
    }) as never);
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: ACTIVE_TAB, active: true } as never]);
    sendMessage = vi.fn(async () => page('www.example.com'));
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(sendMessage as never);
    startBackground(createBadge({ count: String, error: String }));
    pressShortcut = (command = TOGGLE_AUTO_COLLAPSE_COMMAND) => listener!(command);
  });

  it("toggles auto-collapse on the active tab's site and back", async () => {
    expect(await pressShortcut()).toBe(true);
    expect(await getSiteRules()).toEqual({ 'example.com': { autoCollapse: true } });
    expect(sendMessage).toHaveBeenCalledWith(ACTIVE_TAB, { type: 'get-state' }, { frameId: 0 });
    expect(fakeBrowser.tabs.query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(await pressShortcut()).toBe(false);
    expect(await getSiteRules()).toEqual({});
  });

  it('respects an auto-collapse rule inherited from the parent domain', async () => {
    await siteRulesItem().setValue({ 'example.com': { autoCollapse: true } });
    sendMessage.mockResolvedValue(page('news.example.com'));
    expect(await pressShortcut()).toBe(false);
    expect(await getSiteRules()).toEqual({ 'example.com': { autoCollapse: true }, 'news.example.com': { autoCollapse: false } });
  });

  it('does nothing on a page without a content script', async () => {
    sendMessage.mockRejectedValue(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await pressShortcut()).toBeNull();
    expect(await getSiteRules()).toEqual({});
  });

  it('ignores other commands', async () => {
    expect(await pressShortcut('_execute_action')).toBeUndefined();
    expect(sendMessage).not.toHaveBeenCalled();
  });
});

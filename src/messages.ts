import { browser } from 'wxt/browser';
import type { BlockStatus } from './engine/types';

/** How the page shows repeats: folded, tinted only, or untouched (the exact original DOM). */
export type PageMode = 'collapse' | 'highlight' | 'off';

export interface GroupSummary {
  /** Index of the group in the frame's report. */
  index: number;
  /** The frame whose report it is, where the popup lists several frames' groups; the top frame's have none. */
  frame?: number;
  canonical: number;
  /** `similar`: a duplicate that is not word for word (a number or a word changed). */
  members: { id: number; status: BlockStatus; similar?: boolean }[];
  /** First characters of the canonical block's text, for the popup list. Never stored. */
  snippet: string;
}

export type ScanState =
  | { status: 'scanning' }
  | { status: 'ready'; blocks: number; duplicates: number; partial: number; groups: GroupSummary[] }
  | { status: 'failed'; error: string }
  | { status: 'disabled' };

export interface PageState {
  hostname: string;
  mode: PageMode;
  scan: ScanState;
}

/** Messages the popup and background send to a tab's content script. */
export type ToContent =
  | { type: 'get-state' }
  | { type: 'set-mode'; mode: PageMode }
  /** Scroll to and flash one block of a group: `member` is that block's id, one of `GroupSummary.members[].id`. */
  | { type: 'jump'; group: number; member: number };

/**
 * Messages content scripts send to the background. `count` is the frame's duplicates + partial
 * blocks (the badge sums it over the tab's frames); `error` says the scan failed and why.
 */
export type ToBackground = { type: 'scan-report'; count: number; error?: string };

/** What the popup asks the background: the frames of a tab that reported a scan, whose repeats the badge counts. */
export type PopupToBackground = { type: 'reporting-frames'; tabId: number };

export interface ContentReplies {
  'get-state': PageState;
  'set-mode': PageState;
  jump: boolean;
}

/** How long the popup and background wait for a content script before deciding nobody is there. */
export const REPLY_TIMEOUT_MS = 1500;

/** Thrown when a tab's content script does not answer within the timeout. */
export class NoReplyError extends Error {
  constructor(ms: number) {
    super(`No reply within ${ms} ms`);
    this.name = 'NoReplyError';
  }
}

/** Rejects with NoReplyError if `promise` hasn't settled after `ms`, so callers never hang. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoReplyError(ms)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Sends to a tab's content script and rejects if there is none or it doesn't answer in time. */
export function requestTab<M extends ToContent>(
  tabId: number,
  message: M,
  { frameId = 0, timeoutMs = REPLY_TIMEOUT_MS }: { frameId?: number; timeoutMs?: number } = {},
): Promise<ContentReplies[M['type']]> {
  return withTimeout(sendToTab(tabId, message, frameId), timeoutMs);
}

/** Messages arrive from other contexts: check the shape before acting on one. */
export function isToBackground(message: unknown): message is ToBackground {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.type === 'scan-report' &&
    Number.isSafeInteger(m.count) &&
    (m.count as number) >= 0 &&
    // An error with no words would give the badge a "!" that says nothing.
    (m.error === undefined || (typeof m.error === 'string' && m.error.trim() !== ''))
  );
}

export function isPopupToBackground(message: unknown): message is PopupToBackground {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return m.type === 'reporting-frames' && typeof m.tabId === 'number' && Number.isInteger(m.tabId);
}

/** The frames of `tabId` that reported a scan; none when the background cannot say. */
export async function reportingFrames(tabId: number): Promise<number[]> {
  const message: PopupToBackground = { type: 'reporting-frames', tabId };
  const frames = await withTimeout(browser.runtime.sendMessage(message) as Promise<unknown>, REPLY_TIMEOUT_MS).catch(() => null);
  return Array.isArray(frames) ? frames.filter((id): id is number => Number.isInteger(id)) : [];
}

export function sendToTab<M extends ToContent>(
  tabId: number,
  message: M,
  frameId = 0,
): Promise<ContentReplies[M['type']]> {
  return browser.tabs.sendMessage(tabId, message, { frameId }) as Promise<ContentReplies[M['type']]>;
}

export function sendToBackground(message: ToBackground): Promise<void> {
  return browser.runtime.sendMessage(message) as Promise<void>;
}

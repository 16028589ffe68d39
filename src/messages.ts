import { browser } from 'wxt/browser';
import type { BlockStatus } from './engine/types';

/** How the page shows repeats: folded, tinted only, or untouched (the exact original DOM). */
export type PageMode = 'collapse' | 'highlight' | 'off';

export interface GroupSummary {
  /** Index of the group in the frame's report. */
  index: number;
  canonical: number;
  members: { id: number; status: BlockStatus }[];
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
  | { type: 'jump'; group: number; member: number };

/** Messages content scripts send to the background. */
export type ToBackground = { type: 'scan-report'; count: number; error?: string };

export interface ContentReplies {
  'get-state': PageState;
  'set-mode': PageState;
  jump: boolean;
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

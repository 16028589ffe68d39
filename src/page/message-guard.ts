// Messages reach the content script from other contexts: each is checked field by field before use.
import type { PageMode, ToContent } from '../messages';

const MODES: readonly PageMode[] = ['collapse', 'highlight', 'off'];

const isIndex = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The message as a ToContent, or null when it isn't one (wrong type, missing or malformed fields). */
export function parseToContent(message: unknown): ToContent | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'get-state':
      return { type: 'get-state' };
    case 'set-mode':
      return MODES.includes(m.mode as PageMode) ? { type: 'set-mode', mode: m.mode as PageMode } : null;
    case 'jump':
      return isIndex(m.group) && isIndex(m.member) ? { type: 'jump', group: m.group, member: m.member } : null;
    default:
      return null;
  }
}

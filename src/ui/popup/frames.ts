// A tab's frames as the popup shows them: one page, whose counts and groups are those of every frame
// the badge counts (same-origin article frames, comment frames), each group knowing its frame.
import type { PageState } from '../../messages';

export interface FrameState {
  frameId: number;
  state: PageState;
}

/**
 * The top frame's state, with the ready frames' counts added and their groups listed after its own.
 * The top frame decides the rest (its site, its mode, and whether there is a list at all).
 */
export function mergeFrames(top: PageState, others: readonly FrameState[]): PageState {
  if (top.scan.status !== 'ready') return top;
  let { blocks, duplicates, partial } = top.scan;
  const groups = [...top.scan.groups];
  for (const { frameId, state } of others) {
    if (state.scan.status !== 'ready') continue;
    blocks += state.scan.blocks;
    duplicates += state.scan.duplicates;
    partial += state.scan.partial;
    for (const group of state.scan.groups) groups.push({ ...group, frame: frameId });
  }
  return { ...top, scan: { ...top.scan, blocks, duplicates, partial, groups } };
}

// At document_start, in every frame the content script runs in: starts reading the page's settings so
// storage has answered by the time the content script starts (see src/settings-prefetch.ts). An
// unlisted script, listed in the manifest by wxt.config.ts: WXT's content-script wrapper would add the
// browser polyfill and its context object, 20 times this script's size, to every page load.
import { startSettingsPrefetch, type PrefetchStorage } from '../src/settings-prefetch';

type ExtensionGlobal = { browser?: { storage?: { local?: PrefetchStorage } }; chrome?: { storage?: { local?: PrefetchStorage } } };

export default defineUnlistedScript(() => {
  const extension = globalThis as ExtensionGlobal;
  const area = extension.browser?.storage?.local ?? extension.chrome?.storage?.local;
  try {
    if (area) startSettingsPrefetch(area, () => performance.now());
  } catch {
    // Nothing prefetched: the content script reads storage itself.
  }
});

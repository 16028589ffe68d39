// The content script: thin wiring, listed in the manifest by wxt.config.ts. Page-level styles come from
// the manifest too (a page's CSP can't block them); all logic lives in src/page.
import '../src/page/start-mark';
import '../src/page/styles.css';
import { installWasmAnalyzer } from '../src/engine';
import { startContentScript } from '../src/page/content-script';

export default defineUnlistedScript(() => {
  // Firefox compiles the content script's WebAssembly under the extension's policy. Chromium holds it
  // to the page's CSP, and a page without 'wasm-unsafe-eval' refuses it and sees the violation (its
  // report endpoint too), so there the JavaScript pass runs: same results, in about twice the time.
  if (import.meta.env.FIREFOX) installWasmAnalyzer();
  try {
    startContentScript();
  } catch (error) {
    // Never an error in the page: the extension's console is the only place this can surface.
    console.warn('ParaDedup could not start:', error);
  }
});

// Chromium captures a page's text for translation and its classifiers in the first frame it renders
// after the load event (`ChromeRenderFrameObserver::CapturePageText`, a walk over all of the page's
// text). On a page that renders nothing once loaded, that frame was the one our first annotations
// caused, and the capture and their restyle made one task: 55–113 ms on the benchmark's long page. A
// frame asked for as soon as the page has loaded gives the capture a frame of its own while we still
// read and index. It paints nothing: no style, layout or node is changed for it.

/** Asks `win` for one animation frame as soon as its load event has passed; nothing where frames are never rendered. */
export function askFrameAfterLoad(win: Window & typeof globalThis): void {
  if (typeof win.requestAnimationFrame !== 'function') return;
  const ask = () => win.requestAnimationFrame(() => undefined);
  if (win.document.readyState === 'complete') ask();
  else win.addEventListener('load', ask, { once: true });
}

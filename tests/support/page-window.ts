// A linkedom page dressed as the browser window a content script sees, for tests of src/page.
import { parseHTML } from 'linkedom';

export type TestWindow = Window & typeof globalThis & { go(url: string): void };

/** A linkedom page dressed as a browser window: location, timers, events, the Navigation API. */
export function pageWindow(html: string, url = 'https://news.example.com/story'): TestWindow {
  const { window, document } = parseHTML(html);
  const location = { href: url, hostname: new URL(url).hostname };
  const navigationListeners = new Set<() => void>();
  const win = {
    document,
    location,
    MutationObserver: window.MutationObserver,
    MessageChannel,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    performance,
    addEventListener() {},
    removeEventListener() {},
    navigation: {
      addEventListener: (_type: string, listener: () => void) => navigationListeners.add(listener),
      removeEventListener: (_type: string, listener: () => void) => navigationListeners.delete(listener),
    },
    /** What a single-page app's pushState does, as a content script sees it. */
    go(next: string) {
      location.href = new URL(next, location.href).href;
      for (const listener of navigationListeners) listener();
    },
  };
  return win as unknown as TestWindow;
}

// Notices single-page-app route changes. A content script can't see the page's pushState calls (they
// happen in the page's world), so it compares location.href whenever a hint arrives: the Navigation
// API's currententrychange where it exists, popstate/hashchange, page mutations, and a slow poll otherwise.

/** A route is the document's URL without its fragment, unless the fragment itself routes (`#/…`, `#!…`). */
export function routeOf(href: string): string {
  const hash = href.indexOf('#');
  if (hash < 0) return href;
  const fragment = href.slice(hash + 1);
  return fragment.startsWith('/') || fragment.startsWith('!') ? href : href.slice(0, hash);
}

/** Without the Navigation API, how often location.href is compared even when nothing else hints at a change. */
const POLL_MS = 1000;

interface NavigationLike {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
}

export class RouteWatcher {
  private route: string;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly onRouteChange: () => void,
  ) {
    this.route = routeOf(win.location.href);
  }

  start(): void {
    const check = () => this.check();
    const navigation = (this.win as unknown as { navigation?: NavigationLike }).navigation;
    if (navigation && typeof navigation.addEventListener === 'function') {
      navigation.addEventListener('currententrychange', check);
      this.stops.push(() => navigation.removeEventListener('currententrychange', check));
    } else {
      const timer = this.win.setInterval(check, POLL_MS);
      this.stops.push(() => this.win.clearInterval(timer));
    }
    for (const type of ['popstate', 'hashchange'] as const) {
      this.win.addEventListener(type, check);
      this.stops.push(() => this.win.removeEventListener(type, check));
    }
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** Compares the current route with the last one seen; calls back once per change. True when it changed. */
  check(): boolean {
    const route = routeOf(this.win.location.href);
    if (route === this.route) return false;
    this.route = route;
    this.onRouteChange();
    return true;
  }
}

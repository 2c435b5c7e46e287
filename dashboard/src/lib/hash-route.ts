import type { ExternalStore, Listener } from './frame-store';
import { LIVE, type TimeMode } from './time';

/**
 * Hash routes, so the built dashboard works from any static server with no rewrite rules, and a
 * link names everything the analyst was looking at:
 *   #/                                     the overview, live
 *   #/theatre/kz                           a theatre, live
 *   #/theatre/kz?asOf=2022-01-07T12:00:00.000Z&basis=recorded&event=<id>
 */

export type Page = { readonly name: 'overview' } | { readonly name: 'theatre'; readonly theatre: string };

export interface Route {
  readonly page: Page;
  readonly time: TimeMode;
  /** The event whose full record is open. */
  readonly event?: string;
}

export const OVERVIEW: Route = { page: { name: 'overview' }, time: LIVE };

export const parseRoute = (hash: string): Route => {
  const body = hash.replace(/^#/, '');
  const queryAt = body.indexOf('?');
  const path = queryAt >= 0 ? body.slice(0, queryAt) : body;
  const params = new URLSearchParams(queryAt >= 0 ? body.slice(queryAt + 1) : '');
  const segments = path.split('/').filter((s) => s !== '');
  const theatre = segments[0] === 'theatre' && segments[1] ? decodeURIComponent(segments[1]) : undefined;
  const asOf = Date.parse(params.get('asOf') ?? '');
  const basis = params.get('basis') === 'recorded' ? 'recorded' : 'occurred';
  const event = params.get('event') ?? undefined;
  return {
    page: theatre ? { name: 'theatre', theatre } : { name: 'overview' },
    time: Number.isNaN(asOf) ? LIVE : { live: false, at: asOf, basis },
    ...(event && { event }),
  };
};

export const formatRoute = (route: Route): string => {
  const path = route.page.name === 'theatre' ? `/theatre/${encodeURIComponent(route.page.theatre)}` : '/';
  const params = new URLSearchParams();
  if (!route.time.live) {
    params.set('asOf', new Date(route.time.at).toISOString());
    params.set('basis', route.time.basis);
  }
  if (route.event) params.set('event', route.event);
  const query = params.toString();
  return `#${path}${query ? `?${query}` : ''}`;
};


/** The route as an external store over `location.hash`. */
export class HashRouter implements ExternalStore<Route> {
  readonly #listeners = new Set<Listener>();
  readonly #window: Window;
  #route: Route;

  constructor(win: Window) {
    this.#window = win;
    this.#route = parseRoute(win.location.hash);
    win.addEventListener('hashchange', this.#onHashChange);
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): Route => this.#route;

  /** Goes to a route; `replace` for moves that should not fill the back button (dragging the time slider). */
  navigate(route: Route, options: { readonly replace?: boolean } = {}): void {
    const hash = formatRoute(route);
    if (hash === this.#window.location.hash) return;
    if (options.replace) this.#window.history.replaceState(null, '', hash);
    else this.#window.history.pushState(null, '', hash);
    this.#set(parseRoute(hash));
  }

  dispose(): void {
    this.#window.removeEventListener('hashchange', this.#onHashChange);
  }

  readonly #onHashChange = (): void => this.#set(parseRoute(this.#window.location.hash));

  #set(route: Route): void {
    this.#route = route;
    for (const listener of [...this.#listeners]) listener();
  }
}

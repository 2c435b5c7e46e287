import { adoptKey, liveUrl } from '../lib/api-key';
import { createBackend } from '../lib/backend';
import { createTickingClock } from '../lib/clock';
import { HashRouter } from '../lib/hash-route';
import { LiveClient, type SocketLike } from '../lib/live/live-client';
import type { Services } from '../lib/services';

/** The browser's WebSocket behind the small interface the live client speaks to. */
const browserSocket = (url: string): SocketLike => {
  const ws = new WebSocket(url);
  const socket: SocketLike = {
    get readyState() {
      return ws.readyState;
    },
    send: (data) => ws.send(data),
    close: (code, reason) => ws.close(code, reason),
    onopen: null,
    onclose: null,
    onerror: null,
    onmessage: null,
  };
  ws.onopen = (event) => socket.onopen?.(event);
  ws.onclose = (event) => socket.onclose?.(event);
  ws.onerror = (event) => socket.onerror?.(event);
  ws.onmessage = (event: MessageEvent<unknown>) => socket.onmessage?.({ data: event.data });
  return socket;
};

const storageOf = (win: Window): Storage | undefined => {
  try {
    return win.sessionStorage;
  } catch {
    // Storage can be switched off; the key then lasts as long as the page.
    return undefined;
  }
};

/** Everything the app talks to, wired to the real browser. */
export const createBrowserServices = (win: Window): Services & { dispose(): void } => {
  const { key, hash } = adoptKey(win.location.hash, storageOf(win));
  if (hash !== win.location.hash) win.history.replaceState(null, '', `${win.location.pathname}${win.location.search}${hash}`);
  const backend = createBackend((url, init) => win.fetch(url, init), key);
  const live = new LiveClient({ url: liveUrl(win.location, key), createSocket: browserSocket });
  const router = new HashRouter(win);
  const clock = createTickingClock();
  const online = (): void => live.networkChanged(true);
  const offline = (): void => live.networkChanged(false);
  win.addEventListener('online', online);
  win.addEventListener('offline', offline);
  // A tab opened without a network gets no 'offline' event.
  if (win.navigator?.onLine === false) live.networkChanged(false);
  live.start();
  return {
    backend,
    live,
    router,
    clock,
    dispose() {
      win.removeEventListener('online', online);
      win.removeEventListener('offline', offline);
      live.stop();
      router.dispose();
      clock.dispose();
    },
  };
};

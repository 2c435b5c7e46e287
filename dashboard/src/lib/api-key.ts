/**
 * The reader key. An operator shares a dashboard link as `…/#key=<reader key>` (a fragment never
 * reaches a server log); the key is kept in sessionStorage for the tab's life, taken out of the
 * address bar, and sent as `Authorization: Bearer` on API calls and as `?key=` on the socket,
 * since browsers cannot set headers on a WebSocket. Without a key everything still works against
 * a server that does not require one.
 */

export const KEY_STORAGE = 'watchfloor.readerKey';

export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/**
 * Splits `key=…` out of a location hash, which may be `#key=abc`, `#/theatre/kz?key=abc` or
 * `#/theatre/kz?asOf=…&key=abc`. Returns the key and the hash without it.
 */
export const extractKey = (hash: string): { readonly key: string | undefined; readonly hash: string } => {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  const queryAt = body.indexOf('?');
  const [path, query] = body.startsWith('key=') ? ['', body] : queryAt >= 0 ? [body.slice(0, queryAt), body.slice(queryAt + 1)] : [body, ''];
  const params = new URLSearchParams(query);
  const key = params.get('key') ?? undefined;
  if (key === undefined) return { key: undefined, hash };
  params.delete('key');
  const rest = params.toString();
  return { key: key.trim() === '' ? undefined : key.trim(), hash: `#${path || '/'}${rest ? `?${rest}` : ''}` };
};

/** Takes a key from the hash into storage (replacing the stored one) and returns the key in force. */
export const adoptKey = (hash: string, storage: KeyStorage | undefined): { readonly key: string | undefined; readonly hash: string } => {
  const extracted = extractKey(hash);
  if (extracted.key !== undefined) storage?.setItem(KEY_STORAGE, extracted.key);
  return { key: extracted.key ?? storage?.getItem(KEY_STORAGE) ?? undefined, hash: extracted.hash };
};

export const authHeaders = (key: string | undefined): Record<string, string> => (key ? { Authorization: `Bearer ${key}` } : {});

/** The live socket's URL on the page's own origin, with the key as `?key=`. */
export const liveUrl = (location: { readonly protocol: string; readonly host: string }, key: string | undefined): string =>
  `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live${key ? `?key=${encodeURIComponent(key)}` : ''}`;

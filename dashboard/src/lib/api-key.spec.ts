import { adoptKey, authHeaders, extractKey, KEY_STORAGE, liveUrl, type KeyStorage } from './api-key';

const memory = (): KeyStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return { items, getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v) };
};

describe('the reader key', () => {
  it('is taken out of a bare #key= fragment', () => {
    expect(extractKey('#key=r3ad3r')).toEqual({ key: 'r3ad3r', hash: '#/' });
  });

  it('is taken out of a route and the rest of the route is kept', () => {
    expect(extractKey('#/theatre/kz?asOf=2022-01-07T00%3A00%3A00.000Z&key=abc')).toEqual({
      key: 'abc',
      hash: '#/theatre/kz?asOf=2022-01-07T00%3A00%3A00.000Z',
    });
    expect(extractKey('#/theatre/kz')).toEqual({ key: undefined, hash: '#/theatre/kz' });
  });

  it('is kept in session storage, and a stored key serves when the link has none', () => {
    const storage = memory();
    expect(adoptKey('#key=first', storage).key).toBe('first');
    expect(storage.items.get(KEY_STORAGE)).toBe('first');
    expect(adoptKey('#/', storage)).toEqual({ key: 'first', hash: '#/' });
    expect(adoptKey('#key=second', storage).key).toBe('second');
  });

  it('travels as a bearer header and as ?key= on the socket; without one nothing is sent', () => {
    expect(authHeaders('k 1')).toEqual({ Authorization: 'Bearer k 1' });
    expect(authHeaders(undefined)).toEqual({});
    expect(liveUrl({ protocol: 'https:', host: 'floor.example:8443' }, 'k 1')).toBe('wss://floor.example:8443/live?key=k%201');
    expect(liveUrl({ protocol: 'http:', host: '127.0.0.1:8080' }, undefined)).toBe('ws://127.0.0.1:8080/live');
  });
});

import { ApiKeyRegistry, bearerKey } from './api-keys';

describe('ApiKeyRegistry', () => {
  const keys = new ApiKeyRegistry([
    { key: 'ingest-key-0001', roles: ['ingest'] },
    { key: 'reader-key-0001', roles: ['reader', 'operator'] },
  ]);

  it('finds the roles of a known key', () => {
    expect(keys.identify('ingest-key-0001')?.roles).toEqual(['ingest']);
    expect(keys.identify('reader-key-0001')?.roles).toEqual(['reader', 'operator']);
  });

  it('knows no prefix, extension or case variant of a key', () => {
    for (const guess of ['ingest-key-000', 'ingest-key-00011', 'INGEST-KEY-0001', '']) expect(keys.identify(guess)).toBeUndefined();
  });

  it('tags a key for logs without showing it', () => {
    const principal = keys.identify('ingest-key-0001');
    expect(principal?.keyId).toMatch(/^[0-9a-f]{8}$/);
    expect(principal?.keyId).not.toBe(keys.identify('reader-key-0001')?.keyId);
  });
});

describe('bearerKey', () => {
  it.each([
    ['Bearer abc', 'abc'],
    ['bearer   abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    ['Bearer a b', undefined],
    [undefined, undefined],
  ])('reads %p as %p', (header, key) => {
    expect(bearerKey(header)).toBe(key);
  });
});

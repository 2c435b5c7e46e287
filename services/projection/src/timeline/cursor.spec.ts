import { decodeCursor, encodeCursor } from './cursor';

const after = { occurredAt: 1641456000000, recordedAt: 1641457800000, id: '9178c9a9-e822-4d60-b86d-64db51f0aa47' };

describe('the events cursor', () => {
  it('round-trips the key and order for the same filter', () => {
    const text = encodeCursor({ after, order: 'desc' }, 'filter-a');
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(text, 'filter-a')).toEqual({ ok: true, cursor: { after, order: 'desc' } });
  });

  it('refuses a cursor made for other filters', () => {
    const result = decodeCursor(encodeCursor({ after, order: 'asc' }, 'filter-a'), 'filter-b');
    expect(result).toEqual({ ok: false, reason: expect.stringContaining('other filters') });
  });

  it.each(['', 'abc', Buffer.from('{"v":2}').toString('base64url'), Buffer.from('[1]').toString('base64url')])('refuses %p', (text) => {
    expect(decodeCursor(text, 'filter-a').ok).toBe(false);
  });
});

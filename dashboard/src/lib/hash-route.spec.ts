import { formatRoute, parseRoute } from './hash-route';

describe('hash routes', () => {
  it('read the overview and a theatre, live', () => {
    expect(parseRoute('')).toEqual({ page: { name: 'overview' }, time: { live: true } });
    expect(parseRoute('#/theatre/ua-border')).toEqual({ page: { name: 'theatre', theatre: 'ua-border' }, time: { live: true } });
  });

  it('carry the moment, the clock and the open event, and write them back the same', () => {
    const hash = '#/theatre/kz?asOf=2022-01-07T12%3A00%3A00.000Z&basis=recorded&event=abc';
    const route = parseRoute(hash);
    expect(route).toEqual({
      page: { name: 'theatre', theatre: 'kz' },
      time: { live: false, at: Date.parse('2022-01-07T12:00:00Z'), basis: 'recorded' },
      event: 'abc',
    });
    expect(formatRoute(route)).toBe(hash);
  });

  it('default the clock to what had happened, and stay live on an unreadable moment', () => {
    expect(parseRoute('#/?asOf=2022-01-07T12:00:00Z').time).toEqual({ live: false, at: Date.parse('2022-01-07T12:00:00Z'), basis: 'occurred' });
    expect(parseRoute('#/?asOf=yesterday').time).toEqual({ live: true });
  });
});

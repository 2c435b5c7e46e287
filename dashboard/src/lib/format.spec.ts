import { compact, count, formatRange, formatRating } from './format';

describe('formatting', () => {
  it('shows a range with its best estimate, or one figure when the sources agree', () => {
    expect(formatRange({ low: 24, best: 49, high: 111 })).toBe('24–111 (best 49)');
    expect(formatRange({ low: 353, best: 353, high: 353 })).toBe('353');
    expect(formatRange({ best: 12 })).toBe('12');
    expect(formatRange({ low: 24, high: 99 })).toBe('24–99');
    expect(formatRange(undefined)).toBe('—');
  });

  it('spells out an Admiralty rating', () => {
    expect(formatRating('C', 4)).toBe('C4 (fairly reliable, doubtful)');
  });

  it('shortens large headline figures and counts nouns', () => {
    expect([353, 6000, 73514, 132990, 1_250_000].map(compact)).toEqual(['353', '6000', '73.5k', '133k', '1.3M']);
    expect([count(1, 'source'), count(2, 'source')]).toEqual(['1 source', '2 sources']);
  });
});

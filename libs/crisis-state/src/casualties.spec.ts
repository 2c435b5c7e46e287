import type { CasualtyGroup, CountRange, Reliability, Source } from '@watchfloor/events';
import { figuresOf } from './casualties';
import { given } from './testing/given-when-then';
import { anEvent, id } from './testing/events';

const source = (name: string, reliability: Reliability, credibility: number): Source => ({ name, kind: 'media', reliability, credibility });
const wire = source('Wire', 'A', 2);
const ministry = source('Ministry', 'B', 3);
const activists = source('Activists', 'D', 4);
const footage = source('Footage', 'F', 6);

let n = 0;
const claim = (
  from: Source,
  day: number,
  killed: CountRange,
  options: { cumulative?: boolean; group?: CasualtyGroup; injured?: CountRange; recordedAt?: string } = {},
) => {
  n += 1;
  return anEvent(
    'casualties.reported',
    id(1000 + n),
    `2022-01-${String(day).padStart(2, '0')}T12:00:00Z`,
    { killed, group: options.group ?? 'civilians', cumulative: options.cumulative ?? true, ...(options.injured && { injured: options.injured }) },
    { sources: [from], ...(options.recordedAt !== undefined && { recordedAt: options.recordedAt }) },
  );
};

describe("one source's total", () => {
  it('adds up incremental reports', () => {
    given(claim(wire, 5, { best: 3 }, { cumulative: false, injured: { low: 10, high: 20 } }))
      .when(claim(wire, 6, { best: 4 }, { cumulative: false, injured: { best: 5 } }))
      .then((s) => {
        const total = s.casualties.groups.civilians.claims.get('Wire');
        expect(total?.killed).toEqual({ low: 7, best: 7, high: 7, bestStated: true });
        expect(total?.injured).toEqual({ low: 15, best: 19, high: 25, bestStated: false });
      });
  });

  it('lets a cumulative report replace the total, and later increments add to it', () => {
    given(claim(wire, 5, { best: 3 }, { cumulative: false }), claim(wire, 6, { best: 4 }, { cumulative: false }))
      .when(claim(wire, 7, { best: 20 }), claim(wire, 8, { best: 2 }, { cumulative: false }))
      .then((s) => expect(s.casualties.groups.civilians.claims.get('Wire')?.killed?.best).toBe(22));
  });

  it('puts a late cumulative report before the later one, which still replaces it', () => {
    given(claim(wire, 8, { best: 30 }))
      .when(claim(wire, 6, { best: 90 }, { recordedAt: '2022-01-09T00:00:00Z' }))
      .then((s) => expect(s.casualties.groups.civilians.claims.get('Wire')?.killed?.best).toBe(30));
  });

  it('keeps sources and groups apart', () => {
    given(claim(wire, 5, { best: 3 }), claim(wire, 5, { best: 8 }, { group: 'protesters' }))
      .when(claim(ministry, 6, { best: 4 }))
      .then((s) => {
        expect(s.casualties.groups.civilians.claims.get('Wire')?.killed?.best).toBe(3);
        expect(s.casualties.groups.protesters.claims.get('Wire')?.killed?.best).toBe(8);
        expect(s.casualties.groups.civilians.killed?.sources).toEqual(['Ministry', 'Wire']);
      });
  });
});

describe('across sources', () => {
  it('spans the lowest low to the highest high', () => {
    given(claim(wire, 5, { best: 10 }), claim(ministry, 5, { low: 6, high: 9 }))
      .when(claim(activists, 5, { low: 20, best: 40, high: 80 }))
      .then((s) => expect(s.casualties.groups.civilians.killed).toMatchObject({ low: 6, high: 80 }));
  });

  it('takes the confidence-weighted median of the best figures as the best estimate', () => {
    // Weights: wire A2 0.9, activists D4 0.25, footage F6 0.25: the wire outweighs both.
    given(claim(wire, 5, { best: 10 }), claim(activists, 5, { best: 100 }))
      .when(claim(footage, 5, { best: 200 }))
      .then((s) => expect(s.casualties.groups.civilians.killed?.best).toBe(10));
    // Ministry B3 0.675 and activists together outweigh the wire: the median moves up.
    given(claim(wire, 5, { best: 10 }), claim(ministry, 5, { best: 20 }))
      .when(claim(activists, 5, { best: 30 }))
      .then((s) => expect(s.casualties.groups.civilians.killed?.best).toBe(20));
  });

  it('counts conservatively like ACLED: the lowest credible figure', () => {
    given(claim(ministry, 5, { best: 30 }), claim(wire, 5, { low: 25, high: 60 }))
      .when(claim(activists, 5, { best: 5 }))
      .then((s) => {
        // Activists (D4) are not credible enough; the wire's range counts by its low.
        expect(s.casualties.groups.civilians.killed).toMatchObject({ low: 5, conservative: 25 });
      });
  });

  it('falls back to the lowest figure of all when no source is credible', () => {
    given(claim(activists, 5, { best: 50 }))
      .when(claim(footage, 5, { low: 12, high: 99 }))
      .then((s) => expect(s.casualties.groups.civilians.killed?.conservative).toBe(12));
  });
});

describe('theatre totals', () => {
  it('add the named groups', () => {
    given(claim(wire, 5, { best: 12 }, { group: 'security_forces' }))
      .when(claim(wire, 5, { low: 20, best: 25, high: 30 }, { group: 'protesters' }))
      .then((s) => expect(s.casualties.killed).toEqual({ low: 32, best: 37, high: 42, conservative: 37, sources: ['Wire'] }));
  });

  it('let unspecified figures overlap the named ones for low and best, but not for high', () => {
    given(claim(wire, 5, { best: 12 }, { group: 'security_forces' }))
      .when(claim(ministry, 5, { best: 10 }, { group: 'unspecified' }))
      .then((s) => expect(s.casualties.killed).toEqual({ low: 12, best: 12, high: 22, conservative: 12, sources: ['Ministry', 'Wire'] }));
  });
});

describe('a range without a best figure', () => {
  it('is centred on its geometric midpoint', () => {
    expect(figuresOf({ low: 24, high: 99 })).toEqual({ low: 24, best: 49, high: 99, bestStated: false });
    expect(figuresOf({ low: 0, high: 10 })).toEqual({ low: 0, best: 5, high: 10, bestStated: false });
    expect(figuresOf({ high: 40 })).toEqual({ low: 40, best: 40, high: 40, bestStated: false });
    expect(figuresOf({ low: 3, best: 4 })).toEqual({ low: 3, best: 4, high: 4, bestStated: true });
  });
});

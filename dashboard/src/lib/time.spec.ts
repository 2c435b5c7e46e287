import { DAY_MS, evaluationOf, formatDuration, formatInstant, formatTick, fromDateTimeInput, LIVE, toDateTimeInput, worldClockOf } from './time';
import { chartWindow } from './time-window';

const now = Date.parse('2026-05-01T12:00:00Z');

describe('the world clock and evaluationOf', () => {
  it('stands at the latest event anywhere, never past now', () => {
    const last = Date.parse('2022-01-10T16:30:00Z');
    expect(worldClockOf(now, [Date.parse('2022-01-10T10:30:00Z'), last, undefined])).toBe(last);
    expect(worldClockOf(now, [now + DAY_MS])).toBe(now);
    expect(worldClockOf(now, [])).toBe(now);
  });

  it('evaluates live at the world clock, and says so when it is far behind now', () => {
    expect(evaluationOf(LIVE, now, now - 60_000)).toEqual({ at: now - 60_000, kind: 'live' });
    const last = Date.parse('2022-01-10T16:30:00Z');
    expect(evaluationOf(LIVE, now, last)).toEqual({ at: last, kind: 'historic' });
  });

  it('evaluates the past at the chosen moment, as the query API does', () => {
    const at = Date.parse('2022-01-07T00:00:00Z');
    expect(evaluationOf({ live: false, at, basis: 'recorded' }, now, now)).toEqual({ at, kind: 'past' });
  });
});

describe('time formatting', () => {
  it('shows instants in UTC and durations in the largest sensible unit', () => {
    expect(formatInstant(Date.parse('2022-01-07T04:05:00Z'))).toBe('07 Jan 2022 04:05 UTC');
    expect(formatDuration(3200)).toBe('3.2 s');
    expect(formatDuration(7 * 3600_000)).toBe('7 h');
  });

  it('round-trips the date field in UTC, written as the page writes dates, 24-hour', () => {
    const t = Date.parse('2022-01-07T16:05:00Z');
    expect(toDateTimeInput(t)).toBe('2022-01-07 16:05');
    expect(fromDateTimeInput(toDateTimeInput(t))).toBe(t);
    expect(fromDateTimeInput('2022-01-07T16:05')).toBe(t);
  });

  it('reads no moment from a date still being typed', () => {
    expect(fromDateTimeInput('2022-01-07 16:0')).toBeUndefined();
    expect(fromDateTimeInput('2022-01-07')).toBeUndefined();
    expect(fromDateTimeInput('2022-13-07 16:05')).toBeUndefined();
  });
});

describe('chartWindow', () => {
  it('runs from the first event to the evaluated moment, with a little air', () => {
    const first = Date.parse('2022-01-03T00:00:00Z');
    const at = Date.parse('2022-01-10T00:00:00Z');
    const window = chartWindow(first, at - DAY_MS, at, 'all');
    expect(window.from).toBeLessThan(first);
    expect(window.to).toBeGreaterThan(at);
    expect(window.to - at).toBeLessThan(DAY_MS);
  });

  it('moves in steps finer than a pixel, not with every event: a live chart keeps its marks where they are', () => {
    const first = Date.parse('2022-01-03T00:00:00Z');
    const at = Date.parse('2022-01-10T00:00:00Z');
    const window = chartWindow(first, at - 1000, at, 'all');
    const span = window.to - window.from;
    expect(chartWindow(first, at - 1000, at + 5000, 'all')).toEqual(window);
    const later = chartWindow(first, at - 1000, at + span / 100, 'all');
    expect(later.to).toBeGreaterThan(window.to);
    expect(later.to - at - span / 100).toBeLessThan(span * 0.04);
  });

  it('shows only the chosen span back from the moment', () => {
    const at = Date.parse('2022-01-10T00:00:00Z');
    const window = chartWindow(Date.parse('2021-01-01T00:00:00Z'), at, at, '24h');
    expect(at - window.from).toBeLessThan(1.1 * DAY_MS);
  });
});

describe('chartWindow for a theatre long quiet', () => {
  it('stops a month after the last event rather than running on for years', () => {
    const last = Date.parse('2022-01-10T16:30:00Z');
    const window = chartWindow(Date.parse('2022-01-03T00:00:00Z'), last, now, 'all');
    expect(window.to).toBeLessThan(last + 32 * DAY_MS);
    expect(window.to).toBeGreaterThan(last + 30 * DAY_MS);
  });
});

describe('formatTick', () => {
  it('never labels two ticks alike: days for daily ticks, times within a day and the day at midnight', () => {
    const hour = 3600_000;
    expect(formatTick(Date.parse('2022-01-04T00:00:00Z'), DAY_MS)).toBe('04 Jan');
    expect(formatTick(Date.parse('2022-01-04T12:00:00Z'), 12 * hour)).toBe('12:00');
    expect(formatTick(Date.parse('2022-01-05T00:00:00Z'), 12 * hour)).toBe('05 Jan');
    expect(formatTick(Date.parse('2022-03-01T00:00:00Z'), 30 * DAY_MS)).toBe('Mar 2022');
    expect(formatTick(Date.parse('2023-01-01T00:00:00Z'), 365 * DAY_MS)).toBe('2023');
  });
});

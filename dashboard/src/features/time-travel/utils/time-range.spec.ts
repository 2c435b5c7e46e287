import { foldTheatre, iso } from '../../../testing/scenario';
import { clockSpans, mergeSpans, sliderRange } from './time-range';

describe('time ranges', () => {
  it('span the theatre on both clocks', () => {
    const spans = clockSpans(foldTheatre('kz').timeline);
    expect(spans.occurred).toEqual({ from: iso('2022-01-03T05:00:00Z'), to: iso('2022-01-10T10:30:00Z') });
    expect(spans.recorded?.from).toBe(iso('2022-01-03T05:30:00Z'));
  });

  it('run the slider to the last event for what happened, and to now for what was known', () => {
    const spans = clockSpans(foldTheatre('kz').timeline);
    const now = iso('2022-02-01T00:00:00Z');
    expect(sliderRange(spans, 'occurred', now).to).toBe(iso('2022-01-10T10:30:00Z'));
    expect(sliderRange(spans, 'recorded', now).to).toBe(now);
    expect(sliderRange({}, 'occurred', now)).toEqual({ from: now - 24 * 3600_000, to: now });
  });

  it('merge several theatres', () => {
    const merged = mergeSpans([clockSpans(foldTheatre('kz').timeline), clockSpans(foldTheatre('ua-border').timeline)]);
    expect(merged.occurred).toEqual({ from: iso('2022-01-03T05:00:00Z'), to: iso('2022-01-10T16:30:00Z') });
  });
});

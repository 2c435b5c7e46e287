import type { TimeBasis } from '@watchfloor/crisis-state';
import { useState } from 'react';
import { formatInstant, fromDateTimeInput, LIVE, toDateTimeInput, type TimeMode } from '../../../lib/time';
import { clampTo, sliderRange, type ClockSpans } from '../utils/time-range';
import { BASIS_TEXT } from './time-banner';

const SLIDER_STEPS = 1000;

/**
 * The exact moment as text in the page's own way of writing dates (UTC, 24-hour): a
 * datetime-local field shows the browser's locale instead. While the field has the focus it shows
 * what is typed, never the live clock moving underneath (which would also move the caret); each
 * whole moment typed is taken at once. Leaving the field shows the moment in force again.
 */
function MomentField({ at, onPick }: { readonly at: number; readonly onPick: (at: number) => void }) {
  const [draft, setDraft] = useState<string | undefined>(undefined);
  return (
    <input
      type="text"
      className="moment-field num"
      aria-label="Exact moment (UTC)"
      placeholder="YYYY-MM-DD HH:MM"
      spellCheck={false}
      size={16}
      value={draft ?? toDateTimeInput(at)}
      onFocus={(event) => setDraft(event.target.value)}
      onChange={(event) => {
        setDraft(event.target.value);
        const t = fromDateTimeInput(event.target.value);
        if (t !== undefined) onPick(t);
      }}
      onBlur={() => setDraft(undefined)}
    />
  );
}

/**
 * Live, or a moment in the past on either clock. The slider runs over the span of the events on
 * the chosen clock; the date field sets an exact moment (UTC).
 */
export function TimeControls({
  time,
  spans,
  now,
  onChange,
}: {
  readonly time: TimeMode;
  readonly spans: ClockSpans;
  readonly now: number;
  readonly onChange: (time: TimeMode, options?: { readonly replace?: boolean }) => void;
}) {
  const basis: TimeBasis = time.live ? 'occurred' : time.basis;
  const range = sliderRange(spans, basis, now);
  const at = time.live ? range.to : clampTo(time.at, range);
  const step = (range.to - range.from) / SLIDER_STEPS;
  const goPast = (nextBasis: TimeBasis, moment?: number): void => {
    const nextRange = sliderRange(spans, nextBasis, now);
    onChange({ live: false, basis: nextBasis, at: clampTo(moment ?? nextRange.to, nextRange) });
  };
  return (
    <div className="time-controls" role="group" aria-label="Time">
      <button
        type="button"
        className="btn btn-live"
        aria-pressed={time.live}
        onClick={() => onChange(LIVE)}
        title="Follow the live stream (L)"
      >
        ● Live
      </button>
      <div className="segmented" role="group" aria-label="Clock for the past">
        {(['occurred', 'recorded'] as const).map((b) => (
          <button
            key={b}
            type="button"
            aria-pressed={!time.live && basis === b}
            title={BASIS_TEXT[b].long}
            onClick={() => goPast(b, time.live ? undefined : time.at)}
          >
            {BASIS_TEXT[b].short}
          </button>
        ))}
      </div>
      <input
        type="range"
        aria-label={`Moment to show, ${BASIS_TEXT[basis].short.toLowerCase()}`}
        aria-valuetext={time.live ? 'live' : formatInstant(at)}
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={step > 0 ? Math.round((at - range.from) / step) : SLIDER_STEPS}
        onChange={(event) => {
          const t = range.from + Number(event.target.value) * step;
          onChange({ live: false, basis, at: Math.round(t) }, { replace: !time.live });
        }}
      />
      <MomentField at={at} onPick={(t) => onChange({ live: false, basis, at: t })} />
      <span className="muted">UTC</span>
    </div>
  );
}

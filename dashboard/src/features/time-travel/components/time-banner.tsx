import type { TimeMode } from '../../../lib/time';
import { formatInstant } from '../../../lib/time';

export const BASIS_TEXT = {
  occurred: { short: 'What had happened', long: 'what had happened by then, as far as is known now (by when events occurred)' },
  recorded: { short: 'What was known', long: 'what Watchfloor knew at that moment (by when events were recorded)' },
} as const;

/**
 * Says, unmistakably, that the page shows the past: a striped yellow band across the page (the
 * page's frame turns yellow too), the moment, the clock, and the way back.
 */
export function TimeBanner({ time, onLive }: { readonly time: TimeMode; readonly onLive: () => void }) {
  if (time.live) return null;
  return (
    <div className="time-banner" role="status" aria-live="polite" data-testid="time-banner">
      <strong>Not live — viewing the past</strong>
      <span>
        As of <span className="num">{formatInstant(time.at)}</span>: {BASIS_TEXT[time.basis].long}.
      </span>
      <button type="button" className="btn" onClick={onLive}>
        Back to live <kbd>L</kbd>
      </button>
    </div>
  );
}

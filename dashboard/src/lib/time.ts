import type { TimeBasis } from '@watchfloor/crisis-state';

/**
 * Live, or the past: the state as of a moment on one of the two clocks, "what had happened by T"
 * (occurredAt) or "what was known at T" (recordedAt).
 */
export type TimeMode =
  | { readonly live: true }
  | { readonly live: false; readonly at: number; readonly basis: TimeBasis };

export const LIVE: TimeMode = { live: true };

export const DAY_MS = 24 * 3600 * 1000;

export interface Evaluation {
  /** The moment the escalation index and trend are evaluated at. */
  readonly at: number;
  /**
   * live: the world clock, close to now; historic: the world clock, far behind now (a replayed
   * scenario from 2022, say); past: the moment the analyst chose.
   */
  readonly kind: 'live' | 'past' | 'historic';
}

/** The world clock is this far behind now before the page says so. */
export const HISTORIC_AFTER_MS = DAY_MS;

/**
 * The projection's world clock, as the server keeps it: the latest occurredAt of any event,
 * never past now (an index evaluated at now for a replayed 2022 scenario would read 0 and say
 * nothing). `latest` are the occurredAt the page knows of (its streams, the server's own
 * `evaluatedAt`).
 */
export const worldClockOf = (now: number, latest: ReadonlyArray<number | undefined>): number => {
  const known = latest.filter((t): t is number => t !== undefined && Number.isFinite(t));
  return known.length === 0 ? now : Math.min(now, Math.max(...known));
};

/** When to evaluate a theatre: at the world clock when live, at the chosen moment in the past. */
export const evaluationOf = (mode: TimeMode, now: number, worldClock: number): Evaluation => {
  if (!mode.live) return { at: mode.at, kind: 'past' };
  return { at: worldClock, kind: now - worldClock > HISTORIC_AFTER_MS ? 'historic' : 'live' };
};

// ---- formatting ------------------------------------------------------------------------------

const pad = (n: number): string => String(n).padStart(2, '0');

// Fixed English month names: Intl formatting per call costs far too much on a live page that
// labels thousands of marks.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "07 Jan 2022 12:00 UTC": analysts across time zones read one clock. */
export const formatInstant = (ms: number | undefined, withSeconds = false): string => {
  if (ms === undefined || Number.isNaN(ms)) return '—';
  const d = new Date(ms);
  const month = MONTHS[d.getUTCMonth()] ?? '';
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${withSeconds ? `:${pad(d.getUTCSeconds())}` : ''}`;
  return `${pad(d.getUTCDate())} ${month} ${d.getUTCFullYear()} ${time} UTC`;
};

export const formatDay = (ms: number): string => {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()] ?? ''}`;
};

/**
 * Axis ticks: the day for ticks a day or more apart; otherwise the time, with the day where a
 * new one starts, so no two ticks read the same.
 */
export const formatTick = (ms: number, stepMs: number): string => {
  const d = new Date(ms);
  if (stepMs >= 365 * DAY_MS) return String(d.getUTCFullYear());
  if (stepMs >= 28 * DAY_MS) return `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`;
  if (stepMs >= DAY_MS) return formatDay(ms);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return time === '00:00' ? formatDay(ms) : time;
};

/** "3.2 s", "4 min", "2 h", "5 d". */
export const formatDuration = (ms: number): string => {
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(abs)} ms`;
  if (abs < 60_000) return `${(abs / 1000).toFixed(abs < 10_000 ? 1 : 0)} s`;
  if (abs < 3_600_000) return `${Math.round(abs / 60_000)} min`;
  if (abs < DAY_MS) return `${Math.round(abs / 3_600_000)} h`;
  return `${Math.round(abs / DAY_MS)} d`;
};

/**
 * The date field's text: "2022-01-04 00:00", in UTC. A datetime-local field would show the
 * browser's own format (a 12-hour clock, month first), unlike every other date on the page.
 */
export const toDateTimeInput = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
/** A whole moment typed in the field ("2022-01-04 00:00", or with a T), as UTC; undefined until it is one. */
export const fromDateTimeInput = (value: string): number | undefined => {
  const match = /^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})\s*$/.exec(value);
  if (!match) return undefined;
  const ms = Date.parse(`${match[1]}T${match[2]}:00Z`);
  return Number.isNaN(ms) ? undefined : ms;
};

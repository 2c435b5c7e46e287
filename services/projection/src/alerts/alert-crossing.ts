import { createHash } from 'node:crypto';
import { EscalationAccumulator, escalationIndex, type EscalationBand, type EscalationIndex, type TheatreState } from '@watchfloor/crisis-state';
import { ALERT_BANDS, type AlertBand, type AlertRaised } from '@watchfloor/events';

/**
 * Alerts: a theatre's escalation index crossed into another band (alertRaised in libs/events).
 *
 * When: after each applied event, the index is evaluated at the theatre's latest occurredAt, not
 * at the wall clock. So the crossing depends only on the theatre's own events, in the order its
 * partition holds them: every replica, and a restart that folds the same events again, finds the
 * same crossings caused by the same events. (A consequence: a band is never left by time passing
 * alone; the next event, occurring later, carries the decay of the older ones with it.)
 *
 * Which id: a name-based UUID (version 5, SHA-1) of the theatre, the move and the causing event,
 * so the same crossing raised twice (by two replicas, or after a restart) is the same alert.
 */

/** The namespace of alert ids (a fixed random UUID). */
export const ALERT_ID_NAMESPACE = '6f1f3c1e-2b1d-4c39-9a51-0d7d4f0b8e21';

export const REASONS_PER_ALERT = 5;

const uuidBytes = (uuid: string): Buffer => Buffer.from(uuid.replace(/-/g, ''), 'hex');

/** RFC 9562 version 5: SHA-1 of namespace and name, version and variant bits set. */
export const nameBasedUuid = (namespace: string, name: string): string => {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

export const alertIdOf = (theatre: string, previousBand: AlertBand, band: AlertBand, causedBy: string): string =>
  nameBasedUuid(ALERT_ID_NAMESPACE, `${theatre}|${previousBand}>${band}|${causedBy}`);

const rank = (band: AlertBand): number => ALERT_BANDS.indexOf(band);
const clamp = (n: number, low: number, high: number): number => Math.min(high, Math.max(low, n));

/** The alert for a move from `previousBand` to the band of `index`, or undefined when there is none. */
export const crossingAlert = (options: {
  readonly theatre: string;
  readonly previousBand: AlertBand;
  readonly index: EscalationIndex;
  readonly causedBy: string;
  readonly raisedAt: Date;
}): AlertRaised | undefined => {
  const { theatre, previousBand, index, causedBy, raisedAt } = options;
  if (index.band === previousBand) return undefined;
  return {
    id: alertIdOf(theatre, previousBand, index.band, causedBy),
    theatre,
    raisedAt: raisedAt.toISOString(),
    band: index.band,
    previousBand,
    index: clamp(index.value, 0, 100),
    direction: rank(index.band) > rank(previousBand) ? 'up' : 'down',
    reasons: index.contributions.slice(0, REASONS_PER_ALERT).map((c) => ({
      eventId: c.eventId,
      type: c.type,
      weight: clamp(Math.round(c.weight * 1000) / 1000, -100, 100),
      ...(c.summary.trim() !== '' && { summary: c.summary.trim().slice(0, 500) }),
    })),
  };
};

/** The index a crossing is judged by: at the theatre's latest occurredAt. */
export const crossingIndex = (state: TheatreState, explain: number): EscalationIndex =>
  escalationIndex(state, new Date(state.lastOccurredAt ?? 0), { explain });

/** A theatre's running index, and the state it follows. */
interface Following {
  readonly state: TheatreState;
  readonly escalation: EscalationAccumulator;
}

/**
 * The band each theatre was last judged to be in. `judge` is called after an event was applied;
 * it returns the alert when the band moved. A theatre seen for the first time starts at 'low'.
 *
 * The band is read from a running index per theatre (`EscalationAccumulator`), fed the fact of
 * each judged event: it reads the same value and band as `crossingIndex`, at O(1) per event
 * instead of a walk over the theatre's last 30 days. It is rebuilt from the state (one full
 * pass) whenever it is not exactly one fact behind it: the first judgement after a restart or
 * a snapshot, a settle after a catch-up, or a state that is not the one it followed. So the
 * bands, and the alerts, are those a clean rebuild finds. Explaining an alert (its reasons)
 * still takes the full index, but only when the band moved.
 */
export class BandTracker {
  private readonly bands = new Map<string, AlertBand>();
  private readonly following = new Map<string, Following>();

  constructor(initial: Iterable<readonly [string, AlertBand]> = []) {
    for (const [theatre, band] of initial) this.bands.set(theatre, band);
  }

  judge(state: TheatreState, causedBy: string, raisedAt: Date): AlertRaised | undefined {
    const previousBand = this.bands.get(state.theatre) ?? 'low';
    const band = this.bandAfter(state, causedBy);
    if (band === previousBand) {
      this.bands.set(state.theatre, previousBand);
      return undefined;
    }
    this.bands.set(state.theatre, band);
    return crossingAlert({ theatre: state.theatre, previousBand, index: crossingIndex(state, REASONS_PER_ALERT), causedBy, raisedAt });
  }

  /** Takes the band a theatre is in now without raising anything (after a catch-up). */
  settle(state: TheatreState): void {
    this.bands.set(state.theatre, this.rebuilt(state).reading().band);
  }

  entries(): [string, AlertBand][] {
    return [...this.bands.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  }

  /** The band once `causedBy` (just applied to `state`) is taken into account. */
  private bandAfter(state: TheatreState, causedBy: string): EscalationBand {
    const followed = this.following.get(state.theatre);
    const fact = state.applied.get(causedBy);
    const escalation =
      followed !== undefined && followed.state === state && fact !== undefined && followed.escalation.size === state.applied.size - 1 && followed.escalation.lastId !== causedBy
        ? followed.escalation
        : undefined;
    if (escalation === undefined || fact === undefined) return this.rebuilt(state).reading().band;
    escalation.add(fact);
    return escalation.reading().band;
  }

  private rebuilt(state: TheatreState): EscalationAccumulator {
    const escalation = EscalationAccumulator.fromState(state);
    this.following.set(state.theatre, { state, escalation });
    return escalation;
  }
}

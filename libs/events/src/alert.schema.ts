import { z } from 'zod';
import { EVENT_TYPE_NAMES, theatreId } from './event.schema';

/**
 * Alerts the projection derives when a theatre's escalation index crosses into another band.
 * They go to `crisis.alerts` for integrators, so they are a contract like events are.
 */

/** Ordered: each band is more severe than the one before. */
export const ALERT_BANDS = ['low', 'guarded', 'elevated', 'high', 'severe'] as const;
export const ALERT_DIRECTIONS = ['up', 'down'] as const;

/** The alert's own type and schema version, as named in the CloudEvents type. */
export const ALERT_TYPE = 'alert.raised';
export const ALERT_SCHEMA_VERSION = 1;

const band = z.enum(ALERT_BANDS);
const bandRank = (b: AlertBand): number => ALERT_BANDS.indexOf(b);

export const alertReason = z
  .strictObject({
    eventId: z.uuid().describe('Id of an event that moved the index'),
    type: z.literal(EVENT_TYPE_NAMES).describe('Its event type'),
    weight: z
      .number()
      .min(-100)
      .max(100)
      .describe('How many index points it contributed; negative for events that calm the situation'),
    summary: z.string().trim().min(1).max(500).optional().describe('One line on why it counts'),
  })
  .describe('An event that contributed to the crossing');

export const alertRaised = z
  .strictObject({
    id: z.uuid().describe('Alert id (UUID); the same id twice is one alert'),
    theatre: theatreId,
    raisedAt: z.iso.datetime({ offset: true }).describe('When the projection raised it (ISO 8601 with offset)'),
    band: band.describe('The band the index is now in: low → guarded → elevated → high → severe'),
    previousBand: band.describe('The band it was in before'),
    index: z.number().min(0).max(100).describe('The escalation index, 0 (calm) … 100 (most severe)'),
    direction: z.enum(ALERT_DIRECTIONS).describe('up: escalation; down: de-escalation'),
    reasons: z
      .array(alertReason)
      .max(20)
      .describe('The events that weighed most, heaviest first; empty when older events merely aged out'),
  })
  .refine((a) => a.band !== a.previousBand, { message: 'band and previousBand must differ', path: ['band'] })
  .refine((a) => a.band === a.previousBand || (bandRank(a.band) > bandRank(a.previousBand)) === (a.direction === 'up'), {
    message: 'direction must agree with the move from previousBand to band',
    path: ['direction'],
  })
  .describe("A theatre's escalation index crossed into another band");

export type AlertBand = (typeof ALERT_BANDS)[number];
export type AlertDirection = (typeof ALERT_DIRECTIONS)[number];
export type AlertReason = z.infer<typeof alertReason>;
export type AlertRaised = Readonly<z.infer<typeof alertRaised>>;

import { randomUUID } from 'node:crypto';

/** A valid `casualties.reported` input as a producer would POST it (no recordedAt). */
export const casualtyReport = (id: string = randomUUID(), theatre = 'kz', killed = 12): Record<string, unknown> => ({
  id,
  type: 'casualties.reported',
  theatre,
  occurredAt: '2022-01-06T10:00:00+06:00',
  timePrecision: 'day',
  location: { name: 'Almaty', country: 'KZ', lat: 43.238, lon: 76.889, precision: 'city' },
  sources: [{ name: 'Almaty city authorities', kind: 'official', reliability: 'B', credibility: 2 }],
  verification: 'unverified',
  data: { killed: { best: killed }, group: 'security_forces', cumulative: true, sourceWording: `${killed} killed` },
});

/** A batch of valid inputs spread over a few theatres. */
export const reportBatch = (count: number, theatres: readonly string[] = ['kz', 'ua-border', 'kg']): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => casualtyReport(randomUUID(), theatres[i % theatres.length], i + 1));

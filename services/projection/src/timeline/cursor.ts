import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { TimelineKey, TimelineOrder } from './event-timeline';

/**
 * The opaque cursor of `GET /api/events`: where the last page ended, in which order, and for which
 * filter. It holds the sort key itself, not a position in this process's memory, so it pages on in
 * any replica and after a restart. A cursor for another filter is refused rather than silently
 * paging through a different question.
 */

const CURSOR_VERSION = 1;

const cursorSchema = z.strictObject({
  v: z.literal(CURSOR_VERSION),
  o: z.number(),
  r: z.number(),
  i: z.string().regex(/^[0-9a-f-]{36}$/),
  d: z.enum(['asc', 'desc']),
  f: z.string(),
});

export interface Cursor {
  readonly after: TimelineKey;
  readonly order: TimelineOrder;
}

const fingerprintHash = (fingerprint: string): string => createHash('sha256').update(fingerprint).digest('base64url').slice(0, 12);

export const encodeCursor = (cursor: Cursor, fingerprint: string): string =>
  Buffer.from(
    JSON.stringify({ v: CURSOR_VERSION, o: cursor.after.occurredAt, r: cursor.after.recordedAt, i: cursor.after.id, d: cursor.order, f: fingerprintHash(fingerprint) }),
    'utf8',
  ).toString('base64url');

export type DecodedCursor = { readonly ok: true; readonly cursor: Cursor } | { readonly ok: false; readonly reason: string };

export const decodeCursor = (text: string, fingerprint: string): DecodedCursor => {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'is not a cursor this API gave out' };
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'is not a cursor this API gave out' };
  if (parsed.data.f !== fingerprintHash(fingerprint)) return { ok: false, reason: 'belongs to other filters; start again without it' };
  return { ok: true, cursor: { after: { occurredAt: parsed.data.o, recordedAt: parsed.data.r, id: parsed.data.i }, order: parsed.data.d } };
};

import { EVENT_TYPE_NAMES, RELIABILITY, theatreId, VERIFICATION } from '@watchfloor/events';
import { z } from 'zod';

/**
 * The messages of `/live` (docs/live-protocol.md): what clients send, checked with zod, and the
 * frames the server sends, written by hand because the hot ones are assembled from pieces that
 * are serialised once and shared by every client.
 */

export const MAX_FRAME_BYTES = 16 * 1024;
export const MAX_SUBSCRIPTIONS = 32;
export const FEED_SNAPSHOT_EVENTS = 200;
export const MAX_REPLAY_SPEED = 1e9;

const subId = z.string().min(1).max(64);
const instant = z.iso.datetime({ offset: true });

const theatreSubscription = z.strictObject({
  op: z.literal('subscribe'),
  sub: subId,
  channel: z.literal('theatre'),
  theatre: theatreId,
  resumeFrom: z.string().max(8192).optional(),
});

export const feedFilter = z.strictObject({
  theatres: z.array(theatreId).min(1).max(100).optional(),
  types: z.array(z.enum(EVENT_TYPE_NAMES)).min(1).optional(),
  minReliability: z.enum(RELIABILITY).optional(),
  verification: z.array(z.enum(VERIFICATION)).min(1).optional(),
});

const feedSubscription = z.strictObject({
  op: z.literal('subscribe'),
  sub: subId,
  channel: z.literal('feed'),
  filter: feedFilter.optional(),
  resumeFrom: z.string().max(8192).optional(),
});

const alertsSubscription = z.strictObject({
  op: z.literal('subscribe'),
  sub: subId,
  channel: z.literal('alerts'),
  theatres: z.array(theatreId).min(1).max(100).optional(),
});

const replaySubscription = z
  .strictObject({
    op: z.literal('subscribe'),
    sub: subId,
    channel: z.literal('replay'),
    theatre: theatreId,
    from: instant,
    to: instant.optional(),
    speed: z.number().positive().max(MAX_REPLAY_SPEED).default(1),
    basis: z.enum(['occurred', 'recorded']).default('occurred'),
  })
  .refine((r) => r.to === undefined || Date.parse(r.from) <= Date.parse(r.to), { message: 'from must not be after to', path: ['to'] });

const subscribe = z.discriminatedUnion('channel', [theatreSubscription, feedSubscription, alertsSubscription, replaySubscription]);

const unsubscribe = z.strictObject({ op: z.literal('unsubscribe'), sub: subId });
const ping = z.strictObject({ op: z.literal('ping'), t: z.union([z.number(), z.string().max(64)]).optional() });

export type Subscribe = z.infer<typeof subscribe>;
export type TheatreSubscribe = z.infer<typeof theatreSubscription>;
export type FeedSubscribe = z.infer<typeof feedSubscription>;
export type AlertsSubscribe = z.infer<typeof alertsSubscription>;
export type ReplaySubscribe = z.infer<typeof replaySubscription>;
export type ClientMessage = Subscribe | z.infer<typeof unsubscribe> | z.infer<typeof ping>;
export type Channel = Subscribe['channel'];

export type ParsedClientMessage =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly sub: string | undefined; readonly message: string };

const describe = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`)
    .join('; ');

/** Reads one text frame from a client; never throws. */
export const parseClientMessage = (text: string): ParsedClientMessage => {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, sub: undefined, message: 'a message must be one JSON object' };
  }
  const sub = typeof json === 'object' && json !== null && typeof (json as { sub?: unknown }).sub === 'string' ? (json as { sub: string }).sub.slice(0, 64) : undefined;
  const op = typeof json === 'object' && json !== null ? (json as { op?: unknown }).op : undefined;
  const schema = op === 'subscribe' ? subscribe : op === 'unsubscribe' ? unsubscribe : op === 'ping' ? ping : undefined;
  if (schema === undefined) return { ok: false, sub, message: `op must be subscribe, unsubscribe or ping; got ${JSON.stringify(op) ?? 'nothing'}` };
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, sub, message: describe(parsed.error) };
};

// ---- server frames ----------------------------------------------------------------------------

export type ErrorCode = 'bad_request' | 'too_many_subscriptions' | 'sub_in_use' | 'unknown_sub';

const quote = (text: string): string => JSON.stringify(text);

export const snapshotFrame = (sub: string, channel: Channel, position: string, dataJson: string): string =>
  `{"kind":"snapshot","sub":${quote(sub)},"channel":"${channel}","position":${quote(position)},"data":${dataJson}}`;

/** A delta frame; `dataJson` is shared by every client, only `sub` differs. */
export const deltaFrame = (sub: string, channel: Channel, point: string, dataJson: string): string =>
  `{"kind":"delta","sub":${quote(sub)},"channel":"${channel}","position":"${point}","data":${dataJson}}`;

export const eventData = (eventJson: string): string => `{"event":${eventJson}}`;

export const resyncFrame = (sub: string, reason: string): string => JSON.stringify({ kind: 'resync', sub, reason });

/** Sent before the missed deltas of a resumed subscription: no snapshot follows. */
export const resumedFrame = (sub: string, channel: Channel, from: string, deltas: number): string =>
  JSON.stringify({ kind: 'resumed', sub, channel, position: from, deltas });

export const heartbeatFrame = (at: Date, position: string): string => JSON.stringify({ kind: 'heartbeat', at: at.toISOString(), position });

export const pongFrame = (t: number | string | undefined): string => JSON.stringify(t === undefined ? { kind: 'pong' } : { kind: 'pong', t });

export const replayEndFrame = (sub: string): string => JSON.stringify({ kind: 'replay.end', sub });

export const errorFrame = (sub: string | undefined, code: ErrorCode, message: string): string =>
  JSON.stringify(sub === undefined ? { kind: 'error', code, message } : { kind: 'error', sub, code, message });

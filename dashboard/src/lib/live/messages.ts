import { z } from 'zod';

/**
 * The messages of docs/live-protocol.md. Server frames are checked at the edge: a frame that is
 * not one of these is dropped rather than half-read. `data` stays unknown here; each channel's
 * consumer checks its own shape.
 */

export type TimeBasis = 'occurred' | 'recorded';

export interface FeedFilterRequest {
  readonly theatres?: readonly string[];
  readonly types?: readonly string[];
  readonly minReliability?: string;
  readonly verification?: readonly string[];
}

export type ChannelRequest =
  | { readonly channel: 'theatre'; readonly theatre: string }
  | { readonly channel: 'feed'; readonly filter?: FeedFilterRequest }
  | { readonly channel: 'alerts'; readonly theatres?: readonly string[] }
  | {
      readonly channel: 'replay';
      readonly theatre: string;
      readonly from: string;
      readonly to: string;
      readonly speed: number;
      readonly basis: TimeBasis;
    };

export type ChannelName = ChannelRequest['channel'];

export type ClientMessage =
  | (ChannelRequest & { readonly op: 'subscribe'; readonly sub: string; readonly resumeFrom?: string })
  | { readonly op: 'unsubscribe'; readonly sub: string }
  | { readonly op: 'ping'; readonly t: number };

const sub = z.string().min(1).max(64);

const serverMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('snapshot'), sub, channel: z.string(), position: z.string(), data: z.unknown() }),
  z.object({ kind: z.literal('delta'), sub, channel: z.string(), position: z.string(), data: z.unknown() }),
  z.object({ kind: z.literal('resumed'), sub, channel: z.string(), position: z.string(), deltas: z.number().int().nonnegative().optional() }),
  z.object({ kind: z.literal('resync'), sub, reason: z.string().optional() }),
  z.object({ kind: z.literal('heartbeat'), at: z.string(), position: z.string().optional() }),
  z.object({ kind: z.literal('pong'), t: z.union([z.number(), z.string()]).optional() }),
  z.object({ kind: z.literal('replay.end'), sub }),
  z.object({ kind: z.literal('error'), sub: sub.optional(), code: z.string(), message: z.string().optional() }),
]);

export type ServerMessage = z.infer<typeof serverMessage>;

export const parseServerMessage = (frame: unknown): ServerMessage | undefined => {
  if (typeof frame !== 'string') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(frame);
  } catch {
    return undefined;
  }
  const parsed = serverMessage.safeParse(json);
  return parsed.success ? parsed.data : undefined;
};

/** recordedAt of the event a delta carries (theatre, feed and replay deltas), for the lag. */
export const recordedAtOf = (data: unknown): number | undefined => {
  if (typeof data !== 'object' || data === null || !('event' in data)) return undefined;
  const event: unknown = data.event;
  if (typeof event !== 'object' || event === null || !('recordedAt' in event) || typeof event.recordedAt !== 'string') return undefined;
  const ms = Date.parse(event.recordedAt);
  return Number.isNaN(ms) ? undefined : ms;
};

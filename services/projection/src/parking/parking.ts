import { CE_HEADERS, decodeEvent, type CrisisEvent, type KafkaMessageIn } from '@watchfloor/events';
import type { HeaderValue, LogMessage, OutgoingMessage } from '@watchfloor/kafka';

/**
 * What happens to a message of `crisis.events`: it is applied, or it is parked on
 * `crisis.events.parked` unchanged (key, value, headers) with headers saying why and where from,
 * and the fold carries on. A message is never dropped silently and never stops the fold.
 */

export const PARKED_HEADERS = {
  reason: 'x-watchfloor-parked-reason',
  originTopic: 'x-watchfloor-origin-topic',
  originPartition: 'x-watchfloor-origin-partition',
  originOffset: 'x-watchfloor-origin-offset',
  parkedAt: 'x-watchfloor-parked-at',
} as const;

const PARKING_HEADER_NAMES: ReadonlySet<string> = new Set(Object.values(PARKED_HEADERS));

/** Longest reason kept in a header: Kafka headers are not the place for a whole validation report. */
export const MAX_REASON_LENGTH = 2000;

export type FoldDecision =
  | { readonly kind: 'apply'; readonly event: CrisisEvent; readonly schemaVersion: number }
  | { readonly kind: 'park'; readonly reason: string };

export const decide = (message: KafkaMessageIn): FoldDecision => {
  const decoded = decodeEvent(message);
  return decoded.ok ? { kind: 'apply', event: decoded.event, schemaVersion: decoded.schemaVersion } : { kind: 'park', reason: decoded.reason };
};

const clip = (reason: string): string => (reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH - 1)}…` : reason);

/** The parked copy of `message`: the original, byte for byte, plus the parking headers. */
export const parkedCopy = (message: LogMessage, reason: string, parkedAt: Date): OutgoingMessage => {
  const headers: Record<string, HeaderValue> = {};
  // A message parked before (re-driven, then parked again) must not carry two sets of parking headers.
  for (const [name, value] of Object.entries(message.headers)) if (!PARKING_HEADER_NAMES.has(name)) headers[name] = value;
  headers[PARKED_HEADERS.reason] = clip(reason);
  headers[PARKED_HEADERS.originTopic] = message.topic;
  headers[PARKED_HEADERS.originPartition] = String(message.partition);
  headers[PARKED_HEADERS.originOffset] = message.offset;
  headers[PARKED_HEADERS.parkedAt] = parkedAt.toISOString();
  return { key: message.key, value: message.value, headers };
};

export interface ParkedOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
}

/** A parked message as operators see it and re-drive it. */
export interface ParkedMessage {
  readonly origin: ParkedOrigin;
  readonly reason: string;
  readonly parkedAt: string | undefined;
  /** Where the parked copy itself is, on crisis.events.parked. */
  readonly parkedAs: { readonly partition: number; readonly offset: number };
  readonly key: string | null;
  /** The original message, without the parking headers: what a re-drive starts from. */
  readonly original: { readonly key: string | null; readonly value: Buffer | null; readonly headers: Readonly<Record<string, Buffer>> };
  /** The event id, when the message names one (ce_id header, else the value's id). */
  readonly eventId: string | undefined;
}

const text = (message: LogMessage, name: string): string | undefined => message.headers[name]?.toString('utf8');

const idInValue = (value: Buffer | null): string | undefined => {
  if (value === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(value.toString('utf8'));
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

/** Reads a message of crisis.events.parked; one without origin headers was not parked by us. */
export const readParked = (message: LogMessage): ParkedMessage | undefined => {
  const topic = text(message, PARKED_HEADERS.originTopic);
  const partition = Number(text(message, PARKED_HEADERS.originPartition));
  const offset = Number(text(message, PARKED_HEADERS.originOffset));
  if (topic === undefined || !Number.isInteger(partition) || !Number.isInteger(offset)) return undefined;
  const headers: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(message.headers)) if (!PARKING_HEADER_NAMES.has(name)) headers[name] = value;
  return {
    origin: { topic, partition, offset },
    reason: text(message, PARKED_HEADERS.reason) ?? 'unknown',
    parkedAt: text(message, PARKED_HEADERS.parkedAt),
    parkedAs: { partition: message.partition, offset: Number(message.offset) },
    key: message.key,
    original: { key: message.key, value: message.value, headers },
    eventId: headers[CE_HEADERS.id]?.toString('utf8') || idInValue(message.value),
  };
};

/** The value as an operator reads it: text when it is UTF-8, base64 otherwise. */
export const displayValue = (value: Buffer | null): { readonly encoding: 'utf8' | 'base64' | 'none'; readonly value: string | null } => {
  if (value === null) return { encoding: 'none', value: null };
  const decoded = value.toString('utf8');
  // A round trip that changes the bytes means they were not valid UTF-8.
  return Buffer.from(decoded, 'utf8').equals(value) ? { encoding: 'utf8', value: decoded } : { encoding: 'base64', value: value.toString('base64') };
};

export const originKey = (origin: ParkedOrigin): string => `${origin.topic}/${origin.partition}/${origin.offset}`;

import {
  CE_HEADERS,
  decodeEvent,
  encodeEvent,
  EVENT_TYPES,
  parseCeType,
  parseCrisisEvent,
  upcastEvent,
  type CrisisEvent,
  type EncodedMessage,
  type EventType,
  type ValidationIssue,
} from '@watchfloor/events';
import type { ParkedMessage } from './parking';

/**
 * A re-drive puts a parked message back on `crisis.events`, through the codec: what goes back is
 * validated first and re-encoded, so it cannot be parked again for the same reason. The value may
 * be corrected by the operator (a replacement JSON value); the headers and key are then rebuilt
 * from it, so a message that was parked for a header problem is repaired as well.
 */

export const REDRIVE_SOURCE = '/watchfloor/projection/redrive';

export type RedriveMessage =
  | { readonly ok: true; readonly event: CrisisEvent; readonly message: EncodedMessage }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const isEventType = (name: string): name is EventType => Object.prototype.hasOwnProperty.call(EVENT_TYPES, name);

const encode = (event: CrisisEvent, originalSource: string | undefined): EncodedMessage => {
  if (originalSource !== undefined) {
    try {
      // Keep the producer it came from, when that is a valid CloudEvents source.
      return encodeEvent(event, { source: originalSource });
    } catch {
      // fall through to our own source
    }
  }
  return encodeEvent(event, { source: REDRIVE_SOURCE });
};

/** The message to produce for a re-drive, or the problems that stop it. */
export const redriveMessage = (parked: ParkedMessage, replacement?: unknown): RedriveMessage => {
  const { original } = parked;
  const source = original.headers[CE_HEADERS.source]?.toString('utf8');
  if (replacement === undefined) {
    const decoded = decodeEvent(original);
    if (decoded.ok) return { ok: true, event: decoded.event, message: encode(decoded.event, source) };
  }
  let value: unknown = replacement;
  if (value === undefined) {
    try {
      value = JSON.parse(original.value?.toString('utf8') ?? '');
    } catch {
      return { ok: false, issues: [{ index: 0, path: '', message: 'the parked value is not JSON; send a corrected value' }] };
    }
    // The original may be an older schema version: bring it to the current one first.
    const written = parseCeType(original.headers[CE_HEADERS.type]?.toString('utf8') ?? '');
    if (written !== undefined && isEventType(written.name)) {
      const upcast = upcastEvent(written.name, written.version, value);
      if (upcast.ok) value = upcast.value;
    }
  }
  const parsed = parseCrisisEvent(value);
  if (!parsed.ok) return { ok: false, issues: parsed.issues };
  return { ok: true, event: parsed.event, message: encode(parsed.event, source) };
};

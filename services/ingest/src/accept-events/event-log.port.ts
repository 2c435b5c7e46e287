import type { EncodedMessage } from '@watchfloor/events';

/** Where accepted events go: `crisis.events`, acks=all. Resolves only once the log has them all. */
export interface EventAppender {
  append(messages: readonly EncodedMessage[]): Promise<void>;
}

/** The ids already in the log, read once at start. */
export interface RecordedEventIds {
  readRecordedIds(onIds: (ids: readonly string[]) => void): Promise<{ messages: number; withoutId: number }>;
}

export const EVENT_APPENDER = Symbol('EVENT_APPENDER');
export const RECORDED_EVENT_IDS = Symbol('RECORDED_EVENT_IDS');
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;

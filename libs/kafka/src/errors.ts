/**
 * The one error type the library throws for broker trouble, so callers map it (e.g. to HTTP 503)
 * without knowing kafkajs's error classes.
 */
export class EventLogError extends Error {
  override readonly name = 'EventLogError';

  constructor(
    message: string,
    /** True when trying again later may succeed (broker away, leader moving, timeout). */
    readonly retriable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const retriableOf = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return true;
  const flag = (error as { retriable?: unknown }).retriable;
  const name = (error as { name?: unknown }).name;
  // kafkajs wraps the last retriable error once its retries are spent: still worth trying later.
  if (name === 'KafkaJSNumberOfRetriesExceeded' || name === 'KafkaJSConnectionError' || name === 'KafkaJSRequestTimeoutError') {
    return true;
  }
  return flag !== false;
};

export const toEventLogError = (what: string, error: unknown): EventLogError => {
  if (error instanceof EventLogError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new EventLogError(`${what}: ${detail}`, retriableOf(error), { cause: error });
};

/** Rejects after `ms` unless `work` settles first; the work itself is not cancelled. */
export const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new EventLogError(`${what}: no answer within ${ms} ms`, true)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
};

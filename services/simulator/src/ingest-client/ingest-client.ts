import type { CrisisEventInput } from '@watchfloor/events';

/** What the simulator needs from the ingest API: the same door every integrator uses. */
export interface EventSink {
  send(events: readonly CrisisEventInput[]): Promise<SentBatch>;
  /** Resolves when the ingest API answers its readiness check. */
  ready(timeoutMs: number): Promise<void>;
}

export interface SentBatch {
  readonly accepted: readonly string[];
  readonly duplicates: readonly string[];
}

export class IngestRejectedError extends Error {
  override readonly name = 'IngestRejectedError';
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`ingest answered ${status}: ${body.slice(0, 500)}`);
  }
}

const isSentBatch = (value: unknown): value is SentBatch =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { accepted?: unknown }).accepted) &&
  Array.isArray((value as { duplicates?: unknown }).duplicates);

/** POSTs batches to `${baseUrl}/api/events` with an ingest key. */
export const httpIngestClient = (baseUrl: string, ingestKey: string, requestTimeoutMs = 15_000): EventSink => ({
  async send(events) {
    const response = await fetch(`${baseUrl}/api/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ingestKey}` },
      body: JSON.stringify(events),
      signal: AbortSignal.timeout(requestTimeoutMs),
    });
    const text = await response.text();
    if (response.status !== 202) throw new IngestRejectedError(response.status, text);
    const body: unknown = JSON.parse(text);
    if (!isSentBatch(body)) throw new IngestRejectedError(response.status, `unexpected answer: ${text}`);
    return body;
  },
  async ready(timeoutMs) {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`ingest at ${baseUrl} is not ready (${response.status})`);
  },
});

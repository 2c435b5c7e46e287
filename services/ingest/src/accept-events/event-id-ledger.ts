/**
 * The ingest service's memory of which event ids are already in the log, so that a repeated id is
 * answered as a duplicate instead of being written twice (SPEC: the id is the idempotency key).
 *
 * The log itself is the memory: at start the service reads every id already on `crisis.events`
 * into this ledger, then adds each id it writes. That survives restarts without a second store.
 * Trade-offs, measured in services/ingest/README.md: a Set of UUID strings costs about 77 bytes
 * of heap per id (1 M events ≈ 77 MB), and the start-up read grows with the log (100 000 events:
 * 3 s). Next steps when that matters: a compacted `crisis.event-ids` topic (or a snapshot of the
 * set) to start from, or a Bloom filter in front of an exact check against the log.
 *
 * Concurrency: an id is *claimed* before it is produced, so two requests carrying the same new id
 * cannot both write it. The second waits until the first's write is settled: confirmed (it is then
 * a duplicate) or released after a failed write (it may then claim it and try itself).
 */

export class ClaimTimeoutError extends Error {
  override readonly name = 'ClaimTimeoutError';
}

export interface Claim {
  /** Ids this caller now holds and must confirm or release. */
  readonly claimed: readonly string[];
  /** Ids already in the log. */
  readonly known: readonly string[];
}

/** UUIDs are case-insensitive: `ABC…` and `abc…` are one event. */
export const idKey = (id: string): string => id.toLowerCase();

/** A claimed id; the promise exists only once another request waits for it (most claims are never waited on). */
interface PendingWrite {
  waiting?: { readonly settled: Promise<void>; readonly settle: () => void };
}

const settledOf = (write: PendingWrite): Promise<void> => {
  if (write.waiting === undefined) {
    let settle: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (settle = resolve));
    write.waiting = { settled, settle };
  }
  return write.waiting.settled;
};

export class EventIdLedger {
  private readonly written = new Set<string>();
  private readonly pending = new Map<string, PendingWrite>();

  /** Ids known to be in the log. */
  get size(): number {
    return this.written.size;
  }

  /** Ids claimed by writes under way. */
  get pendingCount(): number {
    return this.pending.size;
  }

  isWritten(id: string): boolean {
    return this.written.has(idKey(id));
  }

  /** Records ids read back from the log. */
  remember(ids: Iterable<string>): void {
    for (const id of ids) this.written.add(idKey(id));
  }

  /**
   * Splits distinct ids into known ones and ones now claimed by the caller, waiting first for any
   * held by another write. Rejects with ClaimTimeoutError when `giveUp` settles first.
   */
  async claim(ids: readonly string[], giveUp: Promise<unknown>): Promise<Claim> {
    let stop = false;
    let stopped: Promise<void> | undefined;
    for (;;) {
      const held: Promise<void>[] = [];
      if (this.pending.size > 0) {
        for (const id of ids) {
          const write = this.pending.get(idKey(id));
          if (write !== undefined) held.push(settledOf(write));
        }
      }
      if (held.length === 0) break;
      stopped ??= giveUp.then(() => {
        stop = true;
      });
      await Promise.race([Promise.all(held), stopped]);
      if (stop) throw new ClaimTimeoutError('another request is still writing events with these ids');
    }
    // From here to the return nothing awaits, so no other request can interleave.
    const known: string[] = [];
    const claimed: string[] = [];
    for (const id of ids) {
      const key = idKey(id);
      if (this.written.has(key)) {
        known.push(id);
        continue;
      }
      this.pending.set(key, {});
      claimed.push(id);
    }
    return { claimed, known };
  }

  /** The claimed ids are now in the log. */
  confirm(ids: readonly string[]): void {
    for (const id of ids) {
      const key = idKey(id);
      this.written.add(key);
      this.settle(key);
    }
  }

  /** The write of the claimed ids failed: others may claim them again. */
  release(ids: readonly string[]): void {
    for (const id of ids) this.settle(idKey(id));
  }

  private settle(key: string): void {
    const write = this.pending.get(key);
    this.pending.delete(key);
    write?.waiting?.settle();
  }
}

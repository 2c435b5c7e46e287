import { originKey, type ParkedMessage, type ParkedOrigin } from './parking';

/**
 * The parked messages, as operators list them. Every replica parks the same poison message, and a
 * process that restarts before its snapshot covers a poison message parks it again, so the parked
 * topic can hold several copies of one message: they are one entry here, keyed by origin.
 */
export interface ParkedEntry {
  /** Listing order: when this process first read it. */
  readonly seq: number;
  readonly message: ParkedMessage;
  /** How many times it is on the parked topic. */
  readonly copies: number;
  /** Set when this process re-drove it. */
  readonly redriven?: { readonly at: string; readonly eventId: string; readonly position: string };
}

export const MAX_PARKED_LISTED = 500;

export class ParkedRegistry {
  private readonly byOrigin = new Map<string, ParkedEntry>();
  private readonly ordered: ParkedEntry[] = [];

  get size(): number {
    return this.byOrigin.size;
  }

  add(message: ParkedMessage): void {
    const key = originKey(message.origin);
    const known = this.byOrigin.get(key);
    if (known !== undefined) {
      this.replace(known, { ...known, copies: known.copies + 1 });
      return;
    }
    const entry: ParkedEntry = { seq: this.ordered.length, message, copies: 1 };
    this.ordered.push(entry);
    this.byOrigin.set(key, entry);
  }

  find(origin: ParkedOrigin): ParkedEntry | undefined {
    return this.byOrigin.get(originKey(origin));
  }

  markRedriven(origin: ParkedOrigin, redriven: NonNullable<ParkedEntry['redriven']>): void {
    const known = this.find(origin);
    if (known !== undefined) this.replace(known, { ...known, redriven });
  }

  /** Entries after `afterSeq`, at most `limit`, and the seq to continue from when there are more. */
  list(limit: number, afterSeq = -1): { readonly entries: readonly ParkedEntry[]; readonly next: number | undefined } {
    const entries = this.ordered.slice(afterSeq + 1, afterSeq + 1 + limit);
    const last = entries[entries.length - 1];
    return { entries, next: last !== undefined && last.seq < this.ordered.length - 1 ? last.seq : undefined };
  }

  all(): readonly ParkedEntry[] {
    return this.ordered;
  }

  private replace(known: ParkedEntry, next: ParkedEntry): void {
    this.ordered[known.seq] = next;
    this.byOrigin.set(originKey(known.message.origin), next);
  }
}

export const encodeParkedCursor = (seq: number): string => Buffer.from(`parked:${seq}`, 'utf8').toString('base64url');

export const decodeParkedCursor = (cursor: string): number | undefined => {
  const match = /^parked:(\d{1,12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

import { deflateRaw, inflateRawSync } from 'node:zlib';

/**
 * The bodies of every event the timeline serves, as the bytes they came in, packed into slabs.
 *
 * Why not parsed objects: a parsed event costs several kilobytes of heap and a million of them
 * would not fit; the raw JSON is ~750 bytes. Why slabs: a Buffer per event costs ~100 bytes of
 * object overhead and keeps the whole fetch response it was sliced from alive. A full slab is
 * deflated (level 1, about 6:1 on event JSON, ~5 ms per MiB on zlib's thread pool, so the fold
 * does not wait for it); reading from it inflates the slab once and keeps the last few inflated.
 */

const SPARE_SLABS = 4;

export interface ArchiveRef {
  readonly slab: number;
  readonly offset: number;
  readonly length: number;
}

export interface ArchiveOptions {
  /** Bytes per slab before it is sealed; default 1 MiB. */
  readonly slabBytes?: number;
  /** Deflate sealed slabs (default true). */
  readonly compress?: boolean;
  /** Inflated slabs kept for reads (default 8). */
  readonly cachedSlabs?: number;
}

interface Slab {
  /** Uncompressed bytes; dropped once `deflated` is ready. */
  raw: Buffer | undefined;
  deflated: Buffer | undefined;
  used: number;
}

export interface ArchiveStats {
  readonly slabs: number;
  readonly rawBytes: number;
  readonly storedBytes: number;
}

export class EventArchive {
  private readonly slabs: Slab[] = [];
  private readonly slabBytes: number;
  private readonly compress: boolean;
  private readonly cachedSlabs: number;
  /** Inflated slabs by index, least recently used first. */
  private readonly cache = new Map<number, Buffer>();
  private readonly pending = new Set<Promise<void>>();
  /**
   * Slab buffers whose contents were compressed, kept for the next slabs: a million events pass
   * through ~700 slabs, and allocating and freeing each leaves the allocator's heap fragmented
   * (glibc keeps freed megabyte blocks, so the process's RSS keeps growing).
   */
  private readonly spare: Buffer[] = [];
  private rawBytes = 0;

  constructor(options: ArchiveOptions = {}) {
    this.slabBytes = options.slabBytes ?? 1024 * 1024;
    this.compress = options.compress ?? true;
    this.cachedSlabs = options.cachedSlabs ?? 8;
  }

  append(bytes: Buffer): ArchiveRef {
    let index = this.slabs.length - 1;
    let slab = this.slabs[index];
    if (slab === undefined || slab.raw === undefined || slab.used + bytes.length > slab.raw.length) {
      if (slab !== undefined) this.seal(index);
      const reused = bytes.length <= this.slabBytes ? this.spare.pop() : undefined;
      slab = { raw: reused ?? Buffer.allocUnsafeSlow(Math.max(this.slabBytes, bytes.length)), deflated: undefined, used: 0 };
      this.slabs.push(slab);
      index = this.slabs.length - 1;
    }
    const raw = slab.raw;
    if (raw === undefined) throw new Error('an open slab has no buffer');
    bytes.copy(raw, slab.used);
    const ref = { slab: index, offset: slab.used, length: bytes.length };
    slab.used += bytes.length;
    this.rawBytes += bytes.length;
    return ref;
  }

  /** The bytes of an entry; a view that is only valid until the next turn of the event loop (copy it to keep it). */
  read(ref: ArchiveRef): Buffer {
    const slab = this.slabs[ref.slab];
    if (slab === undefined) throw new Error(`no slab ${ref.slab}`);
    const bytes = slab.raw ?? this.inflated(ref.slab, slab);
    return bytes.subarray(ref.offset, ref.offset + ref.length);
  }

  /** Resolves once every sealed slab has been compressed (tests and measurements). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  stats(): ArchiveStats {
    let storedBytes = 0;
    for (const slab of this.slabs) storedBytes += slab.deflated?.length ?? slab.raw?.length ?? 0;
    return { slabs: this.slabs.length, rawBytes: this.rawBytes, storedBytes };
  }

  private inflated(index: number, slab: Slab): Buffer {
    const cached = this.cache.get(index);
    if (cached !== undefined) {
      this.cache.delete(index);
      this.cache.set(index, cached);
      return cached;
    }
    if (slab.deflated === undefined) throw new Error(`slab ${index} has neither raw nor deflated bytes`);
    const bytes = inflateRawSync(slab.deflated);
    this.cache.set(index, bytes);
    if (this.cache.size > this.cachedSlabs) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return bytes;
  }

  private seal(index: number): void {
    const slab = this.slabs[index];
    const raw = slab?.raw;
    if (slab === undefined || raw === undefined || !this.compress || slab.deflated !== undefined) return;
    const content = raw.subarray(0, slab.used);
    const done = new Promise<void>((resolve) => {
      deflateRaw(content, { level: 1 }, (error, deflated) => {
        // On failure the slab simply stays uncompressed: slower memory, same answers.
        if (!error && deflated.length < content.length) {
          slab.deflated = deflated;
          slab.raw = undefined;
          if (raw.length === this.slabBytes && this.spare.length < SPARE_SLABS) this.spare.push(raw);
        } else if (!error) {
          slab.raw = Buffer.from(content);
        }
        resolve();
      });
    });
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
  }
}

import { TheatreStream, type LiveSubscriber } from './theatre-stream';

/**
 * One stream per theatre, shared by every view that shows it. A released stream lingers a while
 * before it unsubscribes, so going from the overview to a theatre and back does not ask the
 * server for the same snapshot three times.
 */
export class StreamRegistry {
  readonly #live: LiveSubscriber;
  readonly #lingerMs: number;
  readonly #entries = new Map<string, { stream: TheatreStream; users: number; timer?: ReturnType<typeof setTimeout> }>();

  constructor(live: LiveSubscriber, lingerMs = 30_000) {
    this.#live = live;
    this.#lingerMs = lingerMs;
  }

  acquire(theatre: string): { readonly stream: TheatreStream; release(): void } {
    let entry = this.#entries.get(theatre);
    if (entry === undefined) {
      entry = { stream: new TheatreStream(this.#live, theatre), users: 0 };
      this.#entries.set(theatre, entry);
      entry.stream.start();
    }
    const held = entry;
    if (held.timer !== undefined) clearTimeout(held.timer);
    held.timer = undefined;
    held.users += 1;
    let released = false;
    return {
      stream: held.stream,
      release: () => {
        if (released) return;
        released = true;
        held.users -= 1;
        if (held.users > 0) return;
        held.timer = setTimeout(() => {
          if (held.users > 0) return;
          held.stream.stop();
          this.#entries.delete(theatre);
        }, this.#lingerMs);
      },
    };
  }

  /** The stream if someone holds it, without subscribing. */
  peek(theatre: string): TheatreStream | undefined {
    return this.#entries.get(theatre)?.stream;
  }
}

const registries = new WeakMap<LiveSubscriber, StreamRegistry>();

/** The registry of a live client (one per app). */
export const registryOf = (live: LiveSubscriber): StreamRegistry => {
  let registry = registries.get(live);
  if (registry === undefined) {
    registry = new StreamRegistry(live);
    registries.set(live, registry);
  }
  return registry;
};

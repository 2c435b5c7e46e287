/**
 * Stream data lives outside React. A store collects changes as they arrive and publishes a new
 * snapshot at most once per animation frame, so a burst of a thousand deltas costs one render,
 * not a thousand. Components read it with useSyncExternalStore.
 */

export type Listener = () => void;

export interface ExternalStore<T> {
  subscribe(listener: Listener): () => void;
  getSnapshot(): T;
}

/** Runs a callback before the next repaint. Injected so tests can step frames by hand. */
export type FrameRequest = (callback: () => void) => void;

export const nextFrame: FrameRequest = (callback) => {
  if (typeof globalThis.requestAnimationFrame === 'function') globalThis.requestAnimationFrame(() => callback());
  else setTimeout(callback, 16);
};

/**
 * A store whose snapshot is rebuilt by `build` at most once per frame after `invalidate()`, and
 * only when someone reads it: a reader that follows the stream at its own pace (see
 * useThrottledStore) costs no build on the frames it skips.
 */
export class FrameStore<T> implements ExternalStore<T> {
  readonly #listeners = new Set<Listener>();
  readonly #build: () => T;
  readonly #requestFrame: FrameRequest;
  #snapshot: T;
  #scheduled = false;
  /** A frame has passed since the last change and the snapshot is not rebuilt yet. */
  #stale = false;

  constructor(build: () => T, requestFrame: FrameRequest = nextFrame) {
    this.#build = build;
    this.#requestFrame = requestFrame;
    this.#snapshot = build();
  }

  readonly subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): T => {
    if (this.#stale) {
      this.#stale = false;
      this.#snapshot = this.#build();
    }
    return this.#snapshot;
  };

  /** Something changed: publish a fresh snapshot on the next frame (once, however many calls). */
  invalidate(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    this.#requestFrame(() => {
      this.#scheduled = false;
      this.#stale = true;
      for (const listener of [...this.#listeners]) listener();
    });
  }
}

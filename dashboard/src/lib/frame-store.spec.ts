import { FrameStore } from './frame-store';

describe('FrameStore', () => {
  it('publishes once per frame however many changes arrive in it', () => {
    const frames: (() => void)[] = [];
    let count = 0;
    const store = new FrameStore(() => count, (callback) => frames.push(callback));
    let notified = 0;
    store.subscribe(() => (notified += 1));
    for (let i = 0; i < 1000; i += 1) {
      count += 1;
      store.invalidate();
    }
    expect(frames).toHaveLength(1);
    expect(store.getSnapshot()).toBe(0);
    frames.shift()?.();
    expect(notified).toBe(1);
    expect(store.getSnapshot()).toBe(1000);
  });

  it('keeps the same snapshot between frames, as useSyncExternalStore needs', () => {
    const store = new FrameStore(() => ({ at: 1 }), () => undefined);
    expect(store.getSnapshot()).toBe(store.getSnapshot());
  });

  it('builds a snapshot only when it is read, once per frame', () => {
    const frames: (() => void)[] = [];
    let builds = 0;
    let count = 0;
    const store = new FrameStore(
      () => {
        builds += 1;
        return count;
      },
      (callback) => frames.push(callback),
    );
    const afterConstruction = builds;
    for (let frame = 0; frame < 10; frame += 1) {
      count += 1;
      store.invalidate();
      frames.shift()?.();
    }
    expect(builds).toBe(afterConstruction);
    expect(store.getSnapshot()).toBe(10);
    expect(store.getSnapshot()).toBe(10);
    expect(builds).toBe(afterConstruction + 1);
    // A change not yet published by a frame is not seen.
    count += 1;
    store.invalidate();
    expect(store.getSnapshot()).toBe(10);
  });
});

import { recordEvent, type CrisisEvent } from '@watchfloor/events';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { createProjector, serialiseState, theatreSummary, type TheatreProjector } from '../src';

/**
 * How much heap the folded states of a long stream hold:
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node --expose-gc -r @swc-node/register \
 *     libs/crisis-state/bench/state-size.bench.ts [events=1000000] [theatres=50]
 *
 * Streams synthetic events through JSON into one projector per theatre (nothing else is kept),
 * then prints the heap in use, the time taken, and the size of the theatres' snapshots.
 */
const EVENTS = Number(process.argv[2] ?? 1_000_000);
const THEATRES = Number(process.argv[3] ?? 50);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const fold = (): { projectors: Map<string, TheatreProjector>; ms: number } => {
  const generator = createSyntheticGenerator({ seed: 7, theatres: THEATRES, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 0.05 });
  const projectors = new Map<string, TheatreProjector>();
  let ms = 0;
  for (let i = 0; i < EVENTS; i += 1) {
    const input = generator.next();
    const message = JSON.stringify(recordEvent(input, new Date(Date.parse(input.occurredAt) + (i % 20 === 0 ? 86_400_000 : 60_000))));
    const started = performance.now();
    const event = JSON.parse(message) as CrisisEvent;
    let projector = projectors.get(event.theatre);
    if (projector === undefined) {
      projector = createProjector(event.theatre);
      projectors.set(event.theatre, projector);
    }
    projector.apply(event);
    ms += performance.now() - started;
  }
  return { projectors, ms };
};

gc();
const before = process.memoryUsage().heapUsed;
const { projectors, ms } = fold();
gc();
const heap = process.memoryUsage().heapUsed - before;
const states = [...projectors.values()].map((p) => p.state);
const at = new Date(Math.max(...states.map((s) => s.lastOccurredAt ?? 0)));
const summariesStarted = performance.now();
for (const state of states) theatreSummary(state, at);
const summariesMs = performance.now() - summariesStarted;
const snapshotBytes = states.map((state) => JSON.stringify(serialiseState(state)).length);

console.log(
  JSON.stringify({
    events: EVENTS,
    theatres: states.length,
    heapMB: Math.round(heap / 1e6),
    bytesPerEvent: Math.round(heap / EVENTS),
    parseAndFoldEventsPerSecond: Math.round(EVENTS / (ms / 1000)),
    allTheatreSummariesMs: Math.round(summariesMs),
    largestSnapshotMB: Number((Math.max(...snapshotBytes) / 1e6).toFixed(1)),
    allSnapshotsMB: Math.round(snapshotBytes.reduce((a, b) => a + b, 0) / 1e6),
  }),
);

import { recordEvent, type CrisisEvent } from '@watchfloor/events';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { createProjector, escalationIndex, serialiseState, theatreSummary, type TheatreProjector } from '../src';

/**
 * How fast the projection folds, against parsing alone:
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node --expose-gc -r @swc-node/register \
 *     libs/crisis-state/bench/fold-rate.bench.ts [events=100000] [theatres=50] [runs=7]
 *
 * Events come from the synthetic generator as the JSON strings a consumer reads, one in twenty
 * recorded a day late. "parse" only JSON.parses them (the bare consumer's work); "parse + fold"
 * also applies each to its theatre's projector, which has already folded a warm-up stream of
 * half as many events, as a long-running projection would have. Runs alternate and the fastest
 * of each counts, so that other work on the machine distorts the figures as little as possible.
 * Also prints the heap the folded states hold, and what reading them costs.
 */
const EVENTS = Number(process.argv[2] ?? 100_000);
const THEATRES = Number(process.argv[3] ?? 50);
const RUNS = Number(process.argv[4] ?? 7);
const DAY_MS = 86_400_000;

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const synthesise = (): { warmUp: string[]; measured: string[] } => {
  const all = createSyntheticGenerator({ seed: 42, theatres: THEATRES, startAt: '2022-01-01T00:00:00Z', ratePerSecond: 0.05 })
    .take(EVENTS + EVENTS / 2)
    .map((input, i) => JSON.stringify(recordEvent(input, new Date(Date.parse(input.occurredAt) + (i % 20 === 0 ? DAY_MS : 60_000)))));
  return { warmUp: all.slice(0, EVENTS / 2), measured: all.slice(EVENTS / 2) };
};

const { warmUp, measured: messages } = synthesise();

const parseOnly = (): number => {
  let checksum = 0;
  for (const message of messages) checksum += (JSON.parse(message) as CrisisEvent).id.length;
  return checksum;
};

const fold = (projectors: Map<string, TheatreProjector>, stream: readonly string[]): Map<string, TheatreProjector> => {
  for (const message of stream) {
    const event = JSON.parse(message) as CrisisEvent;
    let projector = projectors.get(event.theatre);
    if (projector === undefined) {
      projector = createProjector(event.theatre);
      projectors.set(event.theatre, projector);
    }
    projector.apply(event);
  }
  return projectors;
};

const timed = (work: () => unknown): number => {
  gc();
  const started = performance.now();
  work();
  return performance.now() - started;
};

const warmedUp = (): Map<string, TheatreProjector> => fold(new Map(), warmUp);

const parseTimes: number[] = [];
const foldTimes: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  parseTimes.push(timed(parseOnly));
  const projectors = warmedUp();
  foldTimes.push(timed(() => fold(projectors, messages)));
}
const parseRate = EVENTS / (Math.min(...parseTimes) / 1000);
const foldRate = EVENTS / (Math.min(...foldTimes) / 1000);

// The heap the states hold: measured around a fold inside a function, so that nothing but its
// result can keep what it allocated alive.
gc();
const heapBefore = process.memoryUsage().heapUsed;
const projectors = fold(warmedUp(), messages);
gc();
const stateBytes = process.memoryUsage().heapUsed - heapBefore;
const foldedEvents = EVENTS + EVENTS / 2;

const at = new Date(Date.parse('2022-01-01T00:00:00Z') + foldedEvents * 20_000);
const states = [...projectors.values()].map((p) => p.state);
const summariesMs = timed(() => states.map((state) => theatreSummary(state, at)));
const busiest = states.reduce((a, b) => (b.applied.size > a.applied.size ? b : a));
const indexMs = timed(() => escalationIndex(busiest, at, { explain: 10 }));
const snapshotBytes = states.reduce((sum, state) => sum + JSON.stringify(serialiseState(state)).length, 0);

console.log(
  JSON.stringify(
    {
      events: EVENTS,
      theatres: projectors.size,
      parseOnlyEventsPerSecond: Math.round(parseRate),
      parseAndFoldEventsPerSecond: Math.round(foldRate),
      ratio: Number((foldRate / parseRate).toFixed(3)),
      foldMicrosecondsPerEvent: Number(((1e6 / foldRate - 1e6 / parseRate)).toFixed(3)),
      stateHeapMB: Number((stateBytes / 1e6).toFixed(1)),
      stateBytesPerEvent: Math.round(stateBytes / foldedEvents),
      snapshotJsonMB: Number((snapshotBytes / 1e6).toFixed(1)),
      eventJsonBytes: Math.round(messages.reduce((sum, m) => sum + m.length, 0) / EVENTS),
      allTheatreSummariesMs: Number(summariesMs.toFixed(1)),
      busiestTheatre: { events: busiest.applied.size, escalationIndexMs: Number(indexMs.toFixed(2)) },
    },
    null,
    2,
  ),
);

import { recordEvent, type CrisisEvent } from '@watchfloor/events';
import { createSyntheticGenerator } from '@watchfloor/scenario';
import { createProjector, EscalationAccumulator, escalationIndex, type TheatreProjector } from '../src';

/**
 * What judging alerts costs per applied event: the full index (`escalationIndex` at the latest
 * occurredAt, which walks the theatre's last 30 days) against the running one
 * (`EscalationAccumulator.add` + `reading`), on a theatre that already holds 1,000 and 100,000
 * facts inside the horizon:
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node --expose-gc -r @swc-node/register \
 *     libs/crisis-state/bench/escalation-judging.bench.ts [runs=3] [sizes=1000,100000] [measured=2000]
 *
 * Events come from the synthetic generator, spread so that the theatre's facts span 20 days,
 * one in twenty recorded a day late. Only the judging is timed, not applying the event. Also
 * prints the one-off cost of building the running index from a state (after a restart).
 * The fastest of the runs counts.
 */
const RUNS = Number(process.argv[2] ?? 3);
const SIZES = (process.argv[3] ?? '1000,100000').split(',').map(Number);
const MEASURED = Number(process.argv[4] ?? 2000);
const DAY_MS = 86_400_000;

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

const eventsOf = (count: number): CrisisEvent[] =>
  createSyntheticGenerator({ seed: 7, theatres: 1, startAt: '2022-01-01T00:00:00Z', ratePerSecond: count / (20 * 86_400) })
    .take(count)
    .map((input, i) => recordEvent(input, new Date(Date.parse(input.occurredAt) + (i % 20 === 0 ? DAY_MS : 60_000))));

interface Figures {
  readonly perEventUs: number;
  readonly checksum: number;
}

/** Applies `measured` one by one, timing `judge` after each. */
const timeJudging = (projector: TheatreProjector, measured: readonly CrisisEvent[], judge: (eventId: string) => number): Figures => {
  let elapsed = 0;
  let checksum = 0;
  let judged = 0;
  for (const event of measured) {
    if (projector.apply(event) !== 'applied') continue;
    const started = performance.now();
    checksum += judge(event.id);
    elapsed += performance.now() - started;
    judged += 1;
  }
  return { perEventUs: (elapsed * 1000) / judged, checksum };
};

const fastest = (runs: readonly Figures[]): Figures => runs.reduce((best, run) => (run.perEventUs < best.perEventUs ? run : best));

const bench = (facts: number, measuredCount: number): void => {
  const events = eventsOf(facts + measuredCount);
  const history = events.slice(0, facts);
  const measured = events.slice(facts);
  const startFrom = (): TheatreProjector => {
    const projector = createProjector(history[0]?.theatre ?? '');
    for (const event of history) projector.apply(event);
    return projector;
  };
  const full: Figures[] = [];
  const running: Figures[] = [];
  const rebuildMs: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    let projector = startFrom();
    gc();
    // The full index takes milliseconds per event on a large theatre: fewer events time it well.
    full.push(
      timeJudging(projector, measured.slice(0, Math.max(20, Math.min(measured.length, Math.ceil(4_000_000 / facts)))), () => {
        const state = projector.state;
        return escalationIndex(state, new Date(state.lastOccurredAt ?? 0), { explain: 0 }).value;
      }),
    );
    projector = startFrom();
    gc();
    const rebuildStarted = performance.now();
    const accumulator = EscalationAccumulator.fromState(projector.state);
    rebuildMs.push(performance.now() - rebuildStarted);
    running.push(
      timeJudging(projector, measured, (eventId) => {
        const fact = projector.state.applied.get(eventId);
        if (fact !== undefined) accumulator.add(fact);
        return accumulator.reading().value;
      }),
    );
  }
  const f = fastest(full);
  const r = fastest(running);
  console.log(
    `${facts.toLocaleString('en')} facts: full ${f.perEventUs.toFixed(2)} µs/event, running ${r.perEventUs.toFixed(2)} µs/event, ` +
      `${(f.perEventUs / r.perEventUs).toFixed(0)}× less; building it from the state once ${Math.min(...rebuildMs).toFixed(1)} ms`,
  );
};

for (const size of SIZES) bench(size, MEASURED);

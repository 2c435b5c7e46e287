import { randomUUID } from 'node:crypto';
import { decodeEvent, encodeEvent, type CrisisEvent, type EventType, type KafkaMessageIn } from '../src';
import { SAMPLE_EVENTS } from '../src/testing/sample-events';

/**
 * How fast the contract reads `crisis.events`, against parsing alone:
 *
 *   SWC_NODE_PROJECT=tsconfig.base.json node -r @swc-node/register \
 *     libs/events/bench/decode.bench.ts [messages=50000] [runs=7]
 *
 * The messages are what the projection's fold is handed by libs/kafka: the key as text, the value
 * and every header as Buffers, written by encodeEvent. They are the sample events of the seed
 * scenario varied per message (ids, theatres, times, figures) in the mix of types the synthetic
 * generator of libs/scenario produces (which the contract may not import), one in twenty recorded
 * a day late, as tests/bench/projection.bench.ts produces them. "JSON.parse" only parses each
 * value (the bare consumer's work); "decodeEvent" is the whole read. Runs alternate which goes
 * first; medians count, and so does the ratio of each run, both measured under the same load.
 */
const MESSAGES = Number(process.argv[2] ?? 50_000);
const RUNS = Number(process.argv[3] ?? 7);
const THEATRES = 20;
const DAY_MS = 86_400_000;

/** Shares of each type in the synthetic stream (10,000 events of seed 42, rounded). */
const MIX: ReadonlyArray<readonly [EventType, number]> = [
  ['casualties.reported', 24],
  ['protest.escalated', 24],
  ['troops.deployed', 17],
  ['diplomacy.statement', 16],
  ['situation.assessed', 11],
  ['diplomacy.meeting', 8],
];
const TYPE_WHEEL: readonly EventType[] = MIX.flatMap(([type, share]) => Array.from({ length: share }, () => type));

const varied = (i: number): CrisisEvent => {
  const type = TYPE_WHEEL[(i * 37) % TYPE_WHEEL.length] ?? 'casualties.reported';
  const sample: CrisisEvent = SAMPLE_EVENTS[type];
  const occurredAt = Date.parse('2022-01-01T00:00:00Z') + i * 20_000;
  const recordedAt = new Date(occurredAt + (i % 20 === 0 ? DAY_MS : 60_000)).toISOString();
  const theatre = `syn-${String((i % THEATRES) + 1).padStart(3, '0')}`;
  const base = { ...sample, id: randomUUID(), theatre, occurredAt: new Date(occurredAt).toISOString(), recordedAt };
  // Figures vary so that no two values are the same bytes; the shapes stay the sample's.
  switch (base.type) {
    case 'casualties.reported':
      return { ...base, data: { ...base.data, killed: { low: i % 7, best: (i % 7) + (i % 13) }, injured: { best: i % 400 } } };
    case 'protest.escalated':
      return { ...base, data: { ...base.data, crowdSize: { low: 1000 + (i % 500), best: 2000 + (i % 5000) } } };
    case 'diplomacy.meeting':
      return { ...base, data: { ...base.data, durationMinutes: 30 + (i % 600) } };
    default:
      return base;
  }
};

/** What libs/kafka's toLogMessage hands the fold. */
const asConsumed = (event: CrisisEvent): KafkaMessageIn => {
  const encoded = encodeEvent(event, { source: '/watchfloor/bench' });
  return {
    key: encoded.key,
    value: Buffer.from(encoded.value),
    headers: Object.fromEntries(Object.entries(encoded.headers).map(([name, value]) => [name, Buffer.from(value)])),
  };
};

const messages: readonly KafkaMessageIn[] = Array.from({ length: MESSAGES }, (_, i) => asConsumed(varied(i)));
const bytes = messages.reduce((sum, m) => sum + (Buffer.isBuffer(m.value) ? m.value.length : 0), 0);

const parseOnly = (): number => {
  let checksum = 0;
  for (const message of messages) {
    const value = message.value;
    if (Buffer.isBuffer(value)) checksum += (JSON.parse(value.toString('utf8')) as CrisisEvent).id.length;
  }
  return checksum;
};

const decodeAll = (): number => {
  let checksum = 0;
  for (const message of messages) {
    const decoded = decodeEvent(message);
    if (!decoded.ok) throw new Error(`the bench wrote a message decodeEvent refuses: ${decoded.reason}`);
    checksum += decoded.event.id.length;
  }
  return checksum;
};

const timed = (work: () => number): { readonly perSecond: number; readonly checksum: number } => {
  const started = performance.now();
  const checksum = work();
  return { perSecond: (MESSAGES * 1000) / (performance.now() - started), checksum };
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

const parseRates: number[] = [];
const decodeRates: number[] = [];
const ratios: number[] = [];
// One unmeasured round of each, so that both are optimised before the first measured run.
timed(parseOnly);
timed(decodeAll);
for (let run = 0; run < RUNS; run += 1) {
  const first = run % 2 === 0 ? parseOnly : decodeAll;
  const second = first === parseOnly ? decodeAll : parseOnly;
  const a = timed(first);
  const b = timed(second);
  const parse = first === parseOnly ? a : b;
  const decode = first === parseOnly ? b : a;
  if (parse.checksum !== decode.checksum) throw new Error('decodeEvent and JSON.parse read different ids');
  parseRates.push(parse.perSecond);
  decodeRates.push(decode.perSecond);
  ratios.push(decode.perSecond / parse.perSecond);
  console.log(`run ${run + 1}/${RUNS}: JSON.parse ${Math.round(parse.perSecond)} msg/s, decodeEvent ${Math.round(decode.perSecond)} msg/s`);
}
console.log(
  `${MESSAGES} messages, ${Math.round(bytes / MESSAGES)} bytes each on average; median of ${RUNS} runs:\n` +
    `  JSON.parse   ${Math.round(median(parseRates))} msg/s\n` +
    `  decodeEvent  ${Math.round(median(decodeRates))} msg/s\n` +
    `  ratio        ${median(ratios).toFixed(3)} (median of the runs' own ratios)`,
);

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bareConsume, bareProduce, createTopic, kafkaClient } from './baselines';
import { type Figure, ratioOf, renderTable } from './figures';
import { browserFigures } from './browser.bench';
import { ingestFigures } from './ingest.bench';
import { projectionFigures } from './projection.bench';
import { medianThroughput, parseCpuTicks, stealPercent, type CpuTicks, type Throughput } from './stats';

/**
 * `npm run bench`: starts a throwaway broker on loopback (unless KAFKA_BROKERS is set), measures
 * the baselines and then every Watchfloor figure against them in the same run, prints a table
 * and writes it as JSON to tests/bench/results/.
 * BENCH_RUNS (default 5) runs per figure, BENCH_MESSAGES (default 50,000) messages per run.
 * BENCH_SUITES (default all: ingest,projection,browser; browser needs dashboard/dist) picks the suites measured after the baselines;
 * each suite file documents its own knobs.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 50_000);
const workspaceRoot = path.resolve(__dirname, '../..');
/** The run's own baselines, handed to every suite so that its ratios are of the same run. */
export interface Baselines {
  readonly producer: { readonly name: string; readonly value: number };
  readonly consumer: { readonly name: string; readonly value: number };
}
const SUITES: Record<string, (brokers: readonly string[], baselines: Baselines) => Promise<Figure[]>> = {
  ingest: ingestFigures,
  projection: (brokers) => projectionFigures(brokers),
  browser: (brokers) => browserFigures(brokers),
};
const chosen = (process.env.BENCH_SUITES ?? Object.keys(SUITES).join(',')).split(',').map((s) => s.trim()).filter(Boolean);

interface KafkaControl {
  startKafka(options: Record<string, unknown>): Promise<{ brokers: string; startedByUs: boolean }>;
  stopKafka(options: Record<string, unknown>): Promise<void>;
}

const benchBroker = { port: 39092, controllerPort: 39093, dataDir: '.data/kafka-bench', quiet: true };

async function withBroker<T>(work: (brokers: string[]) => Promise<T>): Promise<T> {
  if (process.env.KAFKA_BROKERS) return work(process.env.KAFKA_BROKERS.split(','));
  const control = (await import(path.join(workspaceRoot, 'infra/kafka/scripts/kafka-control.mjs'))) as KafkaControl;
  fs.rmSync(path.join(workspaceRoot, benchBroker.dataDir), { recursive: true, force: true });
  const { brokers } = await control.startKafka(benchBroker);
  try {
    return await work(brokers.split(','));
  } finally {
    await control.stopKafka(benchBroker);
    fs.rmSync(path.join(workspaceRoot, benchBroker.dataDir), { recursive: true, force: true });
  }
}

/** The machine's CPU ticks now; undefined where there is no /proc/stat. */
const cpuTicks = (): CpuTicks | undefined => {
  try {
    return parseCpuTicks(fs.readFileSync('/proc/stat', 'utf8'));
  } catch {
    return undefined;
  }
};

/**
 * On a VM the hypervisor may take CPU time back while the bench runs ("steal"), and a share of it
 * moves every figure of that phase; each phase gets a line saying how much, to read it by.
 */
async function measuringSteal<T>(phase: string, work: () => Promise<T>): Promise<{ readonly result: T; readonly steal: Figure[] }> {
  const from = cpuTicks();
  const result = await work();
  const to = cpuTicks();
  const steal = from !== undefined && to !== undefined ? [{ name: `CPU time taken by the hypervisor (steal) during ${phase}`, value: stealPercent(from, to), unit: '%' }] : [];
  return { result, steal };
}

async function repeat(label: string, work: (run: number) => Promise<Throughput>): Promise<Throughput> {
  const runs: Throughput[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    runs.push(await work(run));
    process.stderr.write(`  ${label} run ${run + 1}/${RUNS}: ${Math.round(runs[run]?.messagesPerSecond ?? 0)} msg/s\n`);
  }
  return medianThroughput(runs);
}

async function main(): Promise<void> {
  const figures: Figure[] = [];
  await withBroker(async (brokers) => {
    const kafka = kafkaClient(brokers, 'watchfloor-bench');
    const topics: string[] = [];
    const {
      result: { produced, consumed },
      steal: baselineSteal,
    } = await measuringSteal('the baselines', async () => {
      const bareProduced = await repeat('bare producer', async (run) => {
        const topic = `bench.baseline.${process.pid}.${run}`;
        topics.push(topic);
        await createTopic(kafka, topic);
        return bareProduce(kafka, topic, MESSAGES);
      });
      return { produced: bareProduced, consumed: await repeat('bare consumer', async (run) => bareConsume(kafka, topics[run] ?? '', MESSAGES)) };
    });
    figures.push(
      { name: 'bare kafkajs producer, batches of 100, 1 KB JSON', value: produced.messagesPerSecond, unit: 'msg/s' },
      { name: 'bare kafkajs producer', value: produced.megabytesPerSecond, unit: 'MB/s' },
      { name: 'bare kafkajs eachBatch consumer, JSON.parse only', value: consumed.messagesPerSecond, unit: 'msg/s' },
      { name: 'bare kafkajs eachBatch consumer', value: consumed.megabytesPerSecond, unit: 'MB/s' },
      ...baselineSteal,
    );
    const baselines: Baselines = {
      producer: { name: 'bare kafkajs producer (above)', value: produced.messagesPerSecond },
      consumer: { name: 'bare kafkajs eachBatch consumer (above)', value: consumed.messagesPerSecond },
    };
    for (const name of chosen) {
      const suite = SUITES[name];
      if (!suite) throw new Error(`BENCH_SUITES: unknown suite "${name}" (known: ${Object.keys(SUITES).join(', ')})`);
      process.stderr.write(`${name}…\n`);
      const { result, steal } = await measuringSteal(`the ${name} suite`, () => suite(brokers, baselines));
      figures.push(...result, ...steal);
    }
  });

  const table = renderTable(figures);
  process.stdout.write(`\nWatchfloor benchmarks — ${new Date().toISOString()}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, median of ${RUNS} runs of ${MESSAGES} messages\n\n${table}\n`);
  const out = path.join(workspaceRoot, 'tests/bench/results');
  fs.mkdirSync(out, { recursive: true });
  const report = {
    at: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
    runs: RUNS,
    messages: MESSAGES,
    figures: figures.map((f) => ({ ...f, ratio: ratioOf(f) })),
  };
  fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nwritten to tests/bench/results/latest.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

import { encodeEvent, recordEvent, topicSpecs } from '@watchfloor/events';
import { createSyntheticGenerator, type SyntheticGenerator } from '@watchfloor/scenario';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel, type Message, type Producer } from 'kafkajs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Figure } from './figures';
import { percentile } from './stats';
import { createWatchfloorTopics, envNumber, freePort, PROJECTION_MAIN, PROJECTION_NODE_FLAGS, projectionEnv, sleep, WORKSPACE_ROOT } from './support';

/**
 * The dashboard's theatre page in Chromium while its theatre streams: is the main thread free
 * enough that the page stays smooth? The projection runs as its own process serving the built
 * dashboard (dashboard/dist: build it first); events go straight onto its Kafka topic, as ingest
 * writes them, so only the projection and the page are measured.
 *
 * The page is measured twice for the same length of time, and the idle run is the baseline:
 * - idle: the theatre page open, live, with BENCH_BROWSER_HISTORY events (default 2,000) and nothing arriving;
 * - streaming: BENCH_BROWSER_RATE events/s (default 50) into that theatre for BENCH_BROWSER_SECONDS (default 60).
 * BENCH_BROWSER_IDLE_SECONDS (default BENCH_BROWSER_SECONDS) shortens the idle run alone, for A/B runs of the streaming one.
 *
 * In the page: the Long Tasks API (PerformanceObserver 'longtask', which reports only tasks over
 * 50 ms: their count, the longest, and the total blocking time, the sum of each one's time past
 * 50 ms) and frame times (requestAnimationFrame deltas, p95). From Chromium itself: the longest
 * task on the renderer's main thread, from a trace (this one sees tasks under 50 ms too), and
 * how busy that thread was (DevTools Performance.getMetrics TaskDuration over wall time).
 * Goal: no task over 50 ms.
 */

/** The built dashboard the projection serves; the service's own variable picks another build (to compare two). */
const DASHBOARD_DIR = process.env['WATCHFLOOR_DASHBOARD_DIR'] || path.join(WORKSPACE_ROOT, 'dashboard/dist');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const THEATRE = 'syn-001';

// ---- the topic and the events ----------------------------------------------------------------

async function withTopics<T>(kafka: Kafka, prefix: string, work: (topic: string) => Promise<T>): Promise<T> {
  const topic = await createWatchfloorTopics(kafka, prefix);
  try {
    return await work(topic);
  } finally {
    // Best effort: the bench broker is thrown away anyway.
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: topicSpecs(6).map((spec) => `${prefix}${spec.topic}`) }).catch(() => undefined);
    await admin.disconnect();
  }
}

/** As ingest writes them: the contract's codec, recorded now. */
const messagesOf = (generator: SyntheticGenerator, n: number): Message[] =>
  generator.take(n).map((input) => {
    const encoded = encodeEvent(recordEvent(input, new Date()), { source: '/watchfloor/bench' });
    return { key: encoded.key, value: encoded.value, headers: { ...encoded.headers } };
  });

/** One event per tick on a fixed schedule, each sent without waiting for the one before. */
async function stream(producer: Producer, topic: string, generator: SyntheticGenerator, rate: number, seconds: number): Promise<number> {
  const tickMs = 1000 / rate;
  const sends: Promise<unknown>[] = [];
  const started = performance.now();
  let produced = 0;
  for (let tick = 0; performance.now() - started < seconds * 1000; tick += 1) {
    const wait = started + tick * tickMs - performance.now();
    if (wait > 0) await sleep(wait);
    sends.push(producer.send({ topic, acks: -1, messages: messagesOf(generator, 1) }));
    produced += 1;
  }
  await Promise.all(sends);
  return produced;
}

// ---- the projection process ----------------------------------------------------------------------

interface ProjectionProcess {
  readonly url: string;
  stop(): Promise<void>;
}

async function startProjection(brokers: readonly string[], prefix: string): Promise<ProjectionProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...PROJECTION_NODE_FLAGS, '-r', '@swc-node/register', PROJECTION_MAIN], {
    cwd: WORKSPACE_ROOT,
    env: projectionEnv(brokers, prefix, port, { LOG_LEVEL: 'warn', WATCHFLOOR_DASHBOARD_DIR: DASHBOARD_DIR }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const tail: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    tail.push(chunk.toString('utf8'));
    if (tail.length > 50) tail.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, sleep(30_000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    // Ready: listening, and folded up to the end of the log it found at start.
    for (let i = 0; ; i += 1) {
      if (child.exitCode !== null) throw new Error(`the projection did not start:\n${tail.join('')}`);
      if (i > 1200) throw new Error('the projection was not ready within 60 s');
      if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break;
      await sleep(50);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

// ---- what the page measures ----------------------------------------------------------------------

/**
 * Injected before the app's own scripts. Plain JavaScript: it runs in the page, and this project
 * compiles without the DOM library. Entries are kept with their start times and cut to the
 * window asked for, since observers deliver them a little late.
 */
const PROBE = `(() => {
  const longTasks = [];
  const frames = [];
  try {
    const observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push([e.startTime, e.duration]); });
    observer.observe({ type: 'longtask', buffered: true });
    globalThis.__benchFlush = () => { for (const e of observer.takeRecords()) longTasks.push([e.startTime, e.duration]); };
  } catch {
    globalThis.__benchFlush = () => undefined;
  }
  let last;
  const tick = (t) => {
    if (last !== undefined) frames.push([t, t - last]);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  globalThis.__benchWindow = (from, to) => {
    globalThis.__benchFlush();
    return {
      longTasks: longTasks.filter(([start]) => start >= from && start < to).map(([, duration]) => duration),
      frames: frames.filter(([at]) => at >= from && at < to).map(([, delta]) => delta),
    };
  };
})();`;

interface WindowSamples {
  readonly longTasks: number[];
  readonly frames: number[];
}

interface TraceEvent {
  readonly ph?: string;
  readonly name?: string;
  readonly pid?: number;
  readonly tid?: number;
  readonly dur?: number;
  /** Thread time: the part of `dur` the thread was on a core. */
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

interface TracedTask {
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * The `n` longest tasks on the page's main thread, longest first, from a Chromium trace: each
 * one's wall time and the part of it the thread was running (on two shared cores, a task may
 * wait for a core for as long again as it works); and the `n` that ran the longest, which other
 * processes on the machine do not lengthen. The page's renderer is the CrRendererMain thread
 * that worked the most (a spare renderer may idle beside it).
 */
const longestTracedTasks = (trace: Buffer, n: number): { readonly longest: TracedTask[]; readonly busiest: TracedTask[] } => {
  const parsed = JSON.parse(trace.toString('utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const perThread = new Map<string, { total: number; tasks: TracedTask[] }>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || !mainThreads.has(thread)) continue;
    const seen = perThread.get(thread) ?? { total: 0, tasks: [] };
    seen.total += e.dur ?? 0;
    seen.tasks.push({ ms: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 });
    perThread.set(thread, seen);
  }
  const busiest = [...perThread.values()].sort((a, b) => b.total - a.total)[0];
  const tasks = busiest?.tasks ?? [];
  return {
    longest: [...tasks].sort((a, b) => b.ms - a.ms).slice(0, n),
    busiest: [...tasks].sort((a, b) => b.cpuMs - a.cpuMs).slice(0, n),
  };
};

export interface PageWindow {
  readonly seconds: number;
  readonly longTasks: number;
  /** Longest task the Long Tasks API reported (0 when none was over 50 ms). */
  readonly longestLongTaskMs: number;
  /** Sum over long tasks of their time past 50 ms. */
  readonly totalBlockingMs: number;
  /** Longest task on the renderer's main thread, from the trace. */
  readonly longestTaskMs: number;
  /** The five longest tasks on that thread, longest first: is the longest one alone, or one of many, and was it working or waiting? */
  readonly longestTasks: readonly TracedTask[];
  /** The five tasks that ran the longest (thread time), the page's own share of the figure above. */
  readonly busiestTasks: readonly TracedTask[];
  readonly frames: number;
  readonly frameP95Ms: number;
  readonly frameMaxMs: number;
  /** Share of wall time the renderer's main thread spent running tasks. */
  readonly mainThreadBusy: number;
}

/** Measures the page for as long as `during` runs. */
async function measure(browser: Browser, page: Page, during: () => Promise<void>): Promise<PageWindow> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskSeconds = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN;
  const pageNow = (): Promise<number> => page.evaluate(() => performance.now());
  await browser.startTracing(page, { categories: ['toplevel'] });
  const busyBefore = await taskSeconds();
  const from = await pageNow();
  const started = performance.now();
  let trace: Buffer | undefined;
  try {
    await during();
  } finally {
    trace = await browser.stopTracing();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const to = await pageNow();
  const busyAfter = await taskSeconds();
  await cdp.detach();
  const samples = (await page.evaluate(`globalThis.__benchWindow(${from}, ${to})`)) as WindowSamples;
  const { longest, busiest } = longestTracedTasks(trace, 5);
  return {
    seconds: wallSeconds,
    longTasks: samples.longTasks.length,
    longestLongTaskMs: samples.longTasks.reduce((max, d) => Math.max(max, d), 0),
    totalBlockingMs: samples.longTasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
    longestTaskMs: longest[0]?.ms ?? 0,
    longestTasks: longest,
    busiestTasks: busiest,
    frames: samples.frames.length,
    frameP95Ms: percentile(samples.frames, 95),
    frameMaxMs: samples.frames.reduce((max, d) => Math.max(max, d), 0),
    mainThreadBusy: (busyAfter - busyBefore) / wallSeconds,
  };
}

/** The page's own count of the theatre's events ("2050 events · state folded live…"). */
const eventsShown = async (page: Page): Promise<number> => {
  const text = (await page.getByText(/^\d+ events? · state/).first().textContent()) ?? '';
  return Number(/^(\d+)/.exec(text)?.[1] ?? Number.NaN);
};

/** "48.1 (cpu 16.9), …": wall time, and the part of it the thread ran. */
const listed = (tasks: readonly TracedTask[]): string => tasks.map((t) => `${t.ms.toFixed(1)} (cpu ${t.cpuMs.toFixed(1)})`).join(', ');

// ---- the run ------------------------------------------------------------------------------------

export interface BrowserBenchResult {
  readonly seconds: number;
  readonly history: number;
  readonly rate: number;
  readonly produced: number;
  /** Events the page counted once the stream ended, over those in the theatre. */
  readonly shown: number;
  readonly idle: PageWindow;
  readonly streaming: PageWindow;
}

export async function browserStreaming(
  brokers: readonly string[],
  seconds = envNumber('BENCH_BROWSER_SECONDS', 60),
  rate = envNumber('BENCH_BROWSER_RATE', 50),
  history = envNumber('BENCH_BROWSER_HISTORY', 2000),
  idleSeconds = envNumber('BENCH_BROWSER_IDLE_SECONDS', seconds),
): Promise<BrowserBenchResult> {
  if (!fs.existsSync(path.join(DASHBOARD_DIR, 'index.html'))) throw new Error('no dashboard/dist: run `npx nx run dashboard:build` first');
  if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package or set CHROMIUM_PATH`);
  const kafka = new Kafka({ clientId: 'watchfloor-bench-browser', brokers: [...brokers], logLevel: logLevel.NOTHING });
  const prefix = `bench-browser-${process.pid}-${Date.now()}.`;
  return withTopics(kafka, prefix, async (topic) => {
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    let projection: ProjectionProcess | undefined;
    let browser: Browser | undefined;
    try {
      // A day of history before now, then events as they happen.
      const now = Date.now();
      const past = createSyntheticGenerator({ seed: 11, theatres: 1, startAt: new Date(now - 86_400_000), ratePerSecond: history / 86_400 });
      for (let sent = 0; sent < history; sent += 500) await producer.send({ topic, acks: -1, messages: messagesOf(past, Math.min(500, history - sent)) });
      projection = await startProjection(brokers, prefix);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
      });
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      await page.addInitScript({ content: PROBE });
      await page.goto(`${projection.url}/#/theatre/${THEATRE}`);
      await page.getByRole('status', { name: 'Live connection Live' }).waitFor({ timeout: 30_000 });
      await page.getByText(new RegExp(`^${history} events · state folded live`)).waitFor({ timeout: 30_000 });
      // Let the map's chunk load and the charts draw once before anything is measured.
      await sleep(3000);

      process.stderr.write(`  browser: idle theatre page for ${idleSeconds} s…\n`);
      const idle = await measure(browser, page, () => sleep(idleSeconds * 1000));
      process.stderr.write(`  browser: idle, longest tasks ${listed(idle.longestTasks)} ms, frame p95 ${idle.frameP95Ms.toFixed(1)} ms\n`);

      process.stderr.write(`  browser: ${rate} events/s into the theatre for ${seconds} s…\n`);
      const live = createSyntheticGenerator({ seed: 12, theatres: 1, startAt: new Date(), ratePerSecond: rate });
      let produced = 0;
      const streaming = await measure(browser, page, async () => {
        produced = await stream(producer, topic, live, rate, seconds);
      });
      process.stderr.write(`  browser: streaming, longest tasks ${listed(streaming.longestTasks)} ms, frame p95 ${streaming.frameP95Ms.toFixed(1)} ms\n`);
      process.stderr.write(`  browser: streaming, tasks that ran longest ${listed(streaming.busiestTasks)} ms\n`);
      const expected = history + produced;
      for (let i = 0; i < 100 && (await eventsShown(page)) < expected; i += 1) await sleep(100);
      return { seconds, history, rate, produced, shown: (await eventsShown(page)) / expected, idle, streaming };
    } finally {
      await browser?.close().catch(() => undefined);
      await projection?.stop();
      await producer.disconnect();
    }
  });
}

/** The table lines; the idle page is the baseline measured in the same run. */
export async function browserFigures(brokers: readonly string[]): Promise<Figure[]> {
  const r = await browserStreaming(brokers);
  const load = `${r.rate} events/s for ${r.seconds} s`;
  const idle = (what: string, value: number) => (value > 0 ? { baseline: { name: `idle theatre page, ${what}`, value } } : {});
  return [
    { name: `theatre page, ${load}: longest main-thread task (trace)`, value: r.streaming.longestTaskMs, unit: 'ms', ...idle('longest task', r.idle.longestTaskMs), goal: '≤ 50 ms' },
    { name: `theatre page, ${load}: long tasks (> 50 ms)`, value: r.streaming.longTasks, unit: 'tasks', ...idle('long tasks', r.idle.longTasks), goal: '0' },
    { name: `theatre page, ${load}: longest long task (0: none)`, value: r.streaming.longestLongTaskMs, unit: 'ms' },
    { name: `theatre page, ${load}: total blocking time`, value: r.streaming.totalBlockingMs, unit: 'ms', ...idle('total blocking time', r.idle.totalBlockingMs) },
    { name: `theatre page, ${load}: frame time p95`, value: r.streaming.frameP95Ms, unit: 'ms', ...idle('frame time p95', r.idle.frameP95Ms) },
    { name: `theatre page, ${load}: longest frame`, value: r.streaming.frameMaxMs, unit: 'ms', ...idle('longest frame', r.idle.frameMaxMs) },
    { name: `theatre page, ${load}: main thread busy`, value: r.streaming.mainThreadBusy * 100, unit: '%', ...idle('main thread busy', r.idle.mainThreadBusy * 100) },
    { name: `theatre page, ${load}: events shown of ${r.history + r.produced}`, value: r.shown * 100, unit: '%' },
  ];
}

import { playbackSchedule } from '@watchfloor/scenario';
import type { CrisisEventInput } from '@watchfloor/events';
import type { EventSink } from '../ingest-client/ingest-client';

/** Waits `ms`, or less if the signal aborts; injected so tests run without real time. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

export type RunKind = 'scenario' | 'synthetic';
export type RunState = 'running' | 'finished' | 'stopped' | 'failed';

export interface RunStatus {
  readonly id: number;
  readonly kind: RunKind;
  readonly state: RunState;
  readonly startedAt: string;
  readonly endedAt?: string;
  readonly sent: number;
  readonly accepted: number;
  readonly duplicates: number;
  readonly error?: string;
}

/** A batch of events due at one moment of a run. */
export interface Step {
  readonly atMs: number;
  readonly events: readonly CrisisEventInput[];
}

export class RunInProgressError extends Error {
  override readonly name = 'RunInProgressError';
}

/**
 * Runs one simulation at a time (a scenario playback or a synthetic stream) against the ingest
 * API, keeping the status of the current and the last run for the status endpoint.
 */
export class SimulationRuns {
  private current: { status: RunStatus; abort: AbortController; done: Promise<RunStatus> } | undefined;
  private nextId = 1;

  constructor(
    private readonly sink: EventSink,
    private readonly now: () => Date,
    private readonly sleep: Sleep = realSleep,
  ) {}

  status(): RunStatus | undefined {
    return this.current?.status;
  }

  /** The scenario in occurredAt order, compressed into `durationMs` of wall-clock time. */
  playScenario(events: readonly CrisisEventInput[], durationMs: number): Promise<RunStatus> {
    const steps = playbackSchedule(events, { durationMs, minGapMs: Math.min(250, durationMs / Math.max(1, events.length)) }).map(
      (s): Step => ({ atMs: s.atMs, events: [s.event] }),
    );
    return this.start('scenario', steps);
  }

  /** Any lazily produced sequence of steps, e.g. a synthetic stream at a rate. */
  start(kind: RunKind, steps: Iterable<Step>): Promise<RunStatus> {
    if (this.current?.status.state === 'running') throw new RunInProgressError(`run ${this.current.status.id} (${this.current.status.kind}) is still running`);
    const abort = new AbortController();
    const status: RunStatus = { id: this.nextId++, kind, state: 'running', startedAt: this.now().toISOString(), sent: 0, accepted: 0, duplicates: 0 };
    const run = { status, abort, done: Promise.resolve(status) };
    this.current = run;
    run.done = this.drive(run, steps);
    return Promise.resolve(run.status);
  }

  /** Resolves with the final status of the current run once it ends. */
  async finished(): Promise<RunStatus | undefined> {
    return this.current?.done;
  }

  async stop(): Promise<RunStatus | undefined> {
    this.current?.abort.abort();
    return this.current?.done;
  }

  private async drive(run: { status: RunStatus; abort: AbortController }, steps: Iterable<Step>): Promise<RunStatus> {
    const started = this.now().getTime();
    const update = (patch: Partial<RunStatus>) => {
      run.status = { ...run.status, ...patch };
    };
    try {
      for (const step of steps) {
        await this.sleep(step.atMs - (this.now().getTime() - started), run.abort.signal);
        if (run.abort.signal.aborted) break;
        const result = await this.sink.send(step.events);
        update({
          sent: run.status.sent + step.events.length,
          accepted: run.status.accepted + result.accepted.length,
          duplicates: run.status.duplicates + result.duplicates.length,
        });
      }
      update({ state: run.abort.signal.aborted ? 'stopped' : 'finished', endedAt: this.now().toISOString() });
    } catch (error) {
      update({ state: 'failed', endedAt: this.now().toISOString(), error: error instanceof Error ? error.message : String(error) });
    }
    return run.status;
  }
}

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECTION_NODE_FLAGS } from '@watchfloor/service-kit';

/**
 * `npm start`: a local Kafka (unless KAFKA_BROKERS points at one), every service as its own
 * process, the built dashboard, and the seed scenario played once. Ctrl-C stops what it started.
 */
const root = path.resolve(__dirname, '../..');
const stateDir = path.join(root, '.watchfloor');
const env = process.env;

interface KafkaControl {
  startKafka(options: Record<string, unknown>): Promise<{ brokers: string; startedByUs: boolean }>;
  stopKafka(options: Record<string, unknown>): Promise<void>;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** One development key with every role, made on first start and kept in an ignored file. */
const developmentKey = (): string => {
  const file = path.join(stateDir, 'dev-api-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(stateDir, { recursive: true });
  const key = `dev-${randomBytes(18).toString('base64url')}`;
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
};

const services: { name: string; child: ChildProcess }[] = [];

const startService = (name: string, extraEnv: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess => {
  const logFile = path.join(stateDir, 'logs', `${name}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeFlags, '-r', '@swc-node/register', `services/${name}/src/main.ts`], {
    cwd: root,
    env: { ...env, SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), ...extraEnv },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  child.once('exit', (code, signal) => {
    if (!stopping) say(`${name} stopped (${signal ?? code}); its log: ${path.relative(root, logFile)}`);
  });
  services.push({ name, child });
  return child;
};

const waitFor = async (name: string, url: string, timeoutMs = 90_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} did not answer ${url} within ${timeoutMs / 1000} s; see .watchfloor/logs/${name}.log`);
};

let stopping = false;
let stopKafka: (() => Promise<void>) | undefined;

const shutdown = async (code: number): Promise<never> => {
  stopping = true;
  await Promise.all(
    services.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  if (stopKafka) await stopKafka();
  process.exit(code);
};

async function main(): Promise<void> {
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));

  let brokers = env['KAFKA_BROKERS'];
  if (!brokers) {
    const control = (await import(path.join(root, 'infra/kafka/scripts/kafka-control.mjs'))) as KafkaControl;
    const started = await control.startKafka({});
    brokers = started.brokers;
    if (started.startedByUs) stopKafka = () => control.stopKafka({});
    say(`Kafka on ${brokers}${started.startedByUs ? '' : ' (already running)'}`);
  } else {
    say(`Kafka: using KAFKA_BROKERS=${brokers}`);
  }

  say('building the dashboard…');
  const build = spawnSync('npx', ['vite', 'build', '--config', 'dashboard/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the dashboard did not build');

  const key = developmentKey();
  const port = env['PORT'] ?? '8080';
  const ingestPort = env['INGEST_PORT'] ?? '8081';
  const simulatorPort = env['SIMULATOR_PORT'] ?? '8082';
  const common = {
    KAFKA_BROKERS: brokers,
    WATCHFLOOR_API_KEYS: env['WATCHFLOOR_API_KEYS'] ?? `${key}:ingest,${key}:operator,${key}:reader`,
    PORT: port,
    INGEST_PORT: ingestPort,
  };

  startService('ingest', common);
  await waitFor('ingest', `http://127.0.0.1:${ingestPort}/api/health`);
  const hasProjection = fs.existsSync(path.join(root, 'services/projection/src/main.ts'));
  if (hasProjection) {
    startService('projection', { ...common, WATCHFLOOR_READ_OPEN: env['WATCHFLOOR_READ_OPEN'] ?? 'true' }, PROJECTION_NODE_FLAGS);
    await waitFor('projection', `http://127.0.0.1:${port}/api/health/live`);
  }
  startService('simulator', {
    ...common,
    SIMULATOR_PORT: simulatorPort,
    SIMULATOR_INGEST_KEY: key,
    SIMULATOR_PLAY_ON_START: env['SIMULATOR_PLAY_ON_START'] ?? 'true',
  });
  await waitFor('simulator', `http://127.0.0.1:${simulatorPort}/api/health/live`);

  say('');
  say(`Watchfloor is running.`);
  if (hasProjection) say(`  dashboard        http://localhost:${port}/`);
  say(`  ingest API       http://localhost:${ingestPort}/api/docs`);
  say(`  simulator        http://localhost:${simulatorPort}/api/docs  (playing the Kazakhstan 2022 scenario)`);
  say(`  development key  ${key}   (roles ingest, operator, reader; kept in .watchfloor/dev-api-key)`);
  say(`  logs             .watchfloor/logs/`);
  say('Ctrl-C stops everything this command started.');
}

main().catch(async (error: unknown) => {
  process.stderr.write(`npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
  await shutdown(1);
});

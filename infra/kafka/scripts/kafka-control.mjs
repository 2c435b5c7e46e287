// Start/stop the pinned single-node Kafka (KRaft, broker+controller in one JVM) for
// development and tests. Node built-ins only, so it runs before or without any build.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const KAFKA_DIR = path.join(REPO_ROOT, 'infra/kafka');
const DEFAULT_LIB_DIR = path.join(KAFKA_DIR, 'lib');
const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** Defaults from the environment; relative data dirs are taken from the repo root, not the cwd. */
export function kafkaOptions(overrides = {}) {
  const env = process.env;
  const port = Number(overrides.port ?? env.KAFKA_PORT ?? 9092);
  const controllerPort = Number(overrides.controllerPort ?? env.KAFKA_CONTROLLER_PORT ?? 9093);
  const dataDir = path.resolve(REPO_ROOT, overrides.dataDir ?? env.KAFKA_DATA_DIR ?? '.data/kafka');
  const heapOpts = overrides.heapOpts ?? env.KAFKA_HEAP_OPTS ?? '-Xms256m -Xmx512m';
  const libDir = path.resolve(REPO_ROOT, overrides.libDir ?? DEFAULT_LIB_DIR);
  for (const [name, value] of [['KAFKA_PORT', port], ['KAFKA_CONTROLLER_PORT', controllerPort]]) {
    if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a TCP port, got ${value}`);
  }
  if (port === controllerPort) throw new Error(`KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ (both ${port})`);
  return { port, controllerPort, dataDir, heapOpts, libDir, quiet: Boolean(overrides.quiet) };
}

const files = (dataDir) => ({
  pid: path.join(dataDir, 'kafka.pid'),
  log: path.join(dataDir, 'kafka.log'),
  mvnLog: path.join(dataDir, 'mvn.log'),
  serverProps: path.join(dataDir, 'server.properties'),
  log4j: path.join(dataDir, 'log4j2.properties'),
  logDirs: path.join(dataDir, 'logs'),
});

// ---------------------------------------------------------------------------------------------
// Probe: a raw ApiVersions + Metadata round trip. kafkajs would work too, but it logs connection
// errors loudly and retries with back-off, which makes a "is it up yet?" poll slow and noisy.

function frame(apiKey, apiVersion, correlationId, body) {
  const clientId = Buffer.from('watchfloor-probe');
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  const payload = Buffer.concat([header, clientId, body]);
  const size = Buffer.alloc(4);
  size.writeInt32BE(payload.length);
  return Buffer.concat([size, payload]);
}

/** Sends requests one after another on one connection; resolves with the response bodies. */
function roundTrips(port, requests, timeoutMs) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port });
    const bodies = [];
    let buffered = Buffer.alloc(0);
    const fail = (err) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('timeout')));
    socket.on('error', fail);
    socket.on('close', () => reject(new Error('connection closed')));
    socket.on('connect', () => socket.write(requests[0]()));
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= 4 && buffered.length >= 4 + buffered.readInt32BE(0)) {
        const size = buffered.readInt32BE(0);
        bodies.push(buffered.subarray(8, 4 + size)); // skip size + correlation id
        buffered = buffered.subarray(4 + size);
        if (bodies.length === requests.length) {
          socket.end();
          resolve(bodies);
          return;
        }
        socket.write(requests[bodies.length](bodies));
      }
    });
  });
}

const API_METADATA = 3;
const API_VERSIONS = 18;

/** Resolves `{ clusterId, brokers }` if a Kafka broker answers a metadata request, else null. */
export async function probeKafka(port, timeoutMs = 2000) {
  try {
    const [versions, metadata] = await roundTrips(
      port,
      [
        () => frame(API_VERSIONS, 0, 1, Buffer.alloc(0)),
        ([versionsBody]) => {
          const version = pickMetadataVersion(versionsBody);
          // v4..v8 body: topics = [] (none), allow_auto_topic_creation = false
          // (v8 adds two more booleans for authorized operations).
          const body = version >= 8 ? Buffer.from([0, 0, 0, 0, 0, 0, 0]) : Buffer.from([0, 0, 0, 0, 0]);
          return frame(API_METADATA, version, 2, body);
        },
      ],
      timeoutMs,
    );
    return parseMetadata(metadata, pickMetadataVersion(versions));
  } catch {
    return null;
  }
}

// Non-flexible (pre-KIP-482) Metadata versions are 0..8; we need >= 4 for the body above.
function pickMetadataVersion(body) {
  if (body.readInt16BE(0) !== 0) throw new Error(`ApiVersions error ${body.readInt16BE(0)}`);
  const count = body.readInt32BE(2);
  for (let i = 0, at = 6; i < count; i++, at += 6) {
    if (body.readInt16BE(at) !== API_METADATA) continue;
    const version = Math.min(8, body.readInt16BE(at + 4));
    if (version < 4 || version < body.readInt16BE(at + 2)) throw new Error('no usable Metadata version');
    return version;
  }
  throw new Error('broker does not list Metadata');
}

function parseMetadata(body, version) {
  let at = version >= 3 ? 4 : 0; // throttle_time_ms
  const readString = () => {
    const len = body.readInt16BE(at);
    at += 2;
    if (len < 0) return null;
    at += len;
    return body.toString('utf8', at - len, at);
  };
  const brokers = [];
  const count = body.readInt32BE(at);
  at += 4;
  for (let i = 0; i < count; i++) {
    const nodeId = body.readInt32BE(at);
    at += 4;
    const host = readString();
    const port = body.readInt32BE(at);
    at += 4;
    readString(); // rack
    brokers.push({ nodeId, host, port });
  }
  return { clusterId: readString(), brokers };
}

// ---------------------------------------------------------------------------------------------
// Processes

function pidExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function isAlive(pid) {
  if (!pidExists(pid)) return false;
  // Guard against pid reuse after a reboot or crash: on Linux make sure it is still our broker.
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka.Kafka');
  } catch {
    return true; // no /proc (macOS): trust the pid
  }
}

function readPid(dataDir) {
  try {
    const pid = Number(fs.readFileSync(files(dataDir).pid, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

// The cause of a failed start is usually far above the shutdown chatter at the end of the log.
function failureReport(file) {
  let errors = [];
  try {
    errors = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => /\] (ERROR|FATAL) |^Caused by: |^Exception in thread |^Error: /.test(line))
      .slice(0, 8);
  } catch {
    // no log yet: the tail below says so
  }
  const head = errors.length ? `first errors in ${file}:\n${errors.join('\n')}\n` : '';
  return `${head}last 40 lines of ${file}:\n${tail(file, 40)}`;
}

class KafkaStartError extends Error {}

function ensureJars({ libDir, dataDir }) {
  if (fs.existsSync(libDir) && fs.readdirSync(libDir).some((f) => f.endsWith('.jar'))) return;
  const { mvnLog } = files(dataDir);
  // Even when quiet: this can take a minute, which should not look like a hang.
  console.error(`kafka: fetching broker jars into ${path.relative(REPO_ROOT, libDir)} (once)…`);
  const out = fs.openSync(mvnLog, 'w');
  const result = spawnSync(
    'mvn',
    ['-B', '-q', '-f', path.join(KAFKA_DIR, 'pom.xml'), 'dependency:copy-dependencies', `-Dkafka.lib.dir=${libDir}`],
    { stdio: ['ignore', out, out] },
  );
  fs.closeSync(out);
  if (result.error || result.status !== 0) {
    throw new KafkaStartError(
      `mvn failed to fetch the Kafka jars (${result.error?.message ?? `exit ${result.status}`}):\n${tail(mvnLog, 40)}`,
    );
  }
}

function writeConfig({ port, controllerPort, dataDir }) {
  const f = files(dataDir);
  const props = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@${HOST}:${controllerPort}`,
    listeners: `PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://${HOST}:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': f.logDirs,
    'num.partitions': 6,
    'auto.create.topics.enable': false,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Consumers in tests join one at a time; the default 3 s delay only slows every test down.
    'group.initial.rebalance.delay.ms': 0,
  };
  const text = Object.entries(props).map(([k, v]) => `${k}=${v}`);
  fs.writeFileSync(f.serverProps, `# Generated by infra/kafka/scripts/kafka-control.mjs on each start.\n${text.join('\n')}\n`);

  // One INFO file instead of Kafka's six; the request logger is WARN as in Kafka's own config.
  fs.writeFileSync(
    f.log4j,
    [
      'status = warn',
      'appender.file.type = File',
      'appender.file.name = FILE',
      `appender.file.fileName = ${f.log}`,
      'appender.file.append = true',
      'appender.file.layout.type = PatternLayout',
      'appender.file.layout.pattern = [%d] %p %m (%c)%n',
      'rootLogger.level = info',
      'rootLogger.appenderRef.file.ref = FILE',
      'logger.request.name = kafka.request.logger',
      'logger.request.level = warn',
      '',
    ].join('\n'),
  );
}

// Same shape as Kafka's Uuid.randomUuid().toString(); a leading '-' confuses CLI parsing, so Kafka
// itself re-rolls those too.
function randomClusterId() {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

function javaArgs({ heapOpts, libDir, dataDir }, mainClass, args) {
  return [
    ...heapOpts.split(/\s+/).filter(Boolean),
    // Kafka's own defaults from kafka-run-class.sh; no GC log flags, so no GC log.
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${files(dataDir).log4j}`,
    // Otherwise log4j's own shutdown hook races Kafka's and the shutdown lines get lost.
    '-Dlog4j2.shutdownHookEnabled=false',
    `-Dkafka.logs.dir=${dataDir}`,
    '-cp',
    `${libDir}${path.sep}*`,
    mainClass,
    ...args,
  ];
}

function formatStorage(opts) {
  const f = files(opts.dataDir);
  if (fs.existsSync(path.join(f.logDirs, 'meta.properties'))) return;
  const out = fs.openSync(f.log, 'a');
  const args = ['format', '--cluster-id', randomClusterId(), '--config', f.serverProps];
  const result = spawnSync('java', javaArgs(opts, 'kafka.tools.StorageTool', args), { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  if (result.error || result.status !== 0) {
    const why = result.error ? `could not run java: ${result.error.message}` : `exit ${result.status}`;
    throw new KafkaStartError(`formatting ${f.logDirs} failed (${why}):\n${failureReport(f.log)}`);
  }
}

/**
 * Starts a broker unless one already answers on the port.
 * Resolves `{ brokers, startedByUs, pid }`; `pid` is null when an existing broker was reused.
 */
export async function startKafka(overrides = {}) {
  const opts = kafkaOptions(overrides);
  const { port, dataDir, quiet } = opts;
  const brokers = `${HOST}:${port}`;
  const log = (msg) => quiet || console.log(`kafka: ${msg}`);

  if (await probeKafka(port)) {
    log(`reusing the broker that already answers on ${brokers}`);
    return { brokers, startedByUs: false, pid: null };
  }
  const f = files(dataDir);
  const oldPid = readPid(dataDir);
  if (oldPid && isAlive(oldPid)) {
    // Most likely another `start` is still waiting for this broker to come up.
    log(`broker pid ${oldPid} from ${dataDir} is running; waiting for it to answer on ${brokers}`);
    if (await waitUntilUp(port, () => isAlive(oldPid))) return { brokers, startedByUs: false, pid: oldPid };
    throw new KafkaStartError(
      `broker pid ${oldPid} owns ${dataDir} but does not answer on ${brokers}; run stop first.\n${failureReport(f.log)}`,
    );
  }

  fs.mkdirSync(dataDir, { recursive: true });
  ensureJars(opts);
  if (fs.existsSync(f.log)) fs.renameSync(f.log, `${f.log}.1`);
  writeConfig(opts);
  formatStorage(opts);

  const started = Date.now();
  const out = fs.openSync(f.log, 'a');
  const child = spawn('java', javaArgs(opts, 'kafka.Kafka', [f.serverProps]), {
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  child.unref();
  if (!child.pid) throw new KafkaStartError(`could not run java:\n${failureReport(f.log)}`);
  fs.writeFileSync(f.pid, `${child.pid}\n`);
  log(`started broker pid ${child.pid}, waiting for ${brokers}…`);

  if (!(await waitUntilUp(port, () => !exited))) {
    await stopKafka({ dataDir, quiet: true });
    const why = exited ? 'java exited before answering' : `no answer within ${START_TIMEOUT_MS / 1000}s`;
    throw new KafkaStartError(`broker on ${brokers} failed to start (${why}).\n${failureReport(f.log)}`);
  }
  log(`up on ${brokers} after ${((Date.now() - started) / 1000).toFixed(1)}s (log: ${path.relative(REPO_ROOT, f.log)})`);
  return { brokers, startedByUs: true, pid: child.pid };
}

async function waitUntilUp(port, stillRunning) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && stillRunning()) {
    const metadata = await probeKafka(port, 1000);
    // An empty broker list means the broker answered before it registered itself.
    if (metadata && metadata.brokers.length > 0) return true;
    await sleep(250);
  }
  return false;
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err; // already gone
  }
}

/** Stops the broker whose pid file is in `dataDir`; a no-op when none runs. */
export async function stopKafka(overrides = {}) {
  const { dataDir, quiet } = kafkaOptions(overrides);
  const log = (msg) => quiet || console.log(`kafka: ${msg}`);
  const pidFile = files(dataDir).pid;
  const pid = readPid(dataDir);
  if (!pid || !isAlive(pid)) {
    fs.rmSync(pidFile, { force: true });
    log(`no broker running from ${path.relative(REPO_ROOT, dataDir) || dataDir}`);
    return { stopped: false };
  }
  signal(pid, 'SIGTERM');
  const deadline = Date.now() + STOP_TIMEOUT_MS;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) {
    log(`pid ${pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000}s; killing it`);
    signal(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  fs.rmSync(pidFile, { force: true });
  log(`stopped broker pid ${pid}`);
  return { stopped: true };
}

/** Stops the broker, then deletes its data folder. */
export async function resetKafka(overrides = {}) {
  const { dataDir, quiet } = kafkaOptions(overrides);
  // A typo in KAFKA_DATA_DIR must not wipe the checkout.
  if (REPO_ROOT.startsWith(dataDir) || dataDir === path.parse(dataDir).root) {
    throw new Error(`refusing to delete ${dataDir}`);
  }
  await stopKafka(overrides);
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (!quiet) console.log(`kafka: deleted ${dataDir}`);
}

/** `{ up, brokers, clusterId, pid }` for the configured port and data dir. */
export async function kafkaStatus(overrides = {}) {
  const { port, dataDir } = kafkaOptions(overrides);
  const metadata = await probeKafka(port);
  const pid = readPid(dataDir);
  let ownsPort = false;
  try {
    ownsPort = fs.readFileSync(files(dataDir).serverProps, 'utf8').includes(`PLAINTEXT://${HOST}:${port},`);
  } catch {
    // never started from this data dir
  }
  return {
    up: Boolean(metadata),
    brokers: `${HOST}:${port}`,
    clusterId: metadata?.clusterId ?? null,
    // Only when the broker from this data dir is the one on this port.
    pid: pid && ownsPort && isAlive(pid) ? pid : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Shared throwaway broker for test runs. nx runs several jest processes at once and each runs the
// global setup, so each holds a lease (a file named after its pid): the first one in wipes and
// starts the broker, the last one out stops and wipes it. Leases of dead processes (a run killed
// with Ctrl-C never tears down) do not count, so the next run cleans up after them.

/** Starts (or joins) the shared test broker; resolves like startKafka. */
export async function acquireSharedKafka(overrides = {}) {
  const { dataDir } = kafkaOptions(overrides);
  return withLock(dataDir, async (leaseDir) => {
    if (liveLeases(leaseDir).length === 0) await resetKafka({ ...overrides, quiet: true });
    const result = await startKafka(overrides);
    fs.writeFileSync(path.join(leaseDir, String(process.pid)), '');
    return result;
  });
}

/** Drops this process's lease; the last one out stops the broker and deletes its data. */
export async function releaseSharedKafka(overrides = {}) {
  const { dataDir } = kafkaOptions(overrides);
  await withLock(dataDir, async (leaseDir) => {
    fs.rmSync(path.join(leaseDir, String(process.pid)), { force: true });
    if (liveLeases(leaseDir).length === 0) await resetKafka({ ...overrides, quiet: true });
  });
}

function liveLeases(leaseDir) {
  return fs
    .readdirSync(leaseDir)
    .map(Number)
    .filter((pid) => {
      if (pidExists(pid)) return true;
      fs.rmSync(path.join(leaseDir, String(pid)), { force: true });
      return false;
    });
}

// A hard link is created atomically and fails if the target exists, so the lock never exists
// without its owner's pid in it.
async function withLock(dataDir, fn) {
  const leaseDir = `${dataDir}.leases`;
  const lock = `${dataDir}.lock`;
  const mine = `${lock}.${process.pid}`;
  fs.mkdirSync(leaseDir, { recursive: true });
  fs.writeFileSync(mine, `${process.pid}\n`);
  const deadline = Date.now() + 2 * START_TIMEOUT_MS;
  try {
    for (;;) {
      try {
        fs.linkSync(mine, lock);
        break;
      } catch (err) {
        if (err.code !== 'EEXIST') throw err;
      }
      let owner;
      try {
        owner = Number(fs.readFileSync(lock, 'utf8').trim());
      } catch {
        continue; // released between our link attempt and the read
      }
      if (!pidExists(owner)) fs.rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock} (held by pid ${owner})`);
      else await sleep(100);
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  try {
    return await fn(leaseDir);
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export { KafkaStartError };

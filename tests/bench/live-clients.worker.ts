import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/**
 * A share of projectionLiveLatency's WebSocket clients, on a thread of its own: the thread that
 * produces must not also parse ~25,000 frames a second, or its own queueing shows up as the
 * projection's latency. Arrival times are read from process.hrtime, the same monotonic clock on
 * every thread, counted from the epoch the producing thread hands over.
 */

export interface LiveClientsData {
  readonly wsUrl: string;
  /** The theatre each client of this share watches. */
  readonly theatres: readonly string[];
  readonly epoch: bigint;
  /** Int32 counter of delta frames received, shared with the producing thread. */
  readonly received: SharedArrayBuffer;
}

/** From the producing thread. */
export type ToClients = { readonly op: 'finish' };

/** To the producing thread. */
export type FromClients =
  | { readonly op: 'ready' }
  | { readonly op: 'failed'; readonly message: string }
  /** Milliseconds since the epoch at which each event id reached each client of this share. */
  | { readonly op: 'arrivals'; readonly arrivals: Map<string, number[]> };

const ID_MARK = Buffer.from('"event":{"id":"');
const ID_LENGTH = 36;
const CONNECT_AT_ONCE = 100;

const data = workerData as LiveClientsData;
const port = parentPort;
const received = new Int32Array(data.received);
const arrivals = new Map<string, number[]>();
const sockets: WebSocket[] = [];

const onFrame = (frame: Buffer): void => {
  const at = Number(process.hrtime.bigint() - data.epoch) / 1e6;
  const mark = frame.indexOf(ID_MARK);
  if (mark < 0) return;
  const id = frame.toString('latin1', mark + ID_MARK.length, mark + ID_MARK.length + ID_LENGTH);
  const times = arrivals.get(id);
  if (times === undefined) arrivals.set(id, [at]);
  else times.push(at);
  Atomics.add(received, 0, 1);
};

const connect = (theatre: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(data.wsUrl, { perMessageDeflate: false });
    sockets.push(ws);
    ws.on('message', onFrame);
    ws.once('open', () => {
      ws.send(JSON.stringify({ op: 'subscribe', sub: 's1', channel: 'theatre', theatre }));
      resolve();
    });
    ws.once('error', reject);
  });

const send = (message: FromClients): void => port?.postMessage(message);

async function main(): Promise<void> {
  for (let i = 0; i < data.theatres.length; i += CONNECT_AT_ONCE) await Promise.all(data.theatres.slice(i, i + CONNECT_AT_ONCE).map(connect));
  port?.once('message', (_message: ToClients) => {
    for (const ws of sockets) ws.terminate();
    send({ op: 'arrivals', arrivals });
  });
  send({ op: 'ready' });
}

main().catch((error: unknown) => send({ op: 'failed', message: error instanceof Error ? error.message : String(error) }));

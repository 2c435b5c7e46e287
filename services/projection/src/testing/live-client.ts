import WebSocket from 'ws';

/** A server message of /live, as far as tests look at it. */
export interface LiveMessage {
  readonly kind: string;
  readonly sub?: string;
  readonly channel?: string;
  readonly position?: string;
  readonly reason?: string;
  readonly deltas?: number;
  readonly data?: { readonly event?: { readonly id: string; readonly theatre: string }; readonly events?: readonly { id: string }[]; readonly state?: unknown };
  /** When the test received it (performance.now()). */
  readonly receivedAt: number;
}

/** A /live client for tests: keeps every message, folds delta points into a vector. */
export class LiveClient {
  readonly messages: LiveMessage[] = [];
  private readonly vector = new Map<number, number>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: WebSocket.RawData) => {
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      const message = { ...(JSON.parse(text) as Omit<LiveMessage, 'receivedAt'>), receivedAt: performance.now() };
      this.messages.push(message);
      if (message.kind === 'snapshot' && message.position !== undefined) {
        this.vector.clear();
        for (const pair of message.position.split(',').filter(Boolean)) {
          const [p, o] = pair.split(':').map(Number);
          if (p !== undefined && o !== undefined) this.vector.set(p, o);
        }
      }
      if (message.kind === 'delta' && message.position !== undefined) {
        const [p, o] = message.position.split(':').map(Number);
        if (p !== undefined && o !== undefined && o + 1 > (this.vector.get(p) ?? 0)) this.vector.set(p, o + 1);
      }
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const client = new LiveClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** The position vector this client holds, as the protocol's text. */
  position(): string {
    return [...this.vector.entries()]
      .sort(([a], [b]) => a - b)
      .map(([p, o]) => `${p}:${o}`)
      .join(',');
  }

  of(kind: string, sub?: string): LiveMessage[] {
    return this.messages.filter((m) => m.kind === kind && (sub === undefined || m.sub === sub));
  }

  deltaIds(sub?: string): string[] {
    return this.of('delta', sub).flatMap((m) => (m.data?.event ? [m.data.event.id] : []));
  }

  async waitFor(predicate: (client: LiveClient) => boolean, timeoutMs = 20_000, what = 'messages'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this)) {
      if (Date.now() > deadline) throw new Error(`${what} did not arrive within ${timeoutMs} ms; got ${this.messages.map((m) => m.kind).join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) {
        resolve();
        return;
      }
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** The /live clients a suite opens, all closed when it ends. */
export class LiveClients {
  private readonly opened: LiveClient[] = [];

  /** `url`: asked at each connect, since the projection's port is known only once it started. */
  constructor(private readonly url: () => string) {}

  async connect(): Promise<LiveClient> {
    const client = await LiveClient.connect(this.url());
    this.opened.push(client);
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.map((c) => c.close()));
  }
}

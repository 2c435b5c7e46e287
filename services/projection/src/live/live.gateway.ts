import { Inject, Logger } from '@nestjs/common';
import { WebSocketGateway, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import { ApiKeyRegistry, bearerKey } from '@watchfloor/service-kit';
import type { IncomingMessage } from 'node:http';
import type { WebSocket, WebSocketServer } from 'ws';
import { checkReaderKey, READ_ACCESS, type ReadAccess } from '../app/read-access';
import { LiveHub } from './live-hub';
import { MAX_FRAME_BYTES } from './live-protocol';

export const LIVE_HUB = Symbol('LIVE_HUB');
export const ALLOWED_ORIGINS = Symbol('ALLOWED_ORIGINS');

export const LIVE_PATH = '/live';

/** The key of an upgrade request: `?key=` (browsers cannot set headers on a WebSocket) or a bearer header. */
export const upgradeKey = (request: IncomingMessage): string | undefined => {
  const fromQuery = new URL(request.url ?? '/', 'http://localhost').searchParams.get('key');
  return fromQuery !== null && fromQuery !== '' ? fromQuery : bearerKey(request.headers.authorization);
};

/**
 * `/live` on the HTTP port, through @nestjs/websockets and the `ws` adapter. The gateway only
 * admits connections (origin, key) and hands them to the LiveHub; the protocol lives there.
 * Client frames are capped at 16 KiB by `ws` itself (`maxPayload`: it closes with 1009).
 */
@WebSocketGateway({ path: LIVE_PATH, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false })
export class LiveGateway implements OnGatewayInit<WebSocketServer>, OnGatewayConnection<WebSocket>, OnGatewayDisconnect<WebSocket> {
  private readonly logger = new Logger('Live');

  constructor(
    @Inject(LIVE_HUB) private readonly hub: LiveHub,
    @Inject(ApiKeyRegistry) private readonly keys: ApiKeyRegistry,
    @Inject(READ_ACCESS) private readonly access: ReadAccess,
    @Inject(ALLOWED_ORIGINS) private readonly allowedOrigins: readonly string[] | undefined,
  ) {}

  afterInit(server: WebSocketServer): void {
    // The decorator's options are fixed at compile time; who may connect is configuration.
    server.options.verifyClient = ({ req, origin }: { req: IncomingMessage; origin: string }, done: (ok: boolean, code?: number, message?: string) => void) => {
      // Browsers always send Origin on a WebSocket; other clients need not, and are not a CSRF risk.
      if (this.allowedOrigins !== undefined && origin !== undefined && origin !== '' && !this.allowedOrigins.includes(origin)) {
        this.logger.warn(`refused a live connection from origin ${origin}`);
        done(false, 403, 'origin not allowed');
        return;
      }
      if (this.access.liveRequiresKey) {
        const checked = checkReaderKey(this.keys, upgradeKey(req));
        if (!checked.ok) {
          done(false, checked.status, checked.status === 401 ? 'a reader key is required (?key= or Authorization: Bearer)' : 'the key is not a reader key');
          return;
        }
      }
      done(true);
    };
  }

  /** `request` is the upgrade request: its socket is the one `ws` writes to. */
  handleConnection(client: WebSocket, request?: IncomingMessage): void {
    this.hub.connect(client, request?.socket);
  }

  handleDisconnect(client: WebSocket): void {
    this.hub.disconnect(client);
  }
}

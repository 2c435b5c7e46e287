import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

const DRAIN_TIMEOUT_MS = 10_000;

/**
 * On close Nest stops the HTTP server before the services' onApplicationShutdown hooks (which
 * flush and disconnect Kafka), but it waits for the requests under way without limit. This runs
 * just before that: it stops taking requests and lets those under way finish for at most 10 s,
 * then cuts the connections, so a SIGTERM always ends in bounded time.
 */
@Injectable()
export class GracefulHttpShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Shutdown');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (!server?.listening) return;
    if (signal) this.logger.log(`${signal}: finishing requests under way`);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.closeAllConnections();
        resolve();
      }, DRAIN_TIMEOUT_MS);
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
  }
}

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createProjectionApp } from './app/create-projection-app';

/** The projection and query API as a process of its own, on PORT (see services/projection/README.md). */
const main = async (): Promise<void> => {
  const projection = await createProjectionApp({ shutdownHooks: true });
  const logger = new Logger('Projection');
  logger.log(`query API and /live on ${projection.url} (docs: ${projection.url}/api/docs)${projection.dashboard ? '; the dashboard at /' : ''}`);
  projection.runtime.caughtUp(Number.MAX_SAFE_INTEGER).then(
    (progress) => logger.log(`ready: caught up with ${progress.messages} message(s) in ${Math.round((progress.caughtUpAt ?? 0) - progress.startedAt)} ms`),
    (error: unknown) => logger.error(`the fold stopped: ${error instanceof Error ? error.message : String(error)}`),
  );
};

main().catch((error: unknown) => {
  // The logger may not exist yet (bad environment): plain stderr, then a failing exit code.
  process.stderr.write(`projection failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

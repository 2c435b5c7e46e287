import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createIngestApp } from './app/create-ingest-app';

/** The ingest API as a process of its own, on INGEST_PORT; see services/ingest/README.md for how to run it. */
const main = async (): Promise<void> => {
  const ingest = await createIngestApp({ shutdownHooks: true });
  new Logger('Ingest').log(`ingest API on ${ingest.url} (docs: ${ingest.url}/api/docs)`);
};

main().catch((error: unknown) => {
  // The logger may not exist yet (bad environment): plain stderr, then a failing exit code.
  process.stderr.write(`ingest failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

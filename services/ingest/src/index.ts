export { createIngestApp, DEFAULT_SETTINGS, JSON_BODY_LIMIT, type IngestApp, type IngestAppOptions } from './app/create-ingest-app';
export type { StartupReport } from './app/ingest-lifecycle';

export { createSimulatorApp, loadSimulatorSettings, type SimulatorApp, type SimulatorAppOptions, type SimulatorSettings } from './app/create-simulator-app';
export { httpIngestClient, IngestRejectedError, type EventSink, type SentBatch } from './ingest-client/ingest-client';
export { SimulationRuns, type RunStatus } from './playback/simulation-runs';

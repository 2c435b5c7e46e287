export * from './config';
export * from './errors';
export * from './messages';
export type { ConsumeOptions, LogBatch, LogConsumer, SeekPosition } from './consumer';
export {
  createEventLog,
  createRawProducer,
  type AppendedPosition,
  type ClusterInfo,
  type EventLog,
  type RawProducer,
  type ReadUntilEndOptions,
  type TopicSettings,
} from './event-log';

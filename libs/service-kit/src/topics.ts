import { TOPICS, topicSpecs, type TopicSpec } from '@watchfloor/events';
import type { TopicSettings } from '@watchfloor/kafka';
import type { ServiceConfig } from './config';

export type TopicKey = keyof typeof TOPICS;

/** The contract's topic names with the configured prefix (none by default). */
export const topicsFor = (config: Pick<ServiceConfig, 'topicPrefix'>): Readonly<Record<TopicKey, string>> => ({
  events: `${config.topicPrefix}${TOPICS.events}`,
  parked: `${config.topicPrefix}${TOPICS.parked}`,
  snapshots: `${config.topicPrefix}${TOPICS.snapshots}`,
  alerts: `${config.topicPrefix}${TOPICS.alerts}`,
});

/** The contract's topic specs, renamed with the prefix and sized by WATCHFLOOR_EVENT_PARTITIONS. */
export const topicSettingsFor = (config: Pick<ServiceConfig, 'topicPrefix' | 'eventPartitions'>): TopicSettings[] =>
  topicSpecs(config.eventPartitions).map((spec: TopicSpec) => ({ ...spec, topic: `${config.topicPrefix}${spec.topic}` }));

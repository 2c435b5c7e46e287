/** The Kafka topics of SPEC.md and the settings they are created with. */
export const TOPICS = {
  events: 'crisis.events',
  parked: 'crisis.events.parked',
  snapshots: 'crisis.snapshots',
  alerts: 'crisis.alerts',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export interface TopicSpec {
  readonly topic: TopicName;
  readonly numPartitions: number;
  readonly configEntries: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/** `partitions` is that of the log of record (SPEC: configurable, default 6). */
export const topicSpecs = (partitions = 6): readonly TopicSpec[] => [
  {
    topic: TOPICS.events,
    numPartitions: partitions,
    // The log of record: kept forever, never compacted.
    configEntries: [
      { name: 'retention.ms', value: '-1' },
      { name: 'retention.bytes', value: '-1' },
      { name: 'cleanup.policy', value: 'delete' },
    ],
  },
  {
    topic: TOPICS.parked,
    numPartitions: partitions,
    configEntries: [
      { name: 'retention.ms', value: '-1' },
      { name: 'cleanup.policy', value: 'delete' },
    ],
  },
  {
    topic: TOPICS.snapshots,
    numPartitions: 1,
    // Only the newest snapshot per projection matters.
    configEntries: [
      { name: 'cleanup.policy', value: 'compact' },
      { name: 'max.message.bytes', value: String(64 * 1024 * 1024) },
    ],
  },
  {
    topic: TOPICS.alerts,
    numPartitions: partitions,
    configEntries: [{ name: 'retention.ms', value: String(30 * 24 * 3600 * 1000) }],
  },
];

import type { EncodedMessage } from '@watchfloor/events';
import { headerText, type EventLog, type LogMessage } from '@watchfloor/kafka';
import type { EventAppender, RecordedEventIds } from './event-log.port';

const idOf = (message: LogMessage): string | undefined => {
  const header = headerText(message, 'ce_id');
  if (header) return header;
  // A message someone wrote without CloudEvents headers may still carry its id in the value.
  try {
    const value: unknown = JSON.parse(message.value?.toString('utf8') ?? 'null');
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

/** The ports of the use case, on `crisis.events` through libs/kafka. */
export class KafkaEventLogAdapter implements EventAppender, RecordedEventIds {
  constructor(
    private readonly log: EventLog,
    private readonly topic: string,
  ) {}

  async append(messages: readonly EncodedMessage[]): Promise<void> {
    await this.log.send(this.topic, messages);
  }

  async readRecordedIds(onIds: (ids: readonly string[]) => void): Promise<{ messages: number; withoutId: number }> {
    let withoutId = 0;
    const { messages } = await this.log.readUntilEnd({
      topic: this.topic,
      groupPrefix: 'watchfloor-ingest-ids',
      onBatch: (batch) => {
        const ids: string[] = [];
        for (const message of batch.messages) {
          const id = idOf(message);
          if (id === undefined) withoutId += 1;
          else ids.push(id);
        }
        onIds(ids);
      },
    });
    return { messages, withoutId };
  }
}

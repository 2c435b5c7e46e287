#!/usr/bin/env node
// Usage: node infra/kafka/scripts/kafka.mjs start|stop|reset|status
// Env: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093), KAFKA_DATA_DIR (.data/kafka),
//      KAFKA_HEAP_OPTS (-Xms256m -Xmx512m). See infra/kafka/README.md.
import { kafkaStatus, resetKafka, startKafka, stopKafka } from './kafka-control.mjs';

const commands = {
  start: () => startKafka(),
  stop: () => stopKafka(),
  reset: () => resetKafka(),
  status: async () => {
    const s = await kafkaStatus();
    const owner = s.pid ? `, pid ${s.pid} started by kafka.mjs` : '';
    console.log(s.up ? `kafka: up on ${s.brokers} (cluster ${s.clusterId}${owner})` : `kafka: down on ${s.brokers}${owner}`);
    // Non-zero when down so scripts can use `status` as a check.
    if (!s.up) process.exitCode = 1;
  },
};

const command = commands[process.argv[2]];
if (!command) {
  console.error('usage: node infra/kafka/scripts/kafka.mjs start|stop|reset|status');
  process.exit(2);
}
try {
  await command();
} catch (err) {
  console.error(`kafka: ${err.message}`);
  process.exitCode = 1;
}

import { DEFAULT_TOPIC_PREFIX } from './cloud-event.js';

export interface KafkaEnvConfig {
  /** From KAFKA_BROKERS (comma-separated host:port); empty when unset (Kafka disabled). */
  brokers: string[];
  /** KAFKA_TOPIC_PREFIX, default 'donthu'. */
  topicPrefix: string;
  /** KAFKA_CLIENT_ID, default 'donthu-relay'. */
  clientId: string;
}

/** Reads the relay's settings from the environment (docs/messaging.md). */
export function kafkaConfigFromEnv(env: Record<string, string | undefined>): KafkaEnvConfig {
  const brokers = (env.KAFKA_BROKERS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  const topicPrefix = env.KAFKA_TOPIC_PREFIX?.trim() || DEFAULT_TOPIC_PREFIX;
  if (!/^[a-zA-Z0-9._-]+$/.test(topicPrefix))
    throw new Error(`KAFKA_TOPIC_PREFIX has characters Kafka forbids: ${topicPrefix}`);
  return { brokers, topicPrefix, clientId: env.KAFKA_CLIENT_ID?.trim() || 'donthu-relay' };
}

export {
  CLOUDEVENTS_CONTENT_TYPE,
  CLOUDEVENTS_SPEC_VERSION,
  DEFAULT_EVENT_SOURCE,
  DEFAULT_TOPIC_PREFIX,
  DEFAULT_TYPE_PREFIX,
  parseCloudEvent,
  streamCategory,
  toCloudEvent,
  toKafkaMessage,
  topicFor,
  type CloudEventOptions,
  type DonthuCloudEvent,
  type DonthuEventData,
  type OutboundMessage,
  type PublishedMetadata,
} from './cloud-event.js';
export { createDeduper, type Deduper } from './dedupe.js';
export {
  KafkaRelay,
  type KafkaRelayOptions,
  type RelayLogger,
  type RelayRetryOptions,
} from './kafka-relay.js';
export { kafkaConfigFromEnv, type KafkaEnvConfig } from './kafka-config.js';

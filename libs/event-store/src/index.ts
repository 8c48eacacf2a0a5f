export * from './event-store.port.js';
export { EventTypeRegistry, type EventTypeDefinition, type Upcaster } from './event-type-registry.js';
export { GENESIS_HASH, canonicalJson, computeEventHash, type HashedEventFields } from './hash-chain.js';
export {
  EVENTS_NOTIFY_CHANNEL,
  listenForAppends,
  subscribe,
  type AppendListener,
  type Subscription,
  type SubscriptionOptions,
} from './subscription.js';
export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres/postgres-event-store.js';
export { EVENT_STORE_MIGRATIONS, CreateEvents1760000000000 } from './postgres/migrations/index.js';
export { runEventStoreMigrations } from './postgres/migrate.js';
export { startEmbeddedDatabase, type EmbeddedDatabase, type EmbeddedOptions } from './postgres/embedded.js';

// Used by the other libraries and the apps.
export {
  CreateAnchorHeads1760000018300,
  CreateAnchors1760000005000,
  listAnchors,
  recordAnchor,
  verifyAnchor,
} from './anchors.js';
export {
  DuplicateEventId,
  type EventActor,
  type EventStore,
  type FoldEvent,
  type GlobalCheckpoint,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllOfTypesOptions,
  type TypedBatch,
  readStreamForFold,
  START_OF_LOG,
  type StoredEvent,
  VersionConflict,
} from './event-store.port.js';
export { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
export {
  deleteCheckpoint,
  eventsAfter,
  readCheckpoint,
  type SqlQuery,
  viaManager,
  viaPool,
  writeCheckpoint,
} from './postgres/checkpoints.js';
export { migrateUnderLock } from './postgres/migrate.js';

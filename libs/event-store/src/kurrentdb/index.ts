export { KurrentDbEventStore, type KurrentDbEventStoreOptions } from './kurrentdb-event-store.js';
export {
  CHAIN_KEY,
  CLAIM_STREAM_PREFIX,
  STREAM_MARKER,
  checkpointOfPosition,
  comparePositions,
  readPositionOfCheckpoint,
  revisionOfVersion,
  streamStateForVersion,
  versionOfRevision,
  versionOfStreamState,
} from './kurrentdb-mapping.js';

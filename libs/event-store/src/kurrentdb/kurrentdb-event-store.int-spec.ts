import { it } from '@jest/globals';
import { eventStoreContract } from '../testing/event-store.contract.js';
import { KurrentDbEventStore } from './kurrentdb-event-store.js';

const url = process.env.KURRENTDB_URL;

if (url) {
  // The server is shared by every run: the suite uses fresh stream ids and never deletes anything.
  eventStoreContract(
    'kurrentdb',
    async () => {
      const store = KurrentDbEventStore.connect(url);
      return {
        store,
        concurrent: true,
        // No rawQuery (no SQL to tamper with) and no beginTransaction (no multi-append transactions):
        // the suite skips the tampering and late-commit tests.
        derive: (options) => store.derive(options),
        cleanup: () => store.close(),
      };
    },
    { concurrent: true, rawQuery: false, derive: true, beginTransaction: false },
  );
} else {
  const message = 'KurrentDB contract suite SKIPPED: set KURRENTDB_URL=esdb://host:2113?tls=false to run it';
  console.warn(message);
  it.skip(message, () => undefined);
}

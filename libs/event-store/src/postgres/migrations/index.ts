import { CreateEvents1760000000000 } from './1760000000000-create-events.js';

export { CreateEvents1760000000000 };

/** The event store's migrations, in order (class list, not a glob: toolchain.md). */
export const EVENT_STORE_MIGRATIONS = [CreateEvents1760000000000];

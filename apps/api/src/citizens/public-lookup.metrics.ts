import { Counter } from 'prom-client';

/**
 * Public lookups that matched no case (a wrong, malformed or missing PIN, or an unknown tracking
 * code — they are not told apart), exposed by GET /metrics. A steady rise is someone guessing.
 */
export const publicLookupFailures = new Counter({
  name: 'donthu_public_lookup_failures_total',
  help: 'public case lookups that matched no case (wrong PIN or unknown tracking code)',
  registers: [],
});

/** Public lookups refused by PUBLIC_LOOKUP_PER_MIN. */
export const publicLookupRateLimited = new Counter({
  name: 'donthu_public_lookup_rate_limited_total',
  help: 'public case lookups refused by the per-address limit',
  registers: [],
});

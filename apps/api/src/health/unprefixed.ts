/**
 * Paths served outside `/api/v1`: probes and the Prometheus scrape (infra and monitoring use them as
 * they are), and Open311 GeoReport v2 under `/open311/v2` (docs/reference/api-contract.md, Conventions; docs/open311.md).
 */
export const UNPREFIXED_PATHS = ['health', 'health/live', 'health/ready', 'metrics', 'open311/v2/*path'];

/** Paths served outside `/api/v1`: probes and the Prometheus scrape (infra and monitoring use them as they are). */
export const UNPREFIXED_PATHS = ['health', 'health/live', 'health/ready', 'metrics'];

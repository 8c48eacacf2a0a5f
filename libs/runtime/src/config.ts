import { resolve } from 'node:path';
import { kafkaConfigFromEnv } from '../../messaging/src/index.js';
import { DEFAULT_LEASE_RENEW_MS, DEFAULT_LEASE_TTL_MS } from '../../read-models/src/index.js';
import { authConfigFromEnv, durationSeconds, type AuthConfig } from '../../security/src/index.js';
import { resolveSecrets, type Secrets } from './secrets.js';

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const EVENT_STORES = ['postgres', 'kurrentdb'] as const;

/** A setting the process cannot use: start-up stops with this one line, naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The one typed view of the process environment: the only place that reads `process.env` (a lint rule
 * keeps it so). Every value is validated here, at start-up; every setting is documented in the
 * README's table.
 */
export interface AppConfig {
  nodeEnv: (typeof NODE_ENVS)[number];
  production: boolean;
  port: number;
  host: string;
  /** The worker's own listener (probes, metrics) when it runs alone; 0 = any free port. */
  workerPort: number;
  /** A PostgreSQL server; undefined = the embedded database in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /**
   * EMBEDDED_DB_TCP=1: the embedded database also listens on 127.0.0.1 (any free port), for tools
   * that speak only TCP. Default: a unix socket inside DATA_DIR only (the directory is mode 0700).
   */
  embeddedDbTcp: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  rateLimitPerMin: number;
  corsOrigins: string[];
  calendarDir?: string;
  demo: boolean;
  /** The console's demo sign-in (DEMO_SIGN_IN=1): only on the embedded database, never in production. */
  demoSignIn: boolean;
  projectionPollMs: number;
  watcherIntervalMs: number;
  anchorIntervalMs: number;
  /** Commune chairs must receive citizens at least one day a week (true) or a month (false). */
  communeReceptionWeekly: boolean;
  /** LATE_ENTRY_GRACE_DAYS (docs/reference/deadlines.md §9): working days after which an act is a late entry. */
  lateEntryGraceDays: number;
  /**
   * IMPORT_CUTOVER (docs/reference/deadlines.md §9): the date the agency began recording in donthu; every imported act
   * must be dated before it. Unset: before the day of the import.
   */
  importCutover?: string;
  /** IMPORT_MAX_BYTES: the largest file POST /admin/import takes (default 10 MB). */
  importMaxBytes: number;
  eventStore: (typeof EVENT_STORES)[number];
  kurrentDbUrl?: string;
  kafkaBrokers: string[];
  kafkaTopicPrefix: string;
  /** How long a pending Idempotency-Key claim holds before a retry may take it over (a crashed request). */
  idempotencyLeaseMs: number;
  /** How long a key answers replays; older keys answer 422 (IDEMPOTENCY_RETENTION, default 24 h). */
  idempotencyRetentionSec: number;
  /** The console's production build (CONSOLE_DIR); default dist/console. */
  consoleDir?: string;
  /** The Kafka client id of the relay (KAFKA_CLIENT_ID). */
  kafkaClientId: string;
  /** Honour X-Forwarded-* from one proxy hop (TRUST_PROXY). */
  trustProxy: boolean;
  /** Connections of the process's pool (PG_POOL_MAX). */
  pgPoolMax: number;
  /** The agency's overrides of the rule table (RULE_OVERRIDES_FILE); default data/rule-overrides.json if present. */
  ruleOverridesFile?: string;
  /** Worker leases on projections (PROJECTION_LEASE_TTL_MS, PROJECTION_LEASE_RENEW_MS). */
  projectionLeaseTtlMs: number;
  projectionLeaseRenewMs: number;
  /** How bearer tokens are verified (AUTH_JWKS_URL, AUTH_JWT_PUBLIC_KEY, AUTH_JWT_ISSUER, …); the HS256 secret comes with the secrets. */
  auth: Omit<AuthConfig, 'hsSecret'>;
  /** The address citizens use (printed on receipts as the lookup URL); no trailing slash. */
  publicUrl: string;
  /** Public case lookups a minute per address (PUBLIC_LOOKUP_PER_MIN). */
  publicLookupPerMin: number;
  /** The units' letterheads for official papers (LETTERHEADS_FILE); default data/letterheads.json if present. */
  letterheadsFile?: string;
  /** The console's OpenID Connect sign-in (OIDC_ISSUER_URL and the other OIDC_* settings); undefined = off. */
  oidc?: OidcSettings;
}

/**
 * The console's sign-in through an OpenID Connect provider (authorization code flow with PKCE,
 * docs/security.md): where the provider is, who donthu is to it, and which of its claims carry
 * docs/reference/api-contract.md's claims (dot paths into the ID token and userinfo, e.g. Keycloak's `realm_access.roles`).
 */
export interface OidcSettings {
  issuerUrl: string;
  clientId: string;
  /** A confidential client's secret (client_secret_basic); none = a public client (PKCE only). */
  clientSecret?: string;
  /** Where the provider sends the browser back: …/api/v1/auth/oidc/callback. */
  redirectUrl: string;
  /** Where the provider sends the browser after signing out: the console's sign-in page. */
  postLogoutRedirectUrl: string;
  scopes: string;
  subjectClaim: string;
  nameClaim: string;
  rolesClaim: string;
  /** Only the provider's roles with this prefix count, without it (e.g. `donthu-` → `donthu-handler`). */
  rolePrefix: string;
  unitClaim: string;
  /** http:// issuers (a provider on this machine); refused in production. */
  allowHttp: boolean;
}

function oidcSettings(
  env: NodeJS.ProcessEnv,
  publicUrl: string,
  production: boolean,
): OidcSettings | undefined {
  const issuerUrl = env.OIDC_ISSUER_URL?.trim();
  if (!issuerUrl) return undefined;
  const url = (name: string, value: string): string => {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw new ConfigError(name, `${name} must be an absolute URL, got "${value}"`);
    }
    if (u.protocol !== 'https:' && (production || u.protocol !== 'http:'))
      throw new ConfigError(name, `${name} must be an https URL${production ? ' in production' : ''}`);
    return value;
  };
  const clientId = env.OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new ConfigError('OIDC_CLIENT_ID', 'OIDC_CLIENT_ID is required with OIDC_ISSUER_URL');
  if (production && !env.AUTH_JWT_SECRET)
    throw new ConfigError(
      'AUTH_JWT_SECRET',
      'OIDC_ISSUER_URL in production requires AUTH_JWT_SECRET: donthu signs its own short-lived tokens',
    );
  const text = (name: string, fallback: string) => env[name]?.trim() || fallback;
  return {
    issuerUrl: url('OIDC_ISSUER_URL', issuerUrl),
    clientId,
    clientSecret: env.OIDC_CLIENT_SECRET || undefined,
    redirectUrl: url(
      'OIDC_REDIRECT_URL',
      text('OIDC_REDIRECT_URL', `${publicUrl}/api/v1/auth/oidc/callback`),
    ),
    postLogoutRedirectUrl: url(
      'OIDC_POST_LOGOUT_REDIRECT_URL',
      text('OIDC_POST_LOGOUT_REDIRECT_URL', `${publicUrl}/dang-nhap`),
    ),
    scopes: text('OIDC_SCOPES', 'openid profile'),
    subjectClaim: text('OIDC_SUBJECT_CLAIM', 'sub'),
    nameClaim: text('OIDC_NAME_CLAIM', 'name'),
    rolesClaim: text('OIDC_ROLES_CLAIM', 'realm_access.roles'),
    rolePrefix: env.OIDC_ROLE_PREFIX?.trim() ?? '',
    unitClaim: text('OIDC_UNIT_CLAIM', 'unit_id'),
    allowHttp: !production,
  };
}

function int(value: string | undefined, fallback: number, name: string, min = 0): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min)
    throw new ConfigError(
      name,
      `${name} must be ${min > 0 ? 'a positive' : 'a non-negative'} integer, got "${value}"`,
    );
  return n;
}

/** A date setting (YYYY-MM-DD, a real day). */
function isoDateSetting(value: string, name: string): string {
  const v = value.trim();
  const d = new Date(`${v}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v)
    throw new ConfigError(name, `${name} must be a date written YYYY-MM-DD, got "${value}"`);
  return v;
}

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/** A boolean setting: a misspelt value stops start-up rather than silently meaning "false". */
function retention(value: string | undefined): number {
  if (value === undefined || value === '') return 24 * 3600;
  const n = durationSeconds(value);
  if (n === null || n < 1)
    throw new Error(`IDEMPOTENCY_RETENTION must be a duration such as 24h, got "${value}"`);
  return n;
}

function bool(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim().toLowerCase();
  if (TRUE.includes(v)) return true;
  if (FALSE.includes(v)) return false;
  throw new ConfigError(name, `${name} must be true or false (or 1/0, yes/no, on/off), got "${value}"`);
}

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
  name: string,
): T {
  if (value === undefined || value.trim() === '') return fallback;
  const v = value.trim();
  if (!(allowed as readonly string[]).includes(v))
    throw new ConfigError(name, `${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  return v as T;
}

/** Runs a parser owned by another library, turning its error into one naming the variable. */
function parsed<T>(name: string, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new ConfigError(name, message.includes(name) ? message : `${name}: ${message}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const nodeEnv = oneOf(env.NODE_ENV, NODE_ENVS, 'development', 'NODE_ENV');
  const demoSignIn = bool(env.DEMO_SIGN_IN, false, 'DEMO_SIGN_IN');
  if (demoSignIn && nodeEnv === 'production') {
    throw new ConfigError(
      'DEMO_SIGN_IN',
      'DEMO_SIGN_IN=1 is refused with NODE_ENV=production: demo sign-in issues tokens to anyone',
    );
  }
  const kafka = parsed('KAFKA_TOPIC_PREFIX', () => kafkaConfigFromEnv(env));
  const projectionLeaseTtlMs = int(
    env.PROJECTION_LEASE_TTL_MS,
    DEFAULT_LEASE_TTL_MS,
    'PROJECTION_LEASE_TTL_MS',
    1,
  );
  const projectionLeaseRenewMs = int(
    env.PROJECTION_LEASE_RENEW_MS,
    DEFAULT_LEASE_RENEW_MS,
    'PROJECTION_LEASE_RENEW_MS',
    1,
  );
  const { hsSecret: _secret, ...auth } = parsed('AUTH_JWT_CLOCK_TOLERANCE_SEC', () =>
    authConfigFromEnv({ ...env, AUTH_JWT_SECRET: undefined }),
  );
  const publicUrl = (env.PUBLIC_URL || `http://localhost:${int(env.PORT, 3000, 'PORT')}`).replace(/\/+$/, '');
  return {
    nodeEnv,
    production: nodeEnv === 'production',
    port: int(env.PORT, 3000, 'PORT'),
    workerPort: int(env.WORKER_PORT, 3001, 'WORKER_PORT'),
    host: env.HOST || '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR || './.donthu/data'),
    embeddedDbTcp: bool(env.EMBEDDED_DB_TCP, false, 'EMBEDDED_DB_TCP'),
    logLevel: oneOf(env.LOG_LEVEL, LOG_LEVELS, 'info', 'LOG_LEVEL'),
    rateLimitPerMin: int(env.RATE_LIMIT_PER_MIN, 600, 'RATE_LIMIT_PER_MIN'),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    calendarDir: env.CALENDAR_DIR || undefined,
    demo: bool(env.DONTHU_DEMO, false, 'DONTHU_DEMO'),
    demoSignIn,
    projectionPollMs: int(env.PROJECTION_POLL_MS, 250, 'PROJECTION_POLL_MS'),
    watcherIntervalMs: int(env.WATCHER_INTERVAL_MS, 5 * 60_000, 'WATCHER_INTERVAL_MS'),
    anchorIntervalMs: int(env.ANCHOR_INTERVAL_MS, 15 * 60_000, 'ANCHOR_INTERVAL_MS'),
    communeReceptionWeekly: bool(env.COMMUNE_RECEPTION_WEEKLY, true, 'COMMUNE_RECEPTION_WEEKLY'),
    lateEntryGraceDays: int(env.LATE_ENTRY_GRACE_DAYS, 3, 'LATE_ENTRY_GRACE_DAYS'),
    ...(env.IMPORT_CUTOVER ? { importCutover: isoDateSetting(env.IMPORT_CUTOVER, 'IMPORT_CUTOVER') } : {}),
    importMaxBytes: int(env.IMPORT_MAX_BYTES, 10 * 1024 * 1024, 'IMPORT_MAX_BYTES', 1),
    eventStore: oneOf(env.EVENT_STORE, EVENT_STORES, 'postgres', 'EVENT_STORE'),
    kurrentDbUrl: env.KURRENTDB_URL || undefined,
    idempotencyLeaseMs: int(env.IDEMPOTENCY_LEASE_MS, 30_000, 'IDEMPOTENCY_LEASE_MS'),
    idempotencyRetentionSec: retention(env.IDEMPOTENCY_RETENTION),
    kafkaBrokers: kafka.brokers,
    kafkaTopicPrefix: kafka.topicPrefix,
    kafkaClientId: kafka.clientId,
    consoleDir: env.CONSOLE_DIR || undefined,
    trustProxy: bool(env.TRUST_PROXY, false, 'TRUST_PROXY'),
    pgPoolMax: int(env.PG_POOL_MAX, 20, 'PG_POOL_MAX', 1),
    ruleOverridesFile: env.RULE_OVERRIDES_FILE || undefined,
    projectionLeaseTtlMs,
    projectionLeaseRenewMs,
    auth,
    publicUrl,
    publicLookupPerMin: int(env.PUBLIC_LOOKUP_PER_MIN, 10, 'PUBLIC_LOOKUP_PER_MIN'),
    letterheadsFile: env.LETTERHEADS_FILE || undefined,
    oidc: oidcSettings(env, publicUrl, nodeEnv === 'production'),
  };
}

/** The secrets (AUTH_JWT_SECRET, VAULT_MASTER_KEY; generated into DATA_DIR in development), for `config`. */
export function loadSecrets(config: AppConfig, env: NodeJS.ProcessEnv = process.env): Secrets {
  return resolveSecrets(env, config.dataDir, config.production);
}

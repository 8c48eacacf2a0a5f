import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './config.js';

/** Every setting is validated once, at start-up: a value that cannot be used stops the process, naming it. */
const failure = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
};

describe('loadConfig', () => {
  it('has the documented defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      nodeEnv: 'development',
      production: false,
      port: 3000,
      host: '0.0.0.0',
      logLevel: 'info',
      rateLimitPerMin: 600,
      demo: false,
      communeReceptionWeekly: true,
      eventStore: 'postgres',
      kafkaBrokers: [],
      kafkaTopicPrefix: 'donthu',
      kafkaClientId: 'donthu-relay',
      trustProxy: false,
      pgPoolMax: 20,
      projectionLeaseTtlMs: 10_000,
      projectionLeaseRenewMs: 2_000,
      auth: {},
    });
    expect(c.databaseUrl).toBeUndefined();
    expect(c.ruleOverridesFile).toBeUndefined();
  });

  it('stops on a misspelt boolean instead of reading it as false', () => {
    const e = failure({ COMMUNE_RECEPTION_WEEKLY: 'flase' });
    expect(e.variable).toBe('COMMUNE_RECEPTION_WEEKLY');
    expect(e.message).toBe(
      'COMMUNE_RECEPTION_WEEKLY must be true or false (or 1/0, yes/no, on/off), got "flase"',
    );
    expect(failure({ DONTHU_DEMO: 'yess' }).variable).toBe('DONTHU_DEMO');
    expect(failure({ TRUST_PROXY: '2' }).variable).toBe('TRUST_PROXY');
  });

  it('reads every spelling of a boolean it documents', () => {
    for (const v of ['1', 'true', 'TRUE', 'yes', 'on', ' True '])
      expect(loadConfig({ DONTHU_DEMO: v }).demo).toBe(true);
    for (const v of ['0', 'false', 'False', 'no', 'off'])
      expect(loadConfig({ COMMUNE_RECEPTION_WEEKLY: v }).communeReceptionWeekly).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(true);
  });

  it('stops on an unknown value of an enumerated setting, listing the allowed ones', () => {
    expect(failure({ EVENT_STORE: 'mongodb' }).message).toBe(
      'EVENT_STORE must be one of postgres, kurrentdb, got "mongodb"',
    );
    expect(failure({ LOG_LEVEL: 'verbose' }).variable).toBe('LOG_LEVEL');
    expect(failure({ NODE_ENV: 'prod' }).variable).toBe('NODE_ENV');
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
  });

  it('stops on numbers it cannot use', () => {
    expect(failure({ PORT: '80a' }).variable).toBe('PORT');
    expect(failure({ RATE_LIMIT_PER_MIN: '-1' }).variable).toBe('RATE_LIMIT_PER_MIN');
    expect(failure({ PROJECTION_POLL_MS: '2.5' }).variable).toBe('PROJECTION_POLL_MS');
    expect(failure({ PG_POOL_MAX: '0' }).variable).toBe('PG_POOL_MAX');
    expect(failure({ PROJECTION_LEASE_TTL_MS: '0' }).variable).toBe('PROJECTION_LEASE_TTL_MS');
    expect(failure({ AUTH_JWT_CLOCK_TOLERANCE_SEC: '9999' }).variable).toBe('AUTH_JWT_CLOCK_TOLERANCE_SEC');
    expect(loadConfig({ RATE_LIMIT_PER_MIN: '0', PG_POOL_MAX: '5' })).toMatchObject({
      rateLimitPerMin: 0,
      pgPoolMax: 5,
    });
  });

  it('reads the Kafka settings, KAFKA_CLIENT_ID included', () => {
    const c = loadConfig({
      KAFKA_BROKERS: 'k1:9092, k2:9092',
      KAFKA_TOPIC_PREFIX: 'tinh-nb',
      KAFKA_CLIENT_ID: 'donthu-relay-nb',
    });
    expect(c.kafkaBrokers).toEqual(['k1:9092', 'k2:9092']);
    expect(c.kafkaTopicPrefix).toBe('tinh-nb');
    expect(c.kafkaClientId).toBe('donthu-relay-nb');
    expect(failure({ KAFKA_TOPIC_PREFIX: 'a/b' }).variable).toBe('KAFKA_TOPIC_PREFIX');
  });

  it('reads the token-verification settings but never the shared secret into the config', () => {
    const c = loadConfig({
      AUTH_JWT_SECRET: 'a-secret-a-secret-a-secret-a-secret-0123',
      AUTH_JWT_ISSUER: 'https://sso.example.gov.vn',
      AUTH_JWT_AUDIENCE: 'donthu',
      AUTH_JWT_CLOCK_TOLERANCE_SEC: '10',
    });
    expect(c.auth).toEqual({
      issuer: 'https://sso.example.gov.vn',
      audience: 'donthu',
      clockToleranceSec: 10,
    });
    expect(JSON.stringify(c)).not.toContain('a-secret');
  });
});

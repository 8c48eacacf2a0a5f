import { randomBytes } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { freshDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { createKeyring, keyIdOf } from './keyring.js';
import { SECURITY_MIGRATIONS } from './migrations/security.migrations.js';
import { PersonalDataVault, newPersonRef } from './personal-data-vault.js';
import { VaultError } from './vault-error.js';

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    expect(e).toBeInstanceOf(VaultError);
    return (e as VaultError).code;
  }
};

describe('PersonalDataVault (database)', () => {
  let db: TestDatabase;
  let pool: pg.Pool;
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const person = { fullName: 'Nguyễn Văn An', idNumber: '001203004567', address: '12 Lê Lợi, TP. Huế' };

  beforeAll(async () => {
    db = await freshDatabase();
    const dataSource = new DataSource({ type: 'postgres', url: db.url, migrations: SECURITY_MIGRATIONS });
    await dataSource.initialize();
    await dataSource.runMigrations();
    await dataSource.destroy();
    pool = new pg.Pool({ connectionString: db.url, max: 4 });
    // An idle client cut off by the server (a restart, a dropped test database) is replaced on the next
    // query; without a listener the pool's 'error' event would end the process.
    pool.on('error', () => undefined);
  }, 60_000); // starting PGlite can take several seconds on a busy machine

  afterAll(async () => {
    await pool?.end();
    await db?.drop();
  }, 60_000);

  const vaultWith = (...keys: Buffer[]) =>
    new PersonalDataVault({ pool, keyring: createKeyring(keys[0], keys.slice(1)) });

  it('seals and opens a round trip, and the stored blobs hold no plaintext', async () => {
    const vault = vaultWith(k1);
    const ref = newPersonRef();
    const sealed = await vault.seal(ref, person);
    expect(sealed).toMatch(/^v1\./);
    for (const part of ['Nguyễn', '001203004567', 'Lê Lợi']) expect(sealed).not.toContain(part);
    expect(await vault.open(ref, sealed)).toEqual(person);

    const second = await vault.seal(ref, { phone: '0912345678' });
    expect(await vault.open(ref, second)).toEqual({ phone: '0912345678' });
    const { rows } = await pool.query('SELECT * FROM vault_keys WHERE person_ref = $1', [ref]);
    expect(rows).toHaveLength(1);
    expect(rows[0].key_id).toBe(keyIdOf(k1));
    expect(JSON.stringify(rows[0])).not.toContain(k1.toString('base64'));
  });

  it('creates one key when several seals for a new person race', async () => {
    const vault = vaultWith(k1);
    const ref = newPersonRef();
    const sealed = await Promise.all([1, 2, 3, 4, 5].map((n) => vault.seal(ref, { n })));
    expect(await Promise.all(sealed.map((s) => vault.open(ref, s)))).toEqual(
      [1, 2, 3, 4, 5].map((n) => ({ n })),
    );
  });

  it('refuses a value sealed for another person (AAD)', async () => {
    const vault = vaultWith(k1);
    const a = newPersonRef();
    const b = newPersonRef();
    const sealedForA = await vault.seal(a, person);
    await vault.seal(b, { other: true });
    expect(await codeOf(vault.open(b, sealedForA))).toBe('DECRYPT_FAILED');
    expect(await codeOf(vault.open(newPersonRef(), sealedForA))).toBe('KEY_NOT_FOUND');
  });

  it('erase crypto-shreds: open gives null, the row remains without key material, erase is idempotent', async () => {
    const vault = vaultWith(k1);
    const ref = newPersonRef();
    const sealed = await vault.seal(ref, person);
    expect(await vault.erase(ref)).toBe(true);
    expect(await vault.open(ref, sealed)).toBeNull();
    expect(await vault.erase(ref)).toBe(false);
    expect(await vault.erase(newPersonRef())).toBe(false);
    const { rows } = await pool.query('SELECT wrapped_key, erased_at FROM vault_keys WHERE person_ref = $1', [
      ref,
    ]);
    expect(rows[0].wrapped_key).toBeNull();
    expect(rows[0].erased_at).toBeInstanceOf(Date);
    expect(await codeOf(vault.seal(ref, person))).toBe('PERSON_ERASED');
  });

  it('sealMany seals for new and known persons at once, each under its own key; an erased person is refused', async () => {
    const vault = vaultWith(k1);
    const [known, fresh] = [newPersonRef(), newPersonRef()];
    const before = await vault.seal(known, { n: 'before' });
    const sealed = await vault.sealMany([
      { personRef: fresh, value: { n: 'fresh' } },
      { personRef: known, value: { n: 'known' } },
      { personRef: fresh, value: { n: 'fresh again' } },
    ]);
    expect(await vault.openMany([{ personRef: known, sealed: before }])).toEqual([{ n: 'before' }]);
    expect(
      await vault.openMany([
        { personRef: fresh, sealed: sealed[0] },
        { personRef: known, sealed: sealed[1] },
        { personRef: fresh, sealed: sealed[2] },
      ]),
    ).toEqual([{ n: 'fresh' }, { n: 'known' }, { n: 'fresh again' }]);
    // Bound to its person (AAD): the known person's blob does not open as the new one's.
    expect(await codeOf(vault.open(fresh, sealed[1]))).toBe('DECRYPT_FAILED');
    const { rows } = await pool.query(
      'SELECT count(*)::int AS n FROM vault_keys WHERE person_ref = ANY($1)',
      [[known, fresh]],
    );
    expect(rows[0].n).toBe(2);
    await vault.erase(known);
    expect(await codeOf(vault.sealMany([{ personRef: known, value: person }]))).toBe('PERSON_ERASED');
    expect(await vault.sealMany([])).toEqual([]);
  });

  it('openMany opens a batch in order, erased persons as null', async () => {
    const vault = vaultWith(k1);
    const [a, b, c] = [newPersonRef(), newPersonRef(), newPersonRef()];
    const items = [
      { personRef: a, sealed: await vault.seal(a, { n: 'a1' }) },
      { personRef: b, sealed: await vault.seal(b, { n: 'b' }) },
      { personRef: a, sealed: await vault.seal(a, { n: 'a2' }) },
      { personRef: c, sealed: await vault.seal(c, { n: 'c' }) },
    ];
    await vault.erase(c);
    expect(await vault.openMany(items)).toEqual([{ n: 'a1' }, { n: 'b' }, { n: 'a2' }, null]);
    expect(await vault.openMany([])).toEqual([]);
  });

  it('rotation rewraps every live key, after which the old master key can be dropped', async () => {
    await pool.query('DELETE FROM vault_keys');
    const old = vaultWith(k1);
    const refs = Array.from({ length: 7 }, () => newPersonRef());
    const sealed = await Promise.all(refs.map((r, i) => old.seal(r, { i })));
    await old.erase(refs[6]);

    // Without the old key, the existing data keys cannot be unwrapped.
    expect(await codeOf(vaultWith(k2).open(refs[0], sealed[0]))).toBe('MASTER_KEY_MISSING');

    const rotating = new PersonalDataVault({ pool, keyring: createKeyring(k2, [k1]), batchSize: 2 });
    expect(await rotating.rewrap()).toBe(6);
    expect(await rotating.rewrap()).toBe(0);
    expect(await rotating.keyUsage()).toEqual({ live: { [keyIdOf(k2)]: 6 }, erased: 1 });

    const fresh = vaultWith(k2);
    for (let i = 0; i < 6; i++) expect(await fresh.open(refs[i], sealed[i])).toEqual({ i });
    expect(await fresh.open(refs[6], sealed[6])).toBeNull();
  });

  it('rewrap(newActiveKeyId) switches the active key first', async () => {
    await pool.query('DELETE FROM vault_keys');
    const vault = vaultWith(k1, k2);
    const ref = newPersonRef();
    const sealed = await vault.seal(ref, person);
    expect(await vault.rewrap(keyIdOf(k2))).toBe(1);
    expect(vault.activeKeyId).toBe(keyIdOf(k2));
    expect(await vaultWith(k2).open(ref, sealed)).toEqual(person);
    expect(await codeOf(vault.rewrap('unknown'))).toBe('INVALID_KEY');
  });
});

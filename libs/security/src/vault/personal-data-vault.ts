import type pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { newDataKey, openWithKey, sealWithKey, unwrapDataKey, wrapDataKey } from './envelope.js';
import { assertValidKeyring, type Keyring } from './keyring.js';
import { VaultError } from './vault-error.js';

export interface PersonalDataVaultOptions {
  /** A pg pool (or anything with the same `query`); the vault never opens a transaction. */
  pool: Pick<pg.Pool, 'query'>;
  keyring: Keyring;
  /** Rows per statement in `rewrap` and `openMany`. */
  batchSize?: number;
}

/** What the vault table holds, by master key id: how many live data keys each wraps, and erased rows. */
export interface VaultKeyUsage {
  live: Record<string, number>;
  erased: number;
}

interface KeyRow {
  person_ref: string;
  key_id: string;
  wrapped_key: string | null;
  erased_at: Date | null;
}

const MAX_REF_LENGTH = 200;

/** A new opaque person reference (UUID v7): what events carry instead of an identity. */
export const newPersonRef = (): string => uuidv7();

function checkRef(personRef: string): void {
  if (typeof personRef !== 'string' || personRef.length === 0 || personRef.length > MAX_REF_LENGTH) {
    throw new TypeError(`a person reference is a non-empty string of at most ${MAX_REF_LENGTH} characters`);
  }
}

/**
 * The personal-data vault: envelope encryption with one random AES-256 data key per person, wrapped
 * by a master key (AES-256-GCM) and kept in `vault_keys`. Events hold only sealed blobs; erasing
 * the person's data key makes every blob sealed for them unreadable (crypto-shredding).
 */
export class PersonalDataVault {
  private readonly pool: Pick<pg.Pool, 'query'>;
  private keyring: Keyring;
  private readonly batchSize: number;

  constructor(options: PersonalDataVaultOptions) {
    assertValidKeyring(options.keyring);
    this.pool = options.pool;
    this.keyring = { activeKeyId: options.keyring.activeKeyId, keys: { ...options.keyring.keys } };
    this.batchSize = options.batchSize ?? 500;
  }

  /** The id of the master key that wraps new data keys. */
  get activeKeyId(): string {
    return this.keyring.activeKeyId;
  }

  newPersonRef(): string {
    return newPersonRef();
  }

  /**
   * Encrypts `value` (as JSON) under the person's data key, creating the key on first use.
   * Returns `v1.<iv>.<ciphertext+tag>`; the ciphertext is bound to `personRef` (AAD).
   * Throws `VaultError('PERSON_ERASED')` for a person already erased: use a new reference.
   */
  async seal(personRef: string, value: object): Promise<string> {
    checkRef(personRef);
    const key = await this.dataKeyForSealing(personRef);
    try {
      return sealWithKey(key, personRef, value);
    } finally {
      key.fill(0);
    }
  }

  /**
   * `seal` for several persons at once: their data keys are created in one statement (and the keys of
   * persons already known read in one more). The answer is in the order of `items`. Errors as in
   * `seal`; on an error no value is returned, though the keys created stay (as with `seal`).
   */
  async sealMany(items: ReadonlyArray<{ personRef: string; value: object }>): Promise<string[]> {
    items.forEach((i) => checkRef(i.personRef));
    if (items.length === 0) return [];
    const refs = [...new Set(items.map((i) => i.personRef))];
    const activeId = this.keyring.activeKeyId;
    const fresh = new Map<string, Buffer>();
    const wrapped = refs.map((ref) => {
      const dataKey = newDataKey();
      fresh.set(ref, dataKey);
      return wrapDataKey(this.keyring.keys[activeId], activeId, ref, dataKey);
    });
    const keys = new Map<string, Buffer>();
    try {
      // Insert first, as `seal` does: a row already there (a live key, or an erased person's) is read.
      const { rows: inserted } = await this.pool.query<{ person_ref: string }>(
        `INSERT INTO vault_keys (person_ref, key_id, wrapped_key)
         SELECT u.person_ref, $2, u.wrapped_key FROM unnest($1::text[], $3::text[]) AS u(person_ref, wrapped_key)
         ON CONFLICT (person_ref) DO NOTHING RETURNING person_ref`,
        [refs, activeId, wrapped],
      );
      for (const { person_ref } of inserted) {
        keys.set(person_ref, fresh.get(person_ref)!);
        fresh.delete(person_ref);
      }
      const known = refs.filter((ref) => !keys.has(ref));
      if (known.length > 0) {
        const { rows } = await this.pool.query<KeyRow>(
          'SELECT person_ref, key_id, wrapped_key, erased_at FROM vault_keys WHERE person_ref = ANY($1::text[])',
          [known],
        );
        const byRef = new Map(rows.map((r) => [r.person_ref, r]));
        for (const ref of known) {
          keys.set(ref, this.keyToSealWith(byRef.get(ref)));
        }
      }
      return items.map(({ personRef, value }) => sealWithKey(keys.get(personRef)!, personRef, value));
    } finally {
      for (const key of fresh.values()) key.fill(0);
      for (const key of keys.values()) key.fill(0);
    }
  }

  /**
   * Decrypts a sealed value. `null` when the person was erased: render it as erased.
   * Throws `VaultError` when no key was ever stored for the person (`KEY_NOT_FOUND`), when the blob
   * was sealed for another person or tampered with (`DECRYPT_FAILED`), or when the master key that
   * wrapped the data key is not in the keyring (`MASTER_KEY_MISSING`).
   */
  async open<T extends object = Record<string, unknown>>(
    personRef: string,
    sealed: string,
  ): Promise<T | null> {
    checkRef(personRef);
    const row = await this.fetch(personRef);
    if (!row) throw new VaultError('KEY_NOT_FOUND', 'no data key for this person reference');
    return this.openRow<T>(row, sealed);
  }

  /**
   * Opens many sealed values with one query per `batchSize` distinct persons. The answer is in the
   * order of `items`; erased persons give `null`. Errors as in `open`.
   */
  async openMany<T extends object = Record<string, unknown>>(
    items: ReadonlyArray<{ personRef: string; sealed: string }>,
  ): Promise<Array<T | null>> {
    items.forEach((i) => checkRef(i.personRef));
    const refs = [...new Set(items.map((i) => i.personRef))];
    const rows = new Map<string, KeyRow>();
    for (let i = 0; i < refs.length; i += this.batchSize) {
      const { rows: found } = await this.pool.query<KeyRow>(
        'SELECT person_ref, key_id, wrapped_key, erased_at FROM vault_keys WHERE person_ref = ANY($1::text[])',
        [refs.slice(i, i + this.batchSize)],
      );
      for (const row of found) rows.set(row.person_ref, row);
    }
    const keys = new Map<string, Buffer | null>();
    try {
      return items.map(({ personRef, sealed }) => {
        let key = keys.get(personRef);
        if (key === undefined) {
          const row = rows.get(personRef);
          if (!row) throw new VaultError('KEY_NOT_FOUND', 'no data key for this person reference');
          key = row.wrapped_key === null || row.erased_at !== null ? null : this.unwrap(row, row.wrapped_key);
          keys.set(personRef, key);
        }
        return key === null ? null : (openWithKey(key, personRef, sealed) as T);
      });
    } finally {
      for (const key of keys.values()) key?.fill(0);
    }
  }

  /**
   * Crypto-shreds a person: the wrapped data key is deleted; the row stays with `erased_at` so the
   * erasure is known and the reference is never reused. Idempotent: true when this call erased the
   * key, false when it was already erased or never existed.
   */
  async erase(personRef: string): Promise<boolean> {
    checkRef(personRef);
    const res = await this.pool.query(
      'UPDATE vault_keys SET wrapped_key = NULL, erased_at = now() WHERE person_ref = $1 AND erased_at IS NULL',
      [personRef],
    );
    return res.rowCount === 1;
  }

  /**
   * Key rotation: rewraps every live data key that is not under the active master key (first making
   * `newActiveKeyId` active, when given; it must be in the keyring). The data keys themselves and
   * every sealed value stay as they are. Returns how many keys were rewrapped. Safe to re-run and to
   * run while the application works; afterwards the old master keys can leave the keyring
   * (`keyUsage()` shows none left under them).
   */
  async rewrap(newActiveKeyId?: string): Promise<number> {
    if (newActiveKeyId !== undefined) {
      if (!this.keyring.keys[newActiveKeyId]) {
        throw new VaultError('INVALID_KEY', `master key ${newActiveKeyId} is not in the keyring`);
      }
      this.keyring = { ...this.keyring, activeKeyId: newActiveKeyId };
    }
    const activeId = this.keyring.activeKeyId;
    const activeKey = this.keyring.keys[activeId];
    let count = 0;
    let after = '';
    for (;;) {
      const { rows } = await this.pool.query<KeyRow>(
        `SELECT person_ref, key_id, wrapped_key, erased_at FROM vault_keys
          WHERE erased_at IS NULL AND key_id <> $1 AND person_ref > $2
          ORDER BY person_ref LIMIT $3`,
        [activeId, after, this.batchSize],
      );
      if (rows.length === 0) break;
      const refs: string[] = [];
      const olds: string[] = [];
      const news: string[] = [];
      for (const row of rows) {
        if (row.wrapped_key === null) continue;
        const dataKey = this.unwrap(row, row.wrapped_key);
        try {
          news.push(wrapDataKey(activeKey, activeId, row.person_ref, dataKey));
        } finally {
          dataKey.fill(0);
        }
        refs.push(row.person_ref);
        olds.push(row.wrapped_key);
      }
      // Compare-and-set on the old wrapped key: a concurrent erase or rewrap wins.
      const res = await this.pool.query(
        `UPDATE vault_keys AS v SET key_id = $1, wrapped_key = u.new_key
           FROM unnest($2::text[], $3::text[], $4::text[]) AS u(person_ref, old_key, new_key)
          WHERE v.person_ref = u.person_ref AND v.wrapped_key = u.old_key AND v.erased_at IS NULL`,
        [activeId, refs, olds, news],
      );
      count += res.rowCount ?? 0;
      after = rows[rows.length - 1].person_ref;
    }
    return count;
  }

  /**
   * At start-up: every master key that wraps a live data key is in the keyring and opens one of them.
   * A wrong `VAULT_MASTER_KEY` is found here, before the first request, instead of as a 500 on every
   * case view while `/health` says ok.
   */
  async checkKeys(): Promise<void> {
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT DISTINCT ON (key_id) person_ref, key_id, wrapped_key, erased_at
         FROM vault_keys WHERE wrapped_key IS NOT NULL AND erased_at IS NULL ORDER BY key_id, created_at`,
    );
    for (const row of rows) {
      try {
        this.unwrap(row, row.wrapped_key!).fill(0);
      } catch (err) {
        const why =
          err instanceof VaultError && err.code === 'MASTER_KEY_MISSING'
            ? 'is not in the keyring'
            : 'does not open them';
        throw new Error(
          `the vault's data keys are wrapped by master key ${row.key_id}, which ${why}: check VAULT_MASTER_KEY (and VAULT_OLD_KEYS)`,
          { cause: err },
        );
      }
    }
  }

  /** Live data keys per master key id, and the number of erased persons. */
  async keyUsage(): Promise<VaultKeyUsage> {
    const { rows } = await this.pool.query<{ key_id: string; live: string; erased: string }>(
      `SELECT key_id, count(*) FILTER (WHERE erased_at IS NULL) AS live,
              count(*) FILTER (WHERE erased_at IS NOT NULL) AS erased
         FROM vault_keys GROUP BY key_id`,
    );
    const usage: VaultKeyUsage = { live: {}, erased: 0 };
    for (const row of rows) {
      if (Number(row.live) > 0) usage.live[row.key_id] = Number(row.live);
      usage.erased += Number(row.erased);
    }
    return usage;
  }

  private async fetch(personRef: string): Promise<KeyRow | undefined> {
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT person_ref, key_id, wrapped_key, erased_at FROM vault_keys WHERE person_ref = $1',
      [personRef],
    );
    return rows[0];
  }

  private async dataKeyForSealing(personRef: string): Promise<Buffer> {
    // Insert first: values are sealed for new person references, whose key one statement creates. A
    // row already there (a live key, or an erased person's) makes the insert a no-op, and is read.
    const dataKey = newDataKey();
    const activeId = this.keyring.activeKeyId;
    const wrapped = wrapDataKey(this.keyring.keys[activeId], activeId, personRef, dataKey);
    const inserted = await this.pool.query(
      `INSERT INTO vault_keys (person_ref, key_id, wrapped_key) VALUES ($1, $2, $3)
       ON CONFLICT (person_ref) DO NOTHING`,
      [personRef, activeId, wrapped],
    );
    if (inserted.rowCount === 1) return dataKey;
    dataKey.fill(0);
    return this.keyToSealWith(await this.fetch(personRef));
  }

  /** The data key of a person whose key row was there before the insert: refused when erased. */
  private keyToSealWith(row: KeyRow | undefined): Buffer {
    if (!row) throw new VaultError('KEY_NOT_FOUND', 'the data key vanished while being created');
    if (row.wrapped_key === null || row.erased_at !== null) {
      throw new VaultError('PERSON_ERASED', 'this person was erased; seal under a new person reference');
    }
    return this.unwrap(row, row.wrapped_key);
  }

  private openRow<T>(row: KeyRow, sealed: string): T | null {
    if (row.wrapped_key === null || row.erased_at !== null) return null;
    const key = this.unwrap(row, row.wrapped_key);
    try {
      return openWithKey(key, row.person_ref, sealed) as T;
    } finally {
      key.fill(0);
    }
  }

  private unwrap(row: KeyRow, wrapped: string): Buffer {
    const master = this.keyring.keys[row.key_id];
    if (!master) {
      throw new VaultError(
        'MASTER_KEY_MISSING',
        `data key wrapped by master key ${row.key_id}, which is not in the keyring (add it to VAULT_OLD_KEYS)`,
      );
    }
    return unwrapDataKey(master, row.key_id, row.person_ref, wrapped);
  }
}

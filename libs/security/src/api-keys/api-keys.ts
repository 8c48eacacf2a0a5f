import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type pg from 'pg';

/** An API key as listed: never the key itself (it is shown once, when issued). */
export interface ApiKeyInfo {
  id: string;
  unitId: string;
  label: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  revokedBy: string | null;
}

/** What a valid key stands for. */
export interface ApiKeyHolder {
  id: string;
  unitId: string;
  label: string;
}

/** `d311_<32 random bytes, base64url>`: 256 bits, so a plain SHA-256 is enough to store it. */
const KEY = /^d311_[A-Za-z0-9_-]{43}$/;

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

interface Row {
  id: string;
  unit_id: string;
  label: string;
  created_at: Date;
  created_by: string;
  revoked_at: Date | null;
  revoked_by: string | null;
}

const info = (r: Row): ApiKeyInfo => ({
  id: r.id,
  unitId: r.unit_id,
  label: r.label,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by,
  revokedAt: r.revoked_at ? r.revoked_at.toISOString() : null,
  revokedBy: r.revoked_by,
});

/**
 * API keys of the Open311 endpoint (docs/open311.md): issued by an admin for one receiving unit,
 * stored as a SHA-256 hash only, revoked by an admin (a revoked key stops working at once and stays
 * listed). The caller checks that the unit exists and that the actor may manage keys.
 */
export class ApiKeyStore {
  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: () => Date,
  ) {}

  async issue(input: { unitId: string; label: string; by: string }): Promise<ApiKeyInfo & { key: string }> {
    const key = `d311_${randomBytes(32).toString('base64url')}`;
    const id = randomUUID();
    const r = await this.pool.query<Row>(
      `INSERT INTO api_keys (id, key_hash, unit_id, label, created_at, created_by)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [id, hashApiKey(key), input.unitId, input.label, this.clock(), input.by],
    );
    return { ...info(r.rows[0]), key };
  }

  async list(): Promise<ApiKeyInfo[]> {
    const r = await this.pool.query<Row>('SELECT * FROM api_keys ORDER BY created_at, id');
    return r.rows.map(info);
  }

  /** Revokes a key; null when there is no such key. Revoking twice keeps the first revocation. */
  async revoke(id: string, by: string): Promise<ApiKeyInfo | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    await this.pool.query(
      'UPDATE api_keys SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL',
      [id, this.clock(), by],
    );
    const r = await this.pool.query<Row>('SELECT * FROM api_keys WHERE id = $1', [id]);
    return r.rows[0] ? info(r.rows[0]) : null;
  }

  /** The holder of a key that is well formed, known and not revoked; null otherwise. */
  async verify(key: unknown): Promise<ApiKeyHolder | null> {
    if (typeof key !== 'string' || !KEY.test(key)) return null;
    const hash = hashApiKey(key);
    const r = await this.pool.query<Row & { key_hash: string }>(
      'SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL',
      [hash],
    );
    const row = r.rows[0];
    if (!row || !timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
    return { id: row.id, unitId: row.unit_id, label: row.label };
  }
}

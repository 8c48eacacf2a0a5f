import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import type { StoredEvent } from '../../../event-store/src/index.js';
import { keyOf, type ProjectionDefinition, type Row } from './projection.js';

/**
 * The set-based writer of the projection runner (docs/projections.md, "Batched writes"). A batch is
 * evolved in memory, event by event, exactly as the per-row writer does; what changes is how the
 * result reaches the table: one multi-row statement per kind of change and table
 * (`… FROM unnest($1::text[], $2::int[], …)`), whatever the number of rows.
 *
 * - Plain tables: the rows of every touched group are diffed once, against the rows loaded at the
 *   start of the batch; deleted keys go in one `DELETE … USING unnest(…)`, new and changed rows in one
 *   `INSERT … SELECT FROM unnest(…) ON CONFLICT (key) DO UPDATE` per set of columns.
 * - Temporal tables keep one version per event: versions opened and closed inside the batch are
 *   inserted already closed (`recorded_to` = the recording instant of the event that replaced them);
 *   the versions current before the batch are closed by one `UPDATE … FROM unnest(…)`, then every new
 *   version goes in by one `INSERT … ON CONFLICT (key, position_from) DO UPDATE`.
 *
 * The rows written are the rows the per-row writer writes (the projection tests run both and compare).
 *
 * A rebuild writes into a fresh table (`fresh`): a row whose key the table did not hold before the
 * batch, and every version of a temporal table (its position is the event's, applied once), cannot
 * conflict, so they go in without `ON CONFLICT` — by `COPY … FROM STDIN` on a PostgreSQL server
 * (`load: 'copy'`), by a plain `INSERT … SELECT FROM unnest(…)` otherwise (the embedded database
 * serves no COPY from a client). Rows of keys already there are upserted as above.
 */

const TEMPORAL_COLUMNS = new Set(['recorded_from', 'recorded_to', 'position_from']);
/** Columns the database computes from the others (e.g. rm_cases.search_text): never read, never written. */
export const GENERATED_COLUMNS = new Set(['search_text']);
/** The temporal and generated columns: what stripTemporal leaves out and sameRow does not compare. */
const NOT_COMPARED = new Set([...TEMPORAL_COLUMNS, ...GENERATED_COLUMNS]);

export const quoteIdent = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
};

export function toDbValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) return JSON.stringify(value);
  return value;
}

export function stripTemporal(row: Row | null): Row | null {
  if (!row) return null;
  // for…in, not Object.entries: the same keys in the same order (rows are plain objects), without an
  // array of keys or a pair per column (this runs for every row version of a rebuild).
  const out: Row = {};
  for (const k in row) if (!NOT_COMPARED.has(k)) out[k] = row[k];
  return out;
}

/** Values as evolve produced them: Dates become ISO strings. */
export function normaliseRow(row: Row): Row {
  const out: Row = {};
  for (const k of Object.keys(row)) {
    const v = row[k];
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/**
 * Whether two values serialise to the same JSON, whatever the order of object keys (what comparing
 * their canonical JSON tells, without building it: this runs for every row of every event).
 */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = toJsonValue(a);
  const y = toJsonValue(b);
  if (x === y) return true;
  if (typeof x === 'number' && typeof y === 'number') return JSON.stringify(x) === JSON.stringify(y);
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i] ?? null, y[i] ?? null)) return false;
    return true;
  }
  return sameObject(x as Row, y as Row, null);
}

function toJsonValue(v: unknown): unknown {
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    return (v as { toJSON(): unknown }).toJSON();
  return v;
}

/** Objects equal as JSON (undefined members count as absent), `skip` columns ignored. */
function sameObject(a: Row, b: Row, skip: ReadonlySet<string> | null): boolean {
  let n = 0;
  for (const k in a) {
    const v = a[k];
    if (v === undefined || (skip && skip.has(k))) continue;
    n++;
    const w = b[k];
    // The same value (most columns of a row that did not change): no comparison as JSON.
    if (v === w && Object.prototype.hasOwnProperty.call(b, k)) continue;
    if (w === undefined || !Object.prototype.hasOwnProperty.call(b, k) || !sameJson(v, w)) return false;
  }
  for (const k in b) if (b[k] !== undefined && !(skip && skip.has(k))) n--;
  return n === 0;
}

/** Two rows hold the same values, the temporal and generated columns aside. */
export const sameRow = (a: Row | null, b: Row | null): boolean =>
  a === null || b === null ? a === b : sameObject(a, b, NOT_COMPARED);

/** Column name → SQL type of a table (for the typed arrays of `unnest`). */
export type ColumnTypes = ReadonlyMap<string, string>;

export async function columnTypes(em: EntityManager, table: string): Promise<ColumnTypes> {
  const rows: { name: string; type: string }[] = await em.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`,
    [quoteIdent(table)],
  );
  if (rows.length === 0) throw new Error(`table ${table} has no columns`);
  return new Map(rows.map((r) => [r.name, r.type]));
}

/** `unnest($1::text[], $2::int[], …) AS u(a, b, …)` over `rows`, with its parameters. */
function unnestOf(
  types: ColumnTypes,
  table: string,
  columns: readonly string[],
  rows: readonly Row[],
  params: unknown[],
): string {
  const arrays = columns.map((c) => {
    const type = types.get(c);
    if (!type) throw new Error(`${table} has no column ${c}`);
    params.push(rows.map((r) => toDbValue(r[c])));
    return `$${params.length}::${type}[]`;
  });
  return `unnest(${arrays.join(', ')}) AS u(${columns.map(quoteIdent).join(', ')})`;
}

/** Whether `row`'s own keys are `keys`, in that order (without building its list of keys). */
function hasKeys(row: Row, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in row) if (keys[i++] !== k) return false;
  return i === keys.length;
}

/**
 * The rows of `rows` grouped by their exact list of columns (a missing column keeps its default). Rows
 * of one projection come in a handful of shapes: each row is tried against the shape of the row before
 * it, then the others, and only a new shape costs its list of keys.
 */
function byColumns(rows: Iterable<Row>): Row[][] {
  const shapes: { keys: string[]; rows: Row[] }[] = [];
  let last: { keys: string[]; rows: Row[] } | undefined;
  for (const r of rows) {
    if (!last || !hasKeys(r, last.keys)) {
      last = shapes.find((s) => hasKeys(r, s.keys));
      if (!last) {
        last = { keys: Object.keys(r), rows: [] };
        shapes.push(last);
      }
    }
    last.rows.push(r);
  }
  return shapes.map((s) => s.rows);
}

/** A value in COPY's text format: `\N` for null, backslash, newline, carriage return and tab escaped. */
export function copyText(value: unknown): string {
  // Most values are plain strings (ids, dates, codes): tested once for a character to escape.
  if (typeof value === 'string') return COPY_SPECIAL.test(value) ? copyEscape(value) : value;
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const v = toDbValue(value);
  if (v === null) return '\\N';
  const text = v instanceof Date ? v.toISOString() : typeof v === 'string' ? v : String(v);
  return COPY_SPECIAL.test(text) ? copyEscape(text) : text;
}

const COPY_SPECIAL = /[\\\n\r\t]/;
const copyEscape = (text: string): string => text.replace(/[\\\n\r\t]/g, (c) => COPY_ESCAPES[c]!);

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The rows as COPY text, a few hundred lines per chunk. */
function* copyLines(columns: readonly string[], rows: readonly Row[]): Generator<string> {
  const per = 500;
  for (let i = 0; i < rows.length; i += per) {
    let chunk = '';
    for (let j = i; j < Math.min(i + per, rows.length); j++) {
      const r = rows[j]!;
      for (let c = 0; c < columns.length; c++) chunk += (c === 0 ? '' : '\t') + copyText(r[columns[c]!]);
      chunk += '\n';
    }
    yield chunk;
  }
}

/** `COPY table (columns) FROM STDIN` of `rows`, on the connection (and so in the transaction) of `em`. */
async function copyInto(em: EntityManager, table: string, columns: readonly string[], rows: readonly Row[]) {
  if (!em.queryRunner) throw new Error('COPY needs the transaction of a query runner');
  // QueryRunner.connect() is typed `any`: on the postgres driver it is the pg client of the transaction.
  const client = (await em.queryRunner.connect()) as pg.ClientBase;
  const sql = `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`;
  await pipeline(Readable.from(copyLines(columns, rows)), client.query(copyFrom(sql)));
}

/** How a rebuild's new rows reach a fresh table: COPY (PostgreSQL server) or plain INSERT (any). */
export type FreshLoad = 'copy' | 'insert';

/** The current rows of `groups` (temporal tables: the current versions), by group key. */
export async function loadGroupsBulk(
  em: EntityManager,
  p: ProjectionDefinition,
  table: string,
  types: ColumnTypes,
  groups: readonly Row[],
): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  if (groups.length === 0) return out;
  const params: unknown[] = [];
  const u = unnestOf(types, table, p.groupColumns, groups, params);
  const match = p.groupColumns.map((c) => `t.${quoteIdent(c)} = u.${quoteIdent(c)}`).join(' AND ');
  const rows: Row[] = await em.query(
    `SELECT t.* FROM ${quoteIdent(table)} t JOIN ${u} ON ${match}${p.temporal ? ' WHERE t.recorded_to IS NULL' : ''}`,
    params,
  );
  for (const r of rows) {
    const gk = keyOf(p.groupColumns, r);
    const list = out.get(gk) ?? [];
    list.push(stripTemporal(normaliseRow(r))!);
    out.set(gk, list);
  }
  return out;
}

/** Groups of at most this many rows (old and new) are diffed without maps (BatchWrites.diff). */
const SMALL_GROUP = 48;

/** Whether two key values give the same key (keyOf: their JSON, undefined as null). */
function sameKeyValue(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (typeof x === 'string' && typeof y === 'string') return false;
  return JSON.stringify(x) === JSON.stringify(y);
}

/** Whether `a` and `b` have the same key (the last column first: the group's columns lead the key). */
function sameKey(columns: readonly string[], a: Row, b: Row): boolean {
  for (let c = columns.length - 1; c >= 0; c--)
    if (!sameKeyValue(a[columns[c]!], b[columns[c]!])) return false;
  return true;
}

function hasDuplicateKey(columns: readonly string[], rows: readonly Row[]): boolean {
  for (let i = 1; i < rows.length; i++)
    for (let j = 0; j < i; j++) if (sameKey(columns, rows[i]!, rows[j]!)) return true;
  return false;
}

/** The index of the row of `rows` with `row`'s key (looked for from `hint` on, then before it); -1 if none. */
function indexOfKey(columns: readonly string[], rows: readonly Row[], row: Row, hint: number): number {
  for (let i = hint; i < rows.length; i++) if (sameKey(columns, rows[i]!, row)) return i;
  for (let i = 0; i < Math.min(hint, rows.length); i++) if (sameKey(columns, rows[i]!, row)) return i;
  return -1;
}

/** What a batch changes in a table, gathered in memory and written at the end (`flush`). */
export class BatchWrites {
  /**
   * Plain tables: key → the row to upsert, or null to delete (with the key's values); `isNew` when the
   * table did not hold the key before the batch.
   */
  private readonly plain = new Map<string, { key: Row; row: Row | null; isNew: boolean }>();
  /** Temporal tables: versions current before the batch to close, key → [key row, recorded_to]. */
  private readonly closeStored = new Map<string, { key: Row; at: string }>();
  /** Temporal tables: the new versions, in order (a slot is reused when its key and position come again). */
  private readonly versions: Row[] = [];
  /**
   * Temporal tables: key → the slot in `versions` of its latest version written in this batch (open
   * while its `recorded_to` is null: versions are made open and closed only by a later change).
   */
  private readonly latest = new Map<string, number>();

  /**
   * `fresh`: the table is a rebuild's, written only by this writer, one batch after another (rows
   * that cannot conflict go in by `fresh`, see the top of this file); null: a live table.
   */
  constructor(
    private readonly p: ProjectionDefinition,
    private readonly table: string,
    private readonly fresh: FreshLoad | null = null,
  ) {}

  /** Records the change of a group from `oldRows` to `newRows` by `event` (as the per-row writer's writeDiff). */
  diff(oldRows: readonly Row[], newRows: readonly Row[], event: StoredEvent): void {
    const p = this.p;
    const cols = p.keyColumns;
    if (
      oldRows.length + newRows.length > SMALL_GROUP ||
      hasDuplicateKey(cols, oldRows) ||
      hasDuplicateKey(cols, newRows)
    ) {
      const old = new Map(oldRows.map((r) => [keyOf(p.keyColumns, r), r]));
      const next = new Map(newRows.map((r) => [keyOf(p.keyColumns, r), r]));
      for (const [k, r] of old) if (!next.has(k)) this.change(k, r, r, null, event);
      for (const [k, r] of next) {
        const o = old.get(k) ?? null;
        if (o && sameRow(o, r)) continue;
        this.change(k, r, o, r, event);
      }
      return;
    }
    // A small group (most), each key once on each side: the same diff by comparing key columns,
    // without a key string or a map per row; the key string is made only for a row that changed.
    // Evolve mostly keeps the order of the rows it is given: the row of a key is looked for at the
    // same index first.
    for (let a = 0; a < oldRows.length; a++) {
      const o = oldRows[a]!;
      if (indexOfKey(cols, newRows, o, a) < 0) this.change(keyOf(cols, o), o, o, null, event);
    }
    for (let i = 0; i < newRows.length; i++) {
      const r = newRows[i]!;
      const at = indexOfKey(cols, oldRows, r, i);
      const o = at < 0 ? null : oldRows[at]!;
      if (o && sameRow(o, r)) continue;
      this.change(keyOf(cols, r), r, o, r, event);
    }
  }

  private change(k: string, key: Row, old: Row | null, row: Row | null, event: StoredEvent): void {
    if (!this.p.temporal) {
      // A plain table's groups are diffed once per batch, against the rows before it: no `old`, no row.
      this.plain.set(k, {
        key: Object.fromEntries(this.p.keyColumns.map((c) => [c, key[c] ?? null])),
        row,
        isNew: old === null,
      });
      return;
    }
    const slot = this.latest.get(k);
    const last = slot === undefined ? undefined : this.versions[slot]!;
    if (old) {
      if (last !== undefined && last.recorded_to === null) {
        // The version is this writer's own object (made below): closed in place, its place kept.
        last.recorded_to = event.recordedAt;
      } else if (!this.closeStored.has(k)) {
        this.closeStored.set(k, {
          key: Object.fromEntries(this.p.keyColumns.map((c) => [c, key[c] ?? null])),
          at: event.recordedAt,
        });
      }
    }
    if (row) {
      // A fresh object (stripTemporal copies): the row's columns, then the temporal ones.
      const version = stripTemporal(row)!;
      version.recorded_from = event.recordedAt;
      version.recorded_to = null;
      version.position_from = event.globalPosition;
      // The same key and position twice (ON CONFLICT DO UPDATE in the per-row writer): the later wins,
      // in the slot of the earlier, open or closed (positions only grow: it is the key's latest).
      if (slot !== undefined && last!.position_from === event.globalPosition) this.versions[slot] = version;
      else this.latest.set(k, this.versions.push(version) - 1);
    }
  }

  get empty(): boolean {
    return this.plain.size === 0 && this.closeStored.size === 0 && this.versions.length === 0;
  }

  /** Writes everything gathered: a handful of statements, whatever the number of rows. */
  async flush(em: EntityManager, types: ColumnTypes): Promise<void> {
    const p = this.p;
    const t = quoteIdent(this.table);
    const keys = p.keyColumns.map(quoteIdent);
    const match = p.keyColumns.map((c) => `t.${quoteIdent(c)} = u.${quoteIdent(c)}`).join(' AND ');
    if (p.temporal) {
      if (this.closeStored.size > 0) {
        const rows = [...this.closeStored.values()].map(({ key, at }) => ({ ...key, recorded_to: at }));
        const params: unknown[] = [];
        const u = unnestOf(types, this.table, [...p.keyColumns, 'recorded_to'], rows, params);
        await em.query(
          `UPDATE ${t} t SET recorded_to = u.recorded_to FROM ${u} WHERE ${match} AND t.recorded_to IS NULL`,
          params,
        );
      }
      if (this.fresh) {
        for (const rows of byColumns(this.versions)) await this.insertNew(em, types, rows);
        return;
      }
      for (const rows of byColumns(this.versions)) {
        const cols = Object.keys(rows[0]!);
        const params: unknown[] = [];
        const u = unnestOf(types, this.table, cols, rows, params);
        await em.query(
          `INSERT INTO ${t} (${cols.map(quoteIdent).join(', ')}) SELECT * FROM ${u}
           ON CONFLICT (${[...keys, '"position_from"'].join(', ')}) DO UPDATE SET ${cols
             .map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`)
             .join(', ')}`,
          params,
        );
      }
      return;
    }
    const deleted: Row[] = [];
    const upserted: Row[] = [];
    const inserted: Row[] = [];
    for (const { key, row, isNew } of this.plain.values()) {
      if (row && isNew && this.fresh) inserted.push(row);
      else if (row) upserted.push(row);
      else deleted.push(key);
    }
    for (const rows of byColumns(inserted)) await this.insertNew(em, types, rows);
    if (deleted.length > 0) {
      const params: unknown[] = [];
      const u = unnestOf(types, this.table, p.keyColumns, deleted, params);
      await em.query(`DELETE FROM ${t} t USING ${u} WHERE ${match}`, params);
    }
    for (const rows of byColumns(upserted)) {
      const cols = Object.keys(rows[0]!);
      const updates = cols.filter((c) => !p.keyColumns.includes(c));
      const params: unknown[] = [];
      const u = unnestOf(types, this.table, cols, rows, params);
      await em.query(
        `INSERT INTO ${t} (${cols.map(quoteIdent).join(', ')}) SELECT * FROM ${u}
         ON CONFLICT (${keys.join(', ')}) DO ${
           updates.length
             ? `UPDATE SET ${updates.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`
             : 'NOTHING'
         }`,
        params,
      );
    }
  }

  /** Rows that cannot conflict (all with the same columns), into the fresh table. */
  private async insertNew(em: EntityManager, types: ColumnTypes, rows: Row[]): Promise<void> {
    const cols = Object.keys(rows[0]!);
    for (const c of cols) if (!types.has(c)) throw new Error(`${this.table} has no column ${c}`);
    if (this.fresh === 'copy') return copyInto(em, this.table, cols, rows);
    const params: unknown[] = [];
    const u = unnestOf(types, this.table, cols, rows, params);
    await em.query(
      `INSERT INTO ${quoteIdent(this.table)} (${cols.map(quoteIdent).join(', ')}) SELECT * FROM ${u}`,
      params,
    );
  }
}

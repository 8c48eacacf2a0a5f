import type { StoredEvent } from '../../../event-store/src/index.js';

/** A row of a read model: plain column values keyed by database column name. */
export type Row = Record<string, unknown>;

/**
 * A projection: a named, versioned, pure evolution of read-model rows. Rows are grouped (e.g. all
 * deadline rows of one case); an event names the group it touches, and `evolve` turns the group's
 * current rows into its new rows. The runner owns transactions, checkpoints, diffs and table names;
 * `evolve` never reads a clock or the database.
 */
export interface ProjectionDefinition {
  /** Versioned name, e.g. `deadlines.v1`; also the checkpoint key. */
  name: string;
  /** The physical table holding the rows (created by a migration; rebuilds use a copy of it). */
  table: string;
  /** Columns that identify a row. */
  keyColumns: readonly string[];
  /** Columns that identify a group (a prefix of the key, or the key itself). */
  groupColumns: readonly string[];
  /**
   * Temporal tables keep every version of a row: `recorded_from` / `recorded_to` (instants) and
   * `position_from`; the current version has `recorded_to IS NULL`. Boards use them for `recordedBefore`.
   */
  temporal: boolean;
  /** Event types this projection reads; others only advance its checkpoint. */
  handles: ReadonlySet<string>;
  /**
   * Whether `evolve` reads the letters of the events (`content`): the runner then opens them
   * (`openLetters` of the runner). The others get the events as stored, letters sealed: opening every
   * letter for every projection cost a rebuild half its reading time.
   */
  readsLetters?: boolean;
  /**
   * SQL functions a rebuild calls on its new table, in the swap's transaction, before the table takes
   * the live name: each is called as `SELECT fn('<table>'::regclass)`. For what migrations attached
   * to the live table and a copy made with `LIKE` lacks — triggers keeping counts beside the rows — and
   * what those keep, recomputed from the new rows (docs/projections.md, "Counts kept beside the rows").
   */
  rebuilt?: readonly string[];
  /** The groups an event touches (values of the group columns). */
  groupsOf(event: StoredEvent): Row[];
  /** The group's rows after the event. Rows missing from the result are deleted. Pure. */
  evolve(rows: Row[], event: StoredEvent, group: Row): Row[];
}

export type ProjectionSpec = Omit<ProjectionDefinition, 'handles'> & { handles: readonly string[] };

export const defineProjection = (p: ProjectionSpec): ProjectionDefinition => ({
  ...p,
  handles: new Set(p.handles),
});

export const keyOf = (columns: readonly string[], row: Row): string =>
  // The same string for one or two columns (most keys), without the intermediate closure.
  columns.length === 1
    ? JSON.stringify([row[columns[0]!] ?? null])
    : columns.length === 2
      ? JSON.stringify([row[columns[0]!] ?? null, row[columns[1]!] ?? null])
      : JSON.stringify(columns.map((c) => row[c] ?? null));

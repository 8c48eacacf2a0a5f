/** What the queries of the read models run SQL on: the process's DataSource (or anything with its `query`). */
export interface SqlRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- TypeORM's own signature: rows are untyped
  query(sql: string, params?: unknown[]): Promise<any>;
}

/** A row as the driver returns it, before a query maps it to its typed answer. */
export type DbRow = Record<string, unknown>;

/**
 * The row versions of a temporal read model valid at an instant (`param`: the placeholder of
 * `recordedBefore`), or the current ones (`null`).
 */
export function versionFilter(alias: string, param: string | null): string {
  return param
    ? `${alias}.recorded_from < ${param}::timestamptz AND (${alias}.recorded_to IS NULL OR ${alias}.recorded_to >= ${param}::timestamptz)`
    : `${alias}.recorded_to IS NULL`;
}

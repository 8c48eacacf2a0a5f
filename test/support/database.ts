import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../libs/event-store/src/index.js';

export interface TestDatabase {
  url: string;
  /** 'server' when DATABASE_URL points at a PostgreSQL server, 'embedded' for PGlite. */
  kind: 'server' | 'embedded';
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file. With DATABASE_URL set: a new database on that server
 * (dropped afterwards). Without: an in-memory PGlite served on a local TCP port.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const name = `donthu_t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      url: url.toString(),
      kind: 'server',
      async drop() {
        const c = new pg.Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const embedded = await startEmbeddedDatabase();
  return { url: embedded.url, kind: 'embedded', drop: () => embedded.close() };
}

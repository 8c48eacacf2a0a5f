import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../event-store/src/index.js';

// Business dates stay 'YYYY-MM-DD' strings; int8 stays a decimal string (positions).
pg.types.setTypeParser(1082, (v: string) => v);

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  /** Stops the embedded database when this process started it. */
  close(): Promise<void>;
}

interface ServerFile {
  pid: number;
  url: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function canConnect(url: string, timeoutMs = 5000): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The embedded database's unix socket: `psql -h <DATA_DIR>` (libpq's name for port 5432). */
export const embeddedSocketPath = (dataDir: string): string => join(dataDir, '.s.PGSQL.5432');

/** Linux and macOS keep a unix socket's path in at most 107 bytes (sun_path, with its NUL). */
const MAX_SOCKET_PATH = 103;

/**
 * The database the process works on. With DATABASE_URL: that server. Without: the embedded
 * PGlite in DATA_DIR/pgdata — started here and announced in DATA_DIR/server.json when `role` is
 * 'server'; reused through its socket by the CLI while a server runs, so the data folder is never
 * opened twice. It serves a unix socket inside DATA_DIR, whose mode is 0700: the embedded server
 * has one user (`postgres`) and no password, so only this account's processes may reach it. A TCP
 * listener on 127.0.0.1 instead only with `tcp` (EMBEDDED_DB_TCP=1).
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  role: 'server' | 'cli';
  port?: number;
  tcp?: boolean;
}): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    const problem = await canConnect(opts.databaseUrl);
    if (problem) throw new Error(`cannot reach the database at DATABASE_URL: ${problem}`);
    return { url: opts.databaseUrl, embedded: false, close: async () => undefined };
  }
  const serverFile = join(opts.dataDir, 'server.json');
  if (existsSync(serverFile)) {
    const running = JSON.parse(readFileSync(serverFile, 'utf8')) as ServerFile;
    if (
      running.pid !== process.pid &&
      pidAlive(running.pid) &&
      (await canConnect(running.url, 2000)) === null
    ) {
      if (opts.role === 'server') {
        throw new Error(
          `another donthu server (pid ${running.pid}) is using ${opts.dataDir}; stop it or set DATA_DIR`,
        );
      }
      return { url: running.url, embedded: true, close: async () => undefined };
    }
    rmSync(serverFile, { force: true });
  }
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(opts.dataDir, 0o700); // also when DATA_DIR was made earlier with a looser mode
  const socketPath = embeddedSocketPath(opts.dataDir);
  if (!opts.tcp) {
    if (Buffer.byteLength(socketPath) > MAX_SOCKET_PATH)
      throw new Error(
        `DATA_DIR is too long for the embedded database's unix socket (${socketPath}): use a shorter DATA_DIR, or EMBEDDED_DB_TCP=1`,
      );
    if (existsSync(socketPath)) {
      if ((await canConnect(embeddedUrl(opts.dataDir), 2000)) === null) {
        // Served by a process that did not announce itself (a CLI): share it, never open pgdata twice.
        if (opts.role === 'server')
          throw new Error(
            `another process serves the embedded database in ${opts.dataDir}; stop it or set DATA_DIR`,
          );
        return { url: embeddedUrl(opts.dataDir), embedded: true, close: async () => undefined };
      }
      rmSync(socketPath, { force: true }); // left by a process that died
    }
  }
  const embedded = await startEmbeddedDatabase({
    dataDir: join(opts.dataDir, 'pgdata'),
    ...(opts.tcp ? { port: opts.port ?? 0, host: '127.0.0.1' } : { socketPath }),
  });
  if (opts.role === 'server') {
    writeFileSync(serverFile, JSON.stringify({ pid: process.pid, url: embedded.url } satisfies ServerFile));
  }
  return {
    url: embedded.url,
    embedded: true,
    async close() {
      if (opts.role === 'server') rmSync(serverFile, { force: true });
      await embedded.close();
    },
  };
}

/** The `pg` URL of the embedded database's unix socket in DATA_DIR. */
export const embeddedUrl = (dataDir: string): string =>
  `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dataDir)}`;

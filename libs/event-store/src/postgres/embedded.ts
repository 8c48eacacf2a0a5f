import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedDatabase {
  /** A postgres:// URL the ordinary `pg` driver connects to. */
  url: string;
  /** Where the socket listens (`host:port` or a unix socket path). */
  address: string;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Data directory; omitted = in memory (tests). */
  dataDir?: string;
  /** TCP port; 0 = any free port. Ignored when `socketPath` is given. */
  port?: number;
  host?: string;
  /** Serve on a unix socket instead of TCP. */
  socketPath?: string;
  /** Must exceed every pool size that connects plus one (toolchain.md). */
  maxConnections?: number;
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) in this process and serves it over the PostgreSQL wire
 * protocol, so the app uses the same `pg`/TypeORM code path as against a server.
 * One backend session: transactions from several connections are serialised.
 */
export async function startEmbeddedDatabase(options: EmbeddedOptions = {}): Promise<EmbeddedDatabase> {
  if (options.dataDir) mkdirSync(dirname(options.dataDir), { recursive: true });
  const db = await PGlite.create(options.dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: options.socketPath ? undefined : (options.host ?? '127.0.0.1'),
    port: options.socketPath ? undefined : (options.port ?? 0),
    path: options.socketPath,
    maxConnections: options.maxConnections ?? 64,
  });
  await server.start();
  const address = server.getServerConn();
  const url = options.socketPath
    ? `postgres://postgres@localhost/postgres?host=${encodeURIComponent(dirname(options.socketPath))}`
    : `postgres://postgres@${address}/postgres`;
  return {
    url,
    address,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

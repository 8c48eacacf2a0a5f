import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
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
  // pg_trgm backs the case search index (read models); PGlite loads contrib extensions on request.
  const db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({
    db,
    host: options.socketPath ? undefined : (options.host ?? '127.0.0.1'),
    port: options.socketPath ? undefined : (options.port ?? 0),
    path: options.socketPath,
    maxConnections: options.maxConnections ?? 64,
  });
  pinExtendedProtocol(server);
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

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve: (bytes: number) => void;
  reject: (err: unknown) => void;
  onData: (data: Uint8Array) => void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: PGlite;
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

// Frontend messages of the extended query protocol: Parse, Bind, Describe, Execute, Close, Flush.
const EXTENDED = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = 0x53;
const SIMPLE_QUERY = 0x51;

/**
 * pglite-socket queues wire-protocol *messages*, and outside a transaction it interleaves the
 * messages of different connections. PGlite is one backend session, so a Parse/Bind/Execute
 * sequence of one connection interleaved with another's corrupts both ("bind message supplies 1
 * parameters, but prepared statement requires 4"). This keeps one connection's extended-protocol
 * sequence together up to its Sync, and one connection's transaction together (as upstream does),
 * and never leaves the queue stuck after an error.
 */
function pinExtendedProtocol(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let pinned: number | null = null;
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    if (pinned === handlerId) pinned = null;
    clear(handlerId);
  };
  q.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = pinned ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        let item: QueuedMessage | undefined;
        if (owner !== null) {
          const i = this.queue.findIndex((m) => m.handlerId === owner);
          if (i === -1) break; // wait for the owner's next message
          item = this.queue.splice(i, 1)[0];
        } else {
          item = this.queue.shift();
        }
        if (!item) break;
        const type = item.message[0];
        if (EXTENDED.has(type)) pinned = item.handlerId;
        else if (type === SYNC || type === SIMPLE_QUERY) pinned = null;
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(item.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                item.onData(data);
              },
            }),
          );
        } catch (err) {
          if (pinned === item.handlerId) pinned = null;
          item.reject(err);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };
}

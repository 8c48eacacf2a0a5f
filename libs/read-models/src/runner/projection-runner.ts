import canonicalize from 'canonicalize';
import type { DataSource, EntityManager } from 'typeorm';
import {
  START_OF_LOG,
  type EventStore,
  type GlobalCheckpoint,
  type StoredEvent,
  type TypedBatch,
  deleteCheckpoint,
  eventsAfter,
  readCheckpoint,
  viaManager,
  writeCheckpoint,
} from '../../../event-store/src/index.js';
import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import { linksTo, tracer } from '../../../runtime/src/index.js';
import { keyOf, type ProjectionDefinition, type Row } from './projection.js';
import { ProjectionLeases, type LeaseOptions } from './projection-leases.js';
import {
  BatchWrites,
  columnTypes,
  loadGroupsBulk,
  normaliseRow,
  quoteIdent,
  stripTemporal,
  toDbValue,
  type ColumnTypes,
  type FreshLoad,
} from './bulk-writes.js';
import {
  EvolveFailed,
  parkProjection,
  PoisonEvent,
  poisonCode,
  readParked,
  unpark,
  type ParkedProjection,
} from './parking.js';

export interface RunnerLogger {
  info(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Told about every batch this runner applied (the runtime's metrics implement it). */
export interface ProjectionObserver {
  batchApplied(projection: string, events: number, seconds: number, newestRecordedAt?: string): void;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  dataSource: DataSource;
  projections: ProjectionDefinition[];
  batchSize?: number;
  /**
   * Events per batch of a rebuild into a fresh table (default: `batchSize` when given, else 5,000):
   * nobody reads that table until the swap, so larger transactions cost nothing and save round trips.
   */
  rebuildBatchSize?: number;
  pollMs?: number;
  logger?: RunnerLogger;
  /**
   * Share the projections with other workers through leases (projection-leases.ts): the loop
   * started by `start()` then applies only the projections this runner holds a lease on. Without
   * it the loop runs every projection. catchUp/catchUpAll/rebuild/lag/hasApplied ignore leases.
   */
  leases?: LeaseOptions;
  observer?: ProjectionObserver;
  /**
   * How rows reach the tables: `bulk` (bulk-writes.ts: one multi-row statement per table and kind of
   * change) or `per-row` (one statement per row, the reference the projection tests compare against).
   * Default: bulk for the projections in BULK_WRITES (every projection of ALL_PROJECTIONS), per-row for
   * any other.
   */
  writer?: 'bulk' | 'per-row';
  /**
   * Opens the letters of a batch of events (case.letter.ts), for the projections that read them
   * (`readsLetters`). Called on the batch as read, outside any transaction. Without it, the events
   * reach every projection as `store` gives them.
   */
  openLetters?: (events: StoredEvent[]) => Promise<StoredEvent[]>;
  /**
   * How a rebuild (bulk writer) loads the rows that cannot conflict into its fresh table
   * (bulk-writes.ts): `copy` (COPY FROM STDIN: a PostgreSQL server only), `insert` (default), or
   * `auto`: COPY unless the database says it is PGlite (its socket serves no COPY from a client;
   * a PGlite reached by URL does not count as embedded for the runtime).
   */
  rebuildLoad?: FreshLoad | 'auto';
}

/** The projections written set-based by default (bulk-writes.ts): all of them. */
export const BULK_WRITES: ReadonlySet<string> = new Set([
  'units.v1',
  'case-summaries.v1',
  'deadlines.v1',
  'reception-sessions.v1',
  'dialogues.v1',
  'inspections.v1',
  'statistics.v1',
]);

const REBUILD_SUFFIX = '__rebuild';

/** Where a projection's batches go: its live table and checkpoint, or a rebuild's (REBUILD_SUFFIX). */
interface Target {
  table: string;
  checkpoint: string;
}

/** A rebuild's table and checkpoint, not the live ones. */
const isShadow = (p: ProjectionDefinition, target: Target): boolean => target.checkpoint !== p.name;

/**
 * A live table loaded from empty is ANALYZEd first when this many events have been applied, then at
 * each doubling: autovacuum analyzes a live table too, and each ANALYZE of the small sizes cost more
 * than the plans it fixed (a 300k catch-up: ≈ 10 % slower with one per doubling from the first batch).
 */
const LIVE_FIRST_ANALYZE = 100_000;

/** One projection on its way through a catch-up (catchUpLanes). */
interface Lane {
  p: ProjectionDefinition;
  target: Target;
  /**
   * Rows that cannot conflict go in by the fresh load (bulk-writes.ts, FreshLoad): a rebuild's table,
   * or a live table that was empty with its checkpoint at the start of the log when the catch-up began.
   */
  fresh: boolean;
  /**
   * Loading a table from empty: ANALYZE it each time the events applied have doubled since the last
   * one. The planner knows a table filled from nothing only by its statistics: left at "empty" while it
   * grows to millions of rows, it reads each batch's groups with a merge join over the whole table (5.6 s
   * a batch at 2 M rows of rm_statistics, 0.5 s after an ANALYZE), so a load grew with the square of the
   * log. A handful of ANALYZEs (one per doubling) keeps the index probes.
   */
  growing: { applied: number; analyzedAt: number } | null;
}

/**
 * A projection's live table as a lane; `emptyAtStart`: its table was empty at the start of the log, so
 * it is loaded like a rebuild's (the fresh load, an ANALYZE at each doubling from LIVE_FIRST_ANALYZE).
 */
const liveLane = (p: ProjectionDefinition, emptyAtStart: boolean): Lane => ({
  p,
  target: { table: p.table, checkpoint: p.name },
  fresh: emptyAtStart,
  growing: emptyAtStart ? { applied: 0, analyzedAt: LIVE_FIRST_ANALYZE / 2 } : null,
});

/**
 * Applies projections to read models from the global log. Per projection: read a batch after its
 * checkpoint (outside any transaction — on the embedded database a query on another connection
 * would wait for the open transaction), then in ONE transaction lock the checkpoint row, check that
 * nobody advanced it meanwhile, write the rows and advance the checkpoint. So a batch is applied
 * exactly once even with several runners (or a rebuild) on the same database.
 */
export class ProjectionRunner {
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly pollMs: number;
  private stopped = true;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private waiters = 0;
  private readonly byName: Map<string, ProjectionDefinition>;
  /** Null without the `leases` option. */
  readonly leases: ProjectionLeases | null;
  private leaseLoop: { stop(): Promise<void> } | null = null;
  /** `rebuildLoad` once `auto` is resolved (rebuild). */
  private freshLoad: FreshLoad | null = null;
  /** Column types per table, for the typed arrays of the bulk writer. */
  private readonly types = new Map<string, ColumnTypes>();
  /** The projections the loop has looked at for an empty table at the start of the log (start). */
  private readonly loopChecked = new Set<string>();

  constructor(private readonly options: ProjectionRunnerOptions) {
    this.batchSize = options.batchSize ?? 500;
    this.rebuildBatchSize = options.rebuildBatchSize ?? options.batchSize ?? 5000;
    this.pollMs = options.pollMs ?? 250;
    this.byName = new Map(options.projections.map((p) => [p.name, p]));
    this.leases = options.leases
      ? new ProjectionLeases(
          options.dataSource,
          options.projections.map((p) => p.name),
          options.leases,
        )
      : null;
  }

  get projections(): ProjectionDefinition[] {
    return this.options.projections;
  }

  projection(name: string): ProjectionDefinition {
    const p = this.byName.get(name);
    if (!p) throw new Error(`unknown projection "${name}"; known: ${[...this.byName.keys()].join(', ')}`);
    return p;
  }

  /** True when the loop may apply `name`: no leases, or this runner holds its lease. */
  /** True while this runner's loop is started in this process. */
  get running(): boolean {
    return !this.stopped;
  }

  private owns(name: string): boolean {
    return this.leases === null || this.leases.holds(name);
  }

  /**
   * Starts polling. NOTIFY, where available, only shortens the wait (`poke`). With leases, also
   * starts the lease rounds, and the loop applies only the projections whose lease it holds.
   */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.leases) this.leaseLoop = this.startLeaseLoop(this.leases);
    this.loop = (async () => {
      while (!this.stopped) {
        let progressed = 0;
        try {
          const parked = new Set((await this.parked()).map((x) => x.name));
          const held = this.options.projections.filter((p) => this.owns(p.name) && !parked.has(p.name));
          // Once per projection it comes to hold: an empty table at the start of the log (a new worker
          // on an existing log) is caught up at once, loaded like a rebuild's (catchUpMany), the other
          // held projections alongside; the loop stops it when stopped or when a lease goes.
          const unchecked = held.filter((p) => !this.loopChecked.has(p.name));
          const empty = unchecked.length > 0 ? await this.emptyAtStart(unchecked) : new Set<string>();
          if (empty.size > 0) {
            await this.catchUpMany(held, this.batchSize, (name) => !this.stopped && this.owns(name), empty);
            progressed = 1;
          }
          for (const p of unchecked) this.loopChecked.add(p.name);
          const mine = held.map((p) => liveLane(p, false));
          for (const n of (await this.runShared(mine, this.batchSize)).values()) progressed += n;
        } catch (err) {
          this.options.logger?.error({ err }, 'projection batch failed; will retry');
        }
        if (progressed === 0 && !this.stopped) await this.sleep(this.pollMs);
      }
    })();
  }

  /** Wake the loop now (e.g. after a write in this process, or on NOTIFY). */
  poke(): void {
    this.wake?.();
  }

  /** Stops the loop; with leases, then gives the leases back so other workers take over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.leaseLoop?.stop();
    this.leaseLoop = null;
    await this.loop;
    this.loop = null;
    await this.leases?.release().catch((err: unknown) => {
      this.options.logger?.error({ err }, 'releasing projection leases failed; they expire by themselves');
    });
  }

  /** Lease rounds every `renewMs`, never overlapping; new leases wake the loop. */
  private startLeaseLoop(leases: ProjectionLeases): { stop(): Promise<void> } {
    let stopped = false;
    let timer: NodeJS.Timeout | null = null;
    let running: Promise<void> = Promise.resolve();
    let last = '';
    const round = () => {
      if (stopped) return;
      running = leases
        .tick()
        .then((t) => {
          const now = t.held.join(',');
          if (now !== last)
            this.options.logger?.info(
              { owner: leases.owner, live: t.live, share: t.share, held: t.held },
              'projection leases changed',
            );
          last = now;
          if (t.acquired.length > 0) this.poke();
        })
        .catch((err: unknown) =>
          this.options.logger?.error({ err }, 'projection lease round failed; will retry'),
        )
        .finally(() => {
          if (!stopped) timer = setTimeout(round, leases.renewMs);
        });
    };
    round();
    return {
      async stop() {
        stopped = true;
        if (timer) clearTimeout(timer);
        await running;
      },
    };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.wake = null;
        resolve();
      }, ms);
      this.wake = () => {
        clearTimeout(t);
        this.wake = null;
        resolve();
      };
    });
  }

  async checkpoint(name: string): Promise<GlobalCheckpoint> {
    return readCheckpoint(viaManager(this.options.dataSource), name);
  }

  /**
   * Applies at most one batch; returns the number of events applied. When the batch holds an event
   * the projection cannot apply (parking.ts), the events before it are applied one by one and the
   * projection is parked on it (the live table), or PoisonEvent is thrown (a rebuild's table).
   */
  async runOnce(
    p: ProjectionDefinition,
    target: Target = { table: p.table, checkpoint: p.name },
    limit: number = this.batchSize,
  ): Promise<number> {
    const lane: Lane = { p, target, fresh: isShadow(p, target), growing: null };
    return (await this.runShared([lane], limit)).get(p.name) ?? 0;
  }

  /**
   * The next `limit` events after `from` (the batch: its length and its last event fixed by the log
   * alone), of which only the types in `types` are read when the store can narrow its read.
   */
  private async readBatch(
    from: GlobalCheckpoint,
    limit: number,
    types: ReadonlySet<string>,
  ): Promise<TypedBatch> {
    const store = this.options.store;
    if (store.readAllOfTypes) return store.readAllOfTypes({ after: from, limit, types: [...types] });
    const all = await store.readAll({ after: from, limit });
    const last = all[all.length - 1];
    return {
      events: all.filter((e) => types.has(e.type)),
      count: all.length,
      through: last ? { transactionId: last.transactionId, position: last.globalPosition } : null,
    };
  }

  /**
   * Applies a batch read after `from` (`events`: those of the batch `p` handles) in one transaction;
   * returns the number of events of the batch applied. A poison event is walked to and parked (or,
   * in a rebuild, thrown) as `runOnce` says; the walk writes a live table with upserts whatever
   * `fresh` says, so that only an event that cannot be applied parks the projection.
   */
  private async applyRead(
    { p, target, fresh }: Lane,
    from: GlobalCheckpoint,
    batch: TypedBatch,
    events: StoredEvent[],
  ): Promise<number> {
    try {
      await this.applyInTransaction(p, target, from, events, batch.through!, batch.count, fresh);
      return batch.count;
    } catch (err) {
      const code = poisonCode(err);
      if (!code) throw err;
      if (batch.count > 1) {
        // Find the event: apply one at a time until one fails (it parks or throws).
        let applied = 0;
        for (let i = 0; i < batch.count; i++) {
          const n = await this.runOnce(p, target, 1);
          if (n === 0) break;
          applied += n;
        }
        return applied;
      }
      const event = events[0];
      if (!event) throw err;
      if (isShadow(p, target)) throw new PoisonEvent(p.name, event, code);
      await parkProjection(viaManager(this.options.dataSource), p.name, event, code);
      this.options.logger?.error(
        {
          projection: p.name,
          position: event.globalPosition,
          streamId: event.streamId,
          eventId: event.eventId,
          eventType: event.type,
          error: code,
        },
        'projection parked: it cannot apply this event (the others go on; `donthu projections retry` resumes it)',
      );
      return 0;
    }
  }

  /**
   * One batch for each lane, reading the log once for the lanes that stand at the same checkpoint: the
   * batch is read with the types any of them handles, then each applies its part in its own
   * transaction (its own compare-and-set, its own parking). Returns the events applied per projection.
   */
  private async runShared(lanes: Lane[], limit: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (lanes.length === 0) return out;
    const checkpoints = await this.checkpoints(lanes.map((l) => l.target.checkpoint));
    const together = new Map<string, { from: GlobalCheckpoint; members: Lane[] }>();
    for (const lane of lanes) {
      const from = checkpoints.get(lane.target.checkpoint) ?? { ...START_OF_LOG };
      const at = `${from.transactionId}:${from.position}`;
      const group = together.get(at) ?? { from, members: [] };
      group.members.push(lane);
      together.set(at, group);
    }
    for (const { from, members } of together.values()) {
      const types = new Set(members.flatMap((l) => [...l.p.handles]));
      const batch = await this.readBatch(from, limit, types);
      if (batch.count === 0) {
        for (const l of members) out.set(l.p.name, 0);
        continue;
      }
      // Before the transactions: the vault reads on its own connection (on the embedded database a
      // query on another connection would wait for an open transaction).
      let opened: StoredEvent[] | null = null;
      for (const lane of members) {
        const p = lane.p;
        let events = batch.events;
        if (p.readsLetters && this.options.openLetters && events.length > 0)
          events = opened ??= await this.options.openLetters(events);
        const mine = events.filter((e) => p.handles.has(e.type));
        out.set(p.name, await this.applyRead(lane, from, { ...batch, events: mine }, mine));
      }
    }
    return out;
  }

  /** The checkpoints of `names` in one read (START_OF_LOG for those without one). */
  private async checkpoints(names: string[]): Promise<Map<string, GlobalCheckpoint>> {
    const rows: { name: string; transaction_id: string; position: string }[] =
      await this.options.dataSource.query(
        'SELECT name, transaction_id::text AS transaction_id, position::text AS position FROM projection_checkpoints WHERE name = ANY($1)',
        [names],
      );
    return new Map(rows.map((r) => [r.name, { transactionId: r.transaction_id, position: r.position }]));
  }

  /** Parked projections (all, or those named). */
  async parked(names?: string[]): Promise<ParkedProjection[]> {
    return readParked(viaManager(this.options.dataSource), names);
  }

  /**
   * Resumes a parked projection (after a fix): removes its parking and catches it up at once. Returns
   * whether it was parked and, if it parks again on an event, where.
   */
  async retry(name: string): Promise<{ wasParked: boolean; parked: ParkedProjection | null }> {
    const p = this.projection(name);
    const wasParked = await unpark(viaManager(this.options.dataSource), name);
    await this.catchUp(p);
    const again = await this.parked([name]);
    this.poke();
    return { wasParked, parked: again[0] ?? null };
  }

  /**
   * `events`: those of the batch `p` handles; `to`: the batch's last event; `count`: its length;
   * `fresh`: rows that cannot conflict go in by the fresh load (Lane).
   */
  private async applyInTransaction(
    p: ProjectionDefinition,
    target: Target,
    from: GlobalCheckpoint,
    events: StoredEvent[],
    to: GlobalCheckpoint,
    count: number,
    fresh: boolean,
  ): Promise<void> {
    const last = events[events.length - 1];
    const started = process.hrtime.bigint();
    let applied = false;
    // A span per batch (when tracing is on), linked to the commands that wrote its events; the
    // batch's queries are its children.
    const span = tracer().startSpan(`projection ${p.name}`, {
      attributes: { 'donthu.projection': p.name, 'donthu.events': count },
      links: linksTo(events.map((e) => e.metadata?.traceparent)),
    });
    try {
      await context.with(trace.setSpan(context.active(), span), () =>
        this.options.dataSource.transaction(async (em) => {
          // The checkpoint row must exist to be locked: without it, two runners starting from the
          // beginning of the log would both see "no checkpoint" and both apply the first batch.
          const q = viaManager(em);
          // A rebuild's batches need not wait for the disk: nobody reads the shadow table, its rows and
          // checkpoint are lost together or not at all, and the swap commits synchronously — which
          // flushes every batch before it (the log is written in order).
          if (isShadow(p, target)) await em.query('SET LOCAL synchronous_commit = off');
          await writeCheckpoint(q, target.checkpoint, START_OF_LOG, { ifAbsent: true });
          const current = await readCheckpoint(q, target.checkpoint, { lock: true });
          if (current.transactionId !== from.transactionId || current.position !== from.position) return; // someone else applied it
          await this.applyBatch(em, p, target.table, events, fresh);
          await writeCheckpoint(q, target.checkpoint, to);
          applied = true;
        }),
      );
    } catch (err) {
      span.recordException(err instanceof Error ? err : String(err));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw err;
    } finally {
      span.setAttribute('donthu.applied', applied);
      span.end();
    }
    if (applied)
      this.options.observer?.batchApplied(
        p.name,
        count,
        Number(process.hrtime.bigint() - started) / 1e9,
        last?.recordedAt,
      );
  }

  /**
   * Runs until the projection has read everything visible now, or (the live table) until it is parked.
   * A parked projection is left alone.
   */
  async catchUp(p: ProjectionDefinition, target?: Target, limit: number = this.batchSize): Promise<void> {
    if (!target) return this.catchUpMany([p], limit);
    await this.catchUpLanes([{ p, target, fresh: isShadow(p, target), growing: null }], limit);
  }

  /**
   * catchUp for every projection, reading the log once for those at the same checkpoint (runShared);
   * each goes on until it has read everything visible now, or is parked.
   */
  async catchUpAll(): Promise<void> {
    await this.catchUpMany(this.options.projections);
  }

  /**
   * Like catchUpAll, but with leases only the projections this runner holds, each for as long as it
   * holds it.
   */
  async catchUpHeld(): Promise<void> {
    await this.catchUpMany(
      this.options.projections.filter((p) => this.owns(p.name)),
      this.batchSize,
      (name) => this.owns(name),
    );
  }

  /**
   * The live tables of `projections` caught up. A projection whose table is empty and whose checkpoint
   * is at the start of the log (a new worker on an existing log) is loaded like a rebuild's table, in
   * place: its new rows by the fresh load (COPY on a server) and an ANALYZE at each doubling (Lane) —
   * every batch still in one transaction with its checkpoint, behind the compare-and-set, synchronously
   * committed, every index in place.
   */
  private async catchUpMany(
    projections: ProjectionDefinition[],
    limit = this.batchSize,
    keep?: (name: string) => boolean,
    /** Those of `projections` known empty at the start of the log (emptyAtStart), when looked at already. */
    known?: ReadonlySet<string>,
  ) {
    const empty = known ?? (await this.emptyAtStart(projections));
    if (empty.size > 0) this.freshLoad ??= await this.resolveFreshLoad();
    await this.catchUpLanes(
      projections.map((p) => liveLane(p, empty.has(p.name))),
      limit,
      keep,
    );
  }

  /**
   * The names of `projections` (bulk writer only) whose live table holds no row and whose checkpoint is
   * at the start of the log. Rows written by the fresh load cannot conflict there: every row comes
   * from a batch committed with its checkpoint (a table whose checkpoint was reset without emptying it
   * is not empty, and keeps the upserts).
   */
  private async emptyAtStart(projections: ProjectionDefinition[]): Promise<Set<string>> {
    const out = new Set<string>();
    const bulk = projections.filter(
      (p) => (this.options.writer ?? (BULK_WRITES.has(p.name) ? 'bulk' : 'per-row')) === 'bulk',
    );
    if (bulk.length === 0) return out;
    const checkpoints = await this.checkpoints(bulk.map((p) => p.name));
    for (const p of bulk) {
      const cp = checkpoints.get(p.name);
      if (cp && (cp.transactionId !== START_OF_LOG.transactionId || cp.position !== START_OF_LOG.position))
        continue;
      const rows: { empty: boolean }[] = await this.options.dataSource.query(
        `SELECT NOT EXISTS (SELECT 1 FROM ${quoteIdent(p.table)}) AS empty`,
      );
      if (rows[0]?.empty) out.add(p.name);
    }
    return out;
  }

  /**
   * The batch loop of every catch-up and of a rebuild's load: runs each lane until it has read
   * everything visible now. A live projection leaves when it is parked (checked before every round)
   * or when `keep` says no (this runner no longer holds its lease, its loop was stopped). Far behind (a batch full), the batch
   * doubles up to the rebuild's size — fewer round trips and commits for the same rows (they do not
   * depend on where batches end).
   */
  private async catchUpLanes(
    lanes: Lane[],
    limit: number,
    keep: (name: string) => boolean = () => true,
  ): Promise<void> {
    const most = Math.max(limit, this.rebuildBatchSize);
    let active = lanes;
    for (let size = limit; active.length > 0;) {
      const live = active.filter((l) => !isShadow(l.p, l.target)).map((l) => l.p.name);
      const parked = new Set(live.length > 0 ? (await this.parked(live)).map((x) => x.name) : []);
      active = active.filter((l) => isShadow(l.p, l.target) || (!parked.has(l.p.name) && keep(l.p.name)));
      const applied = await this.runShared(active, size);
      for (const l of active) {
        const n = applied.get(l.p.name) ?? 0;
        if (!l.growing || n === 0) continue;
        l.growing.applied += n;
        if (l.growing.applied >= 2 * l.growing.analyzedAt) {
          await this.options.dataSource.query(`ANALYZE ${quoteIdent(l.target.table)}`);
          l.growing.analyzedAt = l.growing.applied;
        }
      }
      active = active.filter((l) => (applied.get(l.p.name) ?? 0) > 0);
      if (Math.max(0, ...applied.values()) >= size) size = Math.min(size * 2, most);
    }
  }

  private async applyBatch(
    em: EntityManager,
    p: ProjectionDefinition,
    table: string,
    events: StoredEvent[],
    fresh: boolean,
  ): Promise<void> {
    const relevant = events.filter((e) => p.handles.has(e.type));
    if (relevant.length === 0) return;
    const touched = relevant.map((e) => {
      try {
        return { event: e, groups: p.groupsOf(e) };
      } catch (err) {
        throw new EvolveFailed(err);
      }
    });
    const wanted = new Map<string, Row>();
    for (const t of touched) for (const g of t.groups) wanted.set(keyOf(p.groupColumns, g), g);
    const bulk = (this.options.writer ?? (BULK_WRITES.has(p.name) ? 'bulk' : 'per-row')) === 'bulk';
    if (bulk)
      return this.applyBulk(
        em,
        p,
        table,
        touched,
        [...wanted.values()],
        fresh ? (this.freshLoad ?? 'insert') : null,
      );
    const before = await this.loadGroups(em, p, table, [...wanted.values()]);
    const current = new Map<string, { rows: Row[]; event: StoredEvent | null }>();
    for (const [gk, rows] of before) current.set(gk, { rows, event: null });
    for (const { event, groups } of touched) {
      for (const group of groups) {
        const gk = keyOf(p.groupColumns, group);
        const rows = current.get(gk)?.rows ?? [];
        let next: Row[];
        try {
          next = p.evolve(
            rows.map((r) => ({ ...r })),
            event,
            group,
          );
        } catch (err) {
          throw new EvolveFailed(err);
        }
        // Temporal tables keep one version per event, never one per batch: the versions (and so every
        // recordedBefore answer) must not depend on where batch boundaries fall.
        if (p.temporal) await this.writeDiff(em, p, table, rows, next, event);
        current.set(gk, { rows: next, event });
      }
    }
    if (p.temporal) return;
    for (const [gk, { rows, event }] of current) {
      if (!event) continue;
      await this.writeDiff(em, p, table, before.get(gk) ?? [], rows, event);
    }
  }

  /**
   * The set-based path (bulk-writes.ts): the same evolution event by event, the same diffs, gathered
   * in memory and written with a few multi-row statements at the end of the batch.
   */
  private async applyBulk(
    em: EntityManager,
    p: ProjectionDefinition,
    table: string,
    touched: { event: StoredEvent; groups: Row[] }[],
    groups: Row[],
    fresh: FreshLoad | null,
  ): Promise<void> {
    let types = this.types.get(table);
    if (!types) {
      types = await columnTypes(em, table);
      this.types.set(table, types);
    }
    const before = await loadGroupsBulk(em, p, table, types, groups);
    const current = new Map<string, { rows: Row[]; event: StoredEvent | null }>();
    for (const [gk, rows] of before) current.set(gk, { rows, event: null });
    const writes = new BatchWrites(p, table, fresh);
    for (const { event, groups: eventGroups } of touched) {
      for (const group of eventGroups) {
        const gk = keyOf(p.groupColumns, group);
        const rows = current.get(gk)?.rows ?? [];
        let next: Row[];
        try {
          next = p.evolve(
            rows.map((r) => ({ ...r })),
            event,
            group,
          );
        } catch (err) {
          throw new EvolveFailed(err);
        }
        if (p.temporal) writes.diff(rows, next, event);
        current.set(gk, { rows: next, event });
      }
    }
    if (!p.temporal)
      for (const [gk, { rows, event }] of current) if (event) writes.diff(before.get(gk) ?? [], rows, event);
    if (!writes.empty) await writes.flush(em, types);
  }

  /** Writes the changes from a group's `oldRows` to `newRows`, stamped with `event`. */
  private async writeDiff(
    em: EntityManager,
    p: ProjectionDefinition,
    table: string,
    oldRows: Row[],
    newRows: Row[],
    event: StoredEvent,
  ): Promise<void> {
    const old = new Map(oldRows.map((r) => [keyOf(p.keyColumns, r), r]));
    const next = new Map(newRows.map((r) => [keyOf(p.keyColumns, r), r]));
    for (const [k, r] of old) if (!next.has(k)) await this.writeRow(em, p, table, r, r, null, event);
    for (const [k, r] of next) {
      const o = old.get(k) ?? null;
      if (o && same(stripTemporal(o), stripTemporal(r))) continue;
      await this.writeRow(em, p, table, r, o, r, event);
    }
  }

  private async loadGroups(
    em: EntityManager,
    p: ProjectionDefinition,
    table: string,
    groups: Row[],
  ): Promise<Map<string, Row[]>> {
    const out = new Map<string, Row[]>();
    const chunk = 500;
    for (let i = 0; i < groups.length; i += chunk) {
      const part = groups.slice(i, i + chunk);
      const params: unknown[] = [];
      const tuples = part.map(
        (g) => `(${p.groupColumns.map((c) => (params.push(g[c] ?? null), `$${params.length}`)).join(', ')})`,
      );
      const cols = p.groupColumns.map(quoteIdent).join(', ');
      const rows: Row[] = await em.query(
        `SELECT * FROM ${quoteIdent(table)} WHERE (${cols}) IN (${tuples.join(', ')})${p.temporal ? ' AND recorded_to IS NULL' : ''}`,
        params,
      );
      for (const r of rows) {
        const gk = keyOf(p.groupColumns, r);
        const list = out.get(gk) ?? [];
        list.push(stripTemporal(normaliseRow(r))!);
        out.set(gk, list);
      }
    }
    return out;
  }

  private async writeRow(
    em: EntityManager,
    p: ProjectionDefinition,
    table: string,
    key: Row,
    old: Row | null,
    row: Row | null,
    event: StoredEvent,
  ): Promise<void> {
    const where = p.keyColumns.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(' AND ');
    const keyParams = p.keyColumns.map((c) => key[c] ?? null);
    if (p.temporal) {
      if (old)
        await em.query(
          `UPDATE ${quoteIdent(table)} SET recorded_to = $${keyParams.length + 1} WHERE ${where} AND recorded_to IS NULL`,
          [...keyParams, event.recordedAt],
        );
      if (row) {
        const values: Row = {
          ...stripTemporal(row),
          recorded_from: event.recordedAt,
          recorded_to: null,
          position_from: event.globalPosition,
        };
        const cols = Object.keys(values);
        await em.query(
          `INSERT INTO ${quoteIdent(table)} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
           ON CONFLICT (${[...p.keyColumns, 'position_from'].map(quoteIdent).join(', ')}) DO UPDATE SET ${cols.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`,
          cols.map((c) => toDbValue(values[c])),
        );
      }
      return;
    }
    if (!row) {
      await em.query(`DELETE FROM ${quoteIdent(table)} WHERE ${where}`, keyParams);
      return;
    }
    const cols = Object.keys(row);
    const updates = cols.filter((c) => !p.keyColumns.includes(c));
    await em.query(
      `INSERT INTO ${quoteIdent(table)} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (${p.keyColumns.map(quoteIdent).join(', ')}) DO ${updates.length ? `UPDATE SET ${updates.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}` : 'NOTHING'}`,
      cols.map((c) => toDbValue(row[c])),
    );
  }

  /** Projection name → number of visible events not yet applied. */
  async lag(): Promise<Record<string, { lag: number; position: string }>> {
    const out: Record<string, { lag: number; position: string }> = {};
    for (const p of this.options.projections) {
      const cp = await this.checkpoint(p.name);
      out[p.name] = {
        lag: await eventsAfter(viaManager(this.options.dataSource), cp),
        position: cp.position,
      };
    }
    return out;
  }

  /**
   * True when every projection (or every one of `names`) has applied the event at `position` (or it
   * does not exist yet → false).
   */
  async hasApplied(
    position: string,
    names: string[] = this.options.projections.map((p) => p.name),
  ): Promise<boolean> {
    const ev: { transaction_id: string }[] = await this.options.dataSource.query(
      'SELECT transaction_id::text AS transaction_id FROM events WHERE global_position = $1',
      [position],
    );
    if (!ev[0]) {
      const head: { max: string | null }[] = await this.options.dataSource.query(
        'SELECT max(global_position)::text AS max FROM events',
      );
      // A position at or below the head that does not exist (a rolled-back insert) counts as applied once the head is.
      if (!head[0]?.max || BigInt(head[0].max) < BigInt(position)) return false;
      return this.hasApplied(head[0].max, names);
    }
    const tx = BigInt(ev[0].transaction_id);
    const cps: { name: string; transaction_id: string; position: string }[] =
      await this.options.dataSource.query(
        'SELECT name, transaction_id, position::text AS position FROM projection_checkpoints WHERE name = ANY($1)',
        [names],
      );
    if (cps.length < names.length) return false;
    for (const cp of cps) {
      const ctx = BigInt(cp.transaction_id);
      if (ctx < tx || (ctx === tx && BigInt(cp.position) < BigInt(position))) return false;
    }
    return true;
  }

  /** How many callers are inside `waitFor` now (a request held by `minPosition`, for instance). */
  get waiting(): number {
    return this.waiters;
  }

  /** Waits (≤ timeoutMs) until every projection (or every one of `names`) has applied `position`. */
  async waitFor(position: string, timeoutMs = 5000, names?: string[]): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    this.waiters++;
    try {
      for (;;) {
        if (await this.hasApplied(position, names)) return true;
        if (Date.now() >= until) return false;
        this.poke();
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      this.waiters--;
    }
  }

  /**
   * Rebuilds a projection into a fresh copy of its table, then swaps the tables and the checkpoint in
   * one transaction. The live table keeps answering until the swap.
   */
  async rebuild(name: string): Promise<{ events: number }> {
    const p = this.projection(name);
    this.freshLoad ??= await this.resolveFreshLoad();
    const shadow = `${p.table}${REBUILD_SUFFIX}`;
    const shadowCheckpoint = `${p.name}${REBUILD_SUFFIX}`;
    const ds = this.options.dataSource;
    await ds.query(`DROP TABLE IF EXISTS ${quoteIdent(shadow)}`);
    await ds.query(`CREATE TABLE ${quoteIdent(shadow)} (LIKE ${quoteIdent(p.table)} INCLUDING ALL)`);
    this.types.delete(shadow);
    this.types.delete(p.table);
    await deleteCheckpoint(viaManager(ds), shadowCheckpoint);
    const target = { table: shadow, checkpoint: shadowCheckpoint };
    const dropShadow = async () => {
      await ds.query(`DROP TABLE IF EXISTS ${quoteIdent(shadow)}`);
      await deleteCheckpoint(viaManager(ds), shadowCheckpoint);
    };
    try {
      await this.rebuildInto(p, target, shadowCheckpoint);
    } catch (err) {
      // A failed rebuild leaves nothing behind: no half-built table, no stray checkpoint.
      await dropShadow().catch(() => undefined);
      throw err;
    }
    const count: { n: string }[] = await ds.query('SELECT count(*)::text AS n FROM events');
    return { events: Number(count[0]?.n ?? 0) };
  }

  private async resolveFreshLoad(): Promise<FreshLoad> {
    const load = this.options.rebuildLoad ?? 'insert';
    if (load !== 'auto') return load;
    const v: { v: string }[] = await this.options.dataSource.query('SELECT version() AS v');
    return /pglite|emscripten/i.test(v[0]?.v ?? '') ? 'insert' : 'copy';
  }

  /** Drops the indexes of `table` that are not unique; returns the statements that build them again. */
  private async dropSecondaryIndexes(table: string): Promise<string[]> {
    const ds = this.options.dataSource;
    const indexes: { name: string; def: string }[] = await ds.query(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = $1::regclass AND NOT x.indisunique AND NOT x.indisprimary
        ORDER BY i.relname`,
      [quoteIdent(table)],
    );
    for (const ix of indexes) await ds.query(`DROP INDEX ${quoteIdent(ix.name)}`);
    return indexes.map((ix) => ix.def);
  }

  private async rebuildInto(
    p: ProjectionDefinition,
    target: Target,
    shadowCheckpoint: string,
  ): Promise<void> {
    const ds = this.options.dataSource;
    // The bulk load: only the unique indexes (the key, the current version's key: the writer reads and
    // upserts by them); every other index is built once, after the load.
    const later = await this.dropSecondaryIndexes(target.table);
    await this.catchUpLanes(
      [{ p, target, fresh: true, growing: { applied: 0, analyzedAt: 0 } }],
      this.rebuildBatchSize,
    );
    for (const def of later) await ds.query(def);
    await ds.query(`ANALYZE ${quoteIdent(target.table)}`);
    for (;;) {
      // Catch up the last events and swap under the live checkpoint's lock.
      const done = await ds.transaction(async (em) => {
        const q = viaManager(em);
        await readCheckpoint(q, p.name, { lock: true });
        const cp = await readCheckpoint(q, shadowCheckpoint);
        if ((await eventsAfter(q, cp, { visibleOnly: true })) > 0) return false;
        const old = `${p.table}__old`;
        const shadow = target.table;
        // The shadow's indexes got names of their own (`<table>__rebuild_…`); the live table's names
        // are the ones migrations know (a later `DROP INDEX <name>` must find them): taken over below.
        const renames = indexRenames(await indexesOf(em, shadow), await indexesOf(em, p.table));
        // What the live table's migrations attached to it (triggers keeping counts), attached to the new
        // one, and what it keeps recomputed from the new rows: before the renames, so that readers wait
        // for none of it (they read the live table and the old counts until the commit).
        for (const fn of p.rebuilt ?? [])
          await em.query(`SELECT ${quoteName(fn)}($1::regclass)`, [quoteIdent(shadow)]);
        await em.query(`DROP TABLE IF EXISTS ${quoteIdent(old)}`);
        await em.query(`ALTER TABLE ${quoteIdent(p.table)} RENAME TO ${quoteIdent(old)}`);
        await em.query(`ALTER TABLE ${quoteIdent(shadow)} RENAME TO ${quoteIdent(p.table)}`);
        await em.query(`DROP TABLE ${quoteIdent(old)}`);
        // Through temporary names when a name wanted is still another index's.
        const taken = new Set(renames.map(([from]) => from));
        const steps = renames.some(([, to]) => taken.has(to))
          ? [
              ...renames.map(([from], i): [string, string] => [from, `${p.table}__swap_${i}`]),
              ...renames.map(([, to], i): [string, string] => [`${p.table}__swap_${i}`, to]),
            ]
          : renames;
        for (const [from, to] of steps)
          await em.query(`ALTER INDEX ${quoteName(from)} RENAME TO ${quoteName(to)}`);
        await writeCheckpoint(q, p.name, cp);
        await deleteCheckpoint(q, shadowCheckpoint);
        // The whole log applied: whatever parked the live projection no longer does.
        await unpark(q, p.name);
        return true;
      });
      if (done) break;
      await this.catchUp(p, target, this.rebuildBatchSize);
    }
  }
}

interface IndexOf {
  name: string;
  /** What the index is, without its name or its table's: `[UNIQUE ]USING btree (…) [WHERE …]`. */
  shape: string;
}

/** The indexes of `table` (unique and primary ones included), by name. */
async function indexesOf(em: EntityManager, table: string): Promise<IndexOf[]> {
  const rows: { name: string; unique: boolean; def: string }[] = await em.query(
    `SELECT i.relname AS name, x.indisunique AS "unique", pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = $1::regclass
      ORDER BY i.relname`,
    [quoteIdent(table)],
  );
  return rows.map((r) => {
    const at = r.def.indexOf(' USING ');
    if (at < 0) throw new Error(`unexpected index definition: ${r.def}`);
    return { name: r.name, shape: `${r.unique ? 'UNIQUE ' : ''}${r.def.slice(at + 1)}` };
  });
}

/**
 * Which of `fresh`'s indexes takes which name of `live`'s: the same definition, one for one (two
 * identical indexes pair up in name order). An index of `fresh` with no counterpart keeps its name.
 */
export function indexRenames(fresh: readonly IndexOf[], live: readonly IndexOf[]): [string, string][] {
  const free = new Map<string, string[]>();
  for (const ix of live) free.set(ix.shape, [...(free.get(ix.shape) ?? []), ix.name]);
  const out: [string, string][] = [];
  for (const ix of fresh) {
    const name = free.get(ix.shape)?.shift();
    if (name !== undefined && name !== ix.name) out.push([ix.name, name]);
  }
  return out;
}

/** Any identifier, quoted (index names come from migrations and may hold capitals). */
const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The per-row writer's comparison, as it always was: canonical JSON. */
const same = (a: Row | null, b: Row | null): boolean => canonicalize(a) === canonicalize(b);

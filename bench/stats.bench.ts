/**
 * Statistics benchmark: a scratch database on the local PostgreSQL server, created and dropped here.
 * Prints figures next to their targets; never asserts (never run in CI).
 *
 *   npm run bench:stats                  (DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_STATS_CASES=1000000            cases over ten years (default 100,000; the target is stated for
 *                                        a large province: about 1,000,000 cases and 6,000,000 events)
 *   BENCH_STATS_READS=50                 GET /statistics requests measured (default 50)
 *
 * Load: a province with 20 departments and 80 communes; the cases' events are written straight into
 * the events table in bulk (INSERT … SELECT generate_series, six events per case: received, classified,
 * accepted, a dialogue, decided — on time or late —, closed; the last weeks' cases still open), spread
 * evenly over the ten years 2016-12-15 … 2026-12-14 and over the units. The rows carry placeholder
 * hashes: the hash chain is not what is measured, and appending millions of events one stream at a time
 * would measure the event store instead.
 *
 * Rebuild: the statistics projection (statistics.v1) applied from the first event to the last by the
 * projection runner, as `donthu projections rebuild` does; events per second.
 * Query: GET /api/v1/statistics?unitId=prov&period=<year> (the year with its sub-units rolled up, the
 * previous year and the one before as `previous`/`yearEarlier`) over HTTP as a supervisor; p50/p99.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../apps/api/src/bootstrap.js';
import { createRunner } from '../libs/application/src/index.js';
import {
  deadlinesProjection,
  statisticsProjection,
  unitsProjection,
  ProjectionRunner,
} from '../libs/read-models/src/index.js';
import { benchRuntime, fmt, ms, percentile, scratchDatabase, token, type BenchRuntime } from './support.js';

const CASES = Number(process.env.BENCH_STATS_CASES ?? 100_000);
const READS = Number(process.env.BENCH_STATS_READS ?? 50);
const NOW = new Date('2026-12-06T03:00:00Z');
const CHUNK = 20_000;

const META = `jsonb_build_object('actor', jsonb_build_object('id', 'bench', 'name', 'Bench', 'roles', '[]'::jsonb),
  'correlationId', 'bench', 'causationId', null, 'schemaVersion', 1,
  'occurredAt', to_char(e.on_date, 'YYYY-MM-DD') || 'T03:00:00.000Z',
  'recordedAt', to_char(e.on_date, 'YYYY-MM-DD') || 'T03:00:00.000Z')`;

/** Units as events (one stream each), so the units read model is built by its projection. */
async function loadUnits(db: pg.Client): Promise<string[]> {
  const units: [string, string, string | null][] = [['prov', 'province', null]];
  for (let i = 1; i <= 20; i++) units.push([`dept-${String(i).padStart(2, '0')}`, 'department', 'prov']);
  for (let i = 1; i <= 80; i++) units.push([`com-${String(i).padStart(2, '0')}`, 'commune', 'prov']);
  for (const [id, level, parent] of units)
    await db.query(
      `INSERT INTO events (stream_id, version, event_id, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
       VALUES ($1, 1, $2, 'UnitCreated', $3, $4, '2016-01-01T03:00:00Z', '2016-01-01T03:00:00Z', repeat('0', 64), repeat('0', 64))`,
      [
        `unit-${id}`,
        randomUUID(),
        JSON.stringify({
          unitId: id,
          name: `Đơn vị ${id}`,
          level,
          parentId: parent,
          createdAt: '1990-01-01',
        }),
        JSON.stringify({
          actor: { id: 'bench', name: 'Bench', roles: [] },
          correlationId: 'bench',
          causationId: null,
          schemaVersion: 1,
          occurredAt: '2016-01-01T03:00:00.000Z',
          recordedAt: '2016-01-01T03:00:00.000Z',
        }),
      ],
    );
  return units.filter(([, level]) => level !== 'province').map(([id]) => id);
}

/** Cases [from, to): six events each (fewer for the last weeks' open cases), one statement. */
async function loadCases(db: pg.Client, units: string[], from: number, to: number): Promise<void> {
  await db.query(
    `WITH c AS (
       SELECT i, md5('bench-' || i)::uuid::text AS id,
              (date '2016-12-15' + (i::bigint * 3650 / $3)::int) AS received,
              ($4::text[])[1 + i % array_length($4::text[], 1)] AS unit,
              (ARRAY['complaint','denunciation','petition','reflection'])[1 + i % 4] AS kind,
              (ARRAY['in_person','post','online','hotline','forwarded','reception_session'])[1 + i % 6] AS channel,
              (ARRAY['land','compensation','site_clearance','housing','policy','justice','corruption','other'])[1 + i % 8] AS field
         FROM generate_series($1::int, $2::int - 1) i),
     e AS (
       SELECT c.*, v.version, v.type, c.received + v.offs AS on_date
         FROM c CROSS JOIN (VALUES (1, 'CaseReceived', 0), (2, 'CaseClassified', 1), (3, 'CaseAccepted', 3),
                                   (4, 'DialogueRecorded', 10), (5, 'CaseResolved', 20), (6, 'CaseClosed', 25)) v(version, type, offs)
        WHERE c.received + v.offs <= date '2026-12-06' AND (v.version < 5 OR c.received < date '2026-10-01'))
     INSERT INTO events (stream_id, version, event_id, type, data, metadata, occurred_at, recorded_at, prev_hash, hash)
     SELECT 'case-' || e.id, e.version, gen_random_uuid(), e.type,
       CASE e.type
         WHEN 'CaseReceived' THEN jsonb_build_object('caseId', e.id, 'trackingCode', 'BENCH-' || e.i,
           'receivedAt', e.on_date, 'channel', e.channel, 'receivingUnitId', e.unit, 'petitioners', '[]'::jsonb,
           'signerCount', 1, 'subject', 's', 'content', 'c', 'field', e.field)
         WHEN 'CaseClassified' THEN jsonb_build_object('caseId', e.id, 'kind', e.kind,
           'level', CASE WHEN e.kind = 'complaint' THEN 1 END, 'competentUnitId', e.unit, 'processable', true,
           'multiLocation', false, 'competentWithinReceivingSubtree', true, 'classifiedAt', e.on_date,
           'intakeDeadline', null, 'dates', '[]'::jsonb)
         WHEN 'CaseAccepted' THEN jsonb_build_object('caseId', e.id, 'acceptedAt', e.on_date, 'complex', false,
           'especiallyComplex', false, 'remoteArea', false, 'deadlineOutcomes', '[]'::jsonb, 'dates', '[]'::jsonb,
           'resolutionDeadline', CASE WHEN e.kind IN ('complaint', 'denunciation') THEN jsonb_build_object(
             'deadlineNo', 1, 'ruleId', 'KN-RES1', 'ruleVersion', '2012-07-01', 'startOn', e.on_date, 'length', 30,
             'unit', 'calendar_days', 'variant', 'normal', 'baseDueOn', e.on_date + 14 + e.i % 4,
             'dueOn', e.on_date + 14 + e.i % 4, 'provisional', false, 'legalBasis', 'LKN Art. 28') END)
         WHEN 'DialogueRecorded' THEN jsonb_build_object('caseId', e.id, 'dialogueId', md5('d' || e.i)::uuid::text,
           'heldAt', e.on_date, 'participants', '["p"]'::jsonb, 'minutes', 'm', 'outcome', 'agreed')
         WHEN 'CaseResolved' THEN jsonb_build_object('caseId', e.id, 'decidedAt', e.on_date,
           'outcome', CASE e.kind WHEN 'complaint' THEN 'upheld' WHEN 'denunciation' THEN 'untrue' ELSE 'answered' END,
           'summary', 's', 'dates', '[]'::jsonb, 'deadlineOutcomes', CASE WHEN e.kind IN ('complaint', 'denunciation')
             THEN jsonb_build_array(jsonb_build_object('deadlineNo', 1, 'ruleId', 'KN-RES1', 'startOn', e.on_date - 17,
               'dueOn', e.on_date - 17 + 14 + e.i % 4, 'outcome', CASE WHEN e.i % 4 = 3 THEN 'met' ELSE 'missed' END,
               'on', e.on_date)) ELSE '[]'::jsonb END)
         ELSE jsonb_build_object('caseId', e.id, 'at', e.on_date)
       END,
       ${META}, e.on_date + time '03:00', e.on_date + time '03:00', repeat('0', 64), repeat('0', 64)
     FROM e ORDER BY e.i, e.version`,
    [from, to, CASES, units],
  );
}

async function main(): Promise<void> {
  const scratch = await scratchDatabase('statsbench');
  const name = scratch.name;
  let bench: BenchRuntime | null = null;
  let app: INestApplication | null = null;
  try {
    bench = await benchRuntime(scratch.url, NOW);
    const runtime = bench.runtime;
    const url = new URL(scratch.url);
    console.log(
      `donthu statistics benchmark — PostgreSQL ${url.host}, scratch database ${name}, ${CASES} cases`,
    );
    const db = new pg.Client({ connectionString: url.toString() });
    await db.connect();
    let t = ms();
    const units = await loadUnits(db);
    for (let from = 0; from < CASES; from += CHUNK)
      await loadCases(db, units, from, Math.min(CASES, from + CHUNK));
    await db.query('VACUUM ANALYZE events');
    const events = Number(
      (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM events')).rows[0]!.n,
    );
    console.log(`load            ${events} events in ${fmt((ms() - t) / 1000)} s (bulk SQL)`);

    const runnerOf = (projections: (typeof statisticsProjection)[]) =>
      new ProjectionRunner({
        store: runtime.store,
        dataSource: runtime.dataSource,
        projections,
        batchSize: 2000,
      });
    await runnerOf([unitsProjection]).catchUpAll();
    t = ms();
    await runnerOf([deadlinesProjection]).catchUpAll();
    const deadlinesSeconds = (ms() - t) / 1000;
    t = ms();
    await runnerOf([statisticsProjection]).catchUpAll();
    const seconds = (ms() - t) / 1000;
    const rate = events / seconds;
    await db.query('VACUUM ANALYZE rm_statistics');
    await db.query('VACUUM ANALYZE rm_deadlines');
    const rows = Number(
      (await db.query<{ n: string }>('SELECT count(*)::text AS n FROM rm_statistics')).rows[0]!.n,
    );
    console.log(
      `deadlines.v1    built in ${fmt(deadlinesSeconds)} s (for openAtEnd.overdue; not the target)`,
    );
    console.log(
      `statistics.v1   rebuilt in ${fmt(seconds)} s, ${rows} row versions: ${fmt(rate, 0)} events/s   target ≥ 50,000   ${rate >= 50_000 ? 'met' : 'NOT met'}`,
    );
    await db.end();

    const runner = createRunner(runtime);
    app = await createApp(runtime, { runner, logLevel: 'silent' });
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as { port: number }).port;
    const sup = await token('sup', ['supervisor'], 'prov');
    const latencies: number[] = [];
    let sample: { received?: { total: number }; resolved?: { total: number } } = {};
    for (let i = 0; i < READS; i++) {
      const year = 2018 + (i % 8);
      const t0 = ms();
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/statistics?unitId=prov&period=${year}`, {
        headers: { authorization: `Bearer ${sup}` },
      });
      const body = (await res.json()) as typeof sample;
      latencies.push(ms() - t0);
      if (res.status !== 200) throw new Error(`GET /statistics → ${res.status}`);
      if (i === 0) sample = body;
    }
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 99);
    console.log(
      `GET /statistics a year with sub-units (${sample.received?.total ?? '?'} received, ${sample.resolved?.total ?? '?'} resolved in the first)`,
    );
    console.log(`  requests      ${READS}`);
    console.log(`  latency p50   ${fmt(percentile(latencies, 50))} ms`);
    console.log(
      `  latency p99   ${fmt(p99)} ms                  target ≤ 300 ms   ${p99 <= 300 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await app?.close();
    await bench?.close();
    await scratch.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

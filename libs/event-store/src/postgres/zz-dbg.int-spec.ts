import { it } from '@jest/globals';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { startEmbeddedDatabase } from './embedded.js';
import { runEventStoreMigrations } from './migrate.js';
import { PostgresEventStore } from './postgres-event-store.js';
it('dbg', async () => {
  const db = await startEmbeddedDatabase();
  await runEventStoreMigrations(db.url);
  const pool = new pg.Pool({ connectionString: db.url, max: 4 });
  const store = new PostgresEventStore({ pool });
  const meta = { actor: { id: 'a', name: 'b', roles: [] }, correlationId: 'c', causationId: null };
  await Promise.all([0,1,2,3].map(async (w) => { for (let i = 0; i < 50; i++) { const s = `s-${(w+i)%5}`; for(;;){ const h = await store.streamHead(s); try { await store.append(s, [{eventId: randomUUID(), type:'T', data:{}}], {expectedVersion: h?.version ?? 'no_stream', metadata: meta}); break;} catch(e){ if ((e as Error).name!=='VersionConflict') throw e; } } } }));
  const r = await pool.query(`select transaction_id::text t, global_position::text p, pg_snapshot_xmin(pg_current_snapshot())::text x from events order by global_position`);
  console.log(r.rows.length, JSON.stringify(r.rows.slice(0, 10)), JSON.stringify(r.rows.slice(-5)));
  const dup = await pool.query(`select transaction_id::text, count(*) from events group by 1 having count(*) > 1 limit 5`);
  console.log('dups', JSON.stringify(dup.rows));
  const all = await store.readAll({ after: { transactionId: '0', position: '0' }, limit: 10000 });
  console.log('readAll', all.length);
  for (const lim of [2, 7, 50, 250]) { let cp = { transactionId: '0', position: '0' }; let n = 0; const gaps: string[] = []; for(;;){ const page = await store.readAll({after: cp, limit: lim}); if(!page.length) break; n += page.length; const l = page[page.length-1]; gaps.push(page[0].globalPosition); cp = {transactionId: l.transactionId, position: l.globalPosition}; } console.log('paged', lim, n, gaps.slice(0,8).join(',')); }
  const ex = await pool.query(`explain analyze SELECT * FROM events WHERE (transaction_id, global_position) > ('800'::xid8, 10::bigint) AND transaction_id < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY transaction_id, global_position LIMIT 5`);
  console.log(ex.rows.map((r) => r['QUERY PLAN']).join('\n'));
  const c = await pool.query(`SELECT count(*) FROM events WHERE (transaction_id, global_position) > ('800'::xid8, 10::bigint)`);
  const c2 = await pool.query(`SELECT count(*) FROM events WHERE transaction_id > '800'::xid8 OR (transaction_id = '800'::xid8 AND global_position > 10)`);
  console.log(c.rows, c2.rows);
  await pool.end(); await db.close();
}, 60000);

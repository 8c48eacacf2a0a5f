#!/usr/bin/env node
// Recompute a case's hash chain from its history, independently of donthu's code.
//
//   curl -s -H "authorization: Bearer $AUDITOR" $B/cases/$ID/history > history.json
//   node docs/audit/verify-history.mjs history.json
//
// Rule (docs/event-store.md): hash = lowercase hex sha256( prevHash ‖ JCS({streamId, version,
// eventId, type, data, metadata}) ), first prevHash = 64 zeros. JCS is RFC 8785 canonical JSON;
// for JSON values in JavaScript it is: object keys sorted by UTF-16 code units, no whitespace,
// strings and numbers as JSON.stringify writes them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

const jcs = (v) =>
  v === null || typeof v !== 'object'
    ? JSON.stringify(v)
    : Array.isArray(v)
      ? `[${v.map(jcs).join(',')}]`
      : `{${Object.keys(v)
          .sort()
          .filter((k) => v[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${jcs(v[k])}`)
          .join(',')}}`;

const { events } = JSON.parse(readFileSync(process.argv[2] ?? '/dev/stdin', 'utf8'));
let prev = '0'.repeat(64);
let expectedVersion = 1;
for (const e of events) {
  const canonical = jcs({ streamId: e.streamId, version: e.version, eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata });
  const hash = createHash('sha256').update(prev + canonical, 'utf8').digest('hex');
  if (e.version !== expectedVersion || e.prevHash !== prev || e.hash !== hash) {
    console.log(`BROKEN at version ${e.version} (position ${e.position})`);
    process.exit(1);
  }
  prev = hash;
  expectedVersion++;
}
console.log(`ok: ${events.length} events, head ${prev}`);

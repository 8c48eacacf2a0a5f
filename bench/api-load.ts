/**
 * The load generator of bench:api, run as its own process (forked by bench/api.bench.ts, never in the
 * server's process): `clients` concurrent clients over kept-alive node:http connections, each taking
 * the next case and driving it register → classify → accept, every request timed on its own. It
 * waits for `go` from its parent (so several generators start together) and sends back the latencies
 * by command type.
 */
import { Agent, request } from 'node:http';

export interface LoadJob {
  base: string;
  token: string;
  /** Cases [from, to) of this generator. */
  from: number;
  to: number;
  clients: number;
  /** The business day the cases are received on (today in Vietnam). */
  today: string;
  units: string[];
}

export type CommandType = 'register' | 'classify' | 'accept';

export interface LoadResult {
  latencies: Record<CommandType, number[]>;
  errors: Record<CommandType, number>;
  firstError: string | null;
  startedAt: number;
  endedAt: number;
}

const now = (): number => performance.timeOrigin + performance.now();

function caller(base: string, token: string, clients: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  return (path: string, body: unknown): Promise<{ status: number; text: string }> => {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        base + path,
        {
          method: 'POST',
          agent,
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(payload),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  };
}

async function run(job: LoadJob): Promise<LoadResult> {
  const call = caller(job.base, job.token, job.clients);
  const result: LoadResult = {
    latencies: { register: [], classify: [], accept: [] },
    errors: { register: 0, classify: 0, accept: 0 },
    firstError: null,
    startedAt: now(),
    endedAt: 0,
  };
  const timed = async (type: CommandType, path: string, body: unknown) => {
    const t = performance.now();
    const r = await call(path, body);
    result.latencies[type].push(performance.now() - t);
    if (r.status >= 300) {
      result.errors[type]++;
      result.firstError ??= `${type} → ${r.status} ${r.text.slice(0, 300)}`;
    }
    return r;
  };
  let next = job.from;
  const client = async () => {
    for (;;) {
      const i = next++;
      if (i >= job.to) return;
      const unit = job.units[i % job.units.length]!;
      const c = await timed('register', '/api/v1/cases', {
        receivedAt: job.today,
        channel: 'online',
        receivingUnitId: unit,
        petitioners: [{ fullName: `Nguyễn Văn ${i}`, idNumber: `0790${String(i).padStart(8, '0')}` }],
        subject: `Khiếu nại quyết định hành chính số ${i}`,
        content: 'Nội dung khiếu nại về quyết định thu hồi đất.',
        field: 'land',
      });
      if (c.status >= 300) continue;
      const id = String((JSON.parse(c.text) as { id: string }).id);
      const k = await timed('classify', `/api/v1/cases/${id}/classify`, {
        kind: 'complaint',
        level: 1,
        competentUnitId: unit,
        processable: true,
      });
      if (k.status >= 300) continue;
      await timed('accept', `/api/v1/cases/${id}/accept`, { acceptedAt: job.today });
    }
  };
  result.startedAt = now();
  await Promise.all(Array.from({ length: job.clients }, client));
  result.endedAt = now();
  return result;
}

// Forked by the benchmark: the job arrives as the first message, `go` as the second.
if (process.send) {
  let job: LoadJob | null = null;
  process.on('message', (msg: { job?: LoadJob; go?: boolean }) => {
    if (msg.job) {
      job = msg.job;
      process.send!({ ready: true });
    } else if (msg.go && job)
      void run(job).then(
        (result) => process.send!({ result }, () => process.exit(0)),
        (err: unknown) => process.send!({ error: String(err) }, () => process.exit(1)),
      );
  });
}

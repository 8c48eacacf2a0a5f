import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { ProjectionRunner } from '../../../../libs/read-models/src/index.js';
import { eventsAfter, readCheckpoint, viaPool } from '../../../../libs/event-store/src/index.js';
import { Public } from '../auth/auth.guard.js';
import {
  ProcessHealth,
  type ProcessStatus,
  RUNTIME,
  type Runtime,
} from '../../../../libs/application/src/index.js';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
    private readonly processes: ProcessHealth,
  ) {}

  /** Liveness: the process answers. Never depends on the database (a restart would not bring it back). */
  @Public()
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (no dependency checked)' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: the same answer as `GET /health`. */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the database answers; event-store head and projection lag' })
  async ready(@Res() res: Response): Promise<void> {
    return this.check(res);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Readiness: the database answers; event-store head and projection lag' })
  async check(@Res() res: Response): Promise<void> {
    const body: {
      status: 'ok' | 'degraded' | 'error';
      /** A number, as every other position in answers (`position`, history). */
      eventStore: { headPosition: number | null };
      projections: Record<
        string,
        { lag: number | null; failing?: { position: string; streamId: string; error: string } }
      >;
      relay?: { lag: number | null };
      processes?: Record<string, ProcessStatus>;
    } = { status: 'ok', eventStore: { headPosition: null }, projections: {} };
    // Background processes running in this process (npm start): a failing one degrades the service.
    const processes = this.processes.snapshot();
    if (Object.keys(processes).length) body.processes = processes;
    if (this.processes.anyFailing) body.status = 'degraded';
    if (this.runtime.config.kafkaBrokers.length) body.relay = { lag: null };
    for (const p of this.runner.projections) body.projections[p.name] = { lag: null };
    try {
      await this.health.check([
        // The DataSource registered under @nestjs/typeorm's token (ApplicationModule).
        () => this.db.pingCheck('database', { timeout: 3000 }),
      ]);
      body.eventStore.headPosition = Number(await this.runtime.store.headPosition());
      const lag = await this.runner.lag();
      for (const [name, v] of Object.entries(lag)) body.projections[name] = { lag: v.lag };
      // A parked projection (docs/projections.md): the others go on, so the service is degraded, not down.
      for (const x of await this.runner.parked()) {
        const entry = body.projections[x.name];
        if (!entry) continue;
        entry.failing = { position: x.position, streamId: x.streamId, error: x.error };
        body.status = 'degraded';
      }
      if (body.relay) body.relay.lag = await this.relayLag();
    } catch {
      body.status = 'error';
    }
    res.status(body.status === 'error' ? 503 : 200).json(body);
  }

  /** Events the Kafka relay has not yet published (its checkpoint in projection_checkpoints). */
  async relayLag(): Promise<number> {
    const q = viaPool(this.runtime.pool);
    return eventsAfter(q, await readCheckpoint(q, 'relay.kafka.v1'));
  }
}

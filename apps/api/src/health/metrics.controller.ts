import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { ProjectionRunner } from '../../../../libs/read-models/src/index.js';
import { Public } from '../auth/auth.guard.js';
import { RUNTIME, type Runtime } from '../../../../libs/application/src/index.js';
import { HealthController } from './health.controller.js';
import { publicLookupFailures, publicLookupRateLimited } from '../citizens/public-lookup.metrics.js';

/**
 * Prometheus metrics (text exposition format), read at scrape time: the event store's head, the lag
 * of every projection and of the Kafka relay, and the process's own metrics.
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly registry = new Registry();
  private readonly head = new Gauge({
    name: 'donthu_event_store_head_position',
    help: 'global position of the newest visible event',
    registers: [this.registry],
  });
  private readonly projectionLag = new Gauge({
    name: 'donthu_projection_lag_events',
    help: 'events in the log not yet applied by a projection',
    labelNames: ['projection'],
    registers: [this.registry],
  });
  private readonly parked = new Gauge({
    name: 'donthu_projections_parked',
    help: 'projections parked on an event they cannot apply (donthu projections retry resumes them)',
    registers: [this.registry],
  });
  private readonly projectionParked = new Gauge({
    name: 'donthu_projection_parked',
    help: '1 while a projection is parked on an event it cannot apply',
    labelNames: ['projection'],
    registers: [this.registry],
  });
  private readonly relayLag = new Gauge({
    name: 'donthu_kafka_relay_lag_events',
    help: 'events not yet published by the Kafka relay',
    registers: [this.registry],
  });
  private readonly up = new Gauge({
    name: 'donthu_database_up',
    help: '1 when the database answered the scrape',
    registers: [this.registry],
  });

  constructor(
    @Inject(RUNTIME) private readonly runtime: Runtime,
    private readonly runner: ProjectionRunner,
    private readonly health: HealthController,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'donthu_' });
    this.registry.registerMetric(publicLookupFailures);
    this.registry.registerMetric(publicLookupRateLimited);
  }

  @Public()
  @Get()
  @ApiOperation({ summary: 'Prometheus metrics: event-store head, projection and relay lag' })
  async metrics(@Res() res: Response): Promise<void> {
    try {
      this.head.set(Number(await this.runtime.store.headPosition()));
      for (const [name, v] of Object.entries(await this.runner.lag()))
        this.projectionLag.set({ projection: name }, v.lag);
      const parked = new Set((await this.runner.parked()).map((x) => x.name));
      this.parked.set(parked.size);
      for (const p of this.runner.projections)
        this.projectionParked.set({ projection: p.name }, parked.has(p.name) ? 1 : 0);
      if (this.runtime.config.kafkaBrokers.length) this.relayLag.set(await this.health.relayLag());
      this.up.set(1);
    } catch {
      this.up.set(0);
    }
    // With what the process recorded as it went (HTTP, commands, projection batches).
    const all = Registry.merge([this.registry, this.runtime.metrics.registry]);
    res.type(all.contentType).send(await all.metrics());
  }
}

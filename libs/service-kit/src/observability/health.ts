import { Controller, Get, Inject, Injectable, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import type { ServerResponse } from 'node:http';

/**
 * @nestjs/terminus gives the usual health body ({status, info, error, details}) and 503 when an
 * indicator is down; we add one indicator: can we reach Kafka?
 */

/** What the readiness check needs from the event log (libs/kafka's EventLog has it). */
export interface KafkaPing {
  ping(timeoutMs: number): Promise<{ clusterId: string; brokers: number }>;
}

export const KAFKA_PING = Symbol('KAFKA_PING');
const PING_TIMEOUT_MS = 1500;

@Injectable()
export class KafkaHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(KAFKA_PING) private readonly kafka: KafkaPing,
  ) {}

  async check(key = 'kafka') {
    const indicator = this.indicators.check(key);
    try {
      const { clusterId, brokers } = await this.kafka.ping(PING_TIMEOUT_MS);
      return indicator.up({ clusterId, brokers });
    } catch (error) {
      return indicator.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}

@ApiExcludeController()
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KafkaHealthIndicator,
  ) {}

  /** Readiness: the process answers and Kafka is reachable. */
  @Get()
  async ready(@Res({ passthrough: true }) response: ServerResponse): Promise<HealthCheckResult | string | object> {
    return this.run(response, [() => this.kafka.check()]);
  }

  /** Liveness: the process answers; Kafka being away is no reason to restart it. */
  @Get('live')
  async live(@Res({ passthrough: true }) response: ServerResponse): Promise<HealthCheckResult | string | object> {
    return this.run(response, []);
  }

  // Terminus throws on "down"; answer its own body with 503 rather than our generic error body.
  private async run(response: ServerResponse, checks: Parameters<HealthCheckService['check']>[0]) {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      response.statusCode = 503;
      return error.getResponse();
    }
  }
}

import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { kazakhstan2022 } from '@watchfloor/scenario';
import { ApiError, Roles } from '@watchfloor/service-kit';
import { z } from 'zod';
import { RunInProgressError, SimulationRuns, type RunStatus } from './simulation-runs';
import { syntheticSteps } from './synthetic-steps';

export const SIMULATION_CLOCK = Symbol('SIMULATION_CLOCK');

const scenarioRequest = z.strictObject({
  durationSeconds: z.number().positive().max(24 * 3600).default(60).describe('Wall-clock length of the whole scenario'),
});

const syntheticRequest = z.strictObject({
  ratePerSecond: z.number().positive().max(20_000),
  theatres: z.number().int().min(1).max(1000).default(3),
  seed: z.number().int().default(1),
  count: z.number().int().positive().optional(),
  durationSeconds: z.number().positive().max(7 * 24 * 3600).optional(),
});

const parse = <T>(schema: z.ZodType<T>, body: unknown): T => {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  throw new ApiError(HttpStatus.BAD_REQUEST, {
    error: 'invalid_request',
    message: result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; '),
    issues: result.error.issues.map((i) => ({ index: 0, path: i.path.join('.'), message: i.message })),
  });
};

const conflictOn = <T>(start: () => Promise<T>): Promise<T> =>
  start().catch((error: unknown) => {
    if (error instanceof RunInProgressError) throw new ApiError(HttpStatus.CONFLICT, { error: 'run_in_progress', message: error.message });
    throw error;
  });

/** Operators start and stop simulations; the runs themselves post to the ingest API. */
@ApiTags('simulator')
@ApiBearerAuth()
@Controller('api/simulator')
export class SimulationController {
  constructor(
    private readonly runs: SimulationRuns,
    @Inject(SIMULATION_CLOCK) private readonly now: () => Date,
  ) {}

  @Get('status')
  @Roles('operator', 'reader')
  @ApiOperation({ summary: 'The current or last run' })
  status(): { run: RunStatus | null } {
    return { run: this.runs.status() ?? null };
  }

  @Post('scenario')
  @Roles('operator')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Play the built-in Kazakhstan 2022 scenario', description: 'Events in occurredAt order, compressed into durationSeconds (default 60). Ids are fixed, so playing it again only reports duplicates.' })
  playScenario(@Body() body: unknown): Promise<RunStatus> {
    const { durationSeconds } = parse(scenarioRequest, body);
    return conflictOn(() => this.runs.playScenario(kazakhstan2022, durationSeconds * 1000));
  }

  @Post('synthetic')
  @Roles('operator')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Stream seeded synthetic events at a rate', description: 'Until count events or durationSeconds, whichever comes first, or until stopped.' })
  synthetic(@Body() body: unknown): Promise<RunStatus> {
    const request = parse(syntheticRequest, body);
    return conflictOn(() => this.runs.start('synthetic', syntheticSteps({ ...request, startAt: this.now() })));
  }

  @Post('stop')
  @Roles('operator')
  @ApiOperation({ summary: 'Stop the current run' })
  async stop(): Promise<{ run: RunStatus | null }> {
    return { run: (await this.runs.stop()) ?? null };
  }
}

import { applyDecorators, Body, Controller, Headers, HttpCode, HttpStatus, Inject, Injectable, Logger, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { MAX_BATCH, parseEventInputs } from '@watchfloor/events';
import { ApiError, Roles } from '@watchfloor/service-kit';
import type { ServerResponse } from 'node:http';
import { acceptEventsResponses, eventsBody } from './accept-events.openapi';
import { ACCEPT_EVENTS_METRICS, AcceptEvents, EventLogUnavailableError, type AcceptedBatch } from './accept-events.service';
import type { AcceptEventsMetrics } from './accept-events.metrics';

const RETRY_AFTER_SECONDS = 5;

/** `application/json`, or a `+json` type such as `application/cloudevents-batch+json`. */
const isJsonMediaType = (contentType: string | undefined): boolean => /^application\/([\w.+-]+\+)?json\b/i.test(contentType ?? '');

/**
 * What `POST /api/events` does with an authorised request and its parsed body: the 415, 400 and
 * 503 answers (as ApiErrors) and the call of the use case. Both ways in share it: the Nest
 * controller below and the direct route (direct-accept-route.ts), so they cannot drift apart.
 */
@Injectable()
export class AcceptEventsRequest {
  private readonly logger = new Logger('AcceptEvents');

  constructor(
    private readonly acceptEvents: AcceptEvents,
    @Inject(ACCEPT_EVENTS_METRICS) private readonly metrics: AcceptEventsMetrics,
  ) {}

  async handle(body: unknown, contentType: string | undefined, setHeader: (name: string, value: string) => void): Promise<AcceptedBatch> {
    if (!isJsonMediaType(contentType)) {
      throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, { error: 'unsupported_media_type', message: 'send the events as application/json' });
    }
    const parsed = parseEventInputs(body);
    if (!parsed.ok) {
      this.metrics.rejected('invalid');
      throw new ApiError(HttpStatus.BAD_REQUEST, {
        error: 'invalid_events',
        message: `the batch has ${parsed.issues.length} problem(s); nothing was written`,
        issues: parsed.issues,
      });
    }
    try {
      return await this.acceptEvents.accept(parsed.events);
    } catch (error) {
      if (!(error instanceof EventLogUnavailableError)) throw error;
      this.logger.warn(`answered 503 to a batch of ${parsed.events.length}: ${error.message}`);
      setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      throw new ApiError(HttpStatus.SERVICE_UNAVAILABLE, { error: 'kafka_unavailable', message: error.message });
    }
  }
}

/** Adapts `POST /api/events` to AcceptEventsRequest; no decisions of its own. */
@ApiTags('events')
@ApiBearerAuth()
@Controller('api/events')
export class AcceptEventsController {
  constructor(private readonly request: AcceptEventsRequest) {}

  @Post()
  @Roles('ingest')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Submit one event or a batch',
    description:
      `One event or an array of at most ${MAX_BATCH}, in a JSON body of at most 1 MB. The batch is validated whole: ` +
      'one invalid event rejects it with every problem listed, and nothing is written. The answer comes only after ' +
      'Kafka acknowledged every new event (acks=all). The id is the idempotency key: an id already in the log is ' +
      'reported under duplicates and not written again, so a batch can safely be sent again after a 503 or a timeout.',
  })
  @ApiBody({ schema: eventsBody })
  @applyDecorators(...acceptEventsResponses.map((r) => ApiResponse(r)))
  async accept(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @Res({ passthrough: true }) response: ServerResponse,
  ): Promise<AcceptedBatch> {
    return this.request.handle(body, contentType, (name, value) => response.setHeader(name, value));
  }
}

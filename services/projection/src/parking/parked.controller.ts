import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiError, Roles } from '@watchfloor/service-kit';
import { z } from 'zod';
import { EVENTS_TOPIC, PARKED_MESSAGES } from '../app/tokens';
import { errorSchema } from '../docs/openapi-schemas';
import { integer, QueryIssues, single, type Query as QueryParams } from '../http/query-params';
import { MAX_PARKED_LISTED } from './parked-registry';
import { ParkedMessages, UnknownCursorError, type ParkedList, type RedriveOutcome } from './parked-messages';

const redriveBody = z.union([
  z.strictObject({
    origin: z.strictObject({
      topic: z.string().min(1).optional(),
      partition: z.number().int().min(0),
      offset: z.number().int().min(0),
    }),
    value: z.unknown().optional(),
  }),
  z.strictObject({ all: z.literal(true) }),
]);

export interface RedriveAnswer {
  readonly redriven: ReadonlyArray<{ readonly origin: unknown; readonly eventId: string; readonly position: string }>;
  readonly failed: ReadonlyArray<{ readonly origin: unknown; readonly issues: unknown }>;
  readonly skipped: number;
}

/** Operators' view of crisis.events.parked: list, and put back on the log. */
@ApiTags('parked')
@ApiBearerAuth()
@Controller('api/parked')
export class ParkedController {
  constructor(
    @Inject(PARKED_MESSAGES) private readonly parked: ParkedMessages,
    @Inject(EVENTS_TOPIC) private readonly eventsTopic: string,
  ) {}

  @Get()
  @Roles('operator')
  @ApiOperation({
    summary: 'Messages that could not be applied',
    description:
      'One entry per origin (partition and offset on crisis.events), however often it was parked (every replica parks it). The value is ' +
      'shown as text when it is UTF-8 and as base64 otherwise; `applied` says whether the projection holds an event with its id now.',
  })
  @ApiQuery({ name: 'limit', required: false, description: `1–${MAX_PARKED_LISTED} (default 100)` })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `next` of the previous page' })
  @ApiResponse({ status: HttpStatus.OK, description: '{ parked, total, next }' })
  @ApiResponse({ status: HttpStatus.UNAUTHORIZED, description: 'No key', schema: errorSchema('unauthorized') })
  @ApiResponse({ status: HttpStatus.FORBIDDEN, description: 'Not an operator key', schema: errorSchema('forbidden') })
  list(@Query() query: QueryParams): ParkedList {
    const issues = new QueryIssues();
    const limit = integer(query, 'limit', { min: 1, max: MAX_PARKED_LISTED }, issues) ?? 100;
    const cursor = single(query, 'cursor', issues);
    issues.check();
    try {
      return this.parked.list(limit, cursor);
    } catch (error) {
      if (!(error instanceof UnknownCursorError)) throw error;
      throw new ApiError(HttpStatus.BAD_REQUEST, { error: 'invalid_query', message: `cursor: ${error.message}`, issues: [{ index: 0, path: 'cursor', message: error.message }] });
    }
  }

  @Post('redrive')
  @Roles('operator')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Put parked messages back on crisis.events',
    description:
      '`{"origin": {"partition": 2, "offset": 41}}` re-drives one message, `{"origin": …, "value": {…}}` re-drives it with a corrected value ' +
      '(the event as JSON), `{"all": true}` every parked message not applied yet. What goes back is validated by the contract and re-encoded ' +
      '(CloudEvents headers rebuilt from the value); one that is still invalid is refused with its issues. The event id stays the idempotency key.',
  })
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'object',
          required: ['origin'],
          properties: {
            origin: { type: 'object', required: ['partition', 'offset'], properties: { partition: { type: 'integer' }, offset: { type: 'integer' }, topic: { type: 'string' } } },
            value: { type: 'object', description: 'A corrected event, replacing the parked value' },
          },
        },
        { type: 'object', required: ['all'], properties: { all: { type: 'boolean', enum: [true] } } },
      ],
    },
  })
  @ApiResponse({ status: HttpStatus.ACCEPTED, description: 'Written to crisis.events: { redriven, failed, skipped }' })
  @ApiResponse({ status: HttpStatus.BAD_REQUEST, description: 'A bad request body, or a message that is still invalid', schema: errorSchema('invalid_event', true) })
  @ApiResponse({ status: HttpStatus.NOT_FOUND, description: 'No parked message from that origin', schema: errorSchema('not_found') })
  async redrive(@Body() body: unknown): Promise<RedriveAnswer> {
    const parsed = redriveBody.safeParse(body);
    if (!parsed.success) {
      throw new ApiError(HttpStatus.BAD_REQUEST, {
        error: 'invalid_request',
        message: 'send {"origin": {"partition": n, "offset": n}} (with an optional corrected "value") or {"all": true}',
        issues: parsed.error.issues.map((issue) => ({ index: 0, path: issue.path.join('.'), message: issue.message })),
      });
    }
    if ('all' in parsed.data) {
      const { outcomes, skipped } = await this.parked.redriveAll();
      return answerOf(outcomes, skipped);
    }
    const { origin, value } = parsed.data;
    const outcome = await this.parked.redrive({ topic: origin.topic ?? this.eventsTopic, partition: origin.partition, offset: origin.offset }, value);
    if (outcome.kind === 'unknown') {
      throw new ApiError(HttpStatus.NOT_FOUND, { error: 'not_found', message: `nothing parked from ${outcome.origin.topic} partition ${outcome.origin.partition} offset ${outcome.origin.offset}` });
    }
    if (outcome.kind === 'invalid') {
      throw new ApiError(HttpStatus.BAD_REQUEST, {
        error: 'invalid_event',
        message: `the message is still not a valid event (${outcome.issues.length} problem(s)); send a corrected "value"`,
        issues: outcome.issues,
      });
    }
    return answerOf([outcome], 0);
  }
}

const answerOf = (outcomes: readonly RedriveOutcome[], skipped: number): RedriveAnswer => ({
  redriven: outcomes.flatMap((o) => (o.kind === 'redriven' ? [{ origin: o.origin, eventId: o.eventId, position: o.position }] : [])),
  failed: outcomes.flatMap((o) => (o.kind === 'invalid' ? [{ origin: o.origin, issues: o.issues }] : [])),
  skipped,
});

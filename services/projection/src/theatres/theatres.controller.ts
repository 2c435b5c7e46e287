import { Controller, Get, HttpStatus, Inject, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { THEATRE_ID } from '@watchfloor/events';
import { ApiError } from '@watchfloor/service-kit';
import { ReadAccessGuard } from '../app/read-access';
import { THEATRE_QUERIES } from '../app/tokens';
import { errorSchema } from '../docs/openapi-schemas';
import { instant, oneOf, QueryIssues, type Query as QueryParams } from '../http/query-params';
import { TheatreQueries, type TheatreList, type TheatreStateAnswer } from './theatre-queries';

/** Adapts the theatre reads to TheatreQueries; no decisions of its own beyond reading the query. */
@ApiTags('theatres')
@ApiBearerAuth()
@UseGuards(ReadAccessGuard)
@Controller('api/theatres')
export class TheatresController {
  constructor(@Inject(THEATRE_QUERIES) private readonly queries: TheatreQueries) {}

  @Get()
  @ApiOperation({
    summary: 'The theatres, each with a summary',
    description: 'Escalation figures are evaluated at the projection\'s world clock (`evaluatedAt`): the latest occurredAt of any event, never past now.',
  })
  @ApiResponse({ status: HttpStatus.OK, description: 'Every theatre the projection holds' })
  @ApiResponse({ status: HttpStatus.UNAUTHORIZED, description: 'Reads need a reader key (unless WATCHFLOOR_READ_OPEN=true)', schema: errorSchema('unauthorized') })
  list(): TheatreList {
    return this.queries.list();
  }

  @Get(':id/state')
  @ApiOperation({
    summary: 'The crisis state of a theatre, live or as of a moment',
    description:
      'Without asOf: the live state. With asOf: what had happened by then (basis=occurred, the default) or what was known then ' +
      '(basis=recorded), folded from the facts in memory, not replayed from Kafka. Casualty claims are kept per source with the range across sources.',
  })
  @ApiParam({ name: 'id', description: 'Theatre id, e.g. kz' })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO 8601 date-time with a zone, e.g. 2022-01-04T00:00:00Z' })
  @ApiQuery({ name: 'basis', required: false, enum: ['occurred', 'recorded'], description: 'Which clock asOf is on (default occurred); needs asOf' })
  @ApiResponse({ status: HttpStatus.OK, description: 'The state view' })
  @ApiResponse({ status: HttpStatus.BAD_REQUEST, description: 'A bad asOf or basis, named in issues[].path', schema: errorSchema('invalid_query', true) })
  @ApiResponse({ status: HttpStatus.NOT_FOUND, description: 'No such theatre', schema: errorSchema('not_found') })
  state(@Param('id') id: string, @Query() query: QueryParams): TheatreStateAnswer {
    const issues = new QueryIssues();
    const asOf = instant(query, 'asOf', issues);
    const basis = oneOf(query, 'basis', ['occurred', 'recorded'] as const, issues);
    if (basis !== undefined && asOf === undefined && !issues.issues.some((i) => i.path === 'asOf')) issues.add('basis', 'needs asOf');
    issues.check();
    const answer = THEATRE_ID.test(id)
      ? this.queries.state(id, asOf === undefined ? undefined : { at: new Date(asOf), basis: basis ?? 'occurred' })
      : undefined;
    if (answer === undefined) throw new ApiError(HttpStatus.NOT_FOUND, { error: 'not_found', message: `no theatre "${id}"; GET /api/theatres lists them` });
    return answer;
  }
}

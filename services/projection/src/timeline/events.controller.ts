import { Controller, Get, HttpStatus, Inject, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { EVENT_TYPE_NAMES } from '@watchfloor/events';
import { ReadAccessGuard } from '../app/read-access';
import { PROJECTION_STORE } from '../app/tokens';
import { errorSchema } from '../docs/openapi-schemas';
import type { ProjectionStore } from '../fold/projection-store';
import type { Query as QueryParams } from '../http/query-params';
import { eventsPage, MAX_PAGE, type EventsPage } from './events-query';

@ApiTags('events')
@ApiBearerAuth()
@UseGuards(ReadAccessGuard)
@Controller('api/events')
export class EventsController {
  constructor(@Inject(PROJECTION_STORE) private readonly store: ProjectionStore) {}

  @Get()
  @ApiOperation({
    summary: 'The timeline, paged',
    description:
      'Events ordered by occurredAt (then recordedAt, then id), exactly as they are on crisis.events. Pass `next` back as `cursor` for the ' +
      'following page; a cursor belongs to its filters and order, and stays valid on every replica and across restarts.',
  })
  @ApiQuery({ name: 'theatre', required: false, description: 'Theatre id, or several separated by commas' })
  @ApiQuery({ name: 'type', required: false, description: `Event type, or several separated by commas: ${EVENT_TYPE_NAMES.join(', ')}` })
  @ApiQuery({ name: 'from', required: false, description: 'occurredAt from (inclusive), ISO 8601 with a zone' })
  @ApiQuery({ name: 'to', required: false, description: 'occurredAt to (exclusive), ISO 8601 with a zone' })
  @ApiQuery({ name: 'limit', required: false, description: `Events per page, 1–${MAX_PAGE} (default 100)` })
  @ApiQuery({ name: 'order', required: false, enum: ['asc', 'desc'], description: 'Oldest first (default) or newest first' })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `next` of the previous page' })
  @ApiResponse({ status: HttpStatus.OK, description: '{ events, next }' })
  @ApiResponse({ status: HttpStatus.BAD_REQUEST, description: 'A bad parameter, named in issues[].path', schema: errorSchema('invalid_query', true) })
  list(@Query() query: QueryParams): EventsPage {
    return eventsPage(this.store.timeline, query);
  }
}

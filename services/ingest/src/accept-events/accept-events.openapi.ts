import { HttpStatus } from '@nestjs/common';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { EVENT_TYPE_NAMES, eventJsonSchema, MAX_BATCH } from '@watchfloor/events';

/** OpenAPI pieces of `POST /api/events`; the event schemas come from libs/events, not a second copy. */

const inputSchemaName = (type: string): string => `EventInput_${type.replace(/\./g, '_')}`;

/** Component schemas to merge into the document: one per event type (as a producer sends it) and the union. */
export const eventInputComponents = (): Record<string, SchemaObject> => {
  const perType = Object.fromEntries(
    EVENT_TYPE_NAMES.map((type) => {
      const { $schema: _draft, $id: _id, ...schema } = eventJsonSchema(type, { io: 'input', target: 'draft-2020-12' });
      return [inputSchemaName(type), schema as SchemaObject];
    }),
  );
  return {
    ...perType,
    EventInput: {
      description: 'One event as a producer sends it; `type` decides the shape of `data`. recordedAt is set by the server.',
      oneOf: EVENT_TYPE_NAMES.map((type) => ({ $ref: `#/components/schemas/${inputSchemaName(type)}` })),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(EVENT_TYPE_NAMES.map((type) => [type, `#/components/schemas/${inputSchemaName(type)}`])),
      },
    },
  };
};

export const eventsBody: SchemaObject = {
  oneOf: [
    { $ref: '#/components/schemas/EventInput' },
    { type: 'array', minItems: 1, maxItems: MAX_BATCH, items: { $ref: '#/components/schemas/EventInput' } },
  ],
};

const errorBody = (code: string, withIssues = false): SchemaObject => ({
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', example: code },
    message: { type: 'string' },
    ...(withIssues
      ? {
          issues: {
            type: 'array',
            items: {
              type: 'object',
              required: ['index', 'path', 'message'],
              properties: {
                index: { type: 'integer', description: 'Position of the event in the batch (0 for a single event)' },
                path: { type: 'string', example: 'data.killed.best' },
                message: { type: 'string' },
              },
            },
          },
        }
      : {}),
  },
});

export const acceptedBody: SchemaObject = {
  type: 'object',
  required: ['accepted', 'duplicates'],
  properties: {
    accepted: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'Ids written to crisis.events by this request' },
    duplicates: {
      type: 'array',
      items: { type: 'string', format: 'uuid' },
      description: 'Ids already in the log (or repeated within the batch): not written again',
    },
  },
};

export const acceptEventsResponses = [
  { status: HttpStatus.ACCEPTED, description: 'Every new event is in the log (acks=all); repeated ids are listed as duplicates.', schema: acceptedBody },
  { status: HttpStatus.BAD_REQUEST, description: 'Invalid batch: every problem is listed, nothing was written.', schema: errorBody('invalid_events', true) },
  { status: HttpStatus.UNAUTHORIZED, description: 'No API key, or an unknown one.', schema: errorBody('unauthorized') },
  { status: HttpStatus.FORBIDDEN, description: 'The key does not have the ingest role.', schema: errorBody('forbidden') },
  { status: HttpStatus.PAYLOAD_TOO_LARGE, description: 'The body is larger than 1 MB.', schema: errorBody('payload_too_large') },
  { status: HttpStatus.UNSUPPORTED_MEDIA_TYPE, description: 'The body is not application/json.', schema: errorBody('unsupported_media_type') },
  {
    status: HttpStatus.SERVICE_UNAVAILABLE,
    description: 'Kafka did not acknowledge within about 10 s. Send the same batch again later: what did land is reported as duplicates.',
    schema: errorBody('kafka_unavailable'),
  },
] as const;

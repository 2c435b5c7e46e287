import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

/** The error body every endpoint answers with, for the OpenAPI document. */
export const errorSchema = (code: string, withIssues = false): SchemaObject => ({
  type: 'object',
  required: ['error', 'message'],
  properties: {
    error: { type: 'string', example: code },
    message: { type: 'string' },
    ...(withIssues && {
      issues: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'path', 'message'],
          properties: { index: { type: 'integer' }, path: { type: 'string', description: 'The parameter or field' }, message: { type: 'string' } },
        },
      },
    }),
  },
});

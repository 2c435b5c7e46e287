import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, errorCodeOf } from './error-body';

/** What body-parser (Express's JSON parser) throws: a status and a machine-readable type. */
interface BodyParserError {
  readonly status: number;
  readonly type: string;
  readonly limit?: number;
  readonly message: string;
}

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as { status?: unknown }).status === 'number' &&
  typeof (error as { type?: unknown }).type === 'string';

const megabytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 100) / 100} MB`;

export const bodyParserApiError = (error: unknown): ApiError | undefined => {
  if (!isBodyParserError(error)) return undefined;
  switch (error.type) {
    case 'entity.too.large': {
      const limit = error.limit === undefined ? '' : ` of ${megabytes(error.limit)}`;
      return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, {
        error: 'payload_too_large',
        message: `the request body is larger than the limit${limit}; split it into smaller batches`,
      });
    }
    case 'entity.parse.failed':
      return new ApiError(HttpStatus.BAD_REQUEST, { error: 'invalid_json', message: `the body is not valid JSON: ${error.message}` });
    default:
      return error.status >= 400 && error.status < 500
        ? new ApiError(error.status, { error: errorCodeOf(error.status), message: error.message })
        : undefined;
  }
};

type Next = (error?: unknown) => void;

/**
 * Express error middleware placed right after the JSON parser: turns its errors into ApiErrors,
 * which Nest then hands to HttpErrorFilter (otherwise Nest answers them in its own format).
 */
export const jsonParserErrors = (error: unknown, _req: IncomingMessage, _res: ServerResponse, next: Next): void => {
  next(bodyParserApiError(error) ?? error);
};

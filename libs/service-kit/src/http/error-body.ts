import { HttpException, HttpStatus } from '@nestjs/common';

/** The one error format every Watchfloor HTTP endpoint answers with. */
export interface ErrorBody {
  readonly error: string;
  readonly message: string;
  readonly issues?: ReadonlyArray<{ readonly index: number; readonly path: string; readonly message: string }>;
}

/** An HTTP error whose body is an ErrorBody, as given. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, body: ErrorBody) {
    super(body, status);
  }
}

export const isErrorBody = (value: unknown): value is ErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { error?: unknown }).error === 'string' &&
  typeof (value as { message?: unknown }).message === 'string';

/** `Payload Too Large` → `payload_too_large`: the machine-readable code for Nest's own errors. */
export const errorCodeOf = (status: number): string => {
  const name = HttpStatus[status];
  return typeof name === 'string' ? name.toLowerCase() : `http_${status}`;
};

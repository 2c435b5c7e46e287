import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { errorCodeOf, isErrorBody, type ErrorBody } from './error-body';

export const errorResponseOf = (error: unknown): { status: number; body: ErrorBody } => {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    // Nest's own exceptions carry {statusCode, message, error: 'Not Found'}: recoded below.
    if (isErrorBody(response) && !('statusCode' in response)) return { status, body: response };
    const message =
      typeof response === 'string'
        ? response
        : (() => {
            const m = (response as { message?: unknown }).message;
            return Array.isArray(m) ? m.map(String).join('; ') : typeof m === 'string' ? m : error.message;
          })();
    return { status, body: { error: errorCodeOf(status), message } };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { error: 'internal_error', message: 'an unexpected error occurred; it has been logged' } };
};

/** Renders every error as an ErrorBody, including Nest's own (404, …) and unexpected ones (500). */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body } = errorResponseOf(exception);
    if (status >= 500 && !(exception instanceof HttpException)) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const { httpAdapter } = this.adapterHost;
    httpAdapter.reply(host.switchToHttp().getResponse(), body, status);
  }
}

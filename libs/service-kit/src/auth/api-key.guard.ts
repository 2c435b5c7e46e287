import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../config';
import { ApiError } from '../http/error-body';
import { ApiKeyRegistry, bearerKey, type Principal } from './api-keys';
import { ROLES_METADATA } from './roles.decorator';

export type AuthenticatedRequest = IncomingMessage & { principal?: Principal };

/** Checks `Authorization: Bearer <key>` on routes marked with @Roles: 401 without a known key, 403 with the wrong role. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyRegistry) private readonly keys: ApiKeyRegistry,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_METADATA, [context.getHandler(), context.getClass()]);
    if (allowed === undefined) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const key = bearerKey(request.headers.authorization);
    const principal = key === undefined ? undefined : this.keys.identify(key);
    if (principal === undefined) {
      http.getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer realm="watchfloor"');
      throw new ApiError(HttpStatus.UNAUTHORIZED, {
        error: 'unauthorized',
        message:
          key === undefined
            ? 'send an API key as "Authorization: Bearer <key>"'
            : 'the API key is not known',
      });
    }
    request.principal = principal;
    if (!principal.roles.some((role) => allowed.includes(role))) {
      throw new ApiError(HttpStatus.FORBIDDEN, {
        error: 'forbidden',
        message: `this needs a key with the role ${allowed.join(' or ')}; the key given has ${principal.roles.join(', ')}`,
      });
    }
    return true;
  }
}

import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiError, ApiKeyRegistry, bearerKey, type AuthenticatedRequest, type Principal } from '@watchfloor/service-kit';
import type { ServerResponse } from 'node:http';

/** Roles that may read: readers, and operators (who must see what they operate on). */
export const READ_ROLES = ['reader', 'operator'] as const;

export const READ_ACCESS = Symbol('READ_ACCESS');

/** Whether reads need a key (WATCHFLOOR_READ_OPEN) and whether the live socket does (WATCHFLOOR_LIVE_REQUIRE_KEY). */
export interface ReadAccess {
  readonly open: boolean;
  readonly liveRequiresKey: boolean;
}

export type KeyCheck = { readonly ok: true; readonly principal: Principal | undefined } | { readonly ok: false; readonly status: 401 | 403; readonly message: string };

/** The reader check, shared by HTTP and the WebSocket upgrade. */
export const checkReaderKey = (keys: ApiKeyRegistry, key: string | undefined): KeyCheck => {
  const principal = key === undefined ? undefined : keys.identify(key);
  if (principal === undefined) {
    return { ok: false, status: 401, message: key === undefined ? 'send an API key as "Authorization: Bearer <key>"' : 'the API key is not known' };
  }
  if (!principal.roles.some((role) => (READ_ROLES as readonly string[]).includes(role))) {
    return { ok: false, status: 403, message: `this needs a key with the role reader or operator; the key given has ${principal.roles.join(', ')}` };
  }
  return { ok: true, principal };
};

/**
 * Read routes: open when WATCHFLOOR_READ_OPEN=true (the development default of `npm start`),
 * otherwise a key with the reader or operator role, answered exactly like the service kit's guard.
 * A guard of its own because @Roles is fixed at compile time and openness is configuration.
 */
@Injectable()
export class ReadAccessGuard implements CanActivate {
  constructor(
    @Inject(ApiKeyRegistry) private readonly keys: ApiKeyRegistry,
    @Inject(READ_ACCESS) private readonly access: ReadAccess,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.access.open) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const checked = checkReaderKey(this.keys, bearerKey(request.headers.authorization));
    if (!checked.ok) {
      if (checked.status === 401) http.getResponse<ServerResponse>().setHeader('WWW-Authenticate', 'Bearer realm="watchfloor"');
      throw new ApiError(checked.status === 401 ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN, {
        error: checked.status === 401 ? 'unauthorized' : 'forbidden',
        message: checked.message,
      });
    }
    request.principal = checked.principal;
    return true;
  }
}

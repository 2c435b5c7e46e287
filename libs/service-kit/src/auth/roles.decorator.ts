import { SetMetadata } from '@nestjs/common';
import type { Role } from '../config';

export const ROLES_METADATA = 'watchfloor:roles';

/** Only a key holding one of these roles may call the handler; routes without it are public. */
export const Roles = (...roles: [Role, ...Role[]]) => SetMetadata(ROLES_METADATA, roles);

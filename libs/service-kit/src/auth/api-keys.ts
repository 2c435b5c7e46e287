import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry, Role } from '../config';

export interface Principal {
  readonly roles: readonly Role[];
  /** A short, stable tag of the key for logs; the key itself is never logged. */
  readonly keyId: string;
}

interface StoredKey {
  readonly digest: Buffer;
  readonly principal: Principal;
}

const digestOf = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/**
 * The configured API keys. Keys are compared as SHA-256 digests with timingSafeEqual: digests have
 * one length whatever the key's, so neither the comparison nor a length check leaks how much of a
 * guessed key was right. Every stored key is compared, so timing does not tell which one matched.
 */
export class ApiKeyRegistry {
  private readonly keys: readonly StoredKey[];

  constructor(entries: readonly ApiKeyEntry[]) {
    this.keys = entries.map(({ key, roles }) => {
      const digest = digestOf(key);
      return { digest, principal: { roles: [...roles], keyId: digest.toString('hex').slice(0, 8) } };
    });
  }

  get size(): number {
    return this.keys.length;
  }

  identify(presented: string): Principal | undefined {
    const digest = digestOf(presented);
    let found: Principal | undefined;
    for (const stored of this.keys) {
      if (timingSafeEqual(stored.digest, digest)) found = stored.principal;
    }
    return found;
  }
}

/** The key of an `Authorization: Bearer <key>` header, or undefined for any other shape. */
export const bearerKey = (header: string | string[] | undefined): string | undefined => {
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
};

import { z } from 'zod';
import { parseBrokers, KafkaConfigError } from '@watchfloor/kafka';

/**
 * zod (already the contract's validator) reads the environment once at start, so a wrong value
 * stops the service with a message naming the variable instead of failing later in a request.
 */

export const ROLES = ['ingest', 'operator', 'reader'] as const;
export type Role = (typeof ROLES)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ApiKeyEntry {
  readonly key: string;
  readonly roles: readonly Role[];
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** `key:role,key:role`; a key listed more than once holds every role it is listed with. */
export const parseApiKeys = (raw: string): ApiKeyEntry[] => {
  const roles = new Map<string, Set<Role>>();
  raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .forEach((entry, index) => {
      const colon = entry.lastIndexOf(':');
      const key = colon > 0 ? entry.slice(0, colon) : '';
      const role = entry.slice(colon + 1);
      if (colon <= 0 || !isRole(role)) {
        throw new Error(`entry ${index + 1} must be key:role with role one of ${ROLES.join(', ')}`);
      }
      // Keys are secrets: the message names the entry, never the key itself.
      if (key.length < 8 || /\s/.test(key)) throw new Error(`entry ${index + 1} needs a key of at least 8 characters without spaces`);
      roles.set(key, (roles.get(key) ?? new Set<Role>()).add(role));
    });
  return [...roles].map(([key, set]) => ({ key, roles: [...set] }));
};

const unsetIfBlank = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const port = (fallback: number) =>
  z.preprocess(unsetIfBlank, z.coerce.number({ error: 'must be a port number' }).int('must be a port number').min(0).max(65535).default(fallback));

const envSchema = z.object({
  // Not plain HOST: zsh sets that to the machine's name.
  WATCHFLOOR_HOST: z.preprocess(unsetIfBlank, z.string().default('127.0.0.1')),
  PORT: port(8080),
  INGEST_PORT: port(8081),
  KAFKA_BROKERS: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .optional()
      .transform((raw, ctx) => {
        try {
          return parseBrokers(raw);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof KafkaConfigError ? error.message.replace(/^KAFKA_BROKERS /, '') : String(error) });
          return z.NEVER;
        }
      }),
  ),
  WATCHFLOOR_API_KEYS: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .default('')
      .transform((raw, ctx) => {
        try {
          return parseApiKeys(raw);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
          return z.NEVER;
        }
      }),
  ),
  LOG_LEVEL: z.preprocess((v) => (typeof v === 'string' ? unsetIfBlank(v.toLowerCase()) : v), z.enum(LOG_LEVELS).default('info')),
  WATCHFLOOR_TOPIC_PREFIX: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .regex(/^[A-Za-z0-9._-]{0,100}$/, 'may hold only letters, digits, ".", "_" and "-"')
      .default(''),
  ),
  WATCHFLOOR_EVENT_PARTITIONS: z.preprocess(unsetIfBlank, z.coerce.number().int().min(1).max(1000).default(6)),
});

export interface ServiceConfig {
  /** Interface the HTTP servers bind to; loopback unless WATCHFLOOR_HOST says otherwise. */
  readonly host: string;
  readonly port: number;
  readonly ingestPort: number;
  readonly kafkaBrokers: readonly string[];
  readonly apiKeys: readonly ApiKeyEntry[];
  readonly logLevel: LogLevel;
  /** Put before every topic name, so tests (or several stacks on one cluster) do not share topics. */
  readonly topicPrefix: string;
  readonly eventPartitions: number;
}

/** Reads and checks the environment; throws a ConfigError naming every bad variable. */
export const loadServiceConfig = (env: Readonly<Record<string, string | undefined>>): ServiceConfig => {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? '(environment)')} ${issue.message}`);
    throw new ConfigError(`Invalid environment: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return {
    host: e.WATCHFLOOR_HOST,
    port: e.PORT,
    ingestPort: e.INGEST_PORT,
    kafkaBrokers: e.KAFKA_BROKERS,
    apiKeys: e.WATCHFLOOR_API_KEYS,
    logLevel: e.LOG_LEVEL,
    topicPrefix: e.WATCHFLOOR_TOPIC_PREFIX,
    eventPartitions: e.WATCHFLOOR_EVENT_PARTITIONS,
  };
};

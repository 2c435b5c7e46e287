import { z } from 'zod';
import { crisisEvent, crisisEventInput, type CrisisEvent, type CrisisEventInput } from './event.schema';

/** One validation problem: which event of a batch, where in it, and what is wrong. */
export interface ValidationIssue {
  readonly index: number;
  readonly path: string;
  readonly message: string;
}

export type Validated<T> =
  | { readonly ok: true; readonly events: readonly T[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** Largest batch `POST /api/events` takes in one request. */
export const MAX_BATCH = 1000;

const toPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );

/**
 * One issue per problem, each with the path of the field it is about. zod reports unknown fields
 * as one issue on the enclosing object; split per field so the path names the misspelt field itself.
 */
export const issuesOf = (index: number, error: z.ZodError): ValidationIssue[] =>
  error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ index, path: toPath([...issue.path, key]), message: `unknown field "${key}"` }))
      : [{ index, path: toPath(issue.path), message: issue.message }],
  );

declare const acceptedInput: unique symbol;

/**
 * An input as parseEventInputs accepted and returned it. Only parseEventInputs hands these out, so
 * encodeAcceptedEvent can write one without validating it a second time.
 */
export type AcceptedEventInput = CrisisEventInput & { readonly [acceptedInput]: true };

/**
 * Validating is the hot path of ingest (every event of every batch), so it goes through zod's
 * compiled clone of the input schema, like parseCrisisEvent: an invalid event falls back to the
 * schema itself, so the issues are the schema's. Compiled on first use.
 */
let compiledCrisisEventInput: typeof crisisEventInput | undefined;
const crisisEventInputReader = (): typeof crisisEventInput => (compiledCrisisEventInput ??= z.compile(crisisEventInput));

/**
 * Validates one event or a batch, whole: either every event is valid, or the answer lists every
 * problem of every event, each with its index in the batch and the path of the field.
 */
export const parseEventInputs = (body: unknown): Validated<AcceptedEventInput> => {
  const items = Array.isArray(body) ? body : [body];
  if (items.length === 0) return { ok: false, issues: [{ index: 0, path: '', message: 'the batch is empty' }] };
  if (items.length > MAX_BATCH) {
    return { ok: false, issues: [{ index: MAX_BATCH, path: '', message: `a batch holds at most ${MAX_BATCH} events` }] };
  }
  const reader = crisisEventInputReader();
  const events: AcceptedEventInput[] = [];
  const issues: ValidationIssue[] = [];
  items.forEach((item: unknown, index) => {
    const result = reader.safeParse(item);
    if (result.success) events.push(result.data as AcceptedEventInput);
    else issues.push(...issuesOf(index, result.error));
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, events };
};

/**
 * Reading is the hot path: a rebuild validates the whole log again. zod's compiled clone of the
 * schema answers a valid event without walking the schema node by node and hands any other value
 * to the schema itself, so results and issues stay the schema's. Compiled on first use, not when
 * the contract is imported.
 */
let compiledCrisisEvent: typeof crisisEvent | undefined;
const crisisEventReader = (): typeof crisisEvent => (compiledCrisisEvent ??= z.compile(crisisEvent));

/** Validates an event read back from the log (recordedAt required). */
export const parseCrisisEvent = (value: unknown): { ok: true; event: CrisisEvent } | { ok: false; issues: ValidationIssue[] } => {
  const result = crisisEventReader().safeParse(value);
  return result.success ? { ok: true, event: result.data } : { ok: false, issues: issuesOf(0, result.error) };
};

/** Stamps the server's clock onto accepted input. */
export const recordEvent = (input: CrisisEventInput, recordedAt: Date): CrisisEvent =>
  ({ ...input, recordedAt: recordedAt.toISOString() }) as CrisisEvent;

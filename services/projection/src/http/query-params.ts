import { HttpStatus } from '@nestjs/common';
import { EVENT_TYPE_NAMES, type EventType, type ValidationIssue } from '@watchfloor/events';
import { ApiError } from '@watchfloor/service-kit';

/**
 * Query parameters, checked at the edge: a bad one is a 400 whose issues name the parameter
 * (`path` is its name), in the same error body as every other Watchfloor error.
 */

export type QueryValue = string | string[] | undefined;
export type Query = Readonly<Record<string, QueryValue>>;

export class QueryIssues {
  readonly issues: ValidationIssue[] = [];

  add(parameter: string, message: string): undefined {
    this.issues.push({ index: 0, path: parameter, message });
    return undefined;
  }

  /** Throws the 400 when anything was wrong. */
  check(): void {
    if (this.issues.length === 0) return;
    throw new ApiError(HttpStatus.BAD_REQUEST, {
      error: 'invalid_query',
      message: this.issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues: this.issues,
    });
  }
}

/** One value: a repeated parameter is an error rather than a silent pick. */
export const single = (query: Query, name: string, issues: QueryIssues): string | undefined => {
  const value = query[name];
  if (Array.isArray(value)) return issues.add(name, 'give it once');
  return value === undefined || value === '' ? undefined : value;
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a zone (`2022-01-04T00:00:00Z`), as epoch ms. */
export const instant = (query: Query, name: string, issues: QueryIssues): number | undefined => {
  const text = single(query, name, issues);
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  if (!ISO_INSTANT.test(text) || Number.isNaN(ms)) return issues.add(name, `must be an ISO 8601 date-time with a zone, e.g. 2022-01-04T00:00:00Z; got "${text}"`);
  return ms;
};

export const oneOf = <T extends string>(query: Query, name: string, allowed: readonly T[], issues: QueryIssues): T | undefined => {
  const text = single(query, name, issues);
  if (text === undefined) return undefined;
  const found = allowed.find((a) => a === text);
  return found ?? issues.add(name, `must be one of ${allowed.join(', ')}; got "${text}"`);
};

export const integer = (query: Query, name: string, range: { min: number; max: number }, issues: QueryIssues): number | undefined => {
  const text = single(query, name, issues);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < range.min || n > range.max) return issues.add(name, `must be a whole number from ${range.min} to ${range.max}; got "${text}"`);
  return n;
};

/** A comma-separated list (`theatre=kz,ua-border`), each item checked. */
export const list = (query: Query, name: string, issues: QueryIssues, check: (item: string) => string | undefined = () => undefined): string[] | undefined => {
  const text = single(query, name, issues);
  if (text === undefined) return undefined;
  const items = text.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
  for (const item of items) {
    const problem = check(item);
    if (problem !== undefined) return issues.add(name, problem);
  }
  return items.length > 0 ? items : undefined;
};

export const isEventType = (name: string): name is EventType => (EVENT_TYPE_NAMES as readonly string[]).includes(name);

export const eventTypes = (query: Query, name: string, issues: QueryIssues): EventType[] | undefined =>
  list(query, name, issues, (item) => (isEventType(item) ? undefined : `"${item}" is not an event type (${EVENT_TYPE_NAMES.join(', ')})`))?.filter(isEventType);

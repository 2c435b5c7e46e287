import { ApiError } from '@watchfloor/service-kit';
import { eventTypes, instant, integer, oneOf, QueryIssues } from './query-params';

const issuesOf = (fn: (issues: QueryIssues) => void): unknown => {
  const issues = new QueryIssues();
  fn(issues);
  try {
    issues.check();
    return undefined;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return error.getResponse();
  }
};

describe('query parameters', () => {
  it('reads an ISO instant with a zone, and names the parameter when it is not one', () => {
    const issues = new QueryIssues();
    expect(instant({ asOf: '2022-01-04T00:00:00Z' }, 'asOf', issues)).toBe(Date.parse('2022-01-04T00:00:00Z'));
    expect(instant({ asOf: '2022-01-04T06:00+06:00' }, 'asOf', issues)).toBe(Date.parse('2022-01-04T00:00:00Z'));
    expect(issues.issues).toEqual([]);
    expect(issuesOf((i) => instant({ asOf: '2022-01-04' }, 'asOf', i))).toEqual({
      error: 'invalid_query',
      message: expect.stringContaining('asOf'),
      issues: [{ index: 0, path: 'asOf', message: expect.stringContaining('ISO 8601') }],
    });
    expect(issuesOf((i) => instant({ asOf: ['a', 'b'] }, 'asOf', i))).toMatchObject({ issues: [{ path: 'asOf', message: 'give it once' }] });
  });

  it('checks choices, numbers and event types', () => {
    expect(issuesOf((i) => oneOf({ basis: 'sometime' }, 'basis', ['occurred', 'recorded'], i))).toMatchObject({ issues: [{ path: 'basis' }] });
    expect(issuesOf((i) => integer({ limit: '501' }, 'limit', { min: 1, max: 500 }, i))).toMatchObject({ issues: [{ path: 'limit' }] });
    expect(issuesOf((i) => integer({ limit: '1.5' }, 'limit', { min: 1, max: 500 }, i))).toMatchObject({ issues: [{ path: 'limit' }] });
    const issues = new QueryIssues();
    expect(eventTypes({ type: 'casualties.reported, troops.deployed' }, 'type', issues)).toEqual(['casualties.reported', 'troops.deployed']);
    expect(issuesOf((i) => eventTypes({ type: 'casualties' }, 'type', i))).toMatchObject({ issues: [{ path: 'type', message: expect.stringContaining('"casualties"') }] });
  });
});

import { ratioOf, renderTable } from './figures';

describe('benchmark table', () => {
  const ingest = { name: 'ingest', value: 50, unit: 'msg/s', baseline: { name: 'bare producer', value: 200 }, goal: '≥ 0.5×' };

  it('states a figure as a ratio of the baseline measured in the same run', () => {
    expect(ratioOf(ingest)).toBe(0.25);
    expect(ratioOf({ name: 'rss', value: 3, unit: 'MB' })).toBeUndefined();
  });

  it('prints one aligned row per figure with its ratio', () => {
    const table = renderTable([ingest, { name: 'bare producer', value: 200, unit: 'msg/s' }]).split('\n');
    expect(table).toHaveLength(4);
    expect(table[2]).toContain('0.25×');
    expect(new Set(table.map((row) => row.length)).size).toBe(1);
  });
});

import type { FilterFields } from '../timeline/timeline-filter';
import { DeltaHistory, type Delta } from './delta-history';
import { parseVector, type PositionVector } from './position-vector';

const vector = (text: string): PositionVector => {
  const parsed = parseVector(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

const delta = (partition: number, offset: number, theatre = 'kz', type: FilterFields['type'] = 'casualties.reported'): Delta => ({
  point: { partition, offset },
  fields: { theatre, type, reliability: 'B', verification: 'verified', occurredAt: 0 },
  eventJson: () => `{"at":"${partition}:${offset}"}`,
});

const points = (result: ReturnType<DeltaHistory['since']>) => (result.ok ? result.deltas.map((d) => `${d.point.partition}:${d.point.offset}`) : result.reason);

describe('DeltaHistory', () => {
  it('gives a client exactly the deltas after its vector that match, in apply order', () => {
    const history = new DeltaHistory(10, vector('0:0,1:0'));
    [delta(0, 0), delta(1, 0, 'ua-border'), delta(0, 1), delta(1, 1), delta(0, 2, 'ua-border', 'troops.deployed')].forEach((d) => history.push(d));
    expect(points(history.since(vector('0:1,1:0'), {}))).toEqual(['1:0', '0:1', '1:1', '0:2']);
    expect(points(history.since(vector('0:1,1:0'), { theatres: new Set(['kz']) }))).toEqual(['0:1', '1:1']);
    expect(points(history.since(vector('0:3,1:2'), {}))).toEqual([]);
  });

  it('sends a client back to a snapshot once what it missed has been evicted', () => {
    const history = new DeltaHistory(3, vector('0:0'));
    for (let offset = 0; offset < 5; offset += 1) history.push(delta(0, offset));
    expect(history.size).toBe(3);
    expect(points(history.since(vector('0:2'), {}))).toEqual(['0:2', '0:3', '0:4']);
    expect(history.since(vector('0:1'), {})).toEqual({ ok: false, reason: expect.stringContaining('partition 0 before offset 2') });
  });

  it('lets a client of one theatre resume when only other theatres were evicted', () => {
    const history = new DeltaHistory(2, vector('0:0,1:0'));
    history.push(delta(0, 0, 'ua-border'));
    history.push(delta(0, 1, 'ua-border'));
    history.push(delta(1, 0, 'kz'));
    history.push(delta(0, 2, 'ua-border'));
    expect(points(history.since(vector('0:0,1:0'), { theatres: new Set(['kz']) }))).toEqual(['1:0']);
    expect(history.since(vector('0:0,1:0'), { theatres: new Set(['ua-border']) }).ok).toBe(false);
    expect(history.since(vector('0:0,1:0'), {}).ok).toBe(false);
  });

  it('cannot resume a client from before the history began', () => {
    const history = new DeltaHistory(10, vector('0:50'));
    history.push(delta(0, 50));
    expect(history.since(vector('0:10'), { theatres: new Set(['kz']) }).ok).toBe(false);
    expect(points(history.since(vector('0:50'), { theatres: new Set(['kz']) }))).toEqual(['0:50']);
  });
});

import { advancePast, covers, distance, formatPoint, formatVector, fromRecord, parsePoint, parseVector, reaches, toRecord } from './position-vector';

const vector = (text: string) => {
  const parsed = parseVector(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};

describe('position vectors', () => {
  it('reads and writes the wire form, partitions in order', () => {
    const v = vector('2:7, 0:120,1:98');
    expect(v.get(0)).toBe(120);
    expect(formatVector(v)).toBe('0:120,1:98,2:7');
    expect(formatVector(vector(''))).toBe('');
  });

  it.each(['0', '0:x', '0:1:2', '-1:3', '0:1,0:2', '99999:1', '0:1.5'])('refuses %p with a reason', (text) => {
    const parsed = parseVector(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.length).toBeGreaterThan(0);
  });

  it('reads a point', () => {
    expect(parsePoint('3:45')).toEqual({ ok: true, value: { partition: 3, offset: 45 } });
    expect(formatPoint({ partition: 3, offset: 45 })).toBe('3:45');
    expect(parsePoint('3').ok).toBe(false);
  });

  it('covers exactly the offsets below the next one to read', () => {
    const v = vector('0:10');
    expect(covers(v, { partition: 0, offset: 9 })).toBe(true);
    expect(covers(v, { partition: 0, offset: 10 })).toBe(false);
    expect(covers(v, { partition: 1, offset: 0 })).toBe(false);
  });

  it('advances past a point and never goes back', () => {
    const v = new Map([[0, 10]]);
    advancePast(v, { partition: 0, offset: 12 });
    advancePast(v, { partition: 0, offset: 3 });
    advancePast(v, { partition: 4, offset: 0 });
    expect(formatVector(v)).toBe('0:13,4:1');
  });

  it('compares and measures vectors', () => {
    expect(reaches(vector('0:5,1:5'), vector('0:5'))).toBe(true);
    expect(reaches(vector('0:5'), vector('0:5,1:1'))).toBe(false);
    expect(distance(vector('0:5,1:2'), vector('0:7,1:2,2:3'))).toBe(5);
  });

  it('round-trips through a JSON record', () => {
    const v = vector('0:1,5:99');
    const back = fromRecord(JSON.parse(JSON.stringify(toRecord(v))) as Record<string, unknown>);
    expect(back.ok && formatVector(back.value)).toBe('0:1,5:99');
    expect(fromRecord({ a: 1 }).ok).toBe(false);
    expect(fromRecord({ '0': -1 }).ok).toBe(false);
  });
});

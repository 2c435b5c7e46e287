import { advance, covers, formatVector, mergeVectors, parsePoint, parseVector } from './positions';

describe('position vectors', () => {
  it('reads a vector and writes it back with partitions in order', () => {
    const vector = parseVector('3:45,0:120,1:98');
    expect(vector && formatVector(vector)).toBe('0:120,1:98,3:45');
  });

  it('reads the empty vector and refuses malformed ones', () => {
    expect(parseVector('')?.size).toBe(0);
    expect(parseVector('0:1,x:2')).toBeUndefined();
    expect(parseVector('0:-1')).toBeUndefined();
    expect(parsePoint('3')).toBeUndefined();
  });

  it('folds a delta point in as the next offset to read', () => {
    const given = parseVector('0:12,3:45');
    if (!given) throw new Error('unreadable');
    const point = parsePoint('3:45');
    if (!point) throw new Error('unreadable');
    expect(covers(given, point)).toBe(false);
    const next = advance(given, point);
    expect(formatVector(next)).toBe('0:12,3:46');
    expect(covers(next, point)).toBe(true);
  });

  it('never moves a partition back, and learns new partitions', () => {
    const given = parseVector('0:12,3:46');
    if (!given) throw new Error('unreadable');
    expect(formatVector(advance(given, { partition: 3, offset: 10 }))).toBe('0:12,3:46');
    expect(formatVector(advance(given, { partition: 5, offset: 0 }))).toBe('0:12,3:46,5:1');
  });

  it('merges two vectors by the further position of each partition', () => {
    const a = parseVector('0:5,1:9');
    const b = parseVector('0:7,2:1');
    if (!a || !b) throw new Error('unreadable');
    expect(formatVector(mergeVectors(a, b))).toBe('0:7,1:9,2:1');
  });
});

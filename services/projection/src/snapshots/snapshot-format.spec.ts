import { createProjector, deserialiseState, serialiseState, theatreStateView } from '@watchfloor/crisis-state';
import { parseVector } from '../fold/position-vector';
import { scenario } from '../testing/events';
import {
  chunkKey,
  decodeSnapshot,
  encodeSnapshot,
  FACTS_PER_LINE,
  SnapshotCollector,
  snapshotHead,
  snapshotLines,
  type ProjectionCut,
  type SnapshotRecord,
} from './snapshot-format';

const positions = (() => {
  const parsed = parseVector('0:12,1:7,2:0');
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
})();

const states = ['kz', 'ua-border'].map((theatre) => {
  const projector = createProjector(theatre);
  scenario.forEach((e) => projector.apply(e));
  return projector.state;
});

const cut: ProjectionCut = {
  eventsTopic: 'crisis.events',
  positions,
  theatres: [...states.map(serialiseState), serialiseState(createProjector('empty').state)],
  alertBands: [['kz', 'elevated']],
};

const takenAt = new Date('2022-01-10T00:00:00Z');
const at = new Date('2022-01-11T00:00:00Z');

const headFor = async (snapshotId: string, chunkBytes = 1024) => {
  const encoded = await encodeSnapshot(cut, chunkBytes);
  return { encoded, head: snapshotHead({ projectionId: 'p', snapshotId, takenAt, cut, encoded }) };
};

describe('a snapshot body', () => {
  it('restores every theatre to an equal state, with positions and alert bands', async () => {
    const { encoded, head } = await headFor('s1');
    expect(encoded.chunks.length).toBeGreaterThan(1);
    expect(encoded.chunks.every((c) => c.length <= 1024)).toBe(true);
    expect(head).toMatchObject({ chunks: encoded.chunks.length, theatres: 3, positions: '0:12,1:7,2:0' });

    const body = await decodeSnapshot(head, encoded.chunks);
    if (!body.ok) throw new Error(body.reason);
    expect(body.value.positions).toEqual(positions);
    expect(body.value.alertBands).toEqual([['kz', 'elevated']]);
    expect(body.value.theatres).toHaveLength(3);
    body.value.theatres.forEach((serialised, i) => {
      const restored = deserialiseState(serialised);
      if (!restored.ok) throw new Error(restored.error);
      const original = i < states.length ? states[i] : createProjector('empty').state;
      if (original === undefined) throw new Error('no original');
      expect(theatreStateView(restored.state, at)).toEqual(theatreStateView(original, at));
    });
  });

  it('splits a large theatre over lines of bounded size', () => {
    const kz = serialiseState(states[0] ?? createProjector('kz').state);
    const template = kz.facts[0];
    if (template === undefined) throw new Error('no fact');
    const facts = Array.from({ length: FACTS_PER_LINE * 2 + 1 }, (_, i) => ({ ...template, id: `f${i}` }));
    const lines = [...snapshotLines({ ...cut, theatres: [{ ...kz, facts }] })];
    expect(lines.filter((l) => l.includes('"kind":"theatre"'))).toHaveLength(3);
    expect(JSON.parse(lines[lines.length - 1] ?? '{}')).toEqual({ kind: 'end', theatres: 1, facts: facts.length });
  });

  it('is refused when a chunk is missing or changed', async () => {
    const { encoded, head } = await headFor('s1');
    expect((await decodeSnapshot(head, encoded.chunks.slice(1))).ok).toBe(false);
    const tampered = encoded.chunks.map((c, i) => (i === 0 ? Buffer.from(c.map((b) => b ^ 1)) : c));
    expect(await decodeSnapshot(head, tampered)).toMatchObject({ ok: false, reason: expect.stringContaining('SHA-256') });
  });
});

describe('SnapshotCollector', () => {
  const records = (snapshotId: string, chunks: readonly Buffer[], head: unknown, start: number, withHead = true): SnapshotRecord[] => [
    ...chunks.map((value, part) => ({ key: chunkKey('p', snapshotId, part), value, offset: start + part, timestamp: 1000 + start })),
    ...(withHead ? [{ key: 'p', value: Buffer.from(JSON.stringify(head)), offset: start + chunks.length, timestamp: 1000 + start }] : []),
  ];

  it('picks the newest complete snapshot and never a half-written one', async () => {
    const first = await headFor('s1');
    const second = await headFor('s2');
    const collector = new SnapshotCollector('p');
    const log = [
      ...records('s1', first.encoded.chunks, first.head, 0),
      ...records('s2', second.encoded.chunks, second.head, 100),
      // A third one crashed before its head.
      ...records('s3', first.encoded.chunks, first.head, 200, false),
      // Another projection's snapshot is none of our business.
      { key: 'other', value: Buffer.from(JSON.stringify(first.head)), offset: 300, timestamp: 0 },
    ];
    log.forEach((r) => collector.add(r));
    const result = collector.result();
    expect(result.newest?.head.snapshotId).toBe('s2');
    expect(result.superseded).toEqual(first.encoded.chunks.map((_, part) => chunkKey('p', 's1', part)));
    expect(result.headless.map((h) => h.key)).toEqual(first.encoded.chunks.map((_, part) => chunkKey('p', 's3', part)));
  });

  it('refuses a head whose chunks are gone, and forgets tombstoned chunks', async () => {
    const first = await headFor('s1');
    const collector = new SnapshotCollector('p');
    const log = records('s1', first.encoded.chunks, first.head, 0, false);
    log.forEach((r) => collector.add(r));
    collector.add({ key: chunkKey('p', 's1', 0), value: null, offset: 50, timestamp: 0 });
    collector.add({ key: 'p', value: Buffer.from(JSON.stringify(first.head)), offset: 51, timestamp: 0 });
    collector.add({ key: 'p', value: Buffer.from('{"format":"something else"}'), offset: 52, timestamp: 0 });
    const result = collector.result();
    expect(result.newest).toBeUndefined();
    expect(result.refused).toEqual([expect.stringContaining('misses chunk 0'), expect.stringContaining('not a snapshot head')]);
  });
});

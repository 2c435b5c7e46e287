import { EVENT_TYPE_NAMES, EVENT_TYPES } from './event.schema';
import { SAMPLE_EVENTS } from './testing/sample-events';
import { createUpcasterRegistry, protestEscalatedV1ToV2, UPCASTERS, upcastEvent } from './upcast';
import { parseCrisisEvent } from './validation';

/** A protest as a v1 producer wrote it: the crowd was one figure. */
const protestV1 = () => {
  const { crowdSize: _range, ...data } = SAMPLE_EVENTS['protest.escalated'].data;
  return JSON.parse(JSON.stringify({ ...SAMPLE_EVENTS['protest.escalated'], data: { ...data, crowdSize: 8000 } })) as unknown;
};

describe('upcastEvent', () => {
  it('reads a v1 protest into the v2 shape: the single crowd figure becomes the best of a range', () => {
    // given a protest written at v1
    const written = protestV1();

    // when it is upcast to the current version and validated
    const upcast = upcastEvent('protest.escalated', 1, written);
    expect(upcast.ok).toBe(true);
    const parsed = parseCrisisEvent(upcast.ok ? upcast.value : undefined);

    // then it is a valid v2 event with the figure kept as the best estimate
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.event.type !== 'protest.escalated') throw new Error('expected a valid protest');
    expect(parsed.event.data.crowdSize).toEqual({ best: 8000 });
    expect(parsed.event.data.stage).toBe('riot');
  });

  it('does not change the value it was given', () => {
    const written = protestV1();
    const before = JSON.stringify(written);
    upcastEvent('protest.escalated', 1, written);
    expect(JSON.stringify(written)).toBe(before);
  });

  it.each(EVENT_TYPE_NAMES)('passes a current-version %s through unchanged', (type) => {
    const current = SAMPLE_EVENTS[type];
    const upcast = upcastEvent(type, EVENT_TYPES[type].version, current);
    expect(upcast).toEqual({ ok: true, value: current });
    expect(upcast.ok && upcast.value).toBe(current);
  });

  it('refuses a version newer than the current one, naming the type and the version', () => {
    const upcast = upcastEvent('protest.escalated', 3, SAMPLE_EVENTS['protest.escalated']);
    expect(upcast.ok).toBe(false);
    expect(!upcast.ok && upcast.reason).toMatch(/protest\.escalated v3 is newer .*current v2/);
  });

  it.each([0, -1, 1.5])('refuses version %p, which no schema ever had', (version) => {
    const upcast = upcastEvent('casualties.reported', version, SAMPLE_EVENTS['casualties.reported']);
    expect(!upcast.ok && upcast.reason).toContain(`casualties.reported v${version}`);
  });

  it('says which step is missing when the registry lacks one', () => {
    const upcast = upcastEvent('protest.escalated', 1, protestV1(), createUpcasterRegistry([]));
    expect(!upcast.ok && upcast.reason).toBe('no upcaster for protest.escalated v1 to v2');
  });

  it('leaves a v1 value it does not recognise for validation to report', () => {
    const odd = { type: 'protest.escalated', data: { stage: 'riot', crowdSize: 'thousands' } };
    expect(protestEscalatedV1ToV2.upcast(odd)).toBe(odd);
    expect(protestEscalatedV1ToV2.upcast(null)).toBeNull();
  });

  it('has every step from version 1 to the current version of every type', () => {
    for (const type of EVENT_TYPE_NAMES) {
      for (let from = 1; from < EVENT_TYPES[type].version; from += 1) {
        expect(UPCASTERS.has(`${type}@v${from}`)).toBe(true);
      }
    }
  });

  it('refuses two upcasters for the same step', () => {
    expect(() => createUpcasterRegistry([protestEscalatedV1ToV2, protestEscalatedV1ToV2])).toThrow(
      'two upcasters for protest.escalated v1',
    );
  });
});

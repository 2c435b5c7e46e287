import { EVENT_TYPE_NAMES, type CrisisEvent } from '@watchfloor/events';
import { SCENARIO_EVENT_IDS as ids } from '@watchfloor/scenario';
import { escalationIndex } from './escalation';
import { given } from './testing/given-when-then';
import { anEvent, id, kz, scenario, scenarioEvent, withEnvelope } from './testing/events';
import { createProjector, evolve, foldEvents, initialState, stateAsOf, type TheatreState } from './theatre-state';
import { theatreStateView, theatreSummary } from './views';

const cityClaim = scenarioEvent(ids.almatyCityCasualties);
const policeClaim = scenarioEvent(ids.almatyPoliceCasualties);
const knb = scenarioEvent(ids.knbOrderRestored);
const CITY = 'Almaty city authorities';
const POLICE = 'Almaty police spokesperson (via local news agencies)';

const without = (...excluded: string[]): CrisisEvent[] => kz.filter((e) => !excluded.includes(e.id));
const deployed = (state: TheatreState) => [...state.deployments.keys()].filter((key) => state.deployments.get(key)?.phase !== undefined);

describe('the seed scenario, Kazakhstan', () => {
  it('shows the Almaty claims as a range with both sources, each kept as made', () => {
    given(...kz).then((s) => {
      expect(s.casualties.killed).toEqual({ low: 24, best: 49, high: 111, conservative: 24, sources: [CITY, POLICE] });
      expect(s.casualties.injured).toMatchObject({ low: 353, best: 353, high: 353, sources: [CITY] });
      const city = s.casualties.groups.security_forces.claims.get(CITY);
      expect(city?.killed).toEqual({ low: 12, best: 12, high: 12, bestStated: true });
      expect(city?.injured?.best).toBe(353);
      const police = s.casualties.groups.unspecified.claims.get(POLICE);
      expect(police?.wording).toBe('dozens');
      expect(police?.killed).toEqual({ low: 24, best: 49, high: 99, bestStated: false });
    });
  });

  it('has the CSTO deployment from 6–7 January, not before', () => {
    expect(deployed(stateAsOf(kz, new Date('2022-01-04T00:00:00Z'), 'occurred', 'kz'))).toEqual([]);
    const seventh = stateAsOf(kz, new Date('2022-01-07T12:00:00Z'), 'occurred', 'kz');
    expect(seventh.deployments.get('CSTO|')).toMatchObject({ phase: 'deploying', requestedBy: 'KZ' });
    expect(seventh.deployments.get('CSTO|RU')).toMatchObject({ phase: 'deployed', unitKind: 'paratroopers' });
    expect(theatreSummary(seventh, new Date('2022-01-07T12:00:00Z')).forcesDeployed).toBe(1);
  });

  it('takes the theatre to the most severe protest stage reported', () => {
    given(...kz).then((s) => {
      expect(s.protests.stage).toBe('riot');
      expect(s.protests.history.map((p) => p.stage)).toEqual(['peaceful', 'violent', 'riot']);
    });
  });

  it("lowers the escalation index with KNB's 'order restored'", () => {
    const at = new Date('2022-01-10T12:00:00Z');
    given(...without(ids.knbOrderRestored))
      .when(knb)
      .then((after, before) => {
        const index = escalationIndex(after, at);
        expect(index.value).toBeLessThan(escalationIndex(before, at).value);
        expect(index.contributions.find((c) => c.eventId === knb.id)?.decayed).toBeLessThan(0);
        expect(after.assessments.latest?.assessment).toBe('restored');
      });
  });

  it('links the Russian reply to Blinken, and Blinken to the reply', () => {
    given(...kz).then((s) => {
      expect(s.diplomacy.responses.get(ids.blinkenRemark)?.map((r) => r.id)).toEqual([ids.russianMfaReply]);
      const view = theatreStateView(s, new Date('2022-01-11T00:00:00Z'));
      expect(view.diplomacy.statements.find((x) => x.eventId === ids.blinkenRemark)?.responses).toEqual([ids.russianMfaReply]);
      expect(view.diplomacy.statements.find((x) => x.eventId === ids.russianMfaReply)?.respondsTo).toBe(ids.blinkenRemark);
    });
  });

  it('keeps the other theatre out', () => {
    const state = foldEvents(scenario, 'kz');
    expect(state.applied.size).toBe(kz.length);
    expect(state.applied.has(ids.genevaTalks)).toBe(false);
    expect(foldEvents(scenario, 'ua-border').diplomacy.meetings.map((m) => m.outcome)).toEqual(['deadlock']);
  });
});

describe('redelivery', () => {
  const one = (type: string): CrisisEvent => {
    const event = kz.find((e) => e.type === type);
    if (event === undefined) throw new Error(`the scenario has no ${type}`);
    return event;
  };

  it.each(EVENT_TYPE_NAMES)('of a %s changes nothing', (type) => {
    const event = one(type);
    given(...kz)
      .when(event)
      .then((after, before) => {
        expect(after).toBe(before);
        expect(after.applied.size).toBe(kz.length);
      });
    // Also through the projector, the path the service takes.
    const projector = createProjector('kz');
    expect(projector.apply(event)).toBe('applied');
    const once = theatreStateView(projector.state, new Date('2022-01-11T00:00:00Z'), { explain: 100 });
    expect(projector.apply(event)).toBe('duplicate');
    expect(theatreStateView(projector.state, new Date('2022-01-11T00:00:00Z'), { explain: 100 })).toEqual(once);
  });

  it('keeps the first of two events sharing an id', () => {
    const altered = withEnvelope(cityClaim, { verification: 'retracted' });
    given(cityClaim)
      .when(altered)
      .then((s) => expect(s.casualties.killed?.best).toBe(12));
  });
});

describe('corrections', () => {
  const correctedCity = anEvent(
    'casualties.reported',
    id(1),
    '2022-01-07T08:00:00Z',
    { killed: { best: 16 }, injured: { best: 360 }, group: 'security_forces', cumulative: true },
    { sources: [{ name: CITY, kind: 'official', reliability: 'B', credibility: 3 }], supersedes: cityClaim.id },
  );

  it('lets a superseding report replace the claim it corrects, keeping the earlier in history', () => {
    given(...kz)
      .when(correctedCity)
      .then((s) => {
        const city = s.casualties.groups.security_forces.claims.get(CITY);
        expect(city?.killed?.best).toBe(16);
        expect(city?.history.map((f) => f.id)).toEqual([cityClaim.id, correctedCity.id]);
        expect(s.supersededBy.get(cityClaim.id)).toBe(correctedCity.id);
        const view = theatreStateView(s, new Date('2022-01-08T00:00:00Z'));
        const reports = view.casualties.groups.find((g) => g.group === 'security_forces')?.claims[0]?.reports;
        expect(reports).toEqual([
          expect.objectContaining({ eventId: cityClaim.id, status: 'superseded', supersededBy: correctedCity.id }),
          expect.objectContaining({ eventId: correctedCity.id, status: 'effective' }),
        ]);
      });
  });

  it('replaces a correction that arrives before what it corrects just the same', () => {
    const inOrder = foldEvents([cityClaim, correctedCity], 'kz');
    const reversed = foldEvents([correctedCity, cityClaim], 'kz');
    expect(reversed.casualties).toEqual(inOrder.casualties);
    expect(reversed.casualties.groups.security_forces.claims.get(CITY)?.killed?.best).toBe(16);
  });

  it('lets a superseded protest report fall back to the report before it', () => {
    const riot = scenarioEvent(ids.governmentBuildingsStormed);
    const correction = anEvent('protest.escalated', id(2), riot.occurredAt, { stage: 'with_intervention' }, { supersedes: riot.id });
    given(...kz)
      .when(correction)
      .then((s) => {
        expect(s.protests.stage).toBe('violent');
        expect(s.protests.history).toHaveLength(4);
      });
  });

  it('stops counting a report retracted by a later one', () => {
    const retraction = withEnvelope(policeClaim, { id: id(3), verification: 'retracted', supersedes: policeClaim.id });
    given(...kz)
      .when(retraction)
      .then((s) => {
        expect(s.casualties.killed).toEqual({ low: 12, best: 12, high: 12, conservative: 12, sources: [CITY] });
        expect(s.casualties.groups.unspecified.killed).toBeUndefined();
        expect(s.casualties.groups.unspecified.claims.get(POLICE)?.history).toHaveLength(2);
        expect(escalationIndex(s, new Date('2022-01-07T00:00:00Z')).contributions.map((c) => c.eventId)).not.toContain(policeClaim.id);
      });
  });

  it('does not count a report that arrives retracted, but keeps it', () => {
    const retracted = withEnvelope(scenarioEvent(ids.cstoDeploying), { verification: 'retracted' });
    given(...without(ids.cstoDeploying))
      .when(retracted)
      .then((s) => {
        expect(s.deployments.get('CSTO|')?.phase).toBeUndefined();
        expect(s.deployments.get('CSTO|')?.history).toHaveLength(1);
        expect(s.applied.has(retracted.id)).toBe(true);
      });
  });

  it('brings back the previous assessment when the latest is retracted', () => {
    const earlier = anEvent('situation.assessed', id(4), '2022-01-08T00:00:00Z', {
      assessor: 'Crisis Group analysts',
      assessment: 'deteriorating',
      summary: 'Unrest continues in the south.',
    });
    given(...kz, earlier)
      .when(withEnvelope(knb, { id: id(5), verification: 'retracted', supersedes: knb.id }))
      .then((s) => expect(s.assessments.latest?.id).toBe(earlier.id));
  });
});

describe('late reports', () => {
  it('lands an earlier report in its place in time', () => {
    const lateEarly = anEvent('protest.escalated', id(6), '2022-01-04T00:00:00Z', { stage: 'with_intervention' }, { place: 'Zhanaozen', recordedAt: '2022-01-09T00:00:00Z' });
    given(...kz)
      .when(lateEarly)
      .then((s) => {
        expect(s.protests.history.map((p) => p.id)).toEqual([ids.fuelProtestsPeaceful, lateEarly.id, ids.clashesWithPolice, ids.governmentBuildingsStormed]);
        expect(s.protests.byPlace.get('Zhanaozen')?.stage).toBe('with_intervention');
        expect(s.protests.stage).toBe('riot');
      });
  });

  it('does not let a late, older assessment displace a newer one', () => {
    const older = anEvent('situation.assessed', id(7), '2022-01-06T00:00:00Z', { assessor: 'Analysts', assessment: 'deteriorating', summary: 'Worse.' });
    given(...kz)
      .when(older)
      .then((s) => expect(s.assessments.latest?.id).toBe(knb.id));
  });

  it('gives the same state in any arrival order', () => {
    const inOrder = foldEvents(kz, 'kz');
    const reversed = foldEvents([...kz].reverse(), 'kz');
    expect(reversed).toEqual(inOrder);
    expect(theatreStateView(reversed, new Date('2022-01-11T00:00:00Z'))).toEqual(theatreStateView(inOrder, new Date('2022-01-11T00:00:00Z')));
  });

  it('links a reply that arrives before the statement it answers', () => {
    const reply = scenarioEvent(ids.russianMfaReply);
    given(reply)
      .when(scenarioEvent(ids.blinkenRemark))
      .then((s) => expect(s.diplomacy.responses.get(ids.blinkenRemark)?.map((r) => r.id)).toEqual([reply.id]));
  });
});

describe('the two clocks', () => {
  // Reported on 6 January, but only recorded on the 9th.
  const lateClaim = anEvent(
    'casualties.reported',
    id(8),
    '2022-01-06T20:00:00Z',
    { killed: { low: 40, high: 60 }, group: 'civilians', cumulative: true },
    { recordedAt: '2022-01-09T00:00:00Z' },
  );
  const events = [...kz, lateClaim];
  const t = new Date('2022-01-08T00:00:00Z');

  it('answers what had happened by T, as known now', () => {
    const state = stateAsOf(events, t, 'occurred', 'kz');
    expect(state.applied.has(lateClaim.id)).toBe(true);
    expect(state.applied.has(knb.id)).toBe(false);
    expect([...state.timeline].every((f) => f.occurredAt <= t.getTime())).toBe(true);
  });

  it('answers what was known at T', () => {
    const state = stateAsOf(events, t, 'recorded', 'kz');
    expect(state.applied.has(lateClaim.id)).toBe(false);
    expect(state.casualties.groups.civilians.killed).toBeUndefined();
    expect([...state.timeline].every((f) => f.recordedAt <= t.getTime())).toBe(true);
  });

  it('gives the same answer from the live state alone as from the log', () => {
    const live = foldEvents(events, 'kz');
    for (const basis of ['occurred', 'recorded'] as const) {
      expect(stateAsOf([], t, basis, live)).toEqual(stateAsOf(events, t, basis, 'kz'));
    }
  });

  it('continues from a snapshot with the events after it', () => {
    const snapshotAt = new Date('2022-01-07T00:00:00Z');
    const snapshot = stateAsOf(events, snapshotAt, 'recorded', 'kz');
    const after = events.filter((e) => Date.parse(e.recordedAt) > snapshotAt.getTime());
    expect(stateAsOf(after, t, 'recorded', snapshot)).toEqual(stateAsOf(events, t, 'recorded', 'kz'));
  });
});

describe('evolve', () => {
  it('leaves the state it is given exactly as it was', () => {
    const before = foldEvents(without(knb.id), 'kz');
    const copy = structuredClone(before);
    const at = new Date('2022-01-11T00:00:00Z');
    const viewBefore = theatreStateView(before, at, { historyLimit: Infinity, explain: Infinity });
    const after = evolve(before, knb);
    expect(before).toEqual(copy);
    expect(theatreStateView(before, at, { historyLimit: Infinity, explain: Infinity })).toEqual(viewBefore);
    expect(after).not.toBe(before);
    expect(after.applied.has(knb.id)).toBe(true);
    expect(before.applied.has(knb.id)).toBe(false);
  });

  it("returns the same state for another theatre's event", () => {
    const state = initialState('kz');
    expect(evolve(state, scenarioEvent(ids.genevaTalks))).toBe(state);
  });

  it('agrees with the projector', () => {
    const byEvolve = kz.reduce(evolve, initialState('kz'));
    expect(byEvolve).toEqual(foldEvents(kz, 'kz'));
  });
});

describe('deployments', () => {
  const force = (phase: 'announced' | 'deploying' | 'deployed' | 'withdrawing' | 'withdrawn', n: number, day: string, extra: object = {}) =>
    anEvent('troops.deployed', id(100 + n), `2022-01-${day}T00:00:00Z`, { force: 'CSTO', contributor: 'AM', phase, ...extra });

  it('keeps the latest phase and the latest of each stated detail', () => {
    given(force('announced', 1, '06', { troops: { best: 70 }, mission: 'guard airports' }), force('deployed', 2, '08'))
      .when(force('withdrawing', 3, '13', { troops: { low: 50, high: 70 } }))
      .then((s) => {
        const armenia = s.deployments.get('CSTO|AM');
        expect(armenia).toMatchObject({ phase: 'withdrawing', troops: { low: 50, high: 70 }, mission: 'guard airports' });
        expect(armenia?.history.map((f) => f.phase)).toEqual(['announced', 'deployed', 'withdrawing']);
      });
  });

  it('lets a late report of an earlier phase fill in what later ones left out', () => {
    given(force('deployed', 2, '08'))
      .when(force('announced', 1, '06', { unitKind: 'peacekeepers' }))
      .then((s) => expect(s.deployments.get('CSTO|AM')).toMatchObject({ phase: 'deployed', unitKind: 'peacekeepers' }));
  });
});

import { parseEventInputs, type CrisisEventInput } from '@watchfloor/events';
import { dataOf } from './data-of';
import { kazakhstan2022, SCENARIO_EVENT_IDS, SCENARIO_FACTS, type ScenarioFact } from './kazakhstan-2022';
import { SCENARIO_THEATRES } from './theatres';

const byId = new Map(kazakhstan2022.map((event) => [event.id, event]));
const eventWithId = (id: string): CrisisEventInput => {
  const event = byId.get(id);
  if (!event) throw new Error(`no event ${id} in the scenario`);
  return event;
};

describe('the Kazakhstan 2022 scenario', () => {
  it('is accepted as it stands by the ingest validation, with nothing added or trimmed', () => {
    const result = parseEventInputs(kazakhstan2022);

    expect(result).toEqual({ ok: true, events: kazakhstan2022 });
  });

  it('gives every event its own id, and lists every id of SCENARIO_EVENT_IDS', () => {
    const ids = kazakhstan2022.map((event) => event.id);

    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.values(SCENARIO_EVENT_IDS).sort());
  });

  it('covers both theatres, and only theatres it describes', () => {
    const theatres = new Set(kazakhstan2022.map((event) => event.theatre));

    expect([...theatres].sort()).toEqual(['kz', 'ua-border']);
    expect(Object.keys(SCENARIO_THEATRES).sort()).toEqual(['kz', 'ua-border']);
  });

  it('is in occurredAt order, with no two events at the same instant', () => {
    const times = kazakhstan2022.map((event) => Date.parse(event.occurredAt));

    times.slice(1).forEach((time, i) => expect(time).toBeGreaterThan(times[i] ?? Infinity));
  });

  it('only points respondsTo and supersedes at earlier events of the scenario', () => {
    const references = kazakhstan2022.flatMap((event) => [
      ...(event.supersedes ? [{ from: event, to: event.supersedes }] : []),
      ...(event.type === 'diplomacy.statement' && dataOf(event, event.type).respondsTo
        ? [{ from: event, to: dataOf(event, event.type).respondsTo ?? '' }]
        : []),
    ]);

    expect(references.length).toBeGreaterThanOrEqual(2);
    for (const { from, to } of references) {
      expect(Date.parse(eventWithId(to).occurredAt)).toBeLessThan(Date.parse(from.occurredAt));
    }
  });

  it('maps every fact 1..14 of FACTS.md to at least one event of the scenario', () => {
    const facts = Array.from({ length: 14 }, (_, i) => (i + 1) as ScenarioFact);

    for (const fact of facts) {
      expect(SCENARIO_FACTS[fact].length).toBeGreaterThan(0);
      SCENARIO_FACTS[fact].forEach((id) => expect(byId.has(id)).toBe(true));
    }
    expect(new Set(facts.flatMap((fact) => SCENARIO_FACTS[fact])).size).toBe(kazakhstan2022.length);
  });

  it('attributes every event to rated sources and summarises it', () => {
    for (const event of kazakhstan2022) {
      expect(event.sources.length).toBeGreaterThan(0);
      expect(event.summary).toEqual(expect.any(String));
    }
  });

  it('places kz events inside the default view of the kz theatre', () => {
    const { bounds } = SCENARIO_THEATRES.kz;
    for (const event of kazakhstan2022.filter((e) => e.theatre === 'kz' && e.location)) {
      expect(event.location?.lat).toBeGreaterThanOrEqual(bounds.south);
      expect(event.location?.lat).toBeLessThanOrEqual(bounds.north);
      expect(event.location?.lon).toBeGreaterThanOrEqual(bounds.west);
      expect(event.location?.lon).toBeLessThanOrEqual(bounds.east);
    }
  });

  describe('the Almaty casualty claims', () => {
    const almatyClaims = kazakhstan2022.filter(
      (event) => event.type === 'casualties.reported' && event.location?.name === 'Almaty',
    );

    it('are two events from two different sources, neither correcting the other', () => {
      expect(almatyClaims).toHaveLength(2);
      const sourceNames = almatyClaims.map((claim) => claim.sources.map((source) => source.name).join('+'));
      expect(new Set(sourceNames).size).toBe(2);
      expect(almatyClaims.every((claim) => claim.supersedes === undefined)).toBe(true);
    });

    it("keep the city's exact, cumulative toll of security forces", () => {
      const city = eventWithId(SCENARIO_EVENT_IDS.almatyCityCasualties);

      expect(city.sources.map((s) => s.name)).toEqual(['Almaty city authorities']);
      expect(dataOf(city, 'casualties.reported')).toMatchObject({ killed: { best: 12 }, injured: { best: 353 }, group: 'security_forces', cumulative: true });
    });

    it('keep the police\'s "dozens" as words and as a range, unverified', () => {
      const police = eventWithId(SCENARIO_EVENT_IDS.almatyPoliceCasualties);
      const claim = dataOf(police, 'casualties.reported');

      expect(claim.sourceWording).toBe('dozens');
      expect(claim.killed).toEqual({ low: 24, high: 99 });
      expect(claim.group).toBe('unspecified');
      expect(police.verification).toBe('unverified');
      expect(police.sources[0]?.reliability).toBe('C');
    });
  });

  it('has the Russian Foreign Ministry answer Blinken', () => {
    const reply = dataOf(eventWithId(SCENARIO_EVENT_IDS.russianMfaReply), 'diplomacy.statement');

    expect(reply.respondsTo).toBe(SCENARIO_EVENT_IDS.blinkenRemark);
    expect(reply.stance).toBe('hostile');
  });

  it('tells the CSTO deployment in two phases: deploying on request, then Russian paratroopers in Almaty', () => {
    const csto = eventWithId(SCENARIO_EVENT_IDS.cstoDeploying);
    const paratroopers = eventWithId(SCENARIO_EVENT_IDS.russianParatroopersDeployed);

    expect(dataOf(csto, 'troops.deployed')).toMatchObject({ force: 'CSTO', requestedBy: 'KZ', phase: 'deploying' });
    expect(dataOf(paratroopers, 'troops.deployed')).toMatchObject({
      force: 'CSTO',
      contributor: 'RU',
      unitKind: 'paratroopers',
      phase: 'deployed',
    });
    expect(Date.parse(csto.occurredAt)).toBeLessThan(Date.parse(paratroopers.occurredAt));
    expect(paratroopers.location?.name).toBe('Almaty');
  });

  it('climbs the protest ladder from peaceful to riot before the CSTO arrives', () => {
    const stages = kazakhstan2022.flatMap((event) => (event.type === 'protest.escalated' ? [dataOf(event, event.type).stage] : []));

    expect(stages).toEqual(['peaceful', 'violent', 'riot']);
  });

  it('ends the kz story with order restored, and leaves the build-up size unstated', () => {
    const knb = dataOf(eventWithId(SCENARIO_EVENT_IDS.knbOrderRestored), 'situation.assessed');
    const buildUp = eventWithId(SCENARIO_EVENT_IDS.borderBuildUp);

    expect(knb.assessment).toBe('restored');
    expect(buildUp.theatre).toBe('ua-border');
    expect(dataOf(buildUp, 'troops.deployed').troops).toBeUndefined();
  });

  it('records the Geneva talks as seven deadlocked hours between Ryabkov and Sherman', () => {
    const geneva = eventWithId(SCENARIO_EVENT_IDS.genevaTalks);
    const talks = dataOf(geneva, 'diplomacy.meeting');

    expect(talks.durationMinutes).toBe(420);
    expect(talks.outcome).toBe('deadlock');
    expect(talks.participants.map((p) => [p.name, p.country])).toEqual([
      ['Sergey Ryabkov', 'RU'],
      ['Wendy Sherman', 'US'],
    ]);
    expect(geneva.location?.name).toBe('Geneva');
  });

  it('records the Wang–Lavrov call as both a meeting and a supportive statement', () => {
    const [call, statement] = SCENARIO_FACTS[10].map(eventWithId);

    expect(call && dataOf(call, 'diplomacy.meeting').format).toBe('call');
    expect(statement && dataOf(statement, 'diplomacy.statement')).toMatchObject({ country: 'CN', stance: 'supportive' });
  });
});

import Ajv from 'ajv';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { ALERT_SCHEMA_ID, alertJsonSchema, eventJsonSchema, eventJsonSchemas, eventSchemaId } from './json-schema';
import { EVENT_TYPE_NAMES, type CrisisEvent, type EventType } from './event.schema';
import { escalationAlert, SAMPLE_EVENTS } from './testing/sample-events';

const ajv2020 = addFormats(new Ajv2020({ allErrors: true }));
const ajv07 = addFormats(new Ajv({ allErrors: true }));

/** The JSON a client would send or read: no undefined, dates as strings. */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// ajv keeps each compiled schema under its $id and refuses a second one with the same id.
const validatorFor = (type: EventType, io: 'input' | 'output' = 'output') =>
  ajv2020.getSchema(eventSchemaId(type, io)) ?? ajv2020.compile(eventJsonSchema(type, { io }));

const errorPaths = (validate: { errors?: ReadonlyArray<{ instancePath: string }> | null }): string[] =>
  (validate.errors ?? []).map((e) => e.instancePath);

/** One field of each type set to a value the contract forbids, and where the error must point. */
const wrongField: Readonly<Record<EventType, { readonly mutate: (e: CrisisEvent) => unknown; readonly path: string }>> = {
  'protest.escalated': { mutate: (e) => ({ ...e, data: { ...e.data, stage: 'uprising' } }), path: '/data/stage' },
  'troops.deployed': { mutate: (e) => ({ ...e, data: { ...e.data, contributor: 'Russia' } }), path: '/data/contributor' },
  'casualties.reported': { mutate: (e) => ({ ...e, data: { ...e.data, cumulative: 'yes' } }), path: '/data/cumulative' },
  'diplomacy.meeting': { mutate: (e) => ({ ...e, data: { ...e.data, durationMinutes: -5 } }), path: '/data/durationMinutes' },
  'diplomacy.statement': { mutate: (e) => ({ ...e, data: { ...e.data, respondsTo: 'the CSTO deployment' } }), path: '/data/respondsTo' },
  'situation.assessed': { mutate: (e) => ({ ...e, theatre: 'Kazakhstan' }), path: '/theatre' },
};

describe('eventJsonSchema', () => {
  describe.each(EVENT_TYPE_NAMES)('%s', (type) => {
    const sample = SAMPLE_EVENTS[type];

    it('accepts the sample event', () => {
      const validate = validatorFor(type);
      expect(validate(json(sample))).toBe(true);
    });

    it('rejects it with a wrong field, pointing at that field', () => {
      const validate = validatorFor(type);
      const { mutate, path } = wrongField[type];
      expect(validate(json(mutate(sample)))).toBe(false);
      expect(errorPaths(validate)).toContain(path);
    });

    it('rejects an unknown field', () => {
      const validate = validatorFor(type);
      expect(validate(json({ ...sample, crowd: 5 }))).toBe(false);
      expect(validate.errors?.[0]?.params).toEqual({ additionalProperty: 'crowd' });
    });

    it('as input, accepts the event without recordedAt, which the stored shape requires', () => {
      const { recordedAt: _serverClock, ...input } = sample;
      expect(validatorFor(type, 'input')(json(input))).toBe(true);
      expect(validatorFor(type, 'output')(json(input))).toBe(false);
    });

    it('as draft-07 (for AsyncAPI), judges the same', () => {
      const validate = ajv07.getSchema(eventSchemaId(type)) ?? ajv07.compile(eventJsonSchema(type, { target: 'draft-07' }));
      expect(validate(json(sample))).toBe(true);
      expect(validate(json(wrongField[type].mutate(sample)))).toBe(false);
    });
  });

  it('keeps the $id, title and the descriptions of the zod schemas', () => {
    const schema = eventJsonSchema('casualties.reported');
    const properties = schema.properties as Record<string, { description?: string; properties?: Record<string, { description?: string }> }>;

    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('urn:watchfloor:schema:event:casualties.reported:v1');
    expect(schema.title).toBe('casualties.reported v1');
    expect(schema.description).toMatch(/^One source's casualty claim, kept as it was made/);
    expect(schema.description).toContain('ordered low ≤ best ≤ high');
    expect(properties['theatre']?.description).toMatch(/^Theatre id/);
    expect(properties['data']?.properties?.['sourceWording']?.description).toBe('The words the source used, e.g. "dozens"');
  });

  it('gives input and output schemas different ids, versioned like the CloudEvents type', () => {
    expect(eventSchemaId('protest.escalated')).toBe('urn:watchfloor:schema:event:protest.escalated:v2');
    expect(eventSchemaId('protest.escalated', 'input')).toBe('urn:watchfloor:schema:event-input:protest.escalated:v2');
    const ids = EVENT_TYPE_NAMES.flatMap((type) => [eventSchemaId(type), eventSchemaId(type, 'input')]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('states the cross-field rules JSON Schema can: a range needs a figure, a casualty report a count', () => {
    const protest = validatorFor('protest.escalated');
    const event = SAMPLE_EVENTS['protest.escalated'];
    expect(protest(json({ ...event, data: { ...event.data, crowdSize: {} } }))).toBe(false);
    expect(errorPaths(protest)).toContain('/data/crowdSize');

    const casualties = validatorFor('casualties.reported');
    const { killed: _k, injured: _i, detained: _d, ...noCounts } = SAMPLE_EVENTS['casualties.reported'].data;
    expect(casualties(json({ ...SAMPLE_EVENTS['casualties.reported'], data: noCounts }))).toBe(false);
    expect(errorPaths(casualties)).toContain('/data');
  });

  it('makes one schema per type', () => {
    const schemas = eventJsonSchemas({ io: 'input' });
    expect(Object.keys(schemas).sort()).toEqual([...EVENT_TYPE_NAMES].sort());
    expect(schemas['situation.assessed'].$id).toBe(eventSchemaId('situation.assessed', 'input'));
  });
});

describe('alertJsonSchema', () => {
  const validate = ajv2020.compile(alertJsonSchema());

  it('accepts an alert and rejects one with a band that does not exist', () => {
    expect(validate(json(escalationAlert))).toBe(true);
    expect(validate(json({ ...escalationAlert, band: 'extreme' }))).toBe(false);
    expect(errorPaths(validate)).toContain('/band');
  });

  it('has its id and says which rules it cannot state', () => {
    const schema = alertJsonSchema();
    expect(schema.$id).toBe(ALERT_SCHEMA_ID);
    expect(schema.description).toContain('direction is up when band is above previousBand');
  });
});

import { z } from 'zod';
import { ALERT_SCHEMA_VERSION, ALERT_TYPE, alertRaised } from './alert.schema';
import {
  casualtiesReported,
  casualtiesReportedData,
  countRange,
  crisisEventInput,
  diplomacyMeeting,
  diplomacyStatement,
  EVENT_TYPE_NAMES,
  EVENT_TYPES,
  protestEscalated,
  situationAssessed,
  troopsDeployed,
  type EventType,
} from './event.schema';

/**
 * JSON Schemas of the contract, generated from the zod schemas so that integrators in any language
 * can validate what they send and read. zod cannot translate refinements, so the few cross-field
 * rules JSON Schema can state are added here by hand, and the rest are named in the description.
 */

export type JsonSchema = z.core.JSONSchema.JSONSchema;
/** `output`: an event as stored and served (recordedAt set, defaults filled); `input`: what a producer may send. */
export type SchemaIo = 'input' | 'output';
/** 2020-12 for standalone use; draft-07 is what AsyncAPI 3 schemas extend. */
export type JsonSchemaTarget = 'draft-2020-12' | 'draft-07';

export interface JsonSchemaOptions {
  readonly io?: SchemaIo;
  readonly target?: JsonSchemaTarget;
}

const ID_PREFIX = 'urn:watchfloor:schema:';

export const eventSchemaId = (type: EventType, io: SchemaIo = 'output'): string =>
  `${ID_PREFIX}${io === 'input' ? 'event-input' : 'event'}:${type}:v${EVENT_TYPES[type].version}`;

export const ALERT_SCHEMA_ID = `${ID_PREFIX}alert:${ALERT_TYPE}:v${ALERT_SCHEMA_VERSION}`;

const storedEvents: Readonly<Record<EventType, z.ZodType>> = {
  'protest.escalated': protestEscalated,
  'troops.deployed': troopsDeployed,
  'casualties.reported': casualtiesReported,
  'diplomacy.meeting': diplomacyMeeting,
  'diplomacy.statement': diplomacyStatement,
  'situation.assessed': situationAssessed,
};

const inputEventOf = (type: EventType): z.ZodType => {
  const input = crisisEventInput.options.find((option) => option.shape.type.value === type);
  if (input === undefined) throw new Error(`no input schema for ${type}`);
  return input;
};

const RANGE_ORDER = 'every count range is ordered low ≤ best ≤ high';

/** What the validator also checks that the JSON Schema does not. */
const rulesBeyondJsonSchema: Readonly<Record<EventType, readonly string[]>> = {
  'protest.escalated': [RANGE_ORDER],
  'troops.deployed': [RANGE_ORDER],
  'casualties.reported': [RANGE_ORDER, "the period's from is not after its to"],
  'diplomacy.meeting': [],
  'diplomacy.statement': [],
  'situation.assessed': [],
};

const crossFieldRules = (ctx: { zodSchema: unknown; jsonSchema: JsonSchema }): void => {
  if (ctx.zodSchema === countRange) ctx.jsonSchema.minProperties = 1;
  if (ctx.zodSchema === casualtiesReportedData) {
    ctx.jsonSchema.anyOf = [{ required: ['killed'] }, { required: ['injured'] }, { required: ['detained'] }];
  }
};

const generate = (
  schema: z.ZodType,
  { io = 'output', target = 'draft-2020-12' }: JsonSchemaOptions,
  header: { readonly $id: string; readonly title: string; readonly description: string },
): JsonSchema => {
  const generated = z.toJSONSchema(schema, { io, target, override: crossFieldRules });
  // The header's description already holds zod's, plus the rules beyond the schema.
  const { $schema, description: _fromZod, ...body } = generated;
  return { $schema, ...header, ...body };
};

const describeWithRules = (description: string | undefined, rules: readonly string[]): string =>
  [description, rules.length > 0 ? `Also checked, beyond this schema: ${rules.join('; ')}.` : undefined]
    .filter((part): part is string => part !== undefined)
    .join('. ');

/** The JSON Schema of one event type at its current version. */
export const eventJsonSchema = (type: EventType, options: JsonSchemaOptions = {}): JsonSchema => {
  const io = options.io ?? 'output';
  const version = EVENT_TYPES[type].version;
  const what = io === 'input' ? 'as a producer sends it (recordedAt is set by the server)' : 'as stored and served';
  return generate(io === 'input' ? inputEventOf(type) : storedEvents[type], options, {
    $id: eventSchemaId(type, io),
    title: `${type} v${version}${io === 'input' ? ' (input)' : ''}`,
    description: describeWithRules(`${EVENT_TYPES[type].data.description ?? type}; the event ${what}`, rulesBeyondJsonSchema[type]),
  });
};

/** One JSON Schema per event type. */
export const eventJsonSchemas = (options: JsonSchemaOptions = {}): Readonly<Record<EventType, JsonSchema>> =>
  Object.fromEntries(EVENT_TYPE_NAMES.map((type) => [type, eventJsonSchema(type, options)])) as Record<EventType, JsonSchema>;

/** The JSON Schema of an alert on `crisis.alerts`. */
export const alertJsonSchema = (options: Pick<JsonSchemaOptions, 'target'> = {}): JsonSchema =>
  generate(alertRaised, options, {
    $id: ALERT_SCHEMA_ID,
    title: `${ALERT_TYPE} v${ALERT_SCHEMA_VERSION}`,
    description: describeWithRules(alertRaised.description, [
      'band differs from previousBand',
      'direction is up when band is above previousBand, down when below',
    ]),
  });

/**
 * The headers of the CloudEvents Kafka binding (binary content mode) as a reader gets them, read
 * for cloudevents-codec.ts. Every reader of the log reads every message's headers, and a rebuild
 * reads the whole log, so the common case is read without the general machinery: see
 * readBindingHeaders. Internal to the contract; the codec re-exports what is public.
 */

/** The header names of the binding, exactly as they go on the wire. */
export const CE_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  contentType: 'content-type',
} as const;

/** A header value as a Kafka client hands it over on consume: repeated headers arrive as an array. */
export type KafkaHeaderValue = Buffer | string | ReadonlyArray<Buffer | string> | undefined;
export type KafkaHeaders = Readonly<Record<string, KafkaHeaderValue>>;

type BindingAttribute = keyof typeof CE_HEADERS;

/** The binding's headers as text, by attribute; an empty header counts as missing. */
export type BindingHeaders = { [A in BindingAttribute]?: string };

export type BindingHeadersRead = { readonly ok: true; readonly headers: BindingHeaders } | { readonly ok: false; readonly reason: string };

const textOf = (value: Buffer | string): string => (typeof value === 'string' ? value : value.toString('utf8'));

const ATTRIBUTE_OF: ReadonlyMap<string, BindingAttribute> = new Map(
  Object.entries(CE_HEADERS).map(([attribute, name]) => [name, attribute as BindingAttribute]),
);

/** Lower-cases names (Kafka header names are case-sensitive, the binding's are lower-case) and decodes values. */
const readAllHeaders = (headers: KafkaHeaders | undefined): BindingHeadersRead => {
  const read = new Map<string, string[]>();
  for (const [name, raw] of Object.entries(headers ?? {})) {
    if (raw === undefined) continue;
    const values: ReadonlyArray<Buffer | string> = typeof raw === 'string' || Buffer.isBuffer(raw) ? [raw] : raw;
    const key = name.toLowerCase();
    read.set(key, [...(read.get(key) ?? []), ...values.map(textOf)]);
  }
  const found: BindingHeaders = {};
  for (const [name, values] of read) {
    // A repeated CloudEvents header has no single meaning; a reader must not pick one.
    if (values.length > 1 && (name.startsWith('ce_') || name === CE_HEADERS.contentType)) {
      return { ok: false, reason: `header ${name} appears ${values.length} times` };
    }
    const attribute = ATTRIBUTE_OF.get(name);
    const value = values[0];
    if (attribute !== undefined && value !== undefined && value !== '') found[attribute] = value;
  }
  return { ok: true, headers: found };
};

/**
 * What a Kafka client hands over nearly always: one value per header and lower-case names, so no
 * two names can merge into one repeated header, and only the binding's headers need decoding.
 * Anything else (an array, a name with a capital) is readAllHeaders' to judge: `undefined` says so.
 */
const readSingleHeaders = (headers: KafkaHeaders): BindingHeaders | undefined => {
  const found: BindingHeaders = {};
  for (const name of Object.keys(headers)) {
    const raw = headers[name];
    if (raw === undefined) continue;
    if (typeof raw !== 'string' && !Buffer.isBuffer(raw)) return undefined;
    const attribute = ATTRIBUTE_OF.get(name);
    if (attribute === undefined) {
      if (name.toLowerCase() !== name) return undefined;
      continue;
    }
    const value = textOf(raw);
    if (value !== '') found[attribute] = value;
  }
  return found;
};

/** The binding's headers of a consumed message, or why they cannot be read (a repeated header). */
export const readBindingHeaders = (headers: KafkaHeaders | undefined): BindingHeadersRead => {
  // `headers` may come from JavaScript callers as null: no headers, as for the general reader.
  const single = headers ? readSingleHeaders(headers) : {};
  return single === undefined ? readAllHeaders(headers) : { ok: true, headers: single };
};

const PLAIN_TIME = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/**
 * A `ce_time` of the shape our producers write: RFC 3339 with a `T` and a zone, a real date, and
 * no leap second. The CloudEvents SDK's date-time check accepts every such string (and more), so
 * the codec need not ask it about these; any other it leaves to the SDK, which also words the reason.
 */
export const isPlainCeTime = (time: string): boolean => {
  const match = PLAIN_TIME.exec(time);
  if (match === null) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const days = month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  return day >= 1 && day <= days;
};

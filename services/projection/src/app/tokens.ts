/** Injection tokens of the projection's parts, which are built outside Nest (see create-projection-app.ts). */
export const PROJECTION_STORE = Symbol('PROJECTION_STORE');
export const THEATRE_QUERIES = Symbol('THEATRE_QUERIES');
export const PARKED_MESSAGES = Symbol('PARKED_MESSAGES');
export const PROJECTION_RUNTIME = Symbol('PROJECTION_RUNTIME');
export const ASYNCAPI_DOCUMENT = Symbol('ASYNCAPI_DOCUMENT');
export const EVENTS_TOPIC = Symbol('EVENTS_TOPIC');
export const EVENT_LOG = Symbol('EVENT_LOG');

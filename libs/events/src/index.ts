export * from './event.schema';
export * from './validation';
export * from './topics';
export * from './alert.schema';
export * from './upcast';
export * from './cloudevents-codec';
export * from './json-schema';
export * from './asyncapi';

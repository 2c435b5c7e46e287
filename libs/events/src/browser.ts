// The contract as the dashboard sees it: everything but the Kafka codec and the AsyncAPI
// document built on it, because the CloudEvents SDK pulls Node's http/https into a browser
// bundle. The dashboard's build and tsconfig map @watchfloor/events here.
export * from './event.schema';
export * from './validation';
export * from './topics';
export * from './alert.schema';
export * from './upcast';
export * from './json-schema';

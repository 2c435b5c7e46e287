export { createProjectionApp, JSON_BODY_LIMIT, type ProjectionApp, type ProjectionAppOptions } from './app/create-projection-app';
export type { ProjectionSettings } from './app/projection-settings';
export type { StartupReport } from './app/projection-runtime';

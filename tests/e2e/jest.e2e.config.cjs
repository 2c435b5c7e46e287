// Whole-system layer: real Kafka (started by the global setup unless KAFKA_BROKERS is set),
// real services started in-process, Debian's Chromium driven by playwright-core.
const path = require('node:path');
const preset = require('../../.config/jest.preset.cjs');

const workspaceRoot = path.resolve(__dirname, '../..');

module.exports = {
  rootDir: workspaceRoot,
  testEnvironment: 'node',
  transform: preset.transform,
  moduleFileExtensions: preset.moduleFileExtensions,
  moduleNameMapper: preset.moduleNameMapper,
  testMatch: ['<rootDir>/tests/e2e/src/**/*.e2e.ts'],
  globalSetup: '<rootDir>/tests/support/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/jest-global-teardown.mjs',
  testTimeout: 120_000,
  maxWorkers: 1,
};

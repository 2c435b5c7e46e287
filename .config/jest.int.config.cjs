// Integration layer: *.int.spec.ts against a real Kafka broker. The global setup starts a
// throwaway broker on loopback unless KAFKA_BROKERS points at one, and stops it afterwards.
const preset = require('./jest.preset.cjs');

module.exports = {
  rootDir: require('node:path').resolve(__dirname, '..'),
  testEnvironment: 'node',
  transform: preset.transform,
  moduleFileExtensions: preset.moduleFileExtensions,
  moduleNameMapper: preset.moduleNameMapper,
  testMatch: ['<rootDir>/{libs,services,tests}/**/*.int.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/tests/support/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/tests/support/jest-global-teardown.mjs',
  testTimeout: 60_000,
  maxWorkers: 2,
};

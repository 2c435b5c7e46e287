const path = require('node:path');
const preset = require('../.config/jest.preset.cjs');

module.exports = {
  ...preset,
  displayName: 'dashboard',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  transform: { ...preset.transform, '^.+\\.mjs$': preset.transform['^.+\\.(t|j)sx?$'] },
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    // As in the build: the browser entry of the contract, without the Kafka codec.
    '^@watchfloor/events$': path.join(__dirname, '../libs/events/src/browser.ts'),
    '\\.css$': path.join(__dirname, 'src/testing/style-stub.cjs'),
  },
  // d3-geo and its d3 dependencies ship only as ES modules.
  transformIgnorePatterns: ['/node_modules/(?!(d3-[^/]+|internmap)/)'],
};

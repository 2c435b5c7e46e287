const preset = require('../../.config/jest.preset.cjs');

module.exports = { ...preset, displayName: 'architecture', rootDir: __dirname, testTimeout: 60_000 };

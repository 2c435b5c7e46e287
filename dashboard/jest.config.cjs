const preset = require('../.config/jest.preset.cjs');

module.exports = { ...preset, displayName: 'dashboard', rootDir: __dirname, testEnvironment: 'jsdom' };

const preset = require('../../.config/jest.preset.cjs');

module.exports = { ...preset, displayName: 'bench', rootDir: __dirname };

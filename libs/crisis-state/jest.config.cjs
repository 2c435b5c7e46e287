const preset = require('../../.config/jest.preset.cjs');

module.exports = { ...preset, displayName: require('./project.json').name, rootDir: __dirname };

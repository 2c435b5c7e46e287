// Shared by every project's jest.config.cjs and by the integration config.
// SWC compiles TypeScript (with decorator metadata for NestJS); type checking is `npm run typecheck`.
const path = require('node:path');
const { compilerOptions } = require('../tsconfig.base.json');

const workspaceRoot = path.resolve(__dirname, '..');
const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(workspaceRoot, target),
  ]),
);

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper,
  // Unit layer only: *.int.spec.ts needs a broker and runs from jest.int.config.cjs.
  testMatch: ['**/?(*.)spec.ts?(x)'],
  testPathIgnorePatterns: ['/node_modules/', '\\.int\\.spec\\.tsx?$', '/dist/'],
};

import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/.nx', '**/.data', 'infra/kafka/lib', '**/test-results', 'tmp'],

  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs'],
    rules: {
      // The architecture of STYLE.md, enforced: contract <- domain <- service, infra beside domain,
      // and the dashboard never reaches server code.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:contract', 'type:domain'] },
            { sourceTag: 'type:infra', onlyDependOnLibsWithTags: ['type:contract', 'type:infra'] },
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:infra'] },
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contract', 'type:domain'] },
            // Whole-system tests run the services as processes and use only their public surfaces.
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contract', 'type:domain', 'type:infra'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Only libs/kafka talks to kafkajs: it is in maintenance mode and stays behind our interface.
    // The benchmarks' baselines are bare kafkajs on purpose: that is what they measure.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['libs/kafka/**', 'tests/bench/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kafkajs', message: 'Use @watchfloor/kafka.' }] }],
    },
  },
  {
    // Config files reach into .config/ by path on purpose; they are not part of any module graph.
    files: ['**/jest.config.cjs', '**/jest.*.config.cjs', '**/vite.config.mts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];

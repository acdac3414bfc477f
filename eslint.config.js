// Flat config. `@nx/enforce-module-boundaries` keeps the layers' dependency direction (README, "Layout"):
// core-graph <- agents, quality <- planner <- orchestration -> transports/persistence/observability <- apps,
// and keeps the plain-TypeScript layers free of Nest.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');

const plainLayers = ['@nestjs/*', 'express', 'reflect-metadata'];

module.exports = [
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', 'bench/results/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel'], bannedExternalImports: plainLayers },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:domain'],
              bannedExternalImports: plainLayers,
            },
            {
              sourceTag: 'type:planning',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:planning'],
              bannedExternalImports: plainLayers,
            },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:platform'],
            },
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:planning', 'type:platform', 'type:feature'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:planning', 'type:platform', 'type:feature'],
            },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The plain-TypeScript layers stay framework-free; this also holds before Nest is installed.
    files: ['libs/core-graph/**/*.ts', 'libs/planner/**/*.ts', 'libs/quality/**/*.ts', 'libs/agents/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', 'express'], message: 'core-graph, planner, quality and agents are plain TypeScript: no Nest here.' }] },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
];

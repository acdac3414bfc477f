// Flat config. The layers' dependency direction (docs/architecture.md, "Layers") is enforced twice:
// `@nx/enforce-module-boundaries` (also finds cycles, but skips itself when Nx has no cached project graph)
// and the local `a2a/*` rules (tools/eslint/workspace-plugin.js), which read project.json/package.json files
// directly, so a fresh clone with no `.nx` cache is checked too. Both read the same tools/eslint/layers.js.
const nx = require('@nx/eslint-plugin');
const tseslint = require('typescript-eslint');
const a2a = require('./tools/eslint/workspace-plugin');
const { LAYER_CONSTRAINTS, PLAIN_LAYER_BANNED_IMPORTS } = require('./tools/eslint/layers');

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
          depConstraints: [...LAYER_CONSTRAINTS, { sourceTag: 'runtime:plain', bannedExternalImports: PLAIN_LAYER_BANNED_IMPORTS }],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The plain-TypeScript layers stay framework-free; this also holds before Nest is installed.
    files: ['libs/core-graph/**/*.ts', 'libs/planner/**/*.ts', 'libs/quality/**/*.ts', 'libs/agents/**/*.ts', 'libs/llm/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: PLAIN_LAYER_BANNED_IMPORTS, message: 'core-graph, planner, quality, agents and llm are plain TypeScript: no Nest here.' }] },
      ],
    },
  },
  {
    // Graph-free module boundaries: layers, no deep imports into another project, manifests declare imports.
    files: ['**/*.ts', '**/*.js'],
    plugins: { a2a },
    rules: { 'a2a/layer-imports': 'error', 'a2a/no-deep-imports': 'error', 'a2a/declared-dependencies': 'error' },
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

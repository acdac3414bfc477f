// The workspace's rules, plus the console's own: .tsx files get the same checks as .ts (module boundaries,
// no `any`), and nothing renders API text as HTML (agent output is untrusted).
const root = require('../../eslint.config.js');
const nx = require('@nx/eslint-plugin');
const a2a = require('../../tools/eslint/workspace-plugin');

module.exports = [
  ...root,
  {
    files: ['**/*.tsx'],
    plugins: { '@nx': nx, a2a },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'a2a/layer-imports': 'error',
      'a2a/no-deep-imports': 'error',
      'a2a/declared-dependencies': 'error',
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render API and agent text as text, never as HTML.' },
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'Render API and agent text as text, never as HTML.' },
      ],
    },
  },
  {
    // Build and lint tooling the workspace root declares (vite, @vitejs/plugin-react, the lint rules
    // under tools/): not dependencies of the page.
    files: ['**/vite.config.mts', '**/eslint.config.js'],
    rules: { 'a2a/declared-dependencies': 'off', 'a2a/no-deep-imports': 'off' },
  },
];

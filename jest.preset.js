// Shared Jest settings: SWC transpiles TypeScript (type checking is the separate `typecheck` target),
// and workspace imports resolve to library sources so tests never need a prior build.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [name, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${name}$`] = path.join(__dirname, target);
}

// ESM-only packages that CommonJS dependencies require (jose, under @a2a-js/sdk and the MCP SDK):
// Jest on Node 20 cannot load ESM from require, so SWC turns these into CommonJS too.
const ESM_ONLY_PACKAGES = ['jose', 'pkce-challenge'];

module.exports = {
  testEnvironment: 'node',
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  transform: {
    [`/node_modules/(${ESM_ONLY_PACKAGES.join('|')})/.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: [path.join(__dirname, 'tools/jest/memory-run-store.js')],
  moduleNameMapper,
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  // Jest's 5 s default is a wall-clock limit: CI runs every project's suite at once on 2 cores, and a
  // property test that takes 2 s alone took over 5 s there. Timing logic uses the virtual clock instead.
  testTimeout: 30_000,
};

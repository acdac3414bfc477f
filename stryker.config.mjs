// @ts-check
// Mutation testing for the plain-TypeScript libraries: `npm run mutate` runs this once per library
// (MUTATE_LIB=core-graph|planner|quality), each with that library's own Jest config (SWC transform).
// A whole library takes hours on two cores; `MUTATE_LIBS=planner npm run mutate` picks libraries, and
// `MUTATE_LIB=core-graph npx stryker run stryker.config.mjs --mutate 'libs/core-graph/src/engine/**'`
// picks files (or line ranges, `file.ts:10-80`). Results: reports/mutation/<lib>.html and .json.
const lib = process.env.MUTATE_LIB ?? 'core-graph';
const libs = ['core-graph', 'planner', 'quality'];
if (!libs.includes(lib)) throw new Error(`MUTATE_LIB must be one of ${libs.join(', ')}, got "${lib}"`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: `libs/${lib}/jest.config.js`, enableFindRelatedTests: false },
  coverageAnalysis: 'perTest',
  // Generated code (ajv's standalone validators) is checked against its schemas, not mutant by mutant.
  mutate: [`libs/${lib}/src/**/*.ts`, `!libs/${lib}/src/**/index.ts`, '!libs/quality/src/scoring/precompiled-output-validators.ts'],
  // The sandbox needs the sources, the Jest/TS settings and the example plans; not builds or caches.
  ignorePatterns: ['dist', '.nx', 'coverage', 'reports', 'bench', 'docker', 'apps', 'examples/**/node_modules', 'tmp'],
  tempDirName: '.stryker-tmp',
  // SWC never type-checks, so the sandbox files stay byte for byte (a quality test compares a
  // generated file's text with its generator's output).
  disableTypeChecks: false,
  incremental: true,
  incrementalFile: `reports/stryker-incremental-${lib}.json`,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${lib}.html` },
  jsonReporter: { fileName: `reports/mutation/${lib}.json` },
  thresholds: { high: 85, low: 70, break: null },
  // A mutant that hangs a run is detected by its timeout: keep that wait short.
  timeoutMS: 3000,
  // Static mutants (module-level constants) force every test to rerun; their count is reported apart.
  ignoreStatic: true,
  cleanTempDir: true,
};

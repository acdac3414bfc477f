// Browser tests: each spec starts the built host (serving apps/web/dist) and drives Chromium against it.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
  // A host, a browser and real timers per spec: far above Jest's default, never a timing assertion.
  testTimeout: 120_000,
};

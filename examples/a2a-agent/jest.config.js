module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'example-a2a-agent',
  rootDir: __dirname,
  // The example keeps its files side by side (no src/): the rates, the executor, the server, this test.
  testMatch: ['<rootDir>/*.spec.ts'],
};

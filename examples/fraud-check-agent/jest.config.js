module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'example-fraud-check',
  rootDir: __dirname,
  // The example keeps its files side by side (no src/): the agent, its module, this test and a plan.
  testMatch: ['<rootDir>/*.spec.ts'],
};

module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'example-mcp-server',
  rootDir: __dirname,
  // The example keeps its files side by side (no src/): the server (plain JS, run by node) and this test.
  testMatch: ['<rootDir>/*.spec.ts'],
};

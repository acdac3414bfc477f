module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'example-library-usage',
  rootDir: __dirname,
  // The example keeps its files side by side (no src/): the program, the function the README quotes, this test.
  testMatch: ['<rootDir>/*.spec.ts'],
};

module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'docker',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/**/*.spec.ts'],
};

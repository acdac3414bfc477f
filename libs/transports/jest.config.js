module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'transports',
  rootDir: __dirname,
  // Real servers, channels and child processes on a loaded 2-core CI machine: the default 5 s is too tight.
  testTimeout: 30_000,
};

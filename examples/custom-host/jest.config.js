module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'custom-host',
  rootDir: __dirname,
};

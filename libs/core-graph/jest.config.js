module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'core-graph',
  rootDir: __dirname,
};

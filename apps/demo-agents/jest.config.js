module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'demo-agents',
  rootDir: __dirname,
};

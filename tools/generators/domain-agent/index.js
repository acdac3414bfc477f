// The entry point Nx loads for `nx g ./tools:domain-agent` (generators.json points here).
// The generator is written in TypeScript (generator.ts), but the workspace runs on Node 20, which
// cannot load TypeScript, and has neither @swc-node/register nor ts-node for Nx to transpile it
// with. So this file compiles generator.ts in memory with the workspace's own TypeScript and loads
// the result as a regular CommonJS module (its __dirname stays this folder, where files/ lives).
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const ts = require('typescript');

function loadTypeScriptModule(file) {
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf-8'), {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const loaded = new Module(file, module);
  loaded.filename = file;
  loaded.paths = Module._nodeModulePaths(path.dirname(file));
  loaded._compile(outputText, file);
  return loaded.exports;
}

module.exports = loadTypeScriptModule(path.join(__dirname, 'generator.ts'));

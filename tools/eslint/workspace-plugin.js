// Local ESLint plugin `a2a`: the module boundaries, checked from the files on disk rather than from Nx's
// cached project graph (`@nx/enforce-module-boundaries` silently skips itself when that cache is absent).
//   a2a/layer-imports          an import of a workspace project must go down the layers (tools/eslint/layers.js)
//   a2a/no-deep-imports        no reaching into another project's files (`../../planner/src/x`,
//                              `@a2a-mcp/planner/src/x`); only its package entry points
//   a2a/declared-dependencies  every package a project imports is declared in its package.json
const { builtinModules } = require('node:module');
const { dirname, resolve, sep } = require('node:path');
const { LAYER_CONSTRAINTS } = require('./layers');
const { workspaceAt, workspaceRootOf, projectOfPath } = require('./workspace-projects');

const BUILTINS = new Set(builtinModules);
const TEST_FILE = /(\.spec\.ts$|\.e2e-spec\.ts$|[\\/]test[\\/]|[\\/]jest\.config\.js$)/;

/** Calls `check(node, specifier)` for every import, export-from, require() and import() with a literal. */
function onImports(check) {
  const literal = (node, source) => {
    if (source && source.type === 'Literal' && typeof source.value === 'string') check(node, source.value);
  };
  return {
    ImportDeclaration: (node) => literal(node, node.source),
    ExportNamedDeclaration: (node) => literal(node, node.source),
    ExportAllDeclaration: (node) => literal(node, node.source),
    ImportExpression: (node) => literal(node, node.source),
    TSImportEqualsDeclaration: (node) =>
      node.moduleReference.type === 'TSExternalModuleReference' && literal(node, node.moduleReference.expression),
    CallExpression: (node) =>
      node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments.length === 1 && literal(node, node.arguments[0]),
  };
}

/** The workspace and the project that own the file being linted, or undefined outside any project. */
function ownerOf(context) {
  const file = context.physicalFilename ?? context.filename;
  const root = workspaceRootOf(resolve(file));
  if (!root) return undefined;
  const workspace = workspaceAt(root);
  const project = projectOfPath(workspace.projects, resolve(file));
  return project && { workspace, project, file: resolve(file) };
}

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBareSpecifier(specifier) {
  return !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.startsWith('node:') && !BUILTINS.has(packageNameOf(specifier));
}

/** The workspace project an import names (a package name, a package subpath or a tsconfig path alias). */
function targetProject(workspace, specifier) {
  return workspace.aliases.get(specifier) ?? workspace.byPackage.get(packageNameOf(specifier));
}

const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'An import of a workspace project must respect the layers (tools/eslint/layers.js); needs no Nx project graph.' },
    schema: [],
    messages: {
      wrongLayer: '{{source}} ({{sourceTags}}) may not import {{target}} ({{targetTags}}): the layers only depend downwards (docs/architecture.md, "Layers").',
      unknownProject: '"{{specifier}}" names no project of this workspace.',
    },
  },
  create(context) {
    const owner = ownerOf(context);
    if (!owner) return {};
    const { workspace, project } = owner;
    const constraints = LAYER_CONSTRAINTS.filter((c) => project.tags.includes(c.sourceTag));
    return onImports((node, specifier) => {
      if (specifier.startsWith('.')) return; // relative imports into another project: a2a/no-deep-imports
      const target = targetProject(workspace, specifier);
      if (!target) {
        if (specifier.startsWith('@a2a-mcp/')) context.report({ node, messageId: 'unknownProject', data: { specifier } });
        return;
      }
      if (target === project) return;
      const allowed = constraints.every((c) => c.onlyDependOnLibsWithTags.some((tag) => tag === '*' || target.tags.includes(tag)));
      if (!allowed) {
        context.report({
          node,
          messageId: 'wrongLayer',
          data: { source: project.name, sourceTags: project.tags.join(', '), target: target.name, targetTags: target.tags.join(', ') },
        });
      }
    });
  },
};

const noDeepImports = {
  meta: {
    type: 'problem',
    docs: { description: "Import another project only through its package entry points, never its files." },
    schema: [],
    messages: {
      relative: '"{{specifier}}" reaches into project {{target}}; import its package ({{entry}}) instead.',
      subpath: '"{{specifier}}" is not an entry point of {{pkg}} (entry points: {{entries}}).',
    },
  },
  create(context) {
    const owner = ownerOf(context);
    if (!owner) return {};
    const { workspace, project, file } = owner;
    return onImports((node, specifier) => {
      if (specifier.startsWith('.')) {
        const target = projectOfPath(workspace.projects, resolve(dirname(file), specifier));
        if (target && target !== project && !project.root.startsWith(target.root + sep)) {
          context.report({ node, messageId: 'relative', data: { specifier, target: target.name, entry: target.packageName ?? 'its path alias' } });
        }
        return;
      }
      const pkg = packageNameOf(specifier);
      const target = workspace.byPackage.get(pkg);
      if (!target || specifier === pkg || workspace.aliases.has(specifier)) return;
      const exportsField = target.manifest?.exports;
      const subpaths = exportsField && typeof exportsField === 'object' ? Object.keys(exportsField) : ['.'];
      if (!subpaths.includes('.' + specifier.slice(pkg.length))) {
        context.report({ node, messageId: 'subpath', data: { specifier, pkg, entries: subpaths.map((s) => pkg + s.slice(1)).join(', ') } });
      }
    });
  },
};

const declaredDependencies = {
  meta: {
    type: 'problem',
    docs: { description: "Every package a project imports is declared in the project's package.json." },
    schema: [],
    messages: {
      undeclared: '{{project}} imports "{{pkg}}" but {{manifest}} does not declare it in {{fields}}.',
    },
  },
  create(context) {
    const owner = ownerOf(context);
    // Projects without a package.json (examples, docs) are not packages: nothing to keep in step.
    if (!owner || !owner.project.manifest) return {};
    const { workspace, project, file } = owner;
    const manifest = project.manifest;
    const devOnly = TEST_FILE.test(file) || project.tags.includes('type:tooling');
    const fields = devOnly ? ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'] : ['dependencies', 'peerDependencies', 'optionalDependencies'];
    const declared = new Set(fields.flatMap((f) => Object.keys(manifest[f] ?? {})));
    // Tests and tooling may also use the workspace's shared dev tools (jest, fast-check, @nestjs/testing ...),
    // but a workspace library they import is still declared by the project itself.
    const rootDeclared = devOnly
      ? new Set([...Object.keys(workspace.rootManifest.devDependencies ?? {}), ...Object.keys(workspace.rootManifest.dependencies ?? {})])
      : new Set();
    const manifestPath = project.root.slice(workspace.root.length + 1) + '/package.json';
    return onImports((node, specifier) => {
      if (!isBareSpecifier(specifier)) return;
      const pkg = packageNameOf(specifier);
      if (pkg === project.packageName || declared.has(pkg)) return;
      if (rootDeclared.has(pkg) && !workspace.byPackage.has(pkg)) return;
      if (workspace.aliases.has(specifier) && !workspace.byPackage.has(pkg)) return; // a path alias to a non-package project
      context.report({ node, messageId: 'undeclared', data: { project: project.name, pkg, manifest: manifestPath, fields: fields.join('/') } });
    });
  },
};

module.exports = {
  meta: { name: 'a2a' },
  rules: { 'layer-imports': layerImports, 'no-deep-imports': noDeepImports, 'declared-dependencies': declaredDependencies },
};

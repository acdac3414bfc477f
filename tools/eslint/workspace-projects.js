// Reads the workspace's projects from disk (project.json, package.json, tsconfig.base.json paths) — no Nx
// project graph needed, so the lint rules that use it work on a fresh clone with no `.nx` cache.
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { dirname, join, relative, sep } = require('node:path');

const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.git', '.nx', '.stryker-tmp']);
const cache = new Map();

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

function findProjectRoots(root, dir, depth, out) {
  if (existsSync(join(dir, 'project.json'))) out.push(dir);
  if (depth === 0) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) {
      findProjectRoots(root, join(dir, entry.name), depth - 1, out);
    }
  }
  return out;
}

function loadWorkspace(root) {
  const projects = findProjectRoots(root, root, 3, [])
    .filter((dir) => dir !== root)
    .map((dir) => {
      const project = readJson(join(dir, 'project.json'));
      const manifestFile = join(dir, 'package.json');
      const manifest = existsSync(manifestFile) ? readJson(manifestFile) : undefined;
      return { root: dir, name: project.name, tags: project.tags ?? [], manifest, packageName: manifest?.name };
    })
    // deepest first, so a file belongs to the innermost project around it
    .sort((a, b) => b.root.length - a.root.length);
  const byPackage = new Map(projects.filter((p) => p.packageName).map((p) => [p.packageName, p]));
  const aliases = new Map();
  const basePaths = readJson(join(root, 'tsconfig.base.json')).compilerOptions?.paths ?? {};
  for (const [alias, [target]] of Object.entries(basePaths)) {
    const owner = projectOfPath(projects, join(root, target));
    if (owner) aliases.set(alias, owner);
  }
  const rootManifest = readJson(join(root, 'package.json'));
  return { root, projects, byPackage, aliases, rootManifest };
}

function projectOfPath(projects, file) {
  return projects.find((p) => file === p.root || file.startsWith(p.root + sep));
}

/** The workspace rooted at `root` (cached per root for the lint run). */
function workspaceAt(root) {
  if (!cache.has(root)) cache.set(root, loadWorkspace(root));
  return cache.get(root);
}

/** The workspace root above `file`: the nearest directory holding nx.json. */
function workspaceRootOf(file) {
  let dir = dirname(file);
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return dir;
}

module.exports = { workspaceAt, workspaceRootOf, projectOfPath, relative };

import { getProjects, generateFiles, joinPathFragments, logger, offsetFromRoot, updateJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import * as path from 'node:path';

/** Options of `nx g ./tools:domain-agent` (see schema.json). */
export interface DomainAgentGeneratorSchema {
  /** The agent's name as plans refer to it (`tasks[].agent`): snake_case, e.g. `fraud_check`. */
  name: string;
  /** Library directory relative to the workspace root (default `libs/<kebab-name>-agent`). */
  directory?: string;
  /** One sentence for the agent card. */
  description?: string;
  /** Extra Nx project tags, comma-separated; `type:feature` is always set. */
  tags?: string;
}

/** Everything the templates and the workspace updates need, derived once from the options. */
export interface NormalizedDomainAgentOptions {
  /** `fraud_check` */
  agentName: string;
  /** `fraud-check` (file names) */
  fileName: string;
  /** `FraudCheck` (the agent class is `FraudCheckAgent`, the module `FraudCheckAgentModule`) */
  className: string;
  /** `FRAUD_CHECK` (the exported constants are `FRAUD_CHECK_AGENT` and `FRAUD_CHECK_SKILL`) */
  constantName: string;
  /** `Fraud check` (the skill's display name) */
  title: string;
  description: string;
  /** Skill tags for the planner: the words of the name, then the name itself. */
  skillTags: string[];
  /** `libs/fraud-check-agent` */
  projectRoot: string;
  /** `fraud-check-agent`: the last segment of projectRoot */
  projectName: string;
  /** `@a2a-mcp/fraud-check-agent` */
  importPath: string;
  projectTags: string[];
}

/** snake_case words of lower-case letters and digits, starting with a letter: `fraud_check`, `kyc2_screening`. */
export const AGENT_NAME_PATTERN = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const PROJECT_NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const TAG_PATTERN = /^[\w.:/-]+$/;
const IMPORT_SCOPE = '@a2a-mcp';
const TSCONFIG_BASE = 'tsconfig.base.json';

/** A bad option, reported by `nx g` as one line naming the option. */
export class DomainAgentGeneratorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainAgentGeneratorError';
  }
}

export function normalizeOptions(schema: DomainAgentGeneratorSchema): NormalizedDomainAgentOptions {
  const agentName = typeof schema.name === 'string' ? schema.name.trim() : schema.name;
  if (typeof agentName !== 'string' || agentName.length === 0) {
    throw new DomainAgentGeneratorError('domain-agent: the agent name is required, e.g. `nx g ./tools:domain-agent fraud_check`');
  }
  if (!AGENT_NAME_PATTERN.test(agentName)) {
    throw new DomainAgentGeneratorError(
      `domain-agent: name must be snake_case — a lower-case letter, then lower-case letters, digits and single underscores between words (e.g. fraud_check); got ${JSON.stringify(agentName)}`,
    );
  }
  const words = agentName.split('_');
  const fileName = words.join('-');
  const projectRoot = normalizeDirectory(schema.directory ?? `libs/${fileName}-agent`);
  const projectName = path.posix.basename(projectRoot);
  if (!PROJECT_NAME_PATTERN.test(projectName)) {
    throw new DomainAgentGeneratorError(
      `domain-agent: directory must end in a kebab-case folder name (it becomes the Nx project name); got ${JSON.stringify(projectName)}`,
    );
  }
  const description = (schema.description ?? `Handles ${words.join(' ')} tasks.`).replace(/\s+/g, ' ').trim();
  if (description.length === 0) throw new DomainAgentGeneratorError('domain-agent: description must not be empty');
  const extraTags = (schema.tags ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag.length > 0);
  for (const tag of extraTags) {
    if (!TAG_PATTERN.test(tag)) throw new DomainAgentGeneratorError(`domain-agent: tags: ${JSON.stringify(tag)} is not a valid Nx tag`);
  }
  return {
    agentName,
    fileName,
    className: words.map((word) => word[0].toUpperCase() + word.slice(1)).join(''),
    constantName: agentName.toUpperCase(),
    title: words.join(' ').replace(/^./, (first) => first.toUpperCase()),
    description,
    skillTags: [...new Set([...words, agentName])],
    projectRoot,
    projectName,
    importPath: `${IMPORT_SCOPE}/${projectName}`,
    projectTags: [...new Set(['type:feature', ...extraTags])],
  };
}

function normalizeDirectory(directory: string): string {
  const trimmed = directory.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const normalized = path.posix.normalize(trimmed);
  if (trimmed.length === 0 || path.posix.isAbsolute(trimmed) || normalized === '.' || normalized.startsWith('..')) {
    throw new DomainAgentGeneratorError(
      `domain-agent: directory must be a path inside the workspace, relative to its root (e.g. libs/fraud-check-agent); got ${JSON.stringify(directory)}`,
    );
  }
  return normalized;
}

/** Refuses to overwrite anything: an existing project name, a non-empty directory or an existing alias. */
function checkFree(tree: Tree, options: NormalizedDomainAgentOptions): void {
  const existing = getProjects(tree).get(options.projectName);
  if (existing) {
    throw new DomainAgentGeneratorError(
      `domain-agent: a project named "${options.projectName}" already exists (${existing.root}); pick another name or pass --directory=libs/<another-name>`,
    );
  }
  if (tree.exists(options.projectRoot) && tree.children(options.projectRoot).length > 0) {
    throw new DomainAgentGeneratorError(`domain-agent: ${options.projectRoot} already exists and is not empty`);
  }
  if (!tree.exists(TSCONFIG_BASE)) {
    throw new DomainAgentGeneratorError(`domain-agent: ${TSCONFIG_BASE} not found at the workspace root (the import alias goes there)`);
  }
  const paths = readPaths(tree);
  if (paths[options.importPath] !== undefined) {
    throw new DomainAgentGeneratorError(`domain-agent: ${TSCONFIG_BASE} already maps ${options.importPath} (to ${String(paths[options.importPath])})`);
  }
}

function readPaths(tree: Tree): Record<string, unknown> {
  const json = JSON.parse(tree.read(TSCONFIG_BASE, 'utf-8') ?? '{}') as { compilerOptions?: { paths?: Record<string, unknown> } };
  return json.compilerOptions?.paths ?? {};
}

/** A single-quoted TypeScript string literal. */
function tsString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The generator, synchronously: writes the library into `tree` and maps its import path in
 * tsconfig.base.json. Returns the callback that prints the next steps.
 */
export function generateDomainAgent(tree: Tree, schema: DomainAgentGeneratorSchema): GeneratorCallback {
  const options = normalizeOptions(schema);
  checkFree(tree, options);

  generateFiles(tree, path.join(__dirname, 'files'), options.projectRoot, {
    ...options,
    offset: offsetFromRoot(options.projectRoot),
    tsString,
    tmpl: '',
  });

  updateJson(tree, TSCONFIG_BASE, (json) => {
    json.compilerOptions ??= {};
    json.compilerOptions.paths ??= {};
    json.compilerOptions.paths[options.importPath] = [`./${joinPathFragments(options.projectRoot, 'src/index.ts')}`];
    return json;
  });

  return () => {
    logger.info(
      [
        `Domain agent "${options.agentName}" scaffolded in ${options.projectRoot} (project ${options.projectName}, import ${options.importPath}).`,
        'Next:',
        `  npx nx run-many -p ${options.projectName} -t lint typecheck test`,
        `  add ${options.className}AgentModule.forFeature() to the host's imports (see "Add your own domain agent" in README.md)`,
        '  npm install   # links the new workspace package, which builds of the host resolve through node_modules',
      ].join('\n'),
    );
  };
}

/** `nx g ./tools:domain-agent <name>`: the Nx entry point. */
export async function domainAgentGenerator(tree: Tree, schema: DomainAgentGeneratorSchema): Promise<GeneratorCallback> {
  return generateDomainAgent(tree, schema);
}

export default domainAgentGenerator;

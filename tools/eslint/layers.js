// The layers' dependency direction, by Nx project tag (see docs/architecture.md, "Layers"):
// core-graph <- agents, quality <- planner <- orchestration <- host <- apps. Read by both
// `@nx/enforce-module-boundaries` and the graph-free `a2a/layer-imports` rule, so they cannot drift apart.
const LAYER_CONSTRAINTS = [
  { sourceTag: 'type:kernel', onlyDependOnLibsWithTags: ['type:kernel'] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain'] },
  { sourceTag: 'type:planning', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:planning'] },
  { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:platform'] },
  {
    sourceTag: 'type:feature',
    onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:planning', 'type:platform', 'type:feature'],
  },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:kernel', 'type:domain', 'type:planning', 'type:platform', 'type:feature'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
];

/** The plain-TypeScript layers (tag `runtime:plain`) must not import these. */
const PLAIN_LAYER_BANNED_IMPORTS = ['@nestjs/*', 'express', 'reflect-metadata'];

module.exports = { LAYER_CONSTRAINTS, PLAIN_LAYER_BANNED_IMPORTS };

import { ESLint } from 'eslint';
import { join } from 'node:path';

// Lints in-memory files placed in real projects: proves the lint step rejects imports against
// the layers' dependency direction, and accepts the allowed ones.
const root = join(__dirname, '..', '..');
// The config is passed in, not looked up: ESLint's own lookup uses dynamic import(), which Jest's VM lacks.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require(join(root, 'eslint.config.js')) as ESLint.Options['overrideConfig'];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('dependency direction is enforced by lint', () => {
  jest.setTimeout(60_000);

  it('refuses core-graph importing the planner (the kernel depends on nothing)', async () => {
    const ids = await ruleIds('libs/core-graph/src/wrong.ts', "import { parsePlan } from '@a2a-mcp/planner';\nexport const x = parsePlan;\n");
    expect(ids).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses core-graph importing the agents library', async () => {
    const ids = await ruleIds('libs/core-graph/src/wrong.ts', "import { AgentRegistry } from '@a2a-mcp/agents';\nexport const x = AgentRegistry;\n");
    expect(ids).toContain('@nx/enforce-module-boundaries');
  });

  it('refuses Nest in the plain-TypeScript layers', async () => {
    const ids = await ruleIds('libs/planner/src/wrong.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n");
    expect(ids).toContain('no-restricted-imports');
  });

  it('accepts the planner importing core-graph and the CLI importing the libraries', async () => {
    expect(await ruleIds('libs/planner/src/fine.ts', "import { findCycle } from '@a2a-mcp/core-graph';\nexport const x = findCycle;\n")).toEqual([]);
    expect(await ruleIds('apps/cli/src/fine.ts', "import { validatePlan } from '@a2a-mcp/planner';\nexport const x = validatePlan;\n")).toEqual([]);
  });
});

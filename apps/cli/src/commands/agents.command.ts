import { createDemoRegistry, type AgentCard } from '@a2a-mcp/agents';
import { closestName } from '@a2a-mcp/planner';
import type { AgentsArgs } from '../cli-args';
import { CliInputError, EXIT_OK } from '../cli-error';
import { widthOf, type CliIo } from '../cli-io';
import { OrchestratorClient } from '../remote/orchestrator-client';
import { renderTable, type TableColumn } from '../text-table';
import { terminalSafe } from '../terminal-safe';

const COLUMNS: readonly TableColumn[] = [{ header: 'AGENT' }, { header: 'SKILL' }, { header: 'TAGS' }, { header: 'DESCRIPTION' }];

/**
 * `a2a-mcp agents [name]`: the agents a plan may name, one row per skill — the embedded engine's demo
 * agents, or with --server the host's (`GET /v1/agents`). An unknown name suggests the closest one.
 */
export async function agentsCommand(args: AgentsArgs, io: CliIo): Promise<number> {
  const all = args.server === undefined ? createDemoRegistry().cards() : await new OrchestratorClient(args.server, args.apiKey).listAgents();
  const cards = args.name === undefined ? all : [cardNamed(args.name, all)];
  if (args.json) {
    io.stdout.write(`${JSON.stringify(cards, null, 2)}\n`);
    return EXIT_OK;
  }
  const rows = cards.flatMap((card) =>
    card.skills.length === 0 ? [[card.name, '-', '', card.description]] : card.skills.map((skill) => [card.name, skill.id, skill.tags.join(', '), skill.description]),
  );
  io.stdout.write(`${renderTable(COLUMNS, rows, widthOf(io.stdout, io.env)).join('\n')}\n`);
  return EXIT_OK;
}

function cardNamed(name: string, cards: readonly AgentCard[]): AgentCard {
  const card = cards.find((candidate) => candidate.name === name);
  if (card !== undefined) return card;
  const suggestion = closestName(name, cards.map((candidate) => candidate.name));
  const hint = suggestion === undefined ? `run 'a2a-mcp agents' for the list` : `did you mean "${suggestion}"?`;
  throw new CliInputError(`unknown agent "${terminalSafe(name)}"; ${terminalSafe(hint)}`);
}

import type { JsonSchema } from './json-schema';
import { QualityError } from './quality-error';
import type { OutputValidator } from './scoring/output-validator';
import { asynchronousSchemaError, compileOutputSchema } from './scoring/schema-validator';

/** What the registry reads from an agent's card (the agents lib's AgentCard fits). */
export interface AgentOutputDeclaration {
  readonly name: string;
  readonly skills: readonly { readonly metadata?: { readonly outputSchema?: JsonSchema } }[];
}

/** An agent's declared output schema and its compiled validator. */
export interface PreparedOutputSchema {
  readonly schema: JsonSchema;
  readonly validate: OutputValidator;
}

/**
 * The output schemas of a set of agents, compiled when each agent registers, so scoring a task's
 * output only runs a validator and a broken schema is reported by the agent's name at registration,
 * not at its first task. Schemas with precompiled code (the demo agents') cost no ajv at all.
 */
export class OutputSchemaRegistry {
  private readonly byAgent = new Map<string, PreparedOutputSchema>();

  /**
   * Compiles the output schema the card's first skill declares (the one its outputs are scored
   * against) and keeps it under the card's name, replacing an earlier one; a card declaring none
   * clears the name. Throws QualityError INVALID_OUTPUT_SCHEMA naming the agent when the schema
   * cannot be compiled or is asynchronous; the registry is then unchanged.
   */
  register(card: AgentOutputDeclaration): PreparedOutputSchema | undefined {
    const schema = card.skills[0]?.metadata?.outputSchema;
    if (schema === undefined) {
      this.byAgent.delete(card.name);
      return undefined;
    }
    let validate: OutputValidator;
    try {
      if (schema.$async === true) throw asynchronousSchemaError();
      validate = compileOutputSchema(schema);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new QualityError('INVALID_OUTPUT_SCHEMA', `agent "${card.name}": ${reason}`, card.name);
    }
    const prepared: PreparedOutputSchema = { schema, validate };
    this.byAgent.set(card.name, prepared);
    return prepared;
  }

  /** Returns false when no schema was kept under that name. */
  unregister(agent: string): boolean {
    return this.byAgent.delete(agent);
  }

  /** The agent's compiled schema; undefined when it declares none or never registered. */
  get(agent: string): PreparedOutputSchema | undefined {
    return this.byAgent.get(agent);
  }

  has(agent: string): boolean {
    return this.byAgent.has(agent);
  }

  /** Agents with a compiled schema. */
  get size(): number {
    return this.byAgent.size;
  }
}

/** Compiles every card's output schema up front (see OutputSchemaRegistry.register; the first broken one throws). */
export function prepareOutputSchemas(cards: Iterable<AgentOutputDeclaration>): OutputSchemaRegistry {
  const registry = new OutputSchemaRegistry();
  for (const card of cards) registry.register(card);
  return registry;
}

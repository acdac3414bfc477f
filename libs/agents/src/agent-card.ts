/**
 * A JSON Schema object (draft 2020-12 / draft-07 keywords). Typed loosely on purpose: the quality
 * lib hands it to ajv as it is, and a remote agent's card may use keywords we do not model.
 */
export interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  additionalProperties?: boolean | JsonSchema;
  [keyword: string]: unknown;
}

/**
 * What the planner needs beyond the A2A card. It travels in `skill.metadata` so a remote A2A
 * agent's card can carry it without changing the card's shape.
 */
export interface SkillPlanningMetadata {
  /** Kinds of data the skill needs (e.g. "order"); a producer of one becomes a dependency. */
  consumes?: string[];
  /** Kinds of data the skill yields (e.g. "payment_confirmation"). */
  produces?: string[];
  /** Schema of the skill's output; the quality lib validates results against it. */
  outputSchema?: JsonSchema;
  /** Typical duration in ms, used by the planner for estimates and critical paths. */
  expectedDurationMs?: number;
  /** Default `QualityDomain` name for tasks that use the skill (GENERIC, SERVICE, ...). */
  qualityDomain?: string;
  /**
   * How a task picks this skill among its agent's skills, when the agent cannot tell from the task
   * alone. `'tool'`: the task names the skill's id in `input.tool` (an MCP server's agent: one skill
   * per tool), and the planner puts the matched skill's id there. Absent: the agent needs no choice.
   */
  selectWith?: 'tool';
}

/** One capability of an agent, as in the A2A agent card. */
export interface AgentSkill {
  id: string;
  name: string;
  description: string;
  /** Keywords the planner and `find_agent` match requests against. */
  tags: string[];
  /** Sample requests the skill handles; also matched by the planner. */
  examples?: string[];
  inputModes?: string[];
  outputModes?: string[];
  metadata?: SkillPlanningMetadata;
}

export interface AgentCapabilities {
  streaming?: boolean;
  pushNotifications?: boolean;
  stateTransitionHistory?: boolean;
}

/** The A2A agent card: a remote A2A agent's card registers unchanged. */
export interface AgentCard {
  /** Unique within a registry; plan tasks name it in `agent`. */
  name: string;
  description: string;
  version: string;
  /** Where a remote agent is served; absent for in-process agents. */
  url?: string;
  protocolVersion?: string;
  capabilities: AgentCapabilities;
  defaultInputModes: string[];
  defaultOutputModes: string[];
  skills: AgentSkill[];
}

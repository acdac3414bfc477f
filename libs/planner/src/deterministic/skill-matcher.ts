import type { AgentCard, AgentSkill } from '@a2a-mcp/agents';
import { withSynonyms } from './synonyms';
import { tokensOf } from './text-tokens';

/** One skill of one agent, numbered in registry order (the tie-breaker). */
export interface SkillEntry {
  readonly agent: AgentCard;
  readonly skill: AgentSkill;
  readonly position: number;
}

export interface SkillMatch {
  readonly entry: SkillEntry;
  readonly score: number;
}

/**
 * How much a word counts by where the skill has it. Tags are the skill's chosen keywords, names say
 * what it is; examples and descriptions are prose, so they only help to rank.
 */
const FIELD_WEIGHTS = {
  tag: 3,
  skillName: 2,
  agentName: 2,
  example: 1,
  skillDescription: 1,
  agentDescription: 0.5,
} as const;

/**
 * The least score that counts as a match: about one tag hit on a word that up to a third of the skills
 * share (e.g. "notify", which the email, SMS and notification skills carry). A step whose only known
 * word is one many skills share ("order", "customer") stays unmatched rather than guessed.
 */
export const MIN_MATCH_SCORE = 1.5;

interface Posting {
  readonly skill: number;
  /** Field weight × the word's rarity across skills. */
  readonly weight: number;
}

/**
 * Matches text to skills by weighted word overlap. An inverted index (token → skills) built once per
 * agent set makes a match cost the postings of the text's own words, so a 1 000-step request is
 * matched in a few milliseconds whatever the number of agents.
 */
export class SkillMatcher {
  readonly skills: readonly SkillEntry[];
  private readonly postings = new Map<string, Posting[]>();
  private readonly scores: Float64Array;
  private readonly touched: number[] = [];

  constructor(agents: readonly AgentCard[]) {
    const skills: SkillEntry[] = [];
    for (const agent of agents) for (const skill of agent.skills ?? []) skills.push({ agent, skill, position: skills.length });
    this.skills = skills;
    this.scores = new Float64Array(skills.length);

    const fieldWeights = skills.map(skillTokenWeights);
    const documentFrequency = new Map<string, number>();
    for (const weights of fieldWeights) for (const token of weights.keys()) documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
    // Normalised so a word only one skill has weighs 1 and one every skill has weighs little.
    const rarityScale = Math.log(1 + skills.length);
    fieldWeights.forEach((weights, skill) => {
      for (const [token, weight] of weights) {
        const rarity = Math.log(1 + skills.length / (documentFrequency.get(token) ?? 1)) / rarityScale;
        const list = this.postings.get(token);
        const posting = { skill, weight: weight * rarity };
        if (list) list.push(posting);
        else this.postings.set(token, [posting]);
      }
    });
  }

  /** The best skill for the text, or undefined below `MIN_MATCH_SCORE`. Ties go to the first registered. */
  best(text: string): SkillMatch | undefined {
    let best: SkillMatch | undefined;
    this.score(text, (skill, score) => {
      if (score < MIN_MATCH_SCORE) return;
      if (best === undefined || score > best.score || (score === best.score && skill < best.entry.position)) {
        best = { entry: this.skills[skill], score };
      }
    });
    return best;
  }

  /** Every skill the text scores on at all, with its score, best first (ties in registry order). */
  ranked(text: string): SkillMatch[] {
    const matches: SkillMatch[] = [];
    this.score(text, (skill, score) => matches.push({ entry: this.skills[skill], score }));
    return matches.sort((a, b) => b.score - a.score || a.entry.position - b.entry.position);
  }

  /** Accumulates into a reused array and reports each skill that scored, then resets what it touched. */
  private score(text: string, report: (skill: number, score: number) => void): void {
    const { scores, touched } = this;
    for (const token of withSynonyms(tokensOf(text))) {
      const list = this.postings.get(token);
      if (list === undefined) continue;
      for (const { skill, weight } of list) {
        if (scores[skill] === 0) touched.push(skill);
        scores[skill] += weight;
      }
    }
    for (const skill of touched) {
      report(skill, scores[skill]);
      scores[skill] = 0;
    }
    touched.length = 0;
  }
}

/** Each token of a skill with the weight of the strongest field it appears in. */
function skillTokenWeights({ agent, skill }: SkillEntry): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string | undefined, weight: number): void => {
    if (!text) return;
    for (const token of tokensOf(text)) if ((weights.get(token) ?? 0) < weight) weights.set(token, weight);
  };
  for (const tag of skill.tags ?? []) add(tag, FIELD_WEIGHTS.tag);
  add(skill.name, FIELD_WEIGHTS.skillName);
  add(skill.id.replace(/[_-]+/g, ' '), FIELD_WEIGHTS.skillName);
  add(agent.name.replace(/[_-]+/g, ' '), FIELD_WEIGHTS.agentName);
  for (const example of skill.examples ?? []) add(example, FIELD_WEIGHTS.example);
  add(skill.description, FIELD_WEIGHTS.skillDescription);
  add(agent.description, FIELD_WEIGHTS.agentDescription);
  return weights;
}

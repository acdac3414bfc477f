import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/** What a task's description says about which tool to call. */
export type ToolChoice =
  /** One tool shares more of the description's words than any other. */
  | { readonly tool: string }
  /** No clear winner: the tools that tie for the most shared words (none when no tool shares a word). */
  | { readonly tied: readonly string[] };

/** Words that say nothing about which tool is meant. */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by for from get gets given in into is it its of on or returns return set that the their ' +
    'then this these those to with without you your my our me us please do does can could should would will'
  ).split(' '),
);

/**
 * The tool a task's description asks for, for a task that does not name one in `input.tool` (a plan
 * written by hand or by a planner that does not know tools): the tool whose name, title and
 * description share the most distinct words with the task's description ("count the words of this
 * note" → word_count). Only a strict winner counts; a tie or no shared word is no choice, so the
 * task fails asking for `input.tool` rather than calling a guessed tool.
 */
export function toolChosenBy(description: string, tools: readonly Tool[]): ToolChoice {
  const wanted = wordsOf(description);
  let best = 0;
  let leaders: string[] = [];
  for (const tool of tools) {
    const own = wordsOf(`${tool.name} ${tool.title ?? tool.annotations?.title ?? ''} ${tool.description ?? ''}`);
    let shared = 0;
    for (const word of wanted) if (own.has(word)) shared++;
    if (shared === 0 || shared < best) continue;
    if (shared > best) leaders = [];
    best = shared;
    leaders.push(tool.name);
  }
  return leaders.length === 1 ? { tool: leaders[0] } : { tied: leaders };
}

/** Lower-case words, camelCase and snake_case split, stop words and numbers dropped, light endings removed. */
function wordsOf(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word.length > 1 && !STOP_WORDS.has(word) && !/^\p{N}+$/u.test(word)) words.add(stem(word));
  }
  return words;
}

/** Enough for a request's word and a tool's word to meet: words/word, counting/count, shouted/shout, cased/case. */
function stem(word: string): string {
  let stemmed = word;
  if (stemmed.length > 5 && stemmed.endsWith('ing')) stemmed = stemmed.slice(0, -3);
  else if (stemmed.length > 4 && stemmed.endsWith('ed')) stemmed = stemmed.slice(0, -2);
  else if (stemmed.length > 3 && stemmed.endsWith('s') && !stemmed.endsWith('ss')) stemmed = stemmed.slice(0, -1);
  return stemmed.length > 3 && stemmed.endsWith('e') ? stemmed.slice(0, -1) : stemmed;
}

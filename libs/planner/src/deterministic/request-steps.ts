/**
 * Splits a natural-language request into ordered steps, remembering how the request sequences them.
 *
 * - Sentences, then clauses at ';', ', ' and before "then" / "and then".
 * - A lead-in ending in ': ' ("Process order 1042: …") is context, not a step.
 * - Leading connectives are dropped from a clause ("and", "also", "first"); sequencing ones ("then",
 *   "next", "finally", "afterwards", "after that", "later") mark the clause as sequenced, as does an
 *   object pronoun ("analyse it").
 * - A tail "from / using / based on / after / once …" names earlier results the step uses: "write the
 *   report from the analysis and the data" → action "write the report", references "the analysis",
 *   "the data". A clause that is only such a phrase ("After the payment, email the customer") gives its
 *   references to the next clause (or, when last, to the previous one).
 * - An action is split at " and " only when the caller's test accepts both halves (two different
 *   skills) and the right half does not open with a determiner ("the analysis and the data" is one
 *   object). A bare verb on the left borrows the right half's object: "email and text the customer" →
 *   "email the customer", "text the customer".
 */

export interface RequestStep {
  /** The step as the request words it, connectives dropped: the task's description. */
  text: string;
  /** What the step does, without its reference tail: the text matched against skills. */
  action: string;
  /** Phrases naming earlier results the step uses ("the analysis"). */
  references: string[];
  /** The request orders this step after whatever came before it ("then", "next", "… it"). */
  sequenced: boolean;
  /** Steps split from one clause share its number; a sequenced clause follows the step before the clause. */
  clause: number;
}

export interface SplitRequest {
  steps: RequestStep[];
  /** Lead-ins that set context rather than ask for work ("Process order 1042"). */
  context: string[];
}

/** Decides whether "left and right" is two steps; the planner says yes when both halves match different skills. */
export type ConjunctionTest = (left: string, right: string) => boolean;

const CONNECTIVE = /^(?:and then|and|or|also|plus|then|next|finally|lastly|afterwards|after that|after this|later|subsequently|first(?:ly)?|second(?:ly)?|third(?:ly)?)\b[\s,]*/i;
const SEQUENCING = /^(?:and then|then|next|finally|lastly|afterwards|after that|after this|later|subsequently)\b/i;
const OBJECT_PRONOUN = /\b(?:it|them)\b/i;
const LEADING_CONDITION = /^(?:after|once|when|following)\s+(.+)$/i;
const REFERENCE_TAIL = /\s+(?:from|using|based on|after|once)\s+/i;
const REFERENCE_SEPARATOR = /\s*,\s*|\s+and\s+|\s*&\s*/i;
const DETERMINERS = new Set(
  'the a an all every each its their his her our my your this that these those some any both'.split(' '),
);
/** A sentence ends at . ! ? before a letter, except after "no." as in "order no. 1042". */
const SENTENCE_END = /(?<=[!?]|(?<!\bno)\.)\s+(?=\p{L})|[\r\n]+/iu;
const CLAUSE_END = /\s*;\s*|,\s+|\s+(?=(?:and\s+)?then\b)/i;
const LEAD_IN = /^([^:]+):\s+(.+)$/s;

interface Clause {
  text: string;
  sequenced: boolean;
}

export function splitRequest(request: string, canSplitConjunction: ConjunctionTest = () => true): SplitRequest {
  const context: string[] = [];
  const steps: RequestStep[] = [];
  let clauseNumber = 0;
  for (const sentence of request.split(SENTENCE_END)) {
    const body = withLeadInRemoved(trimPunctuation(sentence), context);
    const clauses = body.split(CLAUSE_END).map(readClause).filter((clause) => clause.text.length > 0);
    let pendingReferences: string[] = [];
    clauses.forEach((clause, index) => {
      const condition = LEADING_CONDITION.exec(clause.text);
      if (condition) {
        const references = referencePhrases(condition[1]);
        if (index < clauses.length - 1) pendingReferences.push(...references);
        else for (const step of steps.filter((s) => s.clause === clauseNumber - 1)) step.references.push(...references);
        return;
      }
      const made = stepsOfClause(clause, clauseNumber++, canSplitConjunction);
      for (const step of made) step.references.push(...pendingReferences);
      pendingReferences = [];
      steps.push(...made);
    });
  }
  return { steps, context };
}

/** "Process order 1042: charge the card, …" → context "Process order 1042", body "charge the card, …". */
function withLeadInRemoved(sentence: string, context: string[]): string {
  const leadIn = LEAD_IN.exec(sentence);
  if (leadIn === null) return sentence;
  context.push(leadIn[1].trim());
  return leadIn[2];
}

function readClause(raw: string): Clause {
  let text = trimPunctuation(raw);
  let sequenced = false;
  for (let connective = CONNECTIVE.exec(text); connective && connective[0].length > 0; connective = CONNECTIVE.exec(text)) {
    sequenced ||= SEQUENCING.test(connective[0]);
    text = text.slice(connective[0].length);
  }
  return { text: trimPunctuation(text), sequenced };
}

function stepsOfClause(clause: Clause, number: number, canSplit: ConjunctionTest): RequestStep[] {
  const tail = REFERENCE_TAIL.exec(clause.text);
  const action = tail ? clause.text.slice(0, tail.index) : clause.text;
  const tailText = tail ? clause.text.slice(tail.index) : '';
  const references = tail ? referencePhrases(clause.text.slice(tail.index + tail[0].length)) : [];
  const sequenced = clause.sequenced || OBJECT_PRONOUN.test(clause.text);
  const parts = splitConjunctions(action, canSplit);
  return parts.map((part) => ({
    text: parts.length === 1 ? clause.text : `${part}${tailText}`,
    action: part,
    references: [...references],
    sequenced,
    clause: number,
  }));
}

/** Splits at each acceptable " and ", left to right. */
function splitConjunctions(action: string, canSplit: ConjunctionTest): string[] {
  const words = action.split(/\s+/);
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i < words.length - 1; i++) {
    if (i === start || words[i].toLowerCase() !== 'and' || DETERMINERS.has(words[i + 1].toLowerCase())) continue;
    const right = words.slice(i + 1);
    const leftWords = words.slice(start, i);
    // A bare verb shares the object of what follows: "email and text the customer".
    const left = leftWords.length === 1 ? [...leftWords, ...right.slice(1)].join(' ') : leftWords.join(' ');
    if (!canSplit(left, right.join(' '))) continue;
    parts.push(left);
    start = i + 1;
  }
  parts.push(words.slice(start).join(' '));
  return parts;
}

/** "the analysis and the data" → ["the analysis", "the data"]. */
function referencePhrases(text: string): string[] {
  return text
    .split(REFERENCE_SEPARATOR)
    .map(trimPunctuation)
    .filter((phrase) => phrase.length > 0);
}

function trimPunctuation(text: string): string {
  return text.replace(/^[\s.!?,;:]+|[\s.!?,;:]+$/g, '');
}

// "#1042", "order 1042", "order no. 1042", "order number 1042": the forms the demo commerce agents
// also recognise in a description (libs/agents resolveOrderId); the number must start with a digit.
const HASH_ORDER = /#\s*(\d[\w-]*)/;
const WORD_ORDER = /\border\s+(?:(?:no\.?|number)\s*)?#?(\d[\w-]*)/i;

/** The order number a text names, if any. */
export function orderNumberIn(text: string): string | undefined {
  return (WORD_ORDER.exec(text) ?? HASH_ORDER.exec(text))?.[1];
}

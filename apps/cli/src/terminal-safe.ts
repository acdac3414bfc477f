/**
 * Characters a terminal acts on instead of printing: the C0 controls (ESC starts escape sequences that
 * retitle the window, move the cursor or rewrite the screen; BEL, CR, LF...), DEL, the C1 controls
 * (U+009B is a one-character CSI), the line and paragraph separators, and the bidi marks, embeddings,
 * overrides and isolates (which reorder what is shown, e.g. to disguise a name).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * `text` with every character a terminal would act on written as a visible `\uXXXX` escape
 * (ESC becomes `\u001b`). For anything that comes from a plan or a server — task ids, agent names,
 * error messages, outputs — before it reaches a terminal. Idempotent: the result holds none of them.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

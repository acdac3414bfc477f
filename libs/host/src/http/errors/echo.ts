/** Longest piece of client input an error response repeats (a key, a task id). */
export const MAX_ECHOED_LENGTH = 80;

/** Most entries an error's `details` lists (issues, fields, cycle members); the message counts them all. */
export const MAX_ERROR_DETAILS = 100;

/**
 * `text` cut to `max` UTF-16 code units with an ellipsis, never inside a surrogate pair: an error that
 * repeats a 5 MB key or id stays a small response.
 */
export function clip(text: string, max = MAX_ECHOED_LENGTH): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** A fenced code block of a Markdown file, with the HTML comment right above it (if any). */
export interface CodeBlock {
  /** The fence's info string: `bash`, `ts`, `json`, or '' for plain text. */
  lang: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** `<!-- name: value -->` directly above the fence (blank lines allowed between). */
  directive?: { name: string; value: string };
}

const FENCE = /^```(\S*)\s*$/;
const DIRECTIVE = /^<!--\s*([a-z-]+):\s*(.*?)\s*-->$/;

export function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i]);
    if (open === null) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== '```'; i++) body.push(lines[i]);
    if (i === lines.length) throw new Error(`unclosed code block at line ${start + 1}`);
    blocks.push({ lang: open[1], body: body.join('\n'), line: start + 1, directive: directiveAbove(lines, start) });
  }
  return blocks;
}

function directiveAbove(lines: readonly string[], fence: number): CodeBlock['directive'] {
  for (let j = fence - 1; j >= 0; j--) {
    if (lines[j].trim() === '') continue;
    const match = DIRECTIVE.exec(lines[j].trim());
    return match === null ? undefined : { name: match[1], value: match[2] };
  }
  return undefined;
}

/** `cmd args  # comment (exit 1)` → the command and the exit code its comment promises (default 0). */
export function commandLine(line: string): { command: string; exitCode: number } {
  const exit = /\(exit (\d+)\)/.exec(line);
  const comment = line.search(/\s#\s/);
  return { command: (comment === -1 ? line : line.slice(0, comment)).trim(), exitCode: exit === null ? 0 : Number(exit[1]) };
}

/**
 * A transcript's expected output as a pattern: with `loose`, every number (times, ids) matches any
 * number, runs of spaces any run of spaces (column widths follow the numbers), and `…` any text.
 */
export function outputPattern(expected: string, loose: boolean): RegExp {
  const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (!loose) return new RegExp(`^${escape(expected.trim())}$`);
  const pattern = expected
    .trim()
    .split(/(\b[0-9a-f]{8}\b|\d+(?:\.\d+)?| +|…)/)
    // `…` stands for whatever the run printed there (a critical path that timing decides).
    .map((part) => (/^ +$/.test(part) ? ' +' : part === '…' ? '[^\n]*?' : /^([0-9a-f]{8}|\d+(?:\.\d+)?)$/.test(part) ? '[0-9a-f.]+' : escape(part)))
    .join('');
  return new RegExp(`^${pattern}$`);
}

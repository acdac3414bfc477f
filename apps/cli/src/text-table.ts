import { terminalSafe } from './terminal-safe';

export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

const GAP = '  ';

/**
 * Lays rows out in aligned columns under a header. The last column is never padded, and is cut
 * to fit `width` when one is given (it holds free text such as error messages). Cells come from plans
 * and servers: each is made terminal-safe first, so the widths are those of what is printed.
 */
export function renderTable(columns: readonly TableColumn[], rawRows: readonly (readonly string[])[], width?: number): string[] {
  const rows = rawRows.map((row) => row.map(terminalSafe));
  const widths = columns.map((column, index) => Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length)));
  const lineOf = (cells: readonly string[]): string => {
    const padded = columns.map((column, index) => {
      const cell = cells[index] ?? '';
      if (index === columns.length - 1) return cell;
      return column.align === 'right' ? cell.padStart(widths[index]) : cell.padEnd(widths[index]);
    });
    return cutToWidth(padded.join(GAP).trimEnd(), width);
  };
  return [lineOf(columns.map((column) => column.header)), ...rows.map(lineOf)];
}

function cutToWidth(line: string, width: number | undefined): string {
  // Never cut into the fixed columns: only the tail beyond a sensible minimum is dropped.
  const max = width === undefined ? undefined : Math.max(width - 1, 40);
  if (max === undefined || line.length <= max) return line;
  return `${line.slice(0, max - 1)}…`;
}

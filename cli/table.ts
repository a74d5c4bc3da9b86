import { printable } from '../core/log.js';

/** Renders rows as a plain left-aligned text table (what a terminal user reads; --json is for scripts). */
export function renderTable(header: readonly string[], rawRows: readonly (readonly string[])[]): string {
  // A board id or a task's text may hold escape sequences: a table shows them, never obeys them.
  const rows = rawRows.map((row) => row.map((cell) => printable(cell)));
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

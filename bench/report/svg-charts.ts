/**
 * Two small charts as hand-written SVG: horizontal bars with 95% CI whiskers (success rates) and one stacked
 * bar with a p50/p95 table (the latency breakdown). A charting library would pull in a DOM for what is a few
 * rectangles and labels; plain SVG opens in any browser and renders inline on GitHub.
 */

export interface Bar {
  label: string;
  /** 0..1 */
  value: number | null;
  ci95: [number, number] | null;
  /** Shown after the value, e.g. "n=114". */
  note?: string;
}

export interface Segment {
  label: string;
  value: number;
}

export interface TableRow {
  label: string;
  cells: string[];
}

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
const COLOURS = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1'];
const LABEL_WIDTH = 190;
const PLOT_WIDTH = 360;
const NOTE_WIDTH = 150;
const ROW_HEIGHT = 22;
const TOP = 34;

/** Success rates as horizontal bars on a 0-100% axis, each with its Wilson interval as a whisker. */
export function rateBarsSvg(title: string, bars: readonly Bar[]): string {
  const width = LABEL_WIDTH + PLOT_WIDTH + NOTE_WIDTH;
  const height = TOP + Math.max(bars.length, 1) * ROW_HEIGHT + 30;
  const x = (fraction: number): number => LABEL_WIDTH + fraction * PLOT_WIDTH;
  const parts: string[] = [heading(title)];
  // Grid and axis first, so the bars and whiskers are drawn over them.
  const axisY = TOP + Math.max(bars.length, 1) * ROW_HEIGHT + 4;
  parts.push(`<path d="M${x(0)} ${axisY}H${x(1)}" stroke="#888" fill="none"/>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<path d="M${num(x(tick))} ${TOP}V${axisY}" stroke="#ddd" fill="none"/>`);
    parts.push(text(x(tick), axisY + 14, `${tick * 100}%`, 'middle'));
  }
  bars.forEach((bar, index) => {
    const y = TOP + index * ROW_HEIGHT;
    const middle = y + ROW_HEIGHT / 2;
    parts.push(text(LABEL_WIDTH - 6, middle + 4, bar.label, 'end'));
    if (bar.value !== null) {
      parts.push(`<rect x="${x(0)}" y="${y + 4}" width="${num(bar.value * PLOT_WIDTH)}" height="${ROW_HEIGHT - 8}" fill="${COLOURS[0]}"/>`);
    }
    if (bar.ci95 !== null) {
      const [low, high] = bar.ci95;
      parts.push(
        `<path d="M${num(x(low))} ${middle}H${num(x(high))}M${num(x(low))} ${middle - 5}V${middle + 5}M${num(x(high))} ${middle - 5}V${middle + 5}" stroke="#222" fill="none"/>`,
      );
    }
    const shown = bar.value === null ? 'n/a' : `${(bar.value * 100).toFixed(1)}%`;
    parts.push(text(x(1) + 8, middle + 4, bar.note ? `${shown} (${bar.note})` : shown, 'start'));
  });
  return svg(width, height, parts);
}

/**
 * One horizontal bar split into segments (mean ms per hop), a legend, an optional marker (the mean total,
 * which need not equal the sum when some parts could not be measured for every call), and a table below.
 */
export function stackedBarSvg(
  title: string,
  segments: readonly Segment[],
  options: { unit: string; marker?: { label: string; value: number }; table?: { columns: string[]; rows: TableRow[] } },
): string {
  const width = LABEL_WIDTH + PLOT_WIDTH + NOTE_WIDTH;
  const total = segments.reduce((sum, segment) => sum + segment.value, 0);
  const scaleMax = Math.max(total, options.marker?.value ?? 0) || 1;
  const x = (value: number): number => LABEL_WIDTH + (value / scaleMax) * PLOT_WIDTH;
  const barY = TOP;
  const parts: string[] = [heading(title), text(LABEL_WIDTH - 6, barY + 16, `mean per call (${options.unit})`, 'end')];
  let start = 0;
  segments.forEach((segment, index) => {
    const colour = COLOURS[index % COLOURS.length];
    parts.push(`<rect x="${num(x(start))}" y="${barY}" width="${num(x(start + segment.value) - x(start))}" height="24" fill="${colour}"/>`);
    start += segment.value;
    const legendY = barY + 44 + index * 16;
    parts.push(`<rect x="${LABEL_WIDTH}" y="${legendY - 9}" width="10" height="10" fill="${colour}"/>`);
    parts.push(text(LABEL_WIDTH + 16, legendY, `${segment.label}: ${segment.value.toFixed(1)} ${options.unit}`, 'start'));
  });
  if (options.marker) {
    const markerX = num(x(options.marker.value));
    parts.push(`<path d="M${markerX} ${barY - 4}V${barY + 28}" stroke="#222" stroke-width="2" fill="none"/>`);
    parts.push(text(x(options.marker.value) + 6, barY + 16, `${options.marker.label}: ${options.marker.value.toFixed(1)} ${options.unit}`, 'start'));
  }
  let y = barY + 44 + segments.length * 16 + 16;
  const table = options.table;
  if (table) {
    const columnX = (column: number): number => LABEL_WIDTH + column * 90;
    parts.push(text(LABEL_WIDTH - 6, y, table.columns[0] ?? '', 'end', true));
    table.columns.slice(1).forEach((column, index) => parts.push(text(columnX(index), y, column, 'start', true)));
    for (const row of table.rows) {
      y += 16;
      parts.push(text(LABEL_WIDTH - 6, y, row.label, 'end'));
      row.cells.forEach((cell, index) => parts.push(text(columnX(index), y, cell, 'start')));
    }
  }
  return svg(width, y + 14, parts);
}

function svg(width: number, height: number, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${num(height)}" viewBox="0 0 ${width} ${num(height)}" ${FONT}>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

function heading(title: string): string {
  return `<text x="10" y="20" font-size="14" font-weight="bold">${escapeXml(title)}</text>`;
}

function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end', bold = false): string {
  return `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}"${bold ? ' font-weight="bold"' : ''}>${escapeXml(content)}</text>`;
}

function num(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

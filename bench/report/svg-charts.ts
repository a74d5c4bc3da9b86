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

/** Success rates as horizontal bars on a 0-100% axis, each with its 95% interval as a whisker. */
export function rateBarsSvg(title: string, bars: readonly Bar[], reference?: { label: string; value: number }): string {
  const width = LABEL_WIDTH + PLOT_WIDTH + NOTE_WIDTH;
  const height = TOP + Math.max(bars.length, 1) * ROW_HEIGHT + 30 + (reference ? 14 : 0);
  const x = (fraction: number): number => LABEL_WIDTH + fraction * PLOT_WIDTH;
  const parts: string[] = [heading(title)];
  // Grid and axis first, so the bars and whiskers are drawn over them.
  const axisY = TOP + Math.max(bars.length, 1) * ROW_HEIGHT + 4;
  parts.push(`<path d="M${x(0)} ${axisY}H${x(1)}" stroke="#888" fill="none"/>`);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(`<path d="M${num(x(tick))} ${TOP}V${axisY}" stroke="#ddd" fill="none"/>`);
    parts.push(text(x(tick), axisY + 14, `${tick * 100}%`, 'middle'));
  }
  // A figure to read the bars against (the paper's), dashed, named under the axis.
  if (reference) {
    parts.push(`<path d="M${num(x(reference.value))} ${TOP - 4}V${axisY}" stroke="#e15759" stroke-dasharray="4 3" stroke-width="1.5" fill="none"/>`);
    parts.push(text(x(reference.value), axisY + 28, `${reference.label}: ${(reference.value * 100).toFixed(0)}%`, 'end'));
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
  options: { unit: string; marker?: { label: string; value: number }; table?: { columns: string[]; rows: TableRow[] }; scaleMax?: number },
): string {
  const width = LABEL_WIDTH + PLOT_WIDTH + NOTE_WIDTH;
  const total = segments.reduce((sum, segment) => sum + segment.value, 0);
  // Panels drawn to compare share one scale (`scaleMax`); a panel alone fills the width.
  const scaleMax = options.scaleMax ?? (Math.max(total, options.marker?.value ?? 0) || 1);
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
    table.columns.slice(1).forEach((column, index) => {
      parts.push(text(columnX(index), y, column, 'start', true));
    });
    for (const row of table.rows) {
      y += 16;
      parts.push(text(LABEL_WIDTH - 6, y, row.label, 'end'));
      row.cells.forEach((cell, index) => {
        parts.push(text(columnX(index), y, cell, 'start'));
      });
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

/**
 * A table of counts as shaded cells (rows x columns), each cell's shade its share of its row's total: which
 * failure types each category of task fails with. Empty cells are blank.
 */
export function matrixSvg(title: string, rows: readonly { label: string; total: number; cells: readonly number[] }[], columns: readonly string[]): string {
  const cell = 74;
  const headerHeight = 110;
  const width = LABEL_WIDTH + columns.length * cell + 70;
  const height = TOP + headerHeight + Math.max(rows.length, 1) * ROW_HEIGHT + 20;
  const parts: string[] = [heading(title)];
  columns.forEach((column, j) => {
    const cx = LABEL_WIDTH + j * cell + cell / 2;
    parts.push(`<text x="${num(cx)}" y="${TOP + headerHeight - 6}" transform="rotate(-40 ${num(cx)} ${TOP + headerHeight - 6})">${escapeXml(column)}</text>`);
  });
  parts.push(text(LABEL_WIDTH + columns.length * cell + 8, TOP + headerHeight - 6, 'trials', 'start', true));
  rows.forEach((row, i) => {
    const y = TOP + headerHeight + i * ROW_HEIGHT;
    parts.push(text(LABEL_WIDTH - 6, y + 15, row.label, 'end'));
    row.cells.forEach((count, j) => {
      const share = row.total > 0 ? count / row.total : 0;
      const fill = count === 0 ? '#fafafa' : `rgba(225, 87, 89, ${(0.12 + 0.88 * share).toFixed(3)})`;
      parts.push(`<rect x="${LABEL_WIDTH + j * cell}" y="${y + 1}" width="${cell - 2}" height="${ROW_HEIGHT - 2}" fill="${fill}"/>`);
      if (count > 0) parts.push(text(LABEL_WIDTH + j * cell + cell / 2, y + 15, `${count} (${Math.round(share * 100)}%)`, 'middle'));
    });
    parts.push(text(LABEL_WIDTH + columns.length * cell + 8, y + 15, String(row.total), 'start'));
  });
  return svg(width, height, parts);
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

export interface LinePoint {
  x: number;
  y: number;
}

export interface LineSeries {
  label: string;
  points: readonly LinePoint[];
  /** Drawn dashed and without point markers: a reference such as ideal scaling, not a measurement. */
  dashed?: boolean;
  /** Palette index, so a measurement and its reference line can share a colour; by default the series' index. */
  colour?: number;
  /** Point markers (default on); a dense curve such as a distribution is drawn as a line alone. */
  markers?: boolean;
}

export interface LineAxis {
  label: string;
  /** 'log' places values by their base-2 logarithm, for values that double from one level to the next. */
  scale?: 'linear' | 'log';
  /** Values to mark on the axis; by default powers of two (log) or round steps from zero (linear). */
  ticks?: readonly number[];
  /** Top of the axis; whatever lies beyond is clipped, so a reference line cannot squash the measurements. */
  max?: number;
  format?: (value: number) => string;
}

const LINE_LEFT = 80;
const LINE_PLOT_WIDTH = 520;
const LINE_PLOT_HEIGHT = 240;
const LINE_WIDTH = LINE_LEFT + LINE_PLOT_WIDTH + 40;

/**
 * Lines of points on a linear or log x and y axis, each point marked, reference lines dashed, a legend
 * below. Points a log axis cannot place (zero, negative) and non-finite values are left out.
 */
export function lineChartSvg(title: string, series: readonly LineSeries[], options: { x: LineAxis; y: LineAxis }): string {
  const usable = (value: number, axis: LineAxis): boolean => Number.isFinite(value) && (axis.scale !== 'log' || value > 0);
  const lines = series.map((line) => ({ ...line, points: line.points.filter((point) => usable(point.x, options.x) && usable(point.y, options.y)) }));
  const xs = lines.flatMap((line) => line.points.map((point) => point.x));
  const ys = lines.flatMap((line) => line.points.map((point) => point.y));
  const xAxis = axisLayout(options.x, xs, LINE_LEFT, LINE_LEFT + LINE_PLOT_WIDTH);
  // SVG's y grows downwards: the axis's low end is the plot's bottom edge.
  const yAxis = axisLayout(options.y, ys, TOP + LINE_PLOT_HEIGHT, TOP);
  const bottom = TOP + LINE_PLOT_HEIGHT;
  const right = LINE_LEFT + LINE_PLOT_WIDTH;
  const parts: string[] = [heading(title)];

  for (const tick of yAxis.ticks) {
    const y = num(yAxis.position(tick));
    parts.push(`<path d="M${LINE_LEFT} ${y}H${right}" stroke="#ddd" fill="none"/>`);
    parts.push(text(LINE_LEFT - 6, yAxis.position(tick) + 4, yAxis.format(tick), 'end'));
  }
  for (const tick of xAxis.ticks) {
    const x = num(xAxis.position(tick));
    parts.push(`<path d="M${x} ${TOP}V${bottom}" stroke="#eee" fill="none"/>`);
    parts.push(text(xAxis.position(tick), bottom + 16, xAxis.format(tick), 'middle'));
  }
  parts.push(`<path d="M${LINE_LEFT} ${TOP}V${bottom}H${right}" stroke="#888" fill="none"/>`);
  parts.push(text(LINE_LEFT + LINE_PLOT_WIDTH / 2, bottom + 34, options.x.label, 'middle'));
  const yLabelX = 16;
  const yLabelY = TOP + LINE_PLOT_HEIGHT / 2;
  parts.push(`<text x="${yLabelX}" y="${yLabelY}" text-anchor="middle" transform="rotate(-90 ${yLabelX} ${yLabelY})">${escapeXml(options.y.label)}</text>`);

  // Named after the title: several charts nested in one file must not share an id.
  const clipId = `plot-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  parts.push(`<clipPath id="${clipId}"><rect x="${LINE_LEFT}" y="${TOP}" width="${LINE_PLOT_WIDTH}" height="${LINE_PLOT_HEIGHT}"/></clipPath>`);
  parts.push(`<g clip-path="url(#${clipId})">`);
  lines.forEach((line, index) => {
    const colour = COLOURS[(line.colour ?? index) % COLOURS.length];
    const placed = line.points.map((point) => [xAxis.position(point.x), yAxis.position(point.y)] as const);
    if (placed.length > 1) {
      const path = placed.map(([x, y], at) => `${at === 0 ? 'M' : 'L'}${num(x)} ${num(y)}`).join('');
      parts.push(`<path d="${path}" stroke="${colour}" stroke-width="2" fill="none"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
    if (!line.dashed && line.markers !== false) for (const [x, y] of placed) parts.push(`<circle cx="${num(x)}" cy="${num(y)}" r="3" fill="${colour}"/>`);
  });
  parts.push('</g>');

  let legendY = bottom + 58;
  lines.forEach((line, index) => {
    const colour = COLOURS[(line.colour ?? index) % COLOURS.length];
    parts.push(`<path d="M${LINE_LEFT} ${legendY - 4}h24" stroke="${colour}" stroke-width="2" fill="none"${line.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(text(LINE_LEFT + 30, legendY, line.label, 'start'));
    legendY += 16;
  });
  return svg(LINE_WIDTH, legendY, parts);
}

interface AxisLayout {
  ticks: number[];
  position(value: number): number;
  format(value: number): string;
}

/** Maps an axis's values onto pixels from `start` (low end) to `end` (high end), and picks its ticks. */
function axisLayout(axis: LineAxis, values: readonly number[], start: number, end: number): AxisLayout {
  const log = axis.scale === 'log';
  const format = axis.format ?? tickLabel;
  let low: number;
  let high: number;
  let ticks: number[];
  if (log) {
    const exponents = values.map(Math.log2);
    low = exponents.length > 0 ? Math.min(...exponents) : 0;
    high = axis.max !== undefined ? Math.log2(axis.max) : exponents.length > 0 ? Math.max(...exponents) : 1;
    if (high <= low) high = low + 1;
    ticks = axis.ticks ? [...axis.ticks] : powersOfTwo(low, high);
  } else {
    low = Math.min(0, ...values);
    const top = axis.max ?? (values.length > 0 ? Math.max(...values) : 1);
    const step = roundStep((top - low) / 5 || 1);
    high = Math.ceil(top / step) * step;
    if (high <= low) high = low + step;
    ticks = axis.ticks ? [...axis.ticks] : Array.from({ length: Math.round((high - low) / step) + 1 }, (_, index) => low + index * step);
  }
  const place = (value: number): number => (log ? Math.log2(value) : value);
  const position = (value: number): number => start + ((place(value) - low) / (high - low)) * (end - start);
  const inside = (value: number): boolean => (!log || value > 0) && place(value) >= low - 1e-9 && place(value) <= high + 1e-9;
  return { ticks: ticks.filter(inside), position, format };
}

/** 1, 2 or 5 times a power of ten: the step a reader can add up in their head. */
function roundStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(rough));
  const scaled = rough / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** Powers of two from 2^low to 2^high, thinned to at most a dozen. */
function powersOfTwo(low: number, high: number): number[] {
  const first = Math.ceil(low);
  const last = Math.floor(high);
  const every = Math.max(1, Math.ceil((last - first + 1) / 12));
  const ticks: number[] = [];
  for (let exponent = first; exponent <= last; exponent += every) ticks.push(2 ** exponent);
  return ticks;
}

function tickLabel(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : String(Math.round(value * 100) / 100);
}

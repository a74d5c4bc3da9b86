import { evaluate } from '../../tasks/expression.js';
import { UNITS, type Unit } from '../../tasks/schema.js';
import { convertible, convertValue } from '../../tasks/units.js';
import type { Ask, Reference, SeriesStat, Threshold } from './baseline-request.js';
import type { SensorTool } from './baseline-tools.js';
import { conceptOf, tokens } from './baseline-words.js';

/**
 * The baseline's final answer, as a careful assistant would give it: one plain sentence per thing asked,
 * each value said about what it is ("The living room DHT11 temperature: lowest 30 C, highest 32 C."), a
 * series stated by the statistics the request names (its average when it names none), conversions the
 * request asked for, and committed verdicts: a threshold compared, a flag put in words with how many samples
 * showed it, the larger of two places picked. It never lists every sample or hedges.
 */

export interface ReadResult {
  /** The tool as the catalogue read it, when it was a sensor tool. */
  tool: SensorTool | undefined;
  name: string;
  isError: boolean;
  text: string;
  structured: Record<string, unknown> | null;
}

type Value = number | boolean | string;

interface Series {
  path: string;
  /** How the answer names it: "temperatures (air probe)". */
  label: string;
  unit: string | null;
  values: Value[];
}

interface ReadValues {
  label: string;
  place: string | null;
  sensor: string;
  series: Series[];
}

export const NOTHING_FOUND = 'I could not find a sensor for that.';

/** How a yes/no field is said, true and false. */
const FLAG_WORDS: Readonly<Record<string, readonly [string, string]>> = {
  motion: ['motion detected', 'no motion'],
  blocked: ['beam blocked', 'beam clear'],
  tilted: ['tilted', 'upright'],
  touched: ['being touched', 'untouched'],
  pressed: ['pressed', 'released'],
  detected: ['flame detected', 'no flame'],
  wet: ['wet, water detected', 'dry, no water'],
  dry: ['dry soil, it needs water', 'moist soil'],
  alarm: ['alarm is on', 'alarm is off'],
  switch: ['magnet detected', 'no magnet'],
  triggered: ['triggered, loud', 'quiet, below the trigger'],
  shock: ['vibration detected', 'still, no vibration'],
};

function format(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function placeName(place: string | null): string {
  return place === null ? '' : place.replace(/[-_]+/g, ' ');
}

/** Every scalar of a reading by path: "temperature", "accel.x", "temperatures[1]", "alarmed_roms.length". */
function flatten(value: unknown, path: string, into: Map<string, Value>): void {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    into.set(path, value);
  } else if (Array.isArray(value)) {
    // How many entries a list of codes holds is news ("2 probes in alarm"); of a list of numbers, not.
    if (value.length === 0 || value.every((item) => typeof item === 'string')) into.set(`${path}.length`, value.length);
    value.forEach((item, i) => {
      flatten(item, `${path}[${i}]`, into);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, path === '' ? key : `${path}.${key}`, into);
  }
}

function rootOf(path: string): string {
  return path.split(/[.[]/, 1)[0]!;
}

/** "temperatures[1]" -> "temperatures (soil/water probe)" when the tool says what each element is; "alarmed_roms.length" -> "alarmed". */
function labelOf(path: string, tool: SensorTool | undefined): string {
  if (path === 'alarmed_roms.length') return 'probes in alarm';
  if (path.endsWith('.length')) return rootOf(path).split('_')[0]!;
  const index = /^([a-z_]+)\[(\d+)\](?:\.([a-z_]+))?$/.exec(path);
  const items = index === null ? null : tool?.fields.find((f) => f.name === index[1])?.items;
  const item = index === null ? undefined : items?.[Number(index[2])];
  if (index !== null && item !== undefined) {
    const what = index[3] === undefined ? (FIELD_NAMES[index[1]!] ?? index[1]!) : (FIELD_NAMES[index[3]] ?? index[3]);
    return `${item} ${what}`;
  }
  const [root, axis] = path.split('.');
  if (axis !== undefined && AXIS_NAMES[`${root}.${axis}`] !== undefined) return AXIS_NAMES[`${root}.${axis}`]!;
  if (axis !== undefined) return `${axis} ${FIELD_NAMES[root!] ?? root}`;
  return FIELD_NAMES[path] ?? path.replace(/_/g, ' ');
}

/** Field names in the words people use: "th" is the high alarm threshold, "uvi" the UV index. */
const FIELD_NAMES: Readonly<Record<string, string>> = {
  temperatures: 'temperature',
  roms: 'ROM code',
  scratchpads: 'scratchpad',
  configs: 'configuration',
  th: 'high alarm threshold',
  tl: 'low alarm threshold',
  accel: 'acceleration',
  gyro: 'rotation rate',
  uvi: 'UV index',
  uv_index: 'UV index',
  raw_uvs: 'raw UV count',
  raw_als: 'raw ALS count',
  distance_cm: 'distance',
  level: 'sound level',
  field: 'magnetic field',
};

const AXIS_NAMES: Readonly<Record<string, string>> = { 'tilt.x': 'pitch', 'tilt.y': 'roll' };

function readValues(read: ReadResult): ReadValues | null {
  const structured = read.structured;
  const readings = structured?.['readings'];
  if (!Array.isArray(readings) || readings.length === 0) return null;
  const units = (structured?.['units'] ?? {}) as Record<string, unknown>;
  const bySeries = new Map<string, Series>();
  for (const reading of readings) {
    const flat = new Map<string, Value>();
    flatten((reading as { values?: unknown } | null)?.values, '', flat);
    for (const [path, value] of flat) {
      let series = bySeries.get(path);
      if (series === undefined) {
        const unit = units[rootOf(path)];
        series = { path, label: labelOf(path, read.tool), unit: typeof unit === 'string' && !path.endsWith('.length') ? unit : null, values: [] };
        bySeries.set(path, series);
      }
      series.values.push(value);
    }
  }
  const place = typeof structured?.['place'] === 'string' ? (structured['place'] as string) : null;
  const sensor = typeof structured?.['sensor'] === 'string' ? (structured['sensor'] as string) : (read.tool?.sensor ?? read.name);
  return { label: `${placeName(place)} ${sensor}`.trim(), place, sensor, series: [...bySeries.values()] };
}

function numbers(series: Series): number[] | null {
  return series.values.every((v): v is number => typeof v === 'number') ? (series.values as number[]) : null;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The one value a series stands for in a comparison: the reading, or the mean of a series. */
function typical(series: Series): number | null {
  const values = numbers(series);
  if (values === null || values.length === 0) return null;
  return values.length === 1 ? values[0]! : mean(values);
}

/** A reading's unit as tasks/units.ts names it; a rate converts like its angle ("deg/s" -> "rad/s"). */
function asUnit(unit: string | null): { unit: Unit; per: string } | undefined {
  if (unit === null) return undefined;
  const per = unit.endsWith('/s') && unit !== 'm/s2' ? '/s' : '';
  const base = per === '' ? (unit === '%RH' ? '%' : unit) : unit.slice(0, -2);
  return (UNITS as readonly string[]).includes(base) ? { unit: base as Unit, per } : undefined;
}

function conversions(value: number, unit: string | null, ask: Ask): string {
  const from = asUnit(unit);
  if (from === undefined) return '';
  return ask.units
    .filter((to): to is Unit => (UNITS as readonly string[]).includes(to) && to !== from.unit && convertible(from.unit, to as Unit))
    .map((to) => ` = ${format(convertValue(value, from.unit, to))} ${to}${from.per}`)
    .join('');
}

function flagWords(path: string): readonly [string, string] {
  const field = rootOf(path);
  return FLAG_WORDS[field] ?? [`${field.replace(/_/g, ' ')}: true`, `${field.replace(/_/g, ' ')}: false`];
}

/** How an answer names each statistic (the words a reader, and the scorer, take for it). */
const STAT_WORDS: Readonly<Record<SeriesStat, string>> = {
  min: 'lowest',
  max: 'highest',
  mean: 'average',
  median: 'median',
  range: 'range',
  delta: 'change',
  first: 'first',
  last: 'last',
};

/** A statistic of a series, computed as the tasks compute their expected values. */
function statistic(stat: SeriesStat, values: readonly number[]): number {
  const result = evaluate({ ref: 'series', agg: stat }, new Map([['series', [...values]]]));
  return result.ok && typeof result.value === 'number' ? result.value : Number.NaN;
}

/** One value, or the statistics of a series the request asked for (its average when it named none). */
function describeSeries(series: Series, ask: Ask): string {
  const unit = series.unit === null ? '' : ` ${series.unit}`;
  const values = series.values;
  const nums = numbers(series);
  if (values.length === 1) {
    const value = values[0]!;
    if (typeof value === 'number') return `${series.label} ${format(value)}${unit}${conversions(value, series.unit, ask)}`;
    return `${series.label} ${String(value)}`;
  }
  if (nums !== null) {
    const asked = ask.stats.length > 0 ? ask.stats : (['mean'] as const);
    const stated = asked.map((stat) => {
      const value = statistic(stat, nums);
      // A change or a spread is a difference: converting it needs no offset, so only the plain value is given.
      const converted = stat === 'delta' || stat === 'range' ? '' : conversions(value, series.unit, ask);
      return `${STAT_WORDS[stat]} ${format(value)}${unit}${converted}`;
    });
    return `${series.label}: ${stated.join(', ')} (over ${nums.length} readings)`;
  }
  return `${series.label}: last ${String(values[values.length - 1])}`;
}

/** How much a series is about what the request asks: its field's own words against the request's concepts. */
function aboutAsk(series: Series, ask: Ask): number {
  const words = tokens(series.label.replace(/[_.[\]()/]/g, ' ')).map(conceptOf);
  return words.filter((w) => ask.concepts.has(w)).length;
}

/** The series of a read the request is most about: the field it names, else the first number. */
function primary(read: ReadValues, ask: Ask): Series | undefined {
  const numeric = read.series.filter((s) => numbers(s) !== null && !s.path.endsWith('.length'));
  let best: Series | undefined;
  let bestScore = -1;
  for (const series of numeric) {
    const score = aboutAsk(series, ask);
    if (score > bestScore) {
      best = series;
      bestScore = score;
    }
  }
  return best;
}

const SAME_QUANTITY: Readonly<Record<string, readonly string[]>> = {
  C: ['C'],
  F: ['C'],
  '%': ['%', '%RH'],
  dBA: ['dBA'],
  lux: ['lux'],
  cm: ['cm'],
  mm: ['cm'],
  V: ['V'],
  mV: ['V'],
  mT: ['mT'],
  deg: ['deg'],
  'deg/s': ['deg/s'],
  'm/s2': ['m/s2'],
};

/** The series a stated value is about: one in the same unit, else the main one of the read asked about there. */
function seriesFor(
  unit: string | null,
  clause: number | null,
  reads: readonly ReadValues[],
  clauses: readonly number[],
  ask: Ask,
): { read: ReadValues; series: Series } | undefined {
  const units = unit === null ? undefined : SAME_QUANTITY[unit];
  if (units !== undefined) {
    for (const read of reads) {
      const series = read.series.find((s) => s.unit !== null && units.includes(s.unit) && numbers(s) !== null);
      if (series) return { read, series };
    }
  }
  const order = reads.map((read, i) => ({ read, clause: clauses[i] })).sort((a, b) => Number(b.clause === clause) - Number(a.clause === clause));
  for (const { read } of order) {
    const series = primary(read, ask);
    if (series) return { read, series };
  }
  return undefined;
}

/** A stated value in the reading's unit ("above 80 F" of a reading in C). */
function inUnitOf(value: number, unit: string | null, series: Series): number {
  const from = asUnit(unit === 'deg' ? null : unit);
  const to = asUnit(series.unit);
  if (from === undefined || to === undefined || from.unit === to.unit || !convertible(from.unit, to.unit)) return value;
  return convertValue(value, from.unit, to.unit);
}

function passes(value: number, threshold: Threshold, limit: number): boolean {
  switch (threshold.cmp) {
    case 'gt':
      return value > limit;
    case 'ge':
      return value >= limit;
    case 'lt':
      return value < limit;
    case 'le':
      return value <= limit;
  }
}

function thresholdVerdict(threshold: Threshold, reads: readonly ReadValues[], clauses: readonly number[], ask: Ask): string | undefined {
  const found = seriesFor(threshold.unit, threshold.clause, reads, clauses, ask);
  if (found === undefined) return undefined;
  const values = numbers(found.series)!;
  const limit = inUnitOf(threshold.value, threshold.unit, found.series);
  const upward = threshold.cmp === 'gt' || threshold.cmp === 'ge';
  const count = values.filter((v) => passes(v, threshold, limit)).length;
  const swing = Math.max(...values) - Math.min(...values);
  let holds: boolean;
  if (threshold.over === 'range' && values.length > 1) holds = passes(swing, threshold, threshold.value);
  else if (values.length === 1) holds = count === 1;
  else if (threshold.over === 'any') holds = count > 0;
  else if (threshold.over === 'all') holds = count === values.length;
  else holds = passes(mean(values), threshold, limit);
  const word = holds === upward ? 'above' : 'below';
  const unit = threshold.unit === null ? '' : ` ${threshold.unit}`;
  const verdict = `The ${found.read.label} ${found.series.label} is ${word} ${format(threshold.value)}${unit}.`;
  // A series also says how many of its samples passed: "3 of the 8 readings were above 60 dBA".
  if (values.length === 1 || threshold.over === 'range') return verdict;
  return `${verdict} ${count} of the ${values.length} readings were ${upward ? 'above' : 'below'} ${format(threshold.value)}${unit}.`;
}

function flagStatements(read: ReadValues): string[] {
  const statements: string[] = [];
  for (const series of read.series) {
    if (!series.values.every((v) => typeof v === 'boolean')) continue;
    const [yes, no] = flagWords(series.path);
    const count = series.values.filter((v) => v === true).length;
    const where = read.place === null ? read.sensor : `${placeName(read.place)} (${read.sensor})`;
    if (series.values.length === 1) statements.push(`${where}: ${count === 1 ? yes : no}.`);
    else if (count > 0) statements.push(`${where}: ${yes} in ${count} of ${series.values.length} readings (${format((100 * count) / series.values.length)}%).`);
    else statements.push(`${where}: ${no} in any of the ${series.values.length} readings (0 of ${series.values.length}).`);
  }
  return statements;
}

/** The contenders of "which is warmer": one value per read, or the elements of one read's list. */
function contenders(ask: Ask, reads: readonly ReadValues[]): { name: string; value: number }[] {
  const perRead = reads.flatMap((read) => {
    const series = primary(read, ask);
    const value = series === undefined ? null : typical(series);
    return value === null ? [] : [{ read, value }];
  });
  if (perRead.length >= 2) {
    const samePlace = perRead.every((c) => c.read.place === perRead[0]!.read.place);
    return perRead.map((c) => ({ name: samePlace || c.read.place === null ? c.read.sensor : placeName(c.read.place), value: c.value }));
  }
  for (const read of reads) {
    const items = read.series.filter((s) => /\(.+\)$/.test(s.label) && numbers(s) !== null);
    if (items.length >= 2) return items.map((s) => ({ name: /\((.+)\)$/.exec(s.label)![1]!, value: typical(s)! }));
  }
  return [];
}

function choiceStatement(ask: Ask, reads: readonly ReadValues[]): string | undefined {
  if (ask.choice === null) return undefined;
  const candidates = contenders(ask, reads);
  if (candidates.length < 2) return undefined;
  const winner = candidates.reduce((best, c) => ((ask.choice!.pick === 'max' ? c.value > best.value : c.value < best.value) ? c : best));
  return `The ${winner.name} is ${ask.choice.cue}.`;
}

function differenceStatement(ask: Ask, reads: readonly ReadValues[]): string | undefined {
  if (!ask.difference && !ask.ratio) return undefined;
  const values = contenders(ask, reads).map((c) => c.value);
  if (values.length < 2) return undefined;
  const [a, b] = values as [number, number];
  if (ask.ratio && b !== 0 && a !== 0) return `The ratio is ${format(a / b)}.`;
  return `The difference is ${format(Math.abs(a - b))}.`;
}

/** "How many points away from 45 %": the distance from each stated value to the reading it is about. */
function distanceStatements(ask: Ask, reads: readonly ReadValues[], clauses: readonly number[]): string[] {
  if (!ask.distance) return [];
  return ask.references.flatMap((reference: Reference) => {
    const found = seriesFor(reference.unit, null, reads, clauses, ask);
    const value = found === undefined ? null : typical(found.series);
    if (found === undefined || value === null) return [];
    const target = inUnitOf(reference.value, reference.unit, found.series);
    return [
      `${found.series.label} is ${format(Math.abs(value - target))} away from ${format(reference.value)}${reference.unit === null ? '' : ` ${reference.unit}`}.`,
    ];
  });
}

export function composeAnswer(ask: Ask, results: readonly ReadResult[], clauses: readonly number[]): string {
  if (results.length === 0) return NOTHING_FOUND;
  const reads: ReadValues[] = [];
  const readClauses: number[] = [];
  const failures: string[] = [];
  results.forEach((result, i) => {
    const values = result.isError ? null : readValues(result);
    if (values === null) failures.push(result.isError ? `${result.name} failed: ${result.text.split('\n', 1)[0]}` : `${result.name} returned no readings.`);
    else {
      reads.push(values);
      readClauses.push(clauses[i] ?? 0);
    }
  });
  if (reads.length === 0) return `I could not read the sensors. ${failures.join(' ')}`;

  const statements: string[] = [];
  const choice = choiceStatement(ask, reads);
  if (choice) statements.push(choice);
  for (const threshold of ask.thresholds) {
    const verdict = thresholdVerdict(threshold, reads, readClauses, ask);
    if (verdict) statements.push(verdict);
  }
  for (const read of reads) statements.push(...flagStatements(read));
  for (const read of reads) {
    const described = read.series.filter((s) => !s.values.every((v) => typeof v === 'boolean')).map((s) => describeSeries(s, ask));
    if (described.length > 0) statements.push(`${read.label}: ${described.join('; ')}.`);
  }
  const difference = differenceStatement(ask, reads);
  if (difference) statements.push(difference);
  statements.push(...distanceStatements(ask, reads, readClauses));
  if (failures.length > 0) statements.push(failures.join(' '));
  return statements.join(' ');
}

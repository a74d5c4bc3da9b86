import type { AnswerFact, Referent, Stat } from '../../../tasks/schema.js';
import type { Attribution } from './cues.js';
import { MOST_STATISTICS, PART_GROUPS, type StatCue, statisticsNamed } from './lexicon.js';
import { inFactUnit, unitFits } from './units.js';

/**
 * Which fact a stated number (or code) is about. A number is compatible with a fact when nothing said
 * about it contradicts the fact's referent (another place, sensor, quantity, part or statistic, a unit
 * that cannot be the fact's); it is about the compatible fact that what is said about it supports most.
 * A number that supports two different facts equally says which of them it is about no more than a bare
 * number does, and counts for neither.
 */

export type ValueFact = Extract<AnswerFact, { kind: 'number' | 'text' }>;

/** What a statement says about its value, whatever the value is. */
export interface Described {
  attribution: Attribution;
  /** What its position alone says it is ("by 2" a gap, "3 of 8" a count): this outranks words nearby. */
  positional: ReadonlySet<string>;
  /** A level glossed in parentheses ("low (0)"): never a count. */
  gloss?: boolean;
  /** Canonical units written after it (numbers only). */
  units: readonly string[];
  kind: 'value' | 'time' | 'count' | 'code';
}

/** Statistics that must be named: a bare number is never a mean, a count or a gap. */
const NAMED: ReadonlySet<Stat> = new Set([
  'first',
  'last',
  'mean',
  'median',
  'min',
  'max',
  'range',
  'delta',
  'sum',
  'count',
  'total',
  'share',
  'difference',
  'ratio',
]);
/** Statistics whose cue, on a number, says it is not a plain reading ("by 2 %", "3 of 8", "5 times"). */
const MARKING: ReadonlySet<string> = new Set(['range', 'delta', 'sum', 'count', 'total', 'share', 'difference', 'ratio', 'lower-end', 'upper-end']);

/** Cues that name a fact's statistic. */
const NAMES: Readonly<Record<Stat, readonly StatCue[]>> = {
  reading: [],
  derived: ['derived'],
  first: ['first', 'constant'],
  last: ['last', 'constant'],
  mean: ['mean', 'constant'],
  median: ['median', 'constant'],
  min: ['min', 'lower-end', 'constant'],
  max: ['max', 'upper-end', 'constant'],
  range: ['range'],
  delta: ['delta', 'difference'],
  difference: ['difference', 'delta'],
  sum: ['sum'],
  count: ['count'],
  total: ['total'],
  share: ['share'],
  ratio: ['ratio'],
};

/** Statistics of a series more particular than its being steady. */
const PARTICULAR: ReadonlySet<string> = new Set(['first', 'last', 'mean', 'median', 'min', 'max', 'lower-end', 'upper-end', 'range']);

function overlaps(said: ReadonlySet<string>, wanted: readonly string[] | undefined): boolean | undefined {
  if (said.size === 0 || wanted === undefined) return undefined;
  return wanted.some((w) => said.has(w));
}

/** A threshold is stated in its reading's quantity: "the 40 C alarm" names a temperature too. */
function quantityFits(said: ReadonlySet<string>, about: Referent): boolean | undefined {
  if (said.size === 0 || about.quantity === undefined) return undefined;
  if (said.has(about.quantity)) return true;
  if (about.quantity === 'alarm-threshold' && said.has('temperature')) return undefined;
  // A pin's level is what its driver calls "raw".
  if (about.quantity === 'pin-level' && said.has('raw')) return true;
  // "alarm" names both a threshold and the probes in alarm; "counts" both raw values and tallies.
  return false;
}

function partsFit(said: ReadonlySet<string>, about: Referent): boolean | undefined {
  if (said.size === 0 || about.parts === undefined) return undefined;
  let named = false;
  for (const group of PART_GROUPS) {
    const wanted = about.parts.filter((p) => group.includes(p));
    const stated = group.filter((p) => said.has(p));
    if (wanted.length === 0 || stated.length === 0) continue;
    if (!stated.some((p) => wanted.includes(p))) return false;
    named = true;
  }
  return named ? true : undefined;
}

function statFits(said: ReadonlySet<string>, stat: Stat): boolean | undefined {
  if (stat === 'reading') {
    // A reading is never a gap, a count, a share or a value worked out from it, whatever else is said of it;
    // a figure called nothing but "the reading" is one.
    if ([...said].some((s) => MARKING.has(s))) return false;
    return said.size === 1 && said.has('reading') ? true : undefined;
  }
  if (stat === 'derived') return said.has('derived') ? true : [...said].some((s) => MARKING.has(s)) ? false : undefined;
  const names = NAMES[stat];
  if (names.some((n) => said.has(n))) return true;
  return NAMED.has(stat) ? false : undefined;
}

/**
 * How strongly what is said about a statement supports the fact: the number of things it names that the
 * fact is about; -1 when something it names contradicts the fact.
 */
export function support(described: Described, fact: ValueFact): number {
  const about = fact.about;
  const { attribution: said } = described;
  if (fact.kind === 'text' ? described.kind !== 'code' : described.kind === 'code') return -1;
  const counting = about.stat === 'count' || about.stat === 'total';
  // A number of probes in alarm is a tally by nature: "Alarm count: 0" names the quantity, not a statistic;
  // alarm limits are the ends of a window ("a window of 5 to 30 °C"), not of a series.
  const tally = about.quantity === 'alarm-count';
  const natural: readonly string[] = tally ? ['count'] : about.quantity === 'alarm-threshold' ? ['lower-end', 'upper-end'] : [];
  const stats = new Set([...said.stat].filter((s) => !natural.includes(s)));
  // "Fairly steady: it averaged 4.564": a series called steady says every statistic of it is its figure only
  // where nothing more particular is said of the figure.
  if (stats.has('constant') && [...stats].some((s) => PARTICULAR.has(s))) stats.delete('constant');
  const positional = new Set([...described.positional].filter((s) => !natural.includes(s)));
  // "the lowest and highest were 0 °C apart", "moved by 0.044 between its lowest and highest": a gap between
  // the extremes, or a gap named a range, is the range.
  const gap = positional.has('difference') || positional.has('delta');
  // "the spread between highest and lowest was 1 count": a range named with the extremes it spans.
  const spread = stats.has('range') && stats.has('min') && stats.has('max') && !positional.has('lower-end') && !positional.has('upper-end');
  if (spread || (gap && (stats.has('range') || ((stats.has('min') || stats.has('lower-end')) && (stats.has('max') || stats.has('upper-end')))))) {
    for (const s of ['difference', 'delta', 'min', 'max', 'lower-end', 'upper-end']) {
      stats.delete(s);
      positional.delete(s);
    }
    stats.add('range');
  }
  if (statisticsNamed(new Set([...stats, ...positional])) > MOST_STATISTICS) return -1;
  if (counting && described.gloss === true) return -1;
  if (described.kind === 'count' && !counting && !tally) return -1;
  if (described.kind === 'time' && about.quantity !== 'duration') return -1;
  if (counting && described.kind !== 'count' && !said.stat.has('count') && !said.stat.has('total')) return -1;
  if (fact.kind === 'number' && described.units.length > 0 && inFactUnit(1, described.units as never, fact.unit) === null) return -1;
  // A value worked out by a formula is stated with the unit it was worked out in; the bare input is not it.
  if (fact.kind === 'number' && about.stat === 'derived' && fact.unit !== undefined && described.units.length === 0) return -1;
  const marked = [...positional].filter((s) => MARKING.has(s));
  if (marked.length > 0 && !NAMES[about.stat ?? 'reading'].some((n) => positional.has(n))) return -1;
  let score = 0;
  const checks = [
    overlaps(said.place, about.places),
    overlaps(said.sensor, about.sensors),
    quantityFits(said.quantity, about),
    partsFit(said.part, about),
    about.stat === 'share' && described.units.includes('%') && !stats.has('share')
      ? [...stats].some((c) => MARKING.has(c))
        ? false
        : undefined
      : // "2 probes flagged" over a watch: a tally named with no statistic is how many got flagged, its peak.
        tally && about.stat === 'max' && described.kind === 'value' && ![...stats, ...positional].some((s) => NAMED.has(s as Stat))
        ? undefined
        : statFits(stats, about.stat ?? 'reading'),
    said.words.has(fact.id) ? true : undefined,
    said.unlike.has(fact.id) && !said.words.has(fact.id) ? false : undefined,
  ];
  for (const check of checks) {
    if (check === false) return -1;
    if (check === true) score++;
  }
  if (fact.kind === 'number' && unitFits(described.units as never, fact.unit)) score++;
  if (described.kind === 'count' && counting) score++;
  return score;
}

/** Two facts with one referent in different units ("in C" and "in F") are the same statement. */
function sameReferent(a: ValueFact, b: ValueFact): boolean {
  return JSON.stringify({ ...a.about, words: undefined }) === JSON.stringify({ ...b.about, words: undefined });
}

/**
 * The facts a statement is about: the compatible ones it supports most (several only when they share a
 * referent), none when it supports none or two different ones equally. `lenient` lets a statement that
 * names nothing count for the only fact it is compatible with (a lone number in a one-fact answer).
 */
export function factsOf(described: Described, facts: readonly ValueFact[], lenient = false): ValueFact[] {
  let best = lenient ? 0 : 1;
  let chosen: ValueFact[] = [];
  for (const fact of facts) {
    const score = support(described, fact);
    if (score < best) continue;
    if (score > best) {
      best = score;
      chosen = [fact];
    } else chosen.push(fact);
  }
  // A figure written without a unit is rather one of the facts that have none ("X axis reading: 208").
  if (chosen.length > 1 && described.units.length === 0 && described.kind !== 'code') {
    const plain = chosen.filter((f) => f.kind !== 'number' || f.unit === undefined);
    if (plain.length > 0) chosen = plain;
  }
  // A value worked out by a formula is only the one named so ("works out to 23 C"); otherwise the reading is meant.
  if (chosen.length > 1 && !described.attribution.stat.has('derived')) {
    const read = chosen.filter((f) => f.about.stat !== 'derived');
    if (read.length > 0) chosen = read;
  }
  // A threshold is a setting: a figure not named as one ("TH", "the low limit") is rather the reading.
  const said = described.attribution;
  if (chosen.length > 1 && !said.quantity.has('alarm-threshold') && !said.part.has('high') && !said.part.has('low')) {
    const readings = chosen.filter((f) => f.about.quantity !== 'alarm-threshold');
    if (readings.length > 0) chosen = readings;
  }
  if (chosen.length > 1 && !chosen.every((f) => sameReferent(f, chosen[0]!)) && !namesEach(described, chosen)) return [];
  return chosen;
}

/**
 * Whether a figure names each of several statistics of one series itself ("min and max were both 65535"):
 * then it states each of them, and is held to each.
 */
function namesEach(described: Described, facts: readonly ValueFact[]): boolean {
  const said = new Set([...described.attribution.stat, ...described.positional]);
  const stats = new Set(facts.map((f) => f.about.stat ?? 'reading'));
  return (
    stats.size === facts.length &&
    facts.every((f) =>
      sameReferent(
        { ...f, about: { ...f.about, stat: undefined } } as ValueFact,
        { ...facts[0]!, about: { ...facts[0]!.about, stat: undefined } } as ValueFact,
      ),
    ) &&
    // A figure called steady ("both 0", "stayed at 18 °C") is each statistic of its series.
    (facts.every((f) => NAMES[f.about.stat ?? 'reading'].some((n) => n !== 'constant' && said.has(n))) ||
      (said.has('constant') && facts.every((f) => NAMES[f.about.stat ?? 'reading'].includes('constant'))))
  );
}

import type { Aggregate, Category, Comparison, Expr, Operator, Referent, Style, Unit } from '../../tasks/schema.js';

/**
 * The vocabulary task banks are written in. A bank (scripts/task-generator/banks/<sensor>.ts) holds the
 * curated basic tasks of one sensor type, each with its ten curated variants; the compiler
 * (compile.ts) turns an entry into full tasks: the expected calls with every acceptable tool, sensor and
 * argument, the forbidden calls, the step budget, and answer facts with tolerances and phrases.
 *
 * An entry names *what* to measure (a sensor field or a quantity, in a place, sampled once, as a series
 * or in real time) and *what the answer must say* (expressions over those measurements); it never names
 * values: those come from the trial's readings.
 */

export type SensorName =
  | 'DHT11'
  | 'MPU6050'
  | 'DS18B20'
  | 'LM35'
  | 'TMP36'
  | 'BH1750'
  | 'GUVA-S12SD'
  | 'LTR390'
  | 'HC-SR04'
  | 'HC-SR501'
  | 'SW420'
  | 'KY-004'
  | 'KY-010'
  | 'KY-020'
  | 'KY-023'
  | 'KY-026'
  | 'KY-035'
  | 'KY-036'
  | 'KY-038'
  | 'KY-040'
  | 'HW-080'
  | 'WATER';

export type PlaceId = 'living-room' | 'kitchen' | 'bedroom' | 'garden' | 'garage' | 'workshop';

export type ScenarioName = 'normal-day' | 'hot-afternoon' | 'quiet-night' | 'someone-moving' | 'fire' | 'dry-plant' | 'leak' | 'shaken';

/** A quantity several sensor types measure; a task asking for it accepts any of them in that place (quantities.ts). */
export type QuantityName = 'air-temperature' | 'humidity' | 'light' | 'uv-index' | 'sound-level' | 'motion' | 'magnetic-field';

/**
 * Where a measure's values come from: named fields of one sensor type ("temperature", "accel.z",
 * "temperatures[1]", "alarmed_roms.length"), or a quantity any sensor in the place measures.
 * `place` may be left out only when a single board carries the sensor (the compiler checks).
 */
export type Source = { sensor: SensorName; fields: readonly string[]; place?: PlaceId } | { quantity: QuantityName; place: PlaceId };

/** A number, or the range of numbers a vague request allows ("a few seconds" = {min: 2, max: 10}). */
export type Amount = number | { min: number; max: number };

export type Sampling =
  | { kind: 'single' }
  /** `duration / interval` samples, one every `interval` seconds (real-time mode is accepted too). */
  | { kind: 'series'; interval: Amount; duration: Amount }
  /** The original's real-time collection: real_time true for a window of `duration` seconds. */
  | { kind: 'real-time'; interval: Amount; duration: Amount };

export interface Measure {
  source: Source;
  sampling: Sampling;
  /** Make this call only when this holds over the other measures (a conditional follow-up read). */
  when?: Expr;
}

/**
 * A value reference in expressions: "main" (the entry's measure; its only field) or "main.humidity"
 * (one field of a several-field measure), or the name of a measure in `with`.
 */
export type Ref = string;

/** One thing the final answer must state. */
export type Say =
  /**
   * A number (or, for a text field such as a ROM code, its text). Tolerance and unit come from the field
   * table; a value worked out by a formula names its own `unit` and what it is (`about`).
   */
  | { say: 'value'; value: Expr; convert?: { from: Unit; to: Unit }; tol?: number; says?: string; when?: Expr; unit?: string; about?: Partial<Referent> }
  /** A yes/no. Phrases default to the field table's when `value` is one boolean field; otherwise give them. */
  | { say: 'yes-no'; value: Expr; yes?: readonly string[]; no?: readonly string[]; says?: string; when?: Expr }
  /** Which of several labelled values is largest / smallest; `cues` are the words a verdict uses. */
  | {
      say: 'which';
      by: 'max' | 'min';
      options: readonly { label: string; phrases: readonly string[]; value: Expr }[];
      cues: readonly string[];
      says?: string;
      when?: Expr;
    }
  /** Advice must mention at least one of these (the substance; the numbers it rests on are separate facts). */
  | { say: 'mentions'; any: readonly string[]; says: string; when?: Expr };

/** The ten variants of a basic entry: 4 ambiguification, 3 complexification, 3 integration. */
export type VariantEntry =
  | {
      kind: 'ambiguification';
      style: Style;
      prompt: string;
      /** Replaces the parent's answer (goal-only and indirect requests often want a verdict or advice). */
      answer?: readonly Say[];
      /** Replaces the parent's sampling (a vague "for a few seconds" becomes a range). */
      sampling?: Sampling;
      category?: Extract<Category, 'advice'>;
      world?: WorldChoice;
    }
  | {
      kind: 'complexification';
      category: Extract<Category, 'conversion' | 'threshold' | 'condition' | 'comparison' | 'aggregate'>;
      prompt: string;
      answer: readonly Say[];
      sampling?: Sampling;
      /** Further measures of the same sensor type and place (a conditional follow-up, a second field). */
      with?: Readonly<Record<string, Measure>>;
      world?: WorldChoice;
    }
  | {
      kind: 'integration';
      category: Extract<Category, 'cross-sensor' | 'cross-place'>;
      prompt: string;
      answer: readonly Say[];
      sampling?: Sampling;
      /** The other sensors or places combined with the entry's measure. */
      with: Readonly<Record<string, Measure>>;
      world?: WorldChoice;
    };

/**
 * The world a task runs in. Time is on the reference day 2026-06-21 (UTC); `at` defaults to the scenario's
 * default hour, `seed` to one derived from the task's id. Pick both with the world-peek tool when a task
 * needs a particular state (someone in the kitchen at 18:00:08).
 */
export interface WorldChoice {
  scenario: ScenarioName;
  /** "HH:MM" or "HH:MM:SS", UTC. */
  at?: string;
  seed?: number;
}

export interface BasicEntry {
  /** Unique within the sensor's bank, lower-case words joined by '-': becomes part of the task ids. */
  key: string;
  /** The tool this basic task exists for (coverage): one of the bank sensor's MCP tools. */
  tool: string;
  world: WorldChoice;
  main: Measure;
  prompt: string;
  answer: readonly Say[];
  variants: readonly VariantEntry[];
}

export interface SensorBank {
  sensor: SensorName;
  entries: readonly BasicEntry[];
}

// ---- Building blocks, so banks read like sentences -------------------------------------------------

export const single = (): Sampling => ({ kind: 'single' });
export const series = (interval: Amount, duration: Amount): Sampling => ({ kind: 'series', interval, duration });
/** "Keep an eye on it for a few seconds": any short series (or live window) a careful model might choose. */
export const aFewSeconds = (): Sampling => series({ min: 0.2, max: 2 }, { min: 2, max: 10 });
/** Without an interval the prompt leaves the sampling step to the model: any reasonable step is right. */
export const realTime = (duration: Amount, interval: Amount = { min: 0.2, max: 2 }): Sampling => ({ kind: 'real-time', interval, duration });

/** A measure of fields of one sensor: `sensor('DHT11', 'temperature', { place: 'bedroom' })`. */
export function sensor(name: SensorName, fields: string | readonly string[], options: { place?: PlaceId; sampling?: Sampling; when?: Expr } = {}): Measure {
  const source: Source = { sensor: name, fields: typeof fields === 'string' ? [fields] : fields };
  if (options.place !== undefined) source.place = options.place;
  const measure: Measure = { source, sampling: options.sampling ?? single() };
  if (options.when !== undefined) measure.when = options.when;
  return measure;
}

/** A measure of a quantity, any sensor in the place: `quantity('air-temperature', 'bedroom')`. */
export function quantity(name: QuantityName, place: PlaceId, options: { sampling?: Sampling; when?: Expr } = {}): Measure {
  const measure: Measure = { source: { quantity: name, place }, sampling: options.sampling ?? single() };
  if (options.when !== undefined) measure.when = options.when;
  return measure;
}

type Operand = Expr | number | boolean;
const operand = (value: Operand): Expr => (typeof value === 'object' ? value : { const: value });

function aggregate(agg: Aggregate) {
  return (ref: Ref, where?: { cmp: Comparison; value: number | boolean }): Expr => (where === undefined ? { ref, agg } : { ref, agg, where });
}

export const first = aggregate('first');
export const last = aggregate('last');
export const mean = aggregate('mean');
export const median = aggregate('median');
export const min = aggregate('min');
export const max = aggregate('max');
/** @public The bank language's word for it, though no bank uses it yet. */
export const sum = aggregate('sum');
/** Samples (matching `where`, when given). */
export const count = aggregate('count');
/** Share of samples matching `where`, 0..1 (convert to '%' for a percentage). */
export const fraction = aggregate('fraction');
export const range = aggregate('range');
/** Last minus first. */
export const delta = aggregate('delta');
export const any = aggregate('any');
export const all = aggregate('all');
export const none = aggregate('none');

const op =
  (name: Operator) =>
  (...args: Operand[]): Expr => ({ op: name, args: args.map(operand) });

/** @public The bank language's word for it, though no bank uses it yet. */
export const add = op('add');
export const sub = op('sub');
export const mul = op('mul');
export const div = op('div');
export const abs = op('abs');
export const gt = op('gt');
export const ge = op('ge');
export const lt = op('lt');
export const le = op('le');
export const eq = op('eq');
export const ne = op('ne');
export const and = op('and');
export const or = op('or');
export const not = op('not');
export const ifThen = op('if');
/**
 * The label whose value is largest / smallest.
 * @public The bank language's word for it, though no bank uses it yet.
 */
export const pick = (which: 'max' | 'min', of: Record<string, Expr>): Expr => ({
  pick: which,
  of: Object.entries(of).map(([label, value]) => ({ label, value })),
});
/** @public The bank language's word for it, though no bank uses it yet. */
export const convert = (value: Expr, from: Unit, to: Unit): Expr => ({ convert: value, from, to });

// ---- Answer facts ----

export function say(
  value: Expr,
  options: { convert?: { from: Unit; to: Unit }; tol?: number; says?: string; when?: Expr; unit?: string; about?: Partial<Referent> } = {},
): Say {
  return { say: 'value', value, ...options };
}

export function yesNo(value: Expr, options: { yes?: readonly string[]; no?: readonly string[]; says?: string; when?: Expr } = {}): Say {
  return { say: 'yes-no', value, ...options };
}

export function which(
  by: 'max' | 'min',
  options: readonly { label: string; phrases: readonly string[]; value: Expr }[],
  cues: readonly string[],
  extra: { says?: string; when?: Expr } = {},
): Say {
  return { say: 'which', by, options, cues, ...extra };
}

export function mentions(says: string, any: readonly string[], when?: Expr): Say {
  return when === undefined ? { say: 'mentions', any, says } : { say: 'mentions', any, says, when };
}

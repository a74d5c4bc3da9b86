import { sensorPathKey } from '../../bench/mcp/tool-names.js';
import { ABOVE_WORDS, BELOW_WORDS, FLAG_NOUNS } from '../../bench/scoring/answer/lexicon.js';
import { DEFAULT_REAL_TIME_WINDOW_S, TOOL_DEFAULT_INTERVAL_S } from '../../core/sensor-tool-limits.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import { hashString } from '../../core/world/noise.js';
import { findPlace } from '../../core/world/places.js';
import { findScenario, REFERENCE_DATE_MS } from '../../core/world/world.js';
import { type DryRun, dryRun } from '../../tasks/dry-run.js';
import { refsOf, typeOf, type ValueType } from '../../tasks/expression.js';
import { parseFieldPath, rootField } from '../../tasks/field-path.js';
import { boardsWith, type Layout } from '../../tasks/layout.js';
import { lookalikes } from '../../tasks/lookalikes.js';
import {
  type AnswerFact,
  type ArgRules,
  type Binding,
  type Category,
  type ExpectedCall,
  type Expr,
  type ForbiddenCall,
  optionDevice,
  type Referent,
  type Stat,
  type Style,
  TASK_FORMAT_VERSION,
  type Task,
  type Variant,
} from '../../tasks/schema.js';
import { conversionFactor } from '../../tasks/units.js';
import type { Amount, BasicEntry, Measure, Sampling, Say, SensorBank, SensorName, VariantEntry, WorldChoice } from './bank.js';
import { FIELD_FACTS, type FieldAbout, type FieldFacts, fieldAbout, QUANTITY_FIELDS } from './fields.js';
import { CROSSED, completeFamilies, NOT_CROSSED } from './verdict-families.js';

/**
 * Turns a curated bank entry into full tasks. The entry says what to measure and what the answer must
 * say; this adds everything a checker needs that follows from the fleet and the catalogue: every tool
 * and sensor that can answer, the arguments that pick the right board and sampling, forbidden calls,
 * the step budget, tolerances, units and verdict phrases. Problems are collected, each naming the entry
 * and variant, so a bank author sees them all at once.
 */

export interface Compiled {
  basic: Task[];
  complex: Task[];
  errors: string[];
}

/** What one bound name holds, for typing expressions and stating facts. */
interface BoundValue {
  type: ValueType;
  facts: FieldFacts;
  /** "living room air temperature" */
  label: string;
  /** What it is in the referent vocabulary, and where it may come from. */
  about: FieldAbout | undefined;
  places: string[];
  sensors: string[];
  /** Read once (a single sample): its value is a reading, not a statistic of a series. */
  single: boolean;
  /** The reply field it binds ("motion", "accel.z"). */
  field: string;
}

interface Expansion {
  calls: ExpectedCall[];
  bound: Map<string, BoundValue>;
  /** Ref spellings an author may use -> bound name ("main.temperature" -> "main" for a one-field measure). */
  aliases: Map<string, string>;
  /** Sensors read only single samples here (their long series are forbidden). */
  singleOnly: Map<string, boolean>;
}

/** A single read was asked for: series longer than this are forbidden. */
const LONGEST_NEEDLESS_SERIES_S = 10;
/** Model turns beyond one per expected call: room to look at tools, retry once, and answer. */
const SPARE_STEPS = 3;

function placeName(place: string): string {
  return findPlace(place)?.name ?? place;
}

function amountRule(amount: Amount, optionalAt?: number) {
  if (typeof amount === 'number') {
    return optionalAt !== undefined && amount === optionalAt ? { one_of: [amount], tol: 0.001, optional: true } : { one_of: [amount], tol: 0.001 };
  }
  return optionalAt !== undefined && optionalAt >= amount.min && optionalAt <= amount.max
    ? { min: amount.min, max: amount.max, optional: true }
    : { min: amount.min, max: amount.max };
}

function samplingRules(sampling: Sampling): ArgRules {
  switch (sampling.kind) {
    case 'single':
      return { duration: { one_of: [0], optional: true }, real_time: { one_of: [false], optional: true } };
    case 'series':
      // Real-time collection over the same window gives the same samples, so either mode is right.
      return { interval: amountRule(sampling.interval, TOOL_DEFAULT_INTERVAL_S), duration: amountRule(sampling.duration) };
    case 'real-time':
      return {
        real_time: { one_of: [true] },
        interval: amountRule(sampling.interval, TOOL_DEFAULT_INTERVAL_S),
        duration: amountRule(sampling.duration, DEFAULT_REAL_TIME_WINDOW_S),
      };
  }
}

function describeAmount(amount: Amount): string {
  return typeof amount === 'number' ? `${amount} s` : `${amount.min}-${amount.max} s`;
}

function describeSampling(sampling: Sampling): string {
  switch (sampling.kind) {
    case 'single':
      return 'one reading';
    case 'series':
      return `a series every ${describeAmount(sampling.interval)} for ${describeAmount(sampling.duration)}`;
    case 'real-time':
      return `a real-time window of ${describeAmount(sampling.duration)}`;
  }
}

/** Argument rules that send the call to a board of `sensor` in `place`: by place or by board id. */
function placementOptions(layout: Layout, sensor: string, place: string): ArgRules[] {
  const here = boardsWith(layout, sensor, place);
  const everywhere = boardsWith(layout, sensor);
  const ids = here.map((b) => b.id);
  if (here.length === everywhere.length) {
    // The only boards with this sensor: naming the place or the board is fine, and so is neither.
    return [{ place: { one_of: [place], optional: true }, mcu: { one_of: ids, optional: true } }];
  }
  return [
    { place: { one_of: [place] }, mcu: { one_of: ids, optional: true } },
    { mcu: { one_of: ids }, place: { one_of: [place], optional: true } },
  ];
}

/** The tools of a sensor type whose reply holds the field. */
function toolsReturning(sensor: string, path: string): string[] {
  const spec = findSensor(sensor);
  if (!spec) return [];
  const field = rootField(path);
  return Object.entries(spec.tools)
    .filter(([, command]) => (spec.commands[command] ?? []).includes(field))
    .map(([tool]) => tool);
}

/** The place a call option reads: the one its arguments name, or where its boards are. */
function placesOf(option: ExpectedCall['any_of'][number], layout: Layout): string[] {
  const place = option.args.place?.one_of?.find((v): v is string => typeof v === 'string');
  if (place !== undefined) return [place];
  const mcus = option.args.mcu?.one_of ?? [];
  return layout.boards.filter((b) => mcus.includes(b.id)).map((b) => b.place);
}

function valueType(facts: FieldFacts): ValueType {
  return facts.kind === 'text' ? 'string' : facts.kind;
}

class Problems {
  readonly list: string[] = [];
  constructor(private readonly where: string) {}
  add(message: string): void {
    this.list.push(`${this.where}: ${message}`);
  }
}

function expandMeasures(measures: Readonly<Record<string, Measure>>, layout: Layout, problems: Problems): Expansion {
  const out: Expansion = {
    calls: [],
    bound: new Map(),
    aliases: new Map(),
    singleOnly: new Map(),
  };
  for (const [name, measure] of Object.entries(measures)) {
    if (!/^[A-Za-z][A-Za-z0-9_-]*$/.test(name)) problems.add(`measure name "${name}" must start with a letter and hold only letters, digits, "_" or "-"`);
    const sampling = samplingRules(measure.sampling);
    const says = describeSampling(measure.sampling);
    const source = measure.source;
    // Each field is its own expected call (one call may satisfy several: read_all).
    const targets: { binding: string; candidates: { sensor: string; field: string }[]; place: string | undefined; label: string }[] = [];
    if ('quantity' in source) {
      const candidates = QUANTITY_FIELDS[source.quantity].filter((c) => boardsWith(layout, c.sensor, source.place).length > 0);
      if (candidates.length === 0) problems.add(`measure "${name}": no sensor measures ${source.quantity} in ${source.place}`);
      targets.push({ binding: name, candidates, place: source.place, label: `${placeName(source.place)} ${source.quantity.replace(/-/g, ' ')}` });
    } else {
      if (source.fields.length === 0) problems.add(`measure "${name}" names no fields`);
      for (const field of source.fields) {
        const binding = source.fields.length === 1 ? name : `${name}.${field}`;
        const facts = FIELD_FACTS[source.sensor][field];
        const label = `${source.place ? `${placeName(source.place)} ` : ''}${facts?.label ?? field}`;
        targets.push({ binding, candidates: [{ sensor: source.sensor, field }], place: source.place, label });
        if (source.fields.length === 1) out.aliases.set(`${name}.${field}`, name);
      }
    }
    for (const target of targets) {
      const options: ExpectedCall['any_of'] = [];
      let facts: FieldFacts | undefined;
      for (const { sensor, field } of target.candidates) {
        const fieldFacts = FIELD_FACTS[sensor as SensorName]?.[field];
        if (!fieldFacts) {
          problems.add(`measure "${name}": ${sensor} has no field "${field}" in the field table (fields.ts)`);
          continue;
        }
        if (typeof parseFieldPath(field) === 'string') problems.add(`measure "${name}": bad field path "${field}"`);
        facts ??= fieldFacts;
        const boards = boardsWith(layout, sensor, target.place);
        if (boards.length === 0) {
          problems.add(`measure "${name}": no board${target.place ? ` in ${target.place}` : ''} carries ${sensor}`);
          continue;
        }
        const places = [...new Set(boards.map((b) => b.place))];
        if (target.place === undefined && places.length > 1) {
          problems.add(`measure "${name}": ${sensor} is in ${places.join(' and ')}; give the place`);
          continue;
        }
        const place = target.place ?? places[0]!;
        out.singleOnly.set(sensor, (out.singleOnly.get(sensor) ?? true) && measure.sampling.kind === 'single');
        const tools = toolsReturning(sensor, field);
        if (tools.length === 0) problems.add(`measure "${name}": no ${sensor} tool returns "${field}"`);
        const ways: { tool: string; binding: Binding }[] = tools.map((tool) => ({ tool, binding: field }));
        // A flag also reads off the pin level that defines it: "is the beam blocked?" by read_state is right too.
        if (fieldFacts.kind === 'boolean') {
          for (const same of fieldFacts.sameAs ?? []) {
            for (const tool of toolsReturning(sensor, same.field)) {
              if (!tools.includes(tool)) ways.push({ tool, binding: { field: same.field, is: { ...same.is } } });
            }
          }
        }
        for (const { tool, binding } of ways) {
          for (const placement of placementOptions(layout, sensor, place)) {
            options.push({ sensor, tool, args: { ...placement, ...sampling }, bind: { [target.binding]: binding } });
          }
        }
      }
      if (options.length === 0 || facts === undefined) continue;
      const first = target.candidates[0]!;
      const call: ExpectedCall = { id: target.binding, says: `${target.label}: ${says}`, any_of: options };
      if (measure.when !== undefined) call.when = measure.when;
      out.calls.push(call);
      out.bound.set(target.binding, {
        type: valueType(facts),
        facts,
        label: target.label,
        about: fieldAbout(first.sensor as SensorName, first.field),
        places: [...new Set(options.flatMap((o) => placesOf(o, layout)))].sort(),
        sensors: [...new Set(options.map((o) => optionDevice(o)))].sort(),
        single: measure.sampling.kind === 'single',
        field: first.field,
      });
    }
  }
  return out;
}

/** Rewrites author spellings of refs to bound names and reports refs that bind nothing. */
function resolveRefs(expr: Expr, expansion: Expansion, problems: Problems, context: string): Expr {
  if ('ref' in expr) {
    const ref = expansion.aliases.get(expr.ref) ?? expr.ref;
    if (!expansion.bound.has(ref)) {
      const several = [...expansion.bound.keys()].filter((k) => k.startsWith(`${expr.ref}.`));
      problems.add(
        several.length > 0
          ? `${context}: "${expr.ref}" has several fields; use one of ${several.map((s) => `"${s}"`).join(', ')}`
          : `${context}: "${expr.ref}" names no measure (have: ${[...expansion.bound.keys()].join(', ')})`,
      );
    }
    return { ...expr, ref };
  }
  if ('const' in expr) return expr;
  if ('convert' in expr) return { ...expr, convert: resolveRefs(expr.convert, expansion, problems, context) };
  if ('pick' in expr) return { ...expr, of: expr.of.map((o) => ({ label: o.label, value: resolveRefs(o.value, expansion, problems, context) })) };
  return { op: expr.op, args: expr.args.map((a) => resolveRefs(a, expansion, problems, context)) };
}

function refTypes(expansion: Expansion): Map<string, ValueType> {
  return new Map([...expansion.bound].map(([name, value]) => [name, value.type]));
}

interface Tolerance {
  abs: number;
  rel: number;
  unit?: string;
  /** "mean of", "highest" ... for the fact's description. */
  how: string;
  label: string;
}

/** How far a stated value may stray: the field's rounding allowance carried through the expression. */
function toleranceOf(expr: Expr, expansion: Expansion): Tolerance {
  if ('const' in expr) return { abs: 0, rel: 0, how: '', label: String(expr.const) };
  if ('ref' in expr) {
    const bound = expansion.bound.get(expr.ref);
    const facts = bound?.facts;
    const label = bound?.label ?? expr.ref;
    if (expr.agg === 'count') return { abs: 0, rel: 0, how: 'number of samples', label };
    if (expr.agg === 'fraction') return { abs: 0.01, rel: 0, unit: 'fraction', how: 'share of samples', label };
    // A mean of a whole-number field (pin levels, counts) is rarely whole: allow a reader's rounding to 0.01.
    const fieldTol = facts?.kind === 'number' ? facts.tol : 0;
    const abs = fieldTol === 0 && (expr.agg === 'mean' || expr.agg === 'median') ? 0.005 : fieldTol;
    const rel = facts?.kind === 'number' ? (facts.rel ?? 0) : 0;
    const unit = facts?.kind === 'number' ? facts.unit : undefined;
    const how =
      {
        first: 'first',
        last: '',
        mean: 'mean',
        median: 'median',
        min: 'lowest',
        max: 'highest',
        sum: 'sum of',
        range: 'range of',
        delta: 'change in',
        any: '',
        all: '',
        none: '',
      }[expr.agg] ?? '';
    const widen = expr.agg === 'range' || expr.agg === 'delta' || expr.agg === 'sum' ? 2 : 1;
    const tolerance: Tolerance = { abs: abs * widen, rel, how, label };
    if (unit !== undefined) tolerance.unit = unit;
    return tolerance;
  }
  if ('convert' in expr) {
    const inner = toleranceOf(expr.convert, expansion);
    return { ...inner, abs: inner.abs * conversionFactor(expr.from, expr.to), unit: expr.to, how: inner.how };
  }
  if ('pick' in expr) return { abs: 0, rel: 0, how: '', label: 'choice' };
  const parts = expr.args.map((a) => toleranceOf(a, expansion));
  const named = parts.find((p) => p.label !== '' && !/^[-\d.]+$/.test(p.label)) ?? parts[0]!;
  const constant = expr.args.find((a): a is { const: number } => 'const' in a && typeof a.const === 'number');
  let abs = parts.reduce((s, p) => s + p.abs, 0);
  if ((expr.op === 'mul' || expr.op === 'div') && constant !== undefined) {
    const factor = Math.abs(constant.const) || 1;
    abs = expr.op === 'mul' ? named.abs * factor : named.abs / factor;
  }
  const rel = Math.max(...parts.map((p) => p.rel));
  const tolerance: Tolerance = { abs, rel, how: expr.op === 'sub' ? 'difference of' : '', label: named.label };
  if (
    named.unit !== undefined &&
    (expr.op === 'add' || expr.op === 'sub' || expr.op === 'abs' || expr.op === 'min' || expr.op === 'max' || expr.op === 'round')
  )
    tolerance.unit = named.unit;
  return tolerance;
}

const AGGREGATE_STATS: Readonly<Record<string, Stat>> = {
  first: 'first',
  last: 'last',
  mean: 'mean',
  median: 'median',
  min: 'min',
  max: 'max',
  sum: 'sum',
  range: 'range',
  delta: 'delta',
  fraction: 'share',
};

function union(values: readonly (readonly string[] | undefined)[]): string[] | undefined {
  const all = [...new Set(values.flatMap((v) => v ?? []))].sort();
  return all.length > 0 ? all : undefined;
}

/** A referent with no empty lists, keys in a fixed order so task files stay diffable. */
function tidy(about: Partial<Referent> & { stat?: Stat | undefined }): Referent {
  const out: Partial<Referent> = {};
  if (about.quantity !== undefined) out.quantity = about.quantity;
  if (about.parts !== undefined && about.parts.length > 0) out.parts = [...about.parts];
  if (about.places !== undefined && about.places.length > 0) out.places = [...about.places];
  if (about.sensors !== undefined && about.sensors.length > 0) out.sensors = [...about.sensors];
  if (about.stat !== 'reading') out.stat = about.stat;
  if (about.words !== undefined && about.words.length > 0) out.words = [...about.words];
  if (about.unlike !== undefined && about.unlike.length > 0) out.unlike = [...about.unlike];
  return out as Referent;
}

/**
 * What an expression's value is about: the bound field's quantity, part, places and sensors, and the
 * statistic the expression takes ("min" of a series; a single sample's "last" is a plain reading; a
 * difference of two values is about both).
 */
function referentOf(expr: Expr, expansion: Expansion): Referent {
  if ('ref' in expr) {
    const bound = expansion.bound.get(expr.ref);
    let stat: Stat;
    if (expr.agg === 'count') stat = expr.where === undefined ? 'total' : 'count';
    else if ((expr.agg === 'last' || expr.agg === 'first') && bound?.single !== false) stat = 'reading';
    else stat = AGGREGATE_STATS[expr.agg] ?? 'reading';
    const about: Partial<Referent> & { stat: Stat } = { stat, places: bound?.places ?? [], sensors: bound?.sensors ?? [] };
    // A count of flagged samples is named by the flag's words ("4 blocked"), and not by its opposite's ("12 clear").
    if ((stat === 'count' || stat === 'share') && bound?.facts.kind === 'boolean' && typeof expr.where?.value === 'boolean') {
      const yes = [...bound.facts.yes, ...(FLAG_NOUNS[rootField(bound.field)] ?? [])];
      const [words, unlike] = expr.where.value ? [yes, bound.facts.no] : [bound.facts.no, yes];
      about.words = [...words];
      about.unlike = [...unlike];
    } else if (
      (stat === 'count' || stat === 'share') &&
      bound?.about?.quantity === 'pin-level' &&
      expr.where?.cmp === 'eq' &&
      (expr.where.value === 0 || expr.where.value === 1)
    ) {
      // A pin's samples are counted high or low: "2 samples high", not "6 low".
      const [words, unlike] =
        expr.where.value === 1
          ? [
              ['high', 'HIGH'],
              ['low', 'LOW'],
            ]
          : [
              ['low', 'LOW'],
              ['high', 'HIGH'],
            ];
      about.words = words;
      about.unlike = unlike;
    }
    // A count of samples is about the samples, not the quantity counted.
    if (bound?.about !== undefined && stat !== 'count' && stat !== 'total' && stat !== 'share') {
      about.quantity = bound.about.quantity;
      if (bound.about.parts) about.parts = [...bound.about.parts];
    }
    return tidy(about);
  }
  if ('convert' in expr) return referentOf(expr.convert, expansion);
  if ('const' in expr || 'pick' in expr) return { stat: 'reading' };
  const inner = expr.args.filter((a) => !('const' in a)).map((a) => referentOf(a, expansion));
  const merged = {
    quantity: inner[0]?.quantity,
    parts: union(inner.map((r) => r.parts)) as Referent['parts'],
    places: union(inner.map((r) => r.places)),
    sensors: union(inner.map((r) => r.sensors)),
  };
  const first = inner[0] ?? { stat: 'reading' as Stat };
  switch (expr.op) {
    case 'sub':
      return tidy({ ...merged, stat: 'difference' });
    case 'abs':
      return tidy({ ...merged, stat: first.stat });
    case 'div':
      if (inner.length === 2) return tidy({ ...merged, stat: 'ratio' });
      return tidy({ ...merged, quantity: undefined, stat: first.stat === 'difference' || first.stat === 'delta' ? first.stat : 'derived' });
    case 'mul':
      return tidy({ ...merged, quantity: undefined, stat: first.stat === 'difference' || first.stat === 'delta' ? first.stat : 'derived' });
    default:
      return tidy({ ...first, ...merged, stat: first.stat });
  }
}

/** Names of the opposite extreme, for choices: the option called "cooler" is not the warmer one. */
const OPPOSITES: readonly (readonly [readonly string[], readonly string[]])[] = [
  [
    ['hotter', 'warmer', 'hottest', 'warmest', 'higher temperature'],
    ['cooler', 'colder', 'coolest', 'coldest', 'lower temperature'],
  ],
  [
    ['brighter', 'brightest', 'more light', 'lighter'],
    ['darker', 'darkest', 'dimmer', 'dimmest', 'less light'],
  ],
  [
    ['louder', 'loudest', 'noisier', 'noisiest'],
    ['quieter', 'quietest', 'softer'],
  ],
  [
    ['more humid', 'most humid', 'damper', 'dampest', 'higher humidity', 'more moisture', 'wetter', 'wettest', 'moister'],
    ['drier', 'driest', 'less humid', 'least humid', 'lower humidity', 'less moisture'],
  ],
  [
    ['higher', 'highest', 'bigger', 'biggest', 'larger', 'largest', 'greater', 'more', 'most', 'stronger', 'strongest'],
    ['lower', 'lowest', 'smaller', 'smallest', 'less', 'least', 'weaker', 'weakest', 'fewer', 'fewest'],
  ],
  [
    ['farther', 'further', 'farthest', 'furthest'],
    ['closer', 'closest', 'nearer', 'nearest'],
  ],
];

/** Words for the other extreme of a choice whose cues are `cues`, none when no opposite is known. */
function inverseCues(cues: readonly string[]): string[] {
  const out = new Set<string>();
  for (const cue of cues) {
    const word = cue.toLowerCase();
    for (const [a, b] of OPPOSITES) {
      if (a.includes(word)) for (const w of b) out.add(w);
      if (b.includes(word)) for (const w of a) out.add(w);
    }
  }
  const said = new Set(cues.map((c) => c.toLowerCase()));
  return [...out].filter((w) => !said.has(w));
}

/** "above" for a value compared greater than a constant, "below" for less than; undefined for anything else. */
function thresholdDirection(expr: Expr, zero: boolean): 'above' | 'below' | undefined {
  if (!('op' in expr) || !['gt', 'ge', 'lt', 'le'].includes(expr.op) || expr.args.length !== 2) return undefined;
  const [a, b] = expr.args as [Expr, Expr];
  // A sign test (a change above 0) is said against the other reading, not with threshold words.
  if (!zero && (('const' in b && b.const === 0) || ('const' in a && a.const === 0))) return undefined;
  const upward = expr.op === 'gt' || expr.op === 'ge';
  if ('const' in b && !('const' in a)) return upward ? 'above' : 'below';
  if ('const' in a && !('const' in b)) return upward ? 'below' : 'above';
  return undefined;
}

/** A threshold question whose yes is that the series kept away from the line: its highest under it, its lowest over it. */
function staysAway(expr: Expr, direction: 'above' | 'below'): boolean {
  if (!('op' in expr)) return false;
  const series = expr.args.find((arg): arg is Extract<Expr, { ref: string }> => 'ref' in arg);
  return (series?.agg === 'max' && direction === 'below') || (series?.agg === 'min' && direction === 'above');
}

/** The boolean field an expression states directly (last/first/any/all/none of it), if it does. */
function plainBoolean(expr: Expr, expansion: Expansion): { facts: Extract<FieldFacts, { kind: 'boolean' }>; field: string; negated: boolean } | undefined {
  if (!('ref' in expr) || expr.where !== undefined) return undefined;
  const facts = expansion.bound.get(expr.ref)?.facts;
  if (facts?.kind !== 'boolean') return undefined;
  if (!['first', 'last', 'any', 'all', 'none'].includes(expr.agg)) return undefined;
  return { facts, field: rootField(expansion.bound.get(expr.ref)?.field ?? ''), negated: expr.agg === 'none' };
}

function round6(value: number): number {
  return Number(value.toPrecision(6));
}

function compileAnswer(says: readonly Say[], expansion: Expansion, problems: Problems): AnswerFact[] {
  const facts: AnswerFact[] = [];
  const types = refTypes(expansion);
  says.forEach((item, index) => {
    const context = `answer ${index + 1}`;
    const id = `a${index + 1}`;
    const when = item.when === undefined ? undefined : resolveRefs(item.when, expansion, problems, `${context} when`);
    if (when !== undefined) {
      const whenType = typeOf(when, types);
      if (whenType.ok && whenType.type !== 'boolean') problems.add(`${context}: "when" must be a yes/no expression`);
      if (!whenType.ok) problems.add(`${context} when: ${whenType.error}`);
    }
    const withWhen = <T extends AnswerFact>(fact: T): T => (when === undefined ? fact : { ...fact, when });
    if (item.say === 'mentions') {
      facts.push(withWhen({ id, kind: 'mentions', says: item.says, any: [...item.any] }));
      return;
    }
    if (item.say === 'which') {
      const value: Expr = {
        pick: item.by,
        of: item.options.map((o) => ({ label: o.label, value: resolveRefs(o.value, expansion, problems, context) })),
      };
      const checked = typeOf(value, types);
      if (!checked.ok) problems.add(`${context}: ${checked.error}`);
      const options = Object.fromEntries(item.options.map((o) => [o.label, [...o.phrases]]));
      const fact: AnswerFact = {
        id,
        kind: 'choice',
        says: item.says ?? `which is ${item.by === 'max' ? 'highest' : 'lowest'}`,
        value,
        options,
        cues: [...item.cues],
      };
      const inverse = inverseCues(item.cues);
      if (inverse.length > 0) fact.inverse_cues = inverse;
      facts.push(withWhen(fact));
      return;
    }
    let value = resolveRefs(item.value, expansion, problems, context);
    if (item.say === 'value' && item.convert !== undefined) value = { convert: value, from: item.convert.from, to: item.convert.to };
    // A share reads as a percentage in an answer ("60 % of the readings").
    if (item.say === 'value' && 'ref' in value && value.agg === 'fraction' && item.convert === undefined) {
      value = { convert: value, from: 'fraction', to: '%' };
    }
    const checked = typeOf(value, types);
    if (!checked.ok) {
      problems.add(`${context}: ${checked.error}`);
      return;
    }
    if (item.say === 'yes-no') {
      if (checked.type !== 'boolean') {
        problems.add(`${context}: yesNo needs a yes/no expression, this one gives a ${checked.type}`);
        return;
      }
      const plain = plainBoolean(value, expansion);
      let yes = item.yes ? [...item.yes] : undefined;
      let no = item.no ? [...item.no] : undefined;
      if (plain !== undefined) {
        yes ??= [...(plain.negated ? plain.facts.no : plain.facts.yes)];
        no ??= [...(plain.negated ? plain.facts.yes : plain.facts.no)];
      }
      if (yes === undefined || no === undefined || yes.length === 0 || no.length === 0) {
        problems.add(`${context}: give yes and no phrases for this verdict`);
        return;
      }
      // A flag is also stated by its plain noun ("there's no motion", "motion: none"); a threshold by any comparison with it.
      if (plain !== undefined) (plain.negated ? no : yes).push(...(FLAG_NOUNS[plain.field] ?? []).filter((w) => !yes!.includes(w) && !no!.includes(w)));
      const direction = thresholdDirection(value, false);
      if (direction !== undefined) {
        const [up, down] = direction === 'above' ? [yes, no] : [no, yes];
        up.push(...ABOVE_WORDS.filter((w) => !yes!.includes(w) && !no!.includes(w)));
        down.push(...BELOW_WORDS.filter((w) => !yes!.includes(w) && !no!.includes(w)));
        // "It never came anywhere near 100": the line was not reached. That says yes to "did it stay under 100?"
        // (its highest below the line) and "did it stay above 20?" (its lowest above it), no to the others.
        const [reached, notReached] = staysAway(value, direction) ? [no, yes] : [yes, no];
        reached.push(...CROSSED.filter((w) => !yes!.includes(w) && !no!.includes(w)));
        notReached.push(...NOT_CROSSED.filter((w) => !yes!.includes(w) && !no!.includes(w)));
      }
      completeFamilies(yes, no);
      const label = plain === undefined ? 'verdict' : plain.negated ? `no ${plain.facts.label} in any sample` : plain.facts.label;
      const { places, sensors } = referentOf(value, expansion);
      const about = tidy({ places, sensors, stat: 'reading' });
      facts.push(
        withWhen({ id, kind: 'boolean', says: item.says ?? label, value, yes, no, ...(places !== undefined || sensors !== undefined ? { about } : {}) }),
      );
      return;
    }
    if (checked.type === 'boolean') {
      problems.add(`${context}: say() needs a number or text; use yesNo() for a yes/no`);
      return;
    }
    const tolerance = toleranceOf(value, expansion);
    const description = item.says ?? [tolerance.how, tolerance.label].filter((s) => s !== '').join(' ') + (tolerance.unit ? `, ${tolerance.unit}` : '');
    const about = tidy({ ...referentOf(value, expansion), ...(item.say === 'value' ? item.about : {}) } as Partial<Referent> & { stat: Stat });
    if (checked.type === 'string') {
      facts.push(withWhen({ id, kind: 'text', says: description, value, about }));
      return;
    }
    const tol: { abs: number; rel?: number } = { abs: round6(item.tol ?? tolerance.abs) };
    if (tolerance.rel > 0 && item.tol === undefined) tol.rel = tolerance.rel;
    const fact: Extract<AnswerFact, { kind: 'number' }> = { id, kind: 'number', says: description, value, tol, about };
    const unit = item.say === 'value' ? (item.unit ?? tolerance.unit) : tolerance.unit;
    if (unit !== undefined) fact.unit = unit;
    // Key order of the file: the unit before what the value is about.
    const { about: _about, ...rest } = fact;
    facts.push(withWhen({ ...rest, about }));
  });
  return facts;
}

function forbiddenCalls(expansion: Expansion): ForbiddenCall[] {
  const forbidden: ForbiddenCall[] = [];
  for (const [sensor, singleOnly] of expansion.singleOnly) {
    if (!singleOnly) continue;
    forbidden.push({ sensor, args: { real_time: { one_of: [true] } }, reason: `only a current ${sensor} reading was asked for, not a real-time stream` });
    forbidden.push({
      sensor,
      args: { duration: { min: LONGEST_NEEDLESS_SERIES_S + 1 } },
      reason: `only a current ${sensor} reading was asked for, not a series of ${LONGEST_NEEDLESS_SERIES_S + 1} s or more`,
    });
  }
  return forbidden;
}

function worldOf(choice: WorldChoice, seedKey: string, problems: Problems): Task['world'] {
  const scenario = findScenario(choice.scenario);
  if (!scenario) {
    problems.add(`unknown scenario "${choice.scenario}"`);
    return { scenario: choice.scenario, time: new Date(REFERENCE_DATE_MS).toISOString(), seed: 0 };
  }
  let seconds = scenario.defaultHour * 3600;
  if (choice.at !== undefined) {
    const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(choice.at);
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59 || Number(match[3] ?? 0) > 59)
      problems.add(`world "at" must be HH:MM or HH:MM:SS, got "${choice.at}"`);
    else seconds = Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3] ?? 0);
  }
  const seed = choice.seed ?? hashString(seedKey) % 100_000;
  return { scenario: scenario.name, time: new Date(REFERENCE_DATE_MS + seconds * 1000).toISOString(), seed };
}

interface TaskPlan {
  id: string;
  parent?: string;
  variant?: Variant;
  style?: Style;
  category: Category;
  world: Task['world'];
  prompt: string;
  measures: Record<string, Measure>;
  answer: readonly Say[];
  /** The tool this task exists for, first in `tools`. */
  primaryTool: string;
}

function buildTask(plan: TaskPlan, layout: Layout, problems: Problems): Task | undefined {
  const before = problems.list.length;
  const expansion = expandMeasures(plan.measures, layout, problems);
  const types = refTypes(expansion);
  const calls = expansion.calls.map((call) => {
    if (call.when === undefined) return call;
    const when = resolveRefs(call.when, expansion, problems, `call "${call.id}" when`);
    const checked = typeOf(when, types);
    if (!checked.ok) problems.add(`call "${call.id}" when: ${checked.error}`);
    if (refsOf(when).has(call.id)) problems.add(`call "${call.id}" depends on itself`);
    return { ...call, when };
  });
  const answer = compileAnswer(plan.answer, expansion, problems);
  // A call is required when the answer (or another call's condition) needs its value: a goal-only
  // question about a read_all entry may rest on one field, and a model reading just that one is right.
  const needed = new Set<string>();
  for (const fact of answer) {
    if (fact.kind !== 'mentions') refsOf(fact.value, needed);
    if (fact.when) refsOf(fact.when, needed);
  }
  for (const call of calls) if (call.when) refsOf(call.when, needed);
  const required = calls.some((call) => needed.has(call.id)) ? calls.filter((call) => needed.has(call.id)) : calls;
  if (plan.prompt.trim() !== plan.prompt || plan.prompt.length < 8) problems.add('prompt must be a trimmed sentence');
  if (problems.list.length > before) return undefined;
  const task: Task = {
    version: TASK_FORMAT_VERSION,
    id: plan.id,
    suite: plan.parent === undefined ? 'basic' : 'complex',
    category: plan.category,
    sensors: [...new Set(required.flatMap((call) => call.any_of.map((o) => optionDevice(o))))].sort(),
    places: [...new Set(required.flatMap((call) => call.any_of.flatMap((o) => placesOf(o, layout))))].sort(),
    tools: [...new Set([plan.primaryTool, ...required.map((call) => `${call.any_of[0]!.sensor}/${call.any_of[0]!.tool}`)])],
    world: plan.world,
    prompt: plan.prompt,
    expect: {
      calls: required,
      forbidden: forbiddenCalls(expansion).filter((f) => required.some((call) => call.any_of.some((o) => o.sensor === f.sensor))),
      max_steps: required.length + SPARE_STEPS,
      answer,
    },
  };
  // Fixed key order keeps the files diffable: identity first, then what the task is about.
  const ordered: Task = {
    version: task.version,
    id: task.id,
    suite: task.suite,
    ...(plan.parent !== undefined ? { parent: plan.parent } : {}),
    ...(plan.variant !== undefined ? { variant: plan.variant } : {}),
    ...(plan.style !== undefined ? { style: plan.style } : {}),
    category: task.category,
    sensors: task.sensors,
    places: task.places,
    tools: task.tools,
    world: task.world,
    prompt: task.prompt,
    expect: task.expect,
  };
  return ordered;
}

function basicCategory(sampling: Sampling): Category {
  return sampling.kind === 'single' ? 'single-read' : sampling.kind;
}

const VARIANT_PLAN: readonly VariantEntry['kind'][] = [
  'ambiguification',
  'ambiguification',
  'ambiguification',
  'ambiguification',
  'complexification',
  'complexification',
  'complexification',
  'integration',
  'integration',
  'integration',
];

function checkVariantMix(entry: BasicEntry, problems: Problems): void {
  const kinds = entry.variants.map((v) => v.kind);
  if (kinds.length !== VARIANT_PLAN.length || kinds.some((kind, i) => kind !== VARIANT_PLAN[i])) {
    problems.add(`needs exactly 10 variants in the order 4 ambiguification, 3 complexification, 3 integration (has: ${kinds.join(', ') || 'none'})`);
  }
  const styles = entry.variants.flatMap((v) => (v.kind === 'ambiguification' ? [v.style] : []));
  if (new Set(styles).size !== styles.length) problems.add(`ambiguification styles repeat: ${styles.join(', ')}`);
  if (!styles.includes('misspelled')) problems.add('one ambiguification variant must be misspelled');
  const complexCategories = entry.variants.flatMap((v) => (v.kind === 'complexification' ? [v.category] : []));
  if (new Set(complexCategories).size !== complexCategories.length) problems.add(`complexification categories repeat: ${complexCategories.join(', ')}`);
  const integration = entry.variants.filter((v) => v.kind === 'integration');
  if (integration.length > 0 && !integration.some((v) => v.category === 'cross-sensor')) problems.add('at least one integration variant must be cross-sensor');
}

/** Worlds tried for a task whose facts look alike in its first world. */
const WORLDS_TRIED = 60;

/** The yes/no and choice answers of a task in a world: a new world must not change them. */
function verdictsOf(task: Task, run: DryRun): string {
  return JSON.stringify(task.expect.answer.filter((f) => f.kind === 'boolean' || f.kind === 'choice').map((f) => run.facts.get(f.id)));
}

/**
 * A task whose facts look alike in its world (the lowest and highest readings equal, two rooms within a
 * degree) gets the first of a fixed sequence of seeds under which they differ and every verdict stays as the
 * bank wrote it; with none, it keeps its world and `tasks validate` names the lookalikes.
 */
function separated(task: Task, layout: Layout): Task {
  const first = dryRun(task, layout);
  if (lookalikes(task, first).length === 0) return task;
  const verdicts = verdictsOf(task, first);
  for (let k = 1; k <= WORLDS_TRIED; k++) {
    // Other seeds first; then a few minutes later in the same scenario, under the task's own seed.
    const world =
      k <= WORLDS_TRIED / 2
        ? { ...task.world, seed: hashString(`${task.id}#world${k}`) % 100_000 }
        : { ...task.world, time: new Date(Date.parse(task.world.time) + (k - WORLDS_TRIED / 2) * 60_000).toISOString() };
    const candidate: Task = { ...task, world };
    const run = dryRun(candidate, layout);
    if (run.problems.length === 0 && lookalikes(candidate, run).length === 0 && verdictsOf(candidate, run) === verdicts) return candidate;
  }
  return task;
}

export function compileBank(bank: SensorBank, layout: Layout): Compiled {
  const out: Compiled = { basic: [], complex: [], errors: [] };
  const spec = findSensor(bank.sensor);
  // Task ids: "<sensor>.<entry>" for the basic task, "<sensor>.<entry>.v01".."v10" for its variants.
  const sensorPart = sensorPathKey(bank.sensor);
  const keys = new Set<string>();
  for (const entry of bank.entries) {
    const basicId = `${sensorPart}.${entry.key}`;
    const problems = new Problems(basicId);
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(entry.key)) problems.add('key must be lower-case words joined by "-"');
    if (keys.has(entry.key)) problems.add('key is used twice in this bank');
    keys.add(entry.key);
    if (!spec || !(entry.tool in spec.tools))
      problems.add(`"${entry.tool}" is not an MCP tool of ${bank.sensor} (${spec ? Object.keys(spec.tools).join(', ') : 'unknown sensor'})`);
    const primaryTool = `${bank.sensor}/${entry.tool}`;
    const world = worldOf(entry.world, basicId, problems);
    checkVariantMix(entry, problems);
    const basic = buildTask(
      {
        id: basicId,
        category: basicCategory(entry.main.sampling),
        world,
        prompt: entry.prompt,
        measures: { main: entry.main },
        answer: entry.answer,
        primaryTool,
      },
      layout,
      problems,
    );
    if (basic) {
      const offers = basic.expect.calls.some((call) => call.any_of.some((o) => o.sensor === bank.sensor && o.tool === entry.tool));
      if (!offers) problems.add(`the basic task never accepts its own tool ${entry.tool}: its measure's fields come from other tools`);
      else out.basic.push(separated(basic, layout));
    }
    entry.variants.forEach((variant, index) => {
      const id = `${basicId}.v${String(index + 1).padStart(2, '0')}`;
      const variantProblems = new Problems(`${id} (${variant.kind}${variant.kind === 'ambiguification' ? ` ${variant.style}` : ` ${variant.category}`})`);
      const main: Measure = variant.sampling ? { ...entry.main, sampling: variant.sampling } : entry.main;
      const measures: Record<string, Measure> = { main };
      if (variant.kind !== 'ambiguification' && variant.with) {
        for (const [name, measure] of Object.entries(variant.with)) {
          if (name === 'main') variantProblems.add('a "with" measure cannot be called "main"');
          measures[name] = measure;
        }
      }
      const plan: TaskPlan = {
        id,
        parent: basicId,
        variant: variant.kind,
        category: variant.kind === 'ambiguification' ? (variant.category ?? basicCategory(main.sampling)) : variant.category,
        world: variant.world ? worldOf(variant.world, basicId, variantProblems) : world,
        prompt: variant.prompt,
        measures,
        answer: variant.answer ?? entry.answer,
        primaryTool,
      };
      if (variant.kind === 'ambiguification') plan.style = variant.style;
      const task = buildTask(plan, layout, variantProblems);
      if (task && variant.kind === 'integration') {
        if (variant.category === 'cross-sensor' && task.sensors.length < 2) variantProblems.add('cross-sensor needs a measure of another sensor type');
        if (variant.category === 'cross-place' && task.places.length < 2) variantProblems.add('cross-place needs measures in two places');
      }
      if (task && variantProblems.list.length === 0) out.complex.push(separated(task, layout));
      out.errors.push(...variantProblems.list);
    });
    out.errors.push(...problems.list);
  }
  return out;
}

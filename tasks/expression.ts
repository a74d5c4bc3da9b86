import type { Aggregate, Comparison, Expr, Scalar } from './schema.js';
import { convertible, convertValue } from './units.js';

/**
 * Expressions turn a trial's readings into the values its answer must state. `bindings` maps each bound
 * name to the values its field took over the samples of the call that bound it (one value for a single
 * read). Evaluation never throws: a value that cannot be computed (the call was never made, a series came
 * back empty, a division by zero) is an error value naming why.
 */

export type ValueType = 'number' | 'boolean' | 'string';
export type Bindings = ReadonlyMap<string, readonly Scalar[]>;
export type Evaluated = { ok: true; value: Scalar } | { ok: false; error: string };

const ok = (value: Scalar): Evaluated => ({ ok: true, value });
const fail = (error: string): Evaluated => ({ ok: false, error });

const NUMERIC_AGGREGATES: ReadonlySet<Aggregate> = new Set(['mean', 'median', 'min', 'max', 'sum', 'range', 'delta']);
const BOOLEAN_AGGREGATES: ReadonlySet<Aggregate> = new Set(['any', 'all', 'none']);

export function compare(cmp: Comparison, a: Scalar, b: Scalar): boolean {
  switch (cmp) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'gt':
      return a > b;
    case 'ge':
      return a >= b;
    case 'lt':
      return a < b;
    case 'le':
      return a <= b;
  }
}

function aggregate(agg: Aggregate, all: readonly Scalar[], values: readonly Scalar[], ref: string): Evaluated {
  if (agg === 'count') return ok(values.length);
  if (agg === 'fraction') return all.length === 0 ? fail(`"${ref}" has no samples`) : ok(values.length / all.length);
  if (BOOLEAN_AGGREGATES.has(agg)) {
    // With a filter these ask about the samples ("all above 30?"); without, about boolean values themselves.
    const passed = values === all ? values.filter((v) => v === true).length : values.length;
    if (agg === 'any') return ok(passed > 0);
    if (agg === 'none') return ok(passed === 0);
    return ok(all.length > 0 && passed === all.length);
  }
  if (values.length === 0) return fail(`"${ref}" has no samples${values !== all ? ' matching the filter' : ''}`);
  if (agg === 'first') return ok(values[0]!);
  if (agg === 'last') return ok(values[values.length - 1]!);
  const numbers: number[] = [];
  for (const value of values) {
    if (typeof value !== 'number') return fail(`"${ref}" holds ${typeof value} values; ${agg} needs numbers`);
    numbers.push(value);
  }
  switch (agg) {
    case 'mean':
      return ok(numbers.reduce((s, v) => s + v, 0) / numbers.length);
    case 'median': {
      const sorted = [...numbers].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      return ok(sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
    }
    case 'min':
      return ok(Math.min(...numbers));
    case 'max':
      return ok(Math.max(...numbers));
    case 'sum':
      return ok(numbers.reduce((s, v) => s + v, 0));
    case 'range':
      return ok(Math.max(...numbers) - Math.min(...numbers));
    case 'delta':
      return ok(numbers[numbers.length - 1]! - numbers[0]!);
    default:
      return fail(`unknown aggregate ${agg}`);
  }
}

function numbersOf(values: readonly Scalar[], op: string): number[] | string {
  const numbers: number[] = [];
  for (const value of values) {
    if (typeof value !== 'number') return `${op} needs numbers, got ${JSON.stringify(value)}`;
    numbers.push(value);
  }
  return numbers;
}

/** The value of an expression over a trial's bindings. */
export function evaluate(expr: Expr, bindings: Bindings): Evaluated {
  if ('const' in expr) return ok(expr.const);
  if ('ref' in expr) {
    const all = bindings.get(expr.ref);
    if (all === undefined) return fail(`no reading bound to "${expr.ref}" (the call that binds it was not made or failed)`);
    const where = expr.where;
    const values = where === undefined ? all : all.filter((v) => compare(where.cmp, v, where.value));
    if (expr.agg === 'fraction' && where === undefined) return fail(`fraction of "${expr.ref}" needs a filter`);
    return aggregate(expr.agg, all, values, expr.ref);
  }
  if ('convert' in expr) {
    const inner = evaluate(expr.convert, bindings);
    if (!inner.ok) return inner;
    if (typeof inner.value !== 'number') return fail(`convert needs a number, got ${JSON.stringify(inner.value)}`);
    if (!convertible(expr.from, expr.to)) return fail(`cannot convert ${expr.from} to ${expr.to}`);
    return ok(convertValue(inner.value, expr.from, expr.to));
  }
  if ('pick' in expr) {
    let best: { label: string; value: number } | undefined;
    for (const option of expr.of) {
      const value = evaluate(option.value, bindings);
      if (!value.ok) return value;
      if (typeof value.value !== 'number') return fail(`pick compares numbers; "${option.label}" is ${JSON.stringify(value.value)}`);
      const better = best === undefined || (expr.pick === 'max' ? value.value > best.value : value.value < best.value);
      if (better) best = { label: option.label, value: value.value };
    }
    return best === undefined ? fail('pick has no options') : ok(best.label);
  }
  // `if` evaluates only the branch it takes, so the other may refer to a call that was rightly skipped.
  if (expr.op === 'if') {
    const [condition, then, otherwise] = expr.args;
    if (condition === undefined || then === undefined || otherwise === undefined) return fail('if needs 3 arguments');
    const test = evaluate(condition, bindings);
    if (!test.ok) return test;
    return evaluate(test.value === true ? then : otherwise, bindings);
  }
  const args: Scalar[] = [];
  for (const arg of expr.args) {
    const value = evaluate(arg, bindings);
    if (!value.ok) return value;
    args.push(value.value);
  }
  return apply(expr.op, args);
}

function apply(op: Exclude<Extract<Expr, { op: unknown }>['op'], 'if'>, args: readonly Scalar[]): Evaluated {
  switch (op) {
    case 'and':
      return ok(args.every((a) => a === true));
    case 'or':
      return ok(args.some((a) => a === true));
    case 'not':
      return ok(args[0] !== true);
    case 'eq':
    case 'ne':
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return ok(compare(op, args[0]!, args[1]!));
  }
  const numbers = numbersOf(args, op);
  if (typeof numbers === 'string') return fail(numbers);
  const [a = NaN, b = NaN] = numbers;
  let result: number;
  switch (op) {
    case 'add':
      result = numbers.reduce((s, v) => s + v, 0);
      break;
    case 'mul':
      result = numbers.reduce((s, v) => s * v, 1);
      break;
    case 'sub':
      result = a - b;
      break;
    case 'div':
      if (b === 0) return fail('division by zero');
      result = a / b;
      break;
    case 'min':
      result = Math.min(...numbers);
      break;
    case 'max':
      result = Math.max(...numbers);
      break;
    case 'abs':
      result = Math.abs(a);
      break;
    case 'neg':
      result = -a;
      break;
    case 'round': {
      const factor = 10 ** (numbers.length > 1 ? b : 0);
      result = Math.round(a * factor) / factor;
      break;
    }
  }
  return Number.isFinite(result) ? ok(result) : fail(`${op} gave ${result}`);
}

// ---- Static checks: used by `tasks validate` before any trial runs --------------------------------

export type Typed = { ok: true; type: ValueType } | { ok: false; error: string };
const typed = (type: ValueType): Typed => ({ ok: true, type });
const wrong = (error: string): Typed => ({ ok: false, error });

const ARITY: Readonly<Record<string, [number, number]>> = {
  add: [2, Infinity],
  mul: [2, Infinity],
  sub: [2, 2],
  div: [2, 2],
  min: [1, Infinity],
  max: [1, Infinity],
  abs: [1, 1],
  neg: [1, 1],
  round: [1, 2],
  gt: [2, 2],
  ge: [2, 2],
  lt: [2, 2],
  le: [2, 2],
  eq: [2, 2],
  ne: [2, 2],
  and: [1, Infinity],
  or: [1, Infinity],
  not: [1, 1],
  if: [3, 3],
};

/** The type an expression yields given the types of the bound names, or what is wrong with it. */
export function typeOf(expr: Expr, refTypes: ReadonlyMap<string, ValueType>): Typed {
  if ('const' in expr) return typed(typeof expr.const as ValueType);
  if ('ref' in expr) {
    const type = refTypes.get(expr.ref);
    if (type === undefined) return wrong(`"${expr.ref}" is not bound by any expected call`);
    if (expr.where !== undefined && typeof expr.where.value !== type) {
      return wrong(`filter on "${expr.ref}" compares ${type} values with ${JSON.stringify(expr.where.value)}`);
    }
    if (expr.agg === 'fraction' && expr.where === undefined) return wrong(`fraction of "${expr.ref}" needs a filter`);
    if (NUMERIC_AGGREGATES.has(expr.agg) && type !== 'number') return wrong(`${expr.agg} of "${expr.ref}" needs numbers; it holds ${type}s`);
    if (BOOLEAN_AGGREGATES.has(expr.agg)) {
      if (expr.where === undefined && type !== 'boolean') return wrong(`${expr.agg} of "${expr.ref}" needs booleans or a filter; it holds ${type}s`);
      return typed('boolean');
    }
    if (expr.agg === 'count' || expr.agg === 'fraction') return typed('number');
    return typed(type);
  }
  if ('convert' in expr) {
    const inner = typeOf(expr.convert, refTypes);
    if (!inner.ok) return inner;
    if (inner.type !== 'number') return wrong(`convert needs a number, got a ${inner.type}`);
    if (!convertible(expr.from, expr.to)) return wrong(`cannot convert ${expr.from} to ${expr.to}`);
    return typed('number');
  }
  if ('pick' in expr) {
    const labels = new Set<string>();
    for (const option of expr.of) {
      if (labels.has(option.label)) return wrong(`pick has the label "${option.label}" twice`);
      labels.add(option.label);
      const inner = typeOf(option.value, refTypes);
      if (!inner.ok) return inner;
      if (inner.type !== 'number') return wrong(`pick compares numbers; "${option.label}" is a ${inner.type}`);
    }
    return typed('string');
  }
  const [low, high] = ARITY[expr.op] ?? [1, Infinity];
  if (expr.args.length < low || expr.args.length > high) {
    return wrong(`${expr.op} takes ${low === high ? low : `${low} or more`} arguments, got ${expr.args.length}`);
  }
  const types: ValueType[] = [];
  for (const arg of expr.args) {
    const inner = typeOf(arg, refTypes);
    if (!inner.ok) return inner;
    types.push(inner.type);
  }
  switch (expr.op) {
    case 'and':
    case 'or':
    case 'not':
      return types.every((t) => t === 'boolean') ? typed('boolean') : wrong(`${expr.op} needs booleans, got ${types.join(', ')}`);
    case 'eq':
    case 'ne':
      return types[0] === types[1] ? typed('boolean') : wrong(`${expr.op} compares a ${types[0]} with a ${types[1]}`);
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return types.every((t) => t === 'number') ? typed('boolean') : wrong(`${expr.op} needs numbers, got ${types.join(', ')}`);
    case 'if':
      if (types[0] !== 'boolean') return wrong(`if needs a boolean condition, got a ${types[0]}`);
      return types[1] === types[2] ? typed(types[1]!) : wrong(`if branches differ: ${types[1]} and ${types[2]}`);
    default:
      return types.every((t) => t === 'number') ? typed('number') : wrong(`${expr.op} needs numbers, got ${types.join(', ')}`);
  }
}

/** Every bound name an expression reads. */
export function refsOf(expr: Expr, into: Set<string> = new Set()): Set<string> {
  if ('ref' in expr) into.add(expr.ref);
  else if ('convert' in expr) refsOf(expr.convert, into);
  else if ('pick' in expr) for (const option of expr.of) refsOf(option.value, into);
  else if ('op' in expr) for (const arg of expr.args) refsOf(arg, into);
  return into;
}

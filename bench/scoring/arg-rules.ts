import { nameKey } from '../../core/names.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import type { ArgRule, ArgRules, Scalar } from '../../tasks/schema.js';
import { prefixedToolName } from '../mcp/tool-names.js';
import type { ToolCallRecord } from '../results/trial-record.js';

/**
 * Whether a call's arguments fit a task's argument rules, in the spirit of the Berkeley Function Calling
 * Leaderboard's checker: each argument is judged alone, and a misfit says which argument, the value the model
 * gave and what would have been acceptable, so a researcher reading a failed trial needs nothing else.
 */

/** Arguments whose values name things (a place, a board): compared ignoring case, spaces, '-' and '_'. */
const NAME_ARGUMENTS: ReadonlySet<string> = new Set(['place', 'mcu']);

/** A call's arguments as the server saw them: the model's, plus `mcu` when its tool is pinned to a board. */
export function callArguments(call: ToolCallRecord): Record<string, unknown> | null {
  if (call.args === null) return null;
  return call.pinnedMcu === undefined ? call.args : { ...call.args, mcu: call.pinnedMcu };
}

/** Sensor types by canonical name, so an alias ("DS18X20") or another spelling ("hc_sr04") is the same type. */
export function sameSensor(a: string, b: string): boolean {
  const canonical = (name: string) => findSensor(name)?.name ?? nameKey(name);
  return canonical(a) === canonical(b);
}

/** A call's tool against a task's unprefixed tool name; a host that kept the sensor prefix still matches. */
export function sameTool(callSensor: string, callTool: string, wanted: string): boolean {
  if (callTool === wanted) return true;
  try {
    return callTool === prefixedToolName(callSensor, wanted);
  } catch {
    return false;
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function equalValue(arg: string, value: unknown, wanted: Scalar, tol: number): boolean {
  if (typeof wanted === 'number') return typeof value === 'number' && Math.abs(value - wanted) <= tol + 1e-9;
  if (typeof wanted === 'string') {
    if (typeof value !== 'string') return false;
    return NAME_ARGUMENTS.has(arg) ? nameKey(value) === nameKey(wanted) : value === wanted;
  }
  return value === wanted;
}

/** What a rule accepts, in words: `one of "living-room"`, `between 0.4 and 0.6`, `0 (±0.1) or absent`. */
export function describeRule(rule: ArgRule): string {
  const parts: string[] = [];
  if (rule.one_of !== undefined) {
    const tol = rule.tol !== undefined && rule.tol > 0 ? ` (±${rule.tol})` : '';
    parts.push(rule.one_of.length === 1 ? `${show(rule.one_of[0])}${tol}` : `one of ${rule.one_of.map(show).join(', ')}${tol}`);
  }
  if (rule.min !== undefined && rule.max !== undefined) parts.push(`between ${rule.min} and ${rule.max}`);
  else if (rule.min !== undefined) parts.push(`at least ${rule.min}`);
  else if (rule.max !== undefined) parts.push(`at most ${rule.max}`);
  const accepted = parts.length > 0 ? parts.join(' and ') : 'any value';
  return rule.optional === true ? `${accepted}, or left out` : accepted;
}

/** Why a present value misses a rule, or null when it fits. */
function valueMiss(arg: string, value: unknown, rule: ArgRule): string | null {
  if (rule.one_of !== undefined && !rule.one_of.some((wanted) => equalValue(arg, value, wanted, rule.tol ?? 0))) {
    return `${arg} is ${show(value)}; acceptable: ${describeRule(rule)}`;
  }
  if (rule.min !== undefined || rule.max !== undefined) {
    const inRange = typeof value === 'number' && (rule.min === undefined || value >= rule.min) && (rule.max === undefined || value <= rule.max);
    if (!inRange) return `${arg} is ${show(value)}; acceptable: ${describeRule(rule)}`;
  }
  return null;
}

/**
 * Why one argument misses its rule, or null when it fits. Absent is right only when the rule says the server
 * default is (`optional`); an argument without a rule may take any value.
 */
export function argumentMiss(arg: string, value: unknown, rule: ArgRule | undefined): string | null {
  if (rule === undefined) return null;
  if (value === undefined) return rule.optional === true ? null : `${arg} is missing; needed: ${describeRule(rule)}`;
  return valueMiss(arg, value, rule);
}

/** Every argument of `args` that misses its rule, each as a readable reason (empty when all fit). */
export function argumentMisses(args: Readonly<Record<string, unknown>>, rules: ArgRules): string[] {
  const misses: string[] = [];
  for (const [arg, rule] of Object.entries(rules)) {
    const miss = argumentMiss(arg, args[arg], rule);
    if (miss !== null) misses.push(miss);
  }
  return misses;
}

/**
 * Whether every constraint of a forbidden call's argument rules holds. A forbidden rule describes a value
 * the call must not have, so an absent argument is judged by the server default it stands for (a call
 * without `real_time` runs with `real_time: false`); an absent argument with no default fits only an
 * `optional` rule.
 */
export function forbiddenArgumentsHold(args: Readonly<Record<string, unknown>>, rules: ArgRules, defaults: Readonly<Record<string, Scalar>>): boolean {
  for (const [arg, rule] of Object.entries(rules)) {
    if (rule === undefined) continue;
    const value = args[arg] === undefined ? defaults[arg] : args[arg];
    if (value === undefined) {
      if (rule.optional !== true) return false;
      continue;
    }
    if (valueMiss(arg, value, rule) !== null) return false;
  }
  return true;
}

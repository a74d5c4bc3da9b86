import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import type { ActuatorLevel, ActuatorSpec } from '../../../core/actuators/types.js';
import { nameKey } from '../../../core/names.js';
import { READ_ONLY_COMMAND } from './gate-safe-state.js';
import { withUnit } from './gate-value.js';
import { type ActuatorPolicy, DEFAULT_SAFETY_POLICY, type PolicyRule, type RuleCondition, type SafetyPolicy, safeStateIsHazardous } from './policy.js';

/**
 * The safety policy file, JSON or YAML by its extension:
 *
 * ```yaml
 * confirmation: { expiresAfterMs: 120000 }
 * actuators:
 *   "*": { minIntervalMs: 1000 }          # a floor for every actuator
 *   relay-valve:                          # any spelling of a name or alias
 *     minIntervalMs: 10000                # may not be below the datasheet's
 *     confirm: [{ when: { gt: 50 }, reason: the main valve floods the kitchen when opened wide }]
 *     deny: [{ when: { command: open }, reason: fully opening is off limits in this house }]
 * ```
 *
 * A rule on a command covers every move to a value that command can set, by any command (`policy.ts`).
 *
 * A file that does not parse, has a key the schema does not know, names an actuator or command that does not
 * exist, writes a rule that can never apply, or would loosen a datasheet is refused whole, with every problem,
 * its path and its line: a policy the operator got wrong must stop the server, not quietly allow more than
 * they meant. A `*` interval below some datasheet's is a floor, not a loosening: the stricter always holds.
 */

const CommandNamesSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const ConditionSchema = z
  .strictObject({
    command: CommandNamesSchema.optional(),
    gt: z.number().optional(),
    gte: z.number().optional(),
    lt: z.number().optional(),
    lte: z.number().optional(),
    eq: z.number().optional(),
  })
  .refine((when) => Object.keys(when).length > 0, 'name at least one of command, gt, gte, lt, lte, eq (leave `when` out for a rule on every move)');

const RuleSchema = z.strictObject({ when: ConditionSchema.optional(), reason: z.string().trim().min(1) });

const ActuatorPolicySchema = z.strictObject({
  minIntervalMs: z.number().int().nonnegative().optional(),
  confirm: z.array(RuleSchema).optional(),
  deny: z.array(RuleSchema).optional(),
});

const ConfirmationSchema = z.strictObject({ expiresAfterMs: z.number().int().min(1000).max(3_600_000) });

const PolicyFileSchema = z.strictObject({
  confirmation: ConfirmationSchema.optional(),
  actuators: z.record(z.string(), ActuatorPolicySchema).optional(),
});

type PolicyFile = z.infer<typeof PolicyFileSchema>;
type RuleEntry = z.infer<typeof RuleSchema>;
type Path = readonly PropertyKey[];

interface Problem {
  path: Path;
  message: string;
}

const EVERY_ACTUATOR = '*';

/** Reads and checks the policy file against the actuators the server drives; throws, naming every problem, if it is not right. */
export async function loadSafetyPolicy(file: string, actuators: readonly ActuatorSpec[]): Promise<SafetyPolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`safety policy ${file}: cannot be read: ${(error as Error).message}`);
  }
  return parseSafetyPolicy(text, file, actuators);
}

export function parseSafetyPolicy(text: string, file: string, actuators: readonly ActuatorSpec[]): SafetyPolicy {
  const refused = `safety policy ${file} is refused, and nothing is allowed in its place`;
  const extension = extname(file).toLowerCase();
  const json = extension === '.json';
  if (!json && extension !== '.yaml' && extension !== '.yml') throw new Error(`${refused}: its name must end in .json, .yaml or .yml`);
  if (json) {
    try {
      JSON.parse(text);
    } catch (error) {
      throw new Error(`${refused}: not valid JSON: ${withJsonLine((error as Error).message, text)}`);
    }
  }
  // JSON is read as YAML too (it is a subset): one tree with line numbers for both, and a key given twice is
  // an error in both, where JSON.parse would quietly keep the last.
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) throw new Error(`${refused}: not valid ${json ? 'JSON' : 'YAML'}: ${doc.errors.map((error) => error.message).join('\n')}`);
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) throw new Error(`${refused}: the file is empty; write at least \`actuators: {}\` for the default policy`);
  const problems: Problem[] = [];
  const parsed = PolicyFileSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ path: [...issue.path, key], message: `unknown key; the keys here are ${knownKeys(issue.path)}` });
      } else if (issue.code === 'invalid_type' && !isPresent(raw, issue.path)) {
        problems.push({ path: issue.path, message: `missing: a ${issue.expected} is required here` });
      } else problems.push({ path: issue.path, message: issue.message });
    }
  }
  const policy = parsed.success ? resolve(parsed.data, file, actuators, problems, (path) => lineOf(doc.contents, lines, path)) : undefined;
  if (policy === undefined || problems.length > 0) {
    const listed = problems.map(({ path, message }) => {
      const line = lineOf(doc.contents, lines, path);
      return `  ${line === undefined ? '' : `line ${line}, `}${shownPath(path)}: ${message}`;
    });
    throw new Error(`${refused}:\n${listed.join('\n')}`);
  }
  return policy;
}

function resolve(
  data: PolicyFile,
  file: string,
  actuators: readonly ActuatorSpec[],
  problems: Problem[],
  lineAt: (path: Path) => number | undefined,
): SafetyPolicy {
  const byKey = new Map<string, ActuatorSpec>();
  for (const spec of actuators) for (const name of [spec.name, ...spec.aliases]) byKey.set(nameKey(name), spec);
  const origin = (path: Path): string => `${file} line ${lineAt(path) ?? '?'}`;
  const byActuator = new Map<string, ActuatorPolicy>();
  const writtenAs = new Map<string, string>();
  let everyActuator = DEFAULT_SAFETY_POLICY.everyActuator;
  for (const [name, entry] of Object.entries(data.actuators ?? {})) {
    const path = ['actuators', name];
    const spec = name === EVERY_ACTUATOR ? undefined : byKey.get(nameKey(name));
    if (name !== EVERY_ACTUATOR && spec === undefined) {
      const known = actuators.map((actuator) => actuator.name).join(', ') || 'none';
      problems.push({ path, message: `no actuator is called "${name}"; the actuators are ${known} (any spelling), or "${EVERY_ACTUATOR}" for all of them` });
      continue;
    }
    if (spec) {
      const earlier = writtenAs.get(spec.name);
      if (earlier !== undefined) {
        problems.push({ path, message: `names ${spec.name} again (already as "${earlier}"); give each actuator one entry` });
        continue;
      }
      writtenAs.set(spec.name, name);
      if (entry.minIntervalMs !== undefined && entry.minIntervalMs < spec.minIntervalMs) {
        problems.push({
          path: [...path, 'minIntervalMs'],
          message: `${entry.minIntervalMs} ms is below ${spec.name}'s datasheet minimum of ${spec.minIntervalMs} ms; a policy may only tighten the datasheet`,
        });
      }
    }
    const rules = (kind: 'confirm' | 'deny'): PolicyRule[] =>
      (entry[kind] ?? []).map((rule, index) => {
        const rulePath = [...path, kind, index];
        checkRule(rule, rulePath, spec, actuators, problems);
        return toRule(rule, origin(rulePath));
      });
    const resolved: ActuatorPolicy = {
      ...(entry.minIntervalMs === undefined ? {} : { minIntervalMs: entry.minIntervalMs }),
      confirm: rules('confirm'),
      deny: rules('deny'),
    };
    if (spec) byActuator.set(nameKey(spec.name), resolved);
    else everyActuator = resolved;
  }
  return {
    origin: file,
    confirmationExpiresMs: data.confirmation?.expiresAfterMs ?? DEFAULT_SAFETY_POLICY.confirmationExpiresMs,
    everyActuator,
    byActuator,
  };
}

/**
 * A rule that names a command nobody has, values the actuator never takes, or only a safe state the gate never
 * holds back, is a mistake that would never apply.
 */
function checkRule(rule: RuleEntry, path: Path, spec: ActuatorSpec | undefined, actuators: readonly ActuatorSpec[], problems: Problem[]): void {
  const when = rule.when;
  if (when === undefined) return;
  for (const command of commandList(when.command)) {
    if (command === READ_ONLY_COMMAND) {
      problems.push({
        path: [...path, 'when', 'command'],
        message: `\`${READ_ONLY_COMMAND}\` only reads and is always allowed; a rule on it would never apply`,
      });
    } else if (spec && !Object.hasOwn(spec.commands, command)) {
      problems.push({
        path: [...path, 'when', 'command'],
        message: `${spec.name} has no command \`${command}\`; its commands are ${Object.keys(spec.commands).join(', ')}`,
      });
    } else if (!spec && !actuators.some((actuator) => Object.hasOwn(actuator.commands, command))) {
      problems.push({ path: [...path, 'when', 'command'], message: `no actuator has a command \`${command}\`` });
    }
  }
  const reach = (actuator: ActuatorSpec): Reach => reachOf(when, actuator);
  if (spec) {
    const [low, high] = spec.level.range;
    const { any, beyondSafe } = reach(spec);
    if (!any) {
      problems.push({
        path: [...path, 'when'],
        message: `matches no value ${spec.name} takes (${spec.level.field} ${low} to ${withUnit(high, spec.level)}${when.command === undefined ? '' : ' that the commands named can set'}); the rule would never apply`,
      });
    } else if (!beyondSafe && !safeStateIsHazardous(spec)) {
      problems.push({
        path: [...path, 'when'],
        message: `matches only ${spec.name}'s safe state (${spec.level.field} ${withUnit(spec.safe, spec.level)}), and a move to the safe state is never held back; the rule would never apply`,
      });
    }
  } else if (!actuators.some((actuator) => (safeStateIsHazardous(actuator) ? reach(actuator).any : reach(actuator).beyondSafe))) {
    problems.push({
      path: [...path, 'when'],
      message: 'matches no move of any actuator that the gate holds back (a move to a safe state never is); the rule would never apply',
    });
  }
}

/** Whether a rule matches some value an actuator takes, and some value other than its safe state. */
interface Reach {
  any: boolean;
  beyondSafe: boolean;
}

/** A rule names commands for the values they can set (`policy.ts`): a fixed command's value, or the whole range. */
function reachOf(when: RuleEntry['when'] & object, spec: ActuatorSpec): Reach {
  const bounds = boundsOf(when, spec.level);
  const commands = commandList(when.command).filter((command) => command !== READ_ONLY_COMMAND && Object.hasOwn(spec.commands, command));
  const fixed = commands.map((command) => spec.commands[command]?.sets);
  if (when.command === undefined || fixed.includes(undefined)) return rangeReach(bounds, spec.level.integer, spec.safe);
  const values = fixed.filter((value): value is number => value !== undefined && bounds.holds(value));
  return { any: values.length > 0, beyondSafe: values.some((value) => value !== spec.safe) };
}

interface Bounds {
  low: number;
  lowOpen: boolean;
  high: number;
  highOpen: boolean;
  holds: (value: number) => boolean;
}

/** The values of the level a rule's bounds leave, as one interval. */
function boundsOf(when: RuleEntry['when'] & object, level: ActuatorLevel): Bounds {
  let [low, high] = level.range;
  let lowOpen = false;
  let highOpen = false;
  const above = (bound: number, open: boolean): void => {
    if (bound > low || (bound === low && open)) [low, lowOpen] = [bound, open];
  };
  const below = (bound: number, open: boolean): void => {
    if (bound < high || (bound === high && open)) [high, highOpen] = [bound, open];
  };
  if (when.gt !== undefined) above(when.gt, true);
  if (when.gte !== undefined) above(when.gte, false);
  if (when.lt !== undefined) below(when.lt, true);
  if (when.lte !== undefined) below(when.lte, false);
  if (when.eq !== undefined) {
    above(when.eq, false);
    below(when.eq, false);
  }
  const holds = (value: number): boolean => (lowOpen ? value > low : value >= low) && (highOpen ? value < high : value <= high);
  return { low, lowOpen, high, highOpen, holds };
}

function rangeReach({ low, lowOpen, high, highOpen }: Bounds, integer: boolean, safe: number): Reach {
  if (integer) {
    const first = lowOpen ? Math.floor(low) + 1 : Math.ceil(low);
    const last = highOpen ? Math.ceil(high) - 1 : Math.floor(high);
    return { any: first <= last, beyondSafe: last > first || (first === last && first !== safe) };
  }
  const point = low === high && !lowOpen && !highOpen;
  return { any: low < high || point, beyondSafe: low < high || (point && low !== safe) };
}

function commandList(command: string | string[] | undefined): string[] {
  if (command === undefined) return [];
  return typeof command === 'string' ? [command] : command;
}

function toRule(rule: RuleEntry, origin: string): PolicyRule {
  if (rule.when === undefined) return { reason: rule.reason, origin };
  const when: RuleCondition = {};
  const { command, ...bounds } = rule.when;
  if (command !== undefined) when.command = commandList(command);
  for (const [name, bound] of Object.entries(bounds) as [keyof typeof bounds, number | undefined][]) if (bound !== undefined) when[name] = bound;
  return { when, reason: rule.reason, origin };
}

/** The keys the schema accepts where an unknown one was found, by where it was. */
function knownKeys(path: Path): string {
  const last = path.at(-1);
  const shape =
    path.length === 0
      ? PolicyFileSchema.shape
      : last === 'confirmation'
        ? ConfirmationSchema.shape
        : last === 'when'
          ? { command: 0, gt: 0, gte: 0, lt: 0, lte: 0, eq: 0 }
          : typeof last === 'number'
            ? RuleSchema.shape
            : ActuatorPolicySchema.shape;
  return Object.keys(shape).join(', ');
}

/** Whether the file gives a value at `path` (zod reports a missing key and a wrong type alike). */
function isPresent(raw: unknown, path: Path): boolean {
  let value = raw;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return false;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return true;
}

function shownPath(path: Path): string {
  if (path.length === 0) return '(top)';
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
}

/** The line of the deepest key or item along `path` that the file has. */
function lineOf(root: unknown, lines: LineCounter, path: Path): number | undefined {
  let node = root;
  let offset = (node as Node | null)?.range?.[0];
  for (const segment of path) {
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      next = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
      if (next === undefined) break;
      offset = (next as Node).range?.[0] ?? offset;
    } else break;
    node = next;
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}

/** Node 20's JSON errors give an offset; a person editing the file wants the line. */
function withJsonLine(message: string, text: string): string {
  const position = /at position (\d+)/.exec(message);
  if (position === null || /line \d+/.test(message)) return message;
  return `${message} (line ${text.slice(0, Number(position[1])).split('\n').length})`;
}

import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { nameKey } from '../../../core/names.js';
import { DEFAULT_CODE_EXPIRY_MS } from './confirmation-codes.js';
import { READ_ONLY_COMMAND } from './gate-safe-state.js';
import { withUnit } from './gate-value.js';

/**
 * The operator's safety policy: what the gate asks on top of each actuator's datasheet. It can only add
 * (a longer interval, moves that need the user's confirmation, moves that are refused), never take away from
 * the datasheet; `policy-file.ts` refuses a file that tries. Every policy, the default included, asks for
 * confirmation of a move in the actuator's hazard direction: that rule comes from the datasheet, so a file
 * cannot drop it either.
 *
 * Rules are about the state a move reaches, never about how it is spelled: a rule naming a command applies to
 * every move to a value that command can set, whichever command makes it. So `deny {command: open}` on a
 * window (open sets 100 %) also refuses `set_opening 100`, and a rule naming a command that takes a value
 * (`set_opening`) applies to every value in range, those `open` and `close` set included.
 */

/** When a rule applies to a move. Every condition given must hold; the value is the one the move would set. */
export interface RuleCondition {
  /** The move reaches a value one of these commands can set (not: the call names one of them). */
  command?: readonly string[];
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
  eq?: number;
}

export interface PolicyRule {
  /** Absent: every move. */
  when?: RuleCondition;
  reason: string;
  /** Where the rule was written ("safety.yaml line 7"), or that it is the datasheet's hazard direction. */
  origin: string;
}

export interface ActuatorPolicy {
  minIntervalMs?: number;
  confirm: readonly PolicyRule[];
  deny: readonly PolicyRule[];
}

export interface SafetyPolicy {
  /** The file it was read from, or that it is the default. */
  origin: string;
  confirmationExpiresMs: number;
  /** The `*` entry: applies to every actuator. */
  everyActuator: ActuatorPolicy;
  /** Keyed by `nameKey` of the actuator's canonical name. */
  byActuator: ReadonlyMap<string, ActuatorPolicy>;
}

/** No file: only the datasheets and their hazard directions. */
export const DEFAULT_SAFETY_POLICY: SafetyPolicy = {
  origin: 'default policy',
  confirmationExpiresMs: DEFAULT_CODE_EXPIRY_MS,
  everyActuator: { confirm: [], deny: [] },
  byActuator: new Map(),
};

/** What holds for one actuator: its datasheet, the `*` entry and its own entry together. */
export interface EffectivePolicy {
  /** The strictest of the datasheet's, the `*` entry's and the actuator's own. */
  minIntervalMs: number;
  confirm: readonly PolicyRule[];
  deny: readonly PolicyRule[];
}

/**
 * Whether moving to the safe state is itself the hazardous move: the safe state lies at the end of the range
 * the hazard direction points to (a buzzer: off is safe for the equipment, and silencing it is the hazard).
 * For such an actuator the gate checks moves to the safe state like any other (hazard confirmation, policy
 * rules); for every other actuator a move to the safe state is never held back.
 */
export function safeStateIsHazardous(spec: ActuatorSpec): boolean {
  const [low, high] = spec.level.range;
  return (spec.hazard === 'lower' && spec.safe <= low) || (spec.hazard === 'raise' && spec.safe >= high);
}

/**
 * Moving away from the safe state in the hazard direction needs confirmation. It is judged against the safe
 * state, not against the state the actuator is believed to be in: the gate cannot see a board that reset or a
 * command that failed, and a belief that is wrong must not skip a confirmation. So lowering a valve from 80 %
 * to 30 % open asks too, which costs a question and never a flood.
 *
 * When the safe state itself lies in the hazard direction, nothing lies beyond it, so the move is judged
 * against the other end of the range: every move below a buzzer's "on" (silencing it) asks. This asks always,
 * also when there is nothing to warn of: judging the world (a fire, a flame) is for later, and asking is the
 * safe default until then.
 */
export function hazardRule(spec: ActuatorSpec): PolicyRule | undefined {
  if (spec.hazard === 'none') return undefined;
  const raise = spec.hazard === 'raise';
  const [low, high] = spec.level.range;
  const inward = safeStateIsHazardous(spec);
  const from = inward ? (raise ? low : high) : spec.safe;
  const what = inward
    ? `its far end (${withUnit(from, spec.level)}; its safe state ${withUnit(spec.safe, spec.level)} is in that direction too)`
    : `its safe state (${withUnit(spec.safe, spec.level)})`;
  return {
    when: raise ? { gt: from } : { lt: from },
    reason: `${raise ? 'raising' : 'lowering'} ${spec.name}'s ${spec.level.field} ${raise ? 'above' : 'below'} ${what} can make the home less safe`,
    origin: `${spec.name}'s datasheet (hazard: ${spec.hazard})`,
  };
}

export function policyFor(policy: SafetyPolicy, spec: ActuatorSpec): EffectivePolicy {
  const own = policy.byActuator.get(nameKey(spec.name));
  const every = policy.everyActuator;
  const hazard = hazardRule(spec);
  return {
    minIntervalMs: Math.max(spec.minIntervalMs, every.minIntervalMs ?? 0, own?.minIntervalMs ?? 0),
    confirm: [...(hazard ? [hazard] : []), ...every.confirm, ...(own?.confirm ?? [])],
    deny: [...every.deny, ...(own?.deny ?? [])],
  };
}

/** Whether `command` of `spec` can set `value`: the value it always sets, or any value when the caller gives it. */
export function commandCanSet(spec: ActuatorSpec, command: string, value: number): boolean {
  if (command === READ_ONLY_COMMAND || !Object.hasOwn(spec.commands, command)) return false;
  const sets = spec.commands[command]?.sets;
  return sets === undefined || sets === value;
}

/** Whether `rule` applies to a move of `spec` to `value`, by whichever command. */
export function ruleApplies(rule: PolicyRule, spec: ActuatorSpec, value: number): boolean {
  const when = rule.when;
  if (when === undefined) return true;
  if (when.command !== undefined && !when.command.some((command) => commandCanSet(spec, command, value))) return false;
  if (when.gt !== undefined && !(value > when.gt)) return false;
  if (when.gte !== undefined && !(value >= when.gte)) return false;
  if (when.lt !== undefined && !(value < when.lt)) return false;
  if (when.lte !== undefined && !(value <= when.lte)) return false;
  if (when.eq !== undefined && value !== when.eq) return false;
  return true;
}

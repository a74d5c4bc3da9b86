import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { nameKey } from '../../../core/names.js';
import { DEFAULT_CODE_EXPIRY_MS } from './confirmation-codes.js';
import { withUnit } from './gate-value.js';

/**
 * The operator's safety policy: what the gate asks on top of each actuator's datasheet. It can only add
 * (a longer interval, moves that need the user's confirmation, moves that are refused), never take away from
 * the datasheet; `policy-file.ts` refuses a file that tries. Every policy, the default included, asks for
 * confirmation of a move in the actuator's hazard direction: that rule comes from the datasheet, so a file
 * cannot drop it either.
 */

/** When a rule applies to a move. Every condition given must hold; the value is the one the move would set. */
export interface RuleCondition {
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
 * Moving away from the safe state in the hazard direction needs confirmation. It is judged against the safe
 * state, not against the state the actuator is believed to be in: the gate cannot see a board that reset or a
 * command that failed, and a belief that is wrong must not skip a confirmation. So lowering a valve from 80 %
 * to 30 % open asks too, which costs a question and never a flood.
 */
export function hazardRule(spec: ActuatorSpec): PolicyRule | undefined {
  if (spec.hazard === 'none') return undefined;
  const raise = spec.hazard === 'raise';
  return {
    when: raise ? { gt: spec.safe } : { lt: spec.safe },
    reason: `${raise ? 'raising' : 'lowering'} ${spec.name}'s ${spec.level.field} ${raise ? 'above' : 'below'} its safe state (${withUnit(spec.safe, spec.level)}) can make the home less safe`,
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

export function ruleApplies(rule: PolicyRule, command: string, value: number): boolean {
  const when = rule.when;
  if (when === undefined) return true;
  if (when.command !== undefined && !when.command.includes(command)) return false;
  if (when.gt !== undefined && !(value > when.gt)) return false;
  if (when.gte !== undefined && !(value >= when.gte)) return false;
  if (when.lt !== undefined && !(value < when.lt)) return false;
  if (when.lte !== undefined && !(value <= when.lte)) return false;
  if (when.eq !== undefined && value !== when.eq) return false;
  return true;
}

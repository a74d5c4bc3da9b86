import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { nameKey } from '../../../core/names.js';
import { type ConfirmationBinding, ConfirmationCodes } from './confirmation-codes.js';
import type { EmergencyStop, EmergencyStopResult } from './emergency-stop.js';
import type { ActuationRequest, Allowed, GateDecision, Refused } from './gate-decision.js';
import { type ActuatorInstance, rateLimitKey } from './gate-instances.js';
import { RateLimit } from './gate-rate-limit.js';
import { READ_ONLY_COMMAND, safeStateCall } from './gate-safe-state.js';
import { checkValue, withUnit } from './gate-value.js';
import { DEFAULT_SAFETY_POLICY, policyFor, ruleApplies, type SafetyPolicy } from './policy.js';

/**
 * The server-side safety gate: decides on each actuation before it reaches the datapool, whatever the model
 * asked. It writes nothing; the server logs the decision and sends what is allowed.
 *
 * Checks, in order: the command exists; `status` is always allowed; the emergency stop; the value (a finite
 * number in range, whole where the level is); then, unless the move goes to the safe state, the policy's
 * denials, the user's confirmation and the rate limit.
 *
 * Asymmetric gating: a move to the safe state (`safe` in the datasheet) is never held back by a denial, a
 * confirmation, the rate limit or an emergency stop; it is still checked for a known command and a valid value.
 * An emergency stop lets it through because the stop exists to put everything there: its own commands may not
 * have arrived (a board offline at the time), and sending the safe state again can only make the home safer.
 *
 * Nothing here changes the policy or releases a stop: those belong to the operator, who holds the
 * `EmergencyStop` and writes the policy file.
 */

export interface SafetyGateOptions {
  emergencyStop: EmergencyStop;
  /** Default: the default policy (datasheets and hazard directions only). */
  policy?: SafetyPolicy;
  /** ms; default `Date.now`. */
  clock?: () => number;
  /** Confirmation codes one caller, and all callers together, may hold at once. */
  maxCodesPerCaller?: number;
  maxCodes?: number;
}

export class SafetyGate {
  readonly #policy: SafetyPolicy;
  readonly #stop: EmergencyStop;
  readonly #clock: () => number;
  readonly #codes: ConfirmationCodes;
  readonly #rateLimit = new RateLimit();

  constructor(options: SafetyGateOptions) {
    this.#policy = options.policy ?? DEFAULT_SAFETY_POLICY;
    this.#stop = options.emergencyStop;
    this.#clock = options.clock ?? Date.now;
    this.#codes = new ConfirmationCodes({
      clock: this.#clock,
      expiresAfterMs: this.#policy.confirmationExpiresMs,
      ...(options.maxCodesPerCaller === undefined ? {} : { maxPerCaller: options.maxCodesPerCaller }),
      ...(options.maxCodes === undefined ? {} : { maxOutstanding: options.maxCodes }),
    });
  }

  decide(request: ActuationRequest): GateDecision {
    const at = this.#clock();
    const { actuator: spec, command: name } = request;
    const refuse = (refusal: DistributiveOmit<Refused, 'outcome' | 'at'>): Refused => ({ outcome: 'refused', at, ...refusal });
    const command = Object.hasOwn(spec.commands, name) ? spec.commands[name] : undefined;
    if (command === undefined) {
      const commands = Object.keys(spec.commands);
      return refuse({
        rule: 'unknown-command',
        commands,
        message: `${spec.name} has no command \`${name}\`; its commands are ${commands.map((c) => `\`${c}\``).join(', ')}.`,
      });
    }
    if (name === READ_ONLY_COMMAND) return { outcome: 'allowed', at, command: name, readOnly: true, toSafeState: false };

    const safe = safeText(spec);
    const checked = checkValue(spec, name, command, request.value);
    const toSafeState = 'value' in checked && checked.value === spec.safe;
    const stop = this.#stop.state;
    if (stop !== undefined && !toSafeState) {
      return refuse({
        rule: 'emergency-stopped',
        stop,
        message: `Every actuator is under an emergency stop since ${iso(stop.since)} (by ${stop.by}: ${stop.reason}). Until an operator releases it, only \`${READ_ONLY_COMMAND}\` and moves to the safe state (for ${spec.name}: ${safeCallText(spec)}) are accepted. Do not retry; tell the user.`,
      });
    }
    if (!('value' in checked)) {
      const { rule, message, accepts, unit } = checked;
      return refuse({ rule, message, accepts, ...(unit === undefined ? {} : { unit }) });
    }
    const value = checked.value;
    const instance: ActuatorInstance = { actuator: spec, place: request.place, ...(request.mcu === undefined ? {} : { mcu: request.mcu }) };
    if (toSafeState) return this.#allow(instance, { outcome: 'allowed', at, command: name, value, readOnly: false, toSafeState: true });

    const action = describe(request, value);
    const policy = policyFor(this.#policy, spec);
    const denial = policy.deny.find((rule) => ruleApplies(rule, name, value));
    if (denial) {
      return refuse({
        rule: 'denied-by-policy',
        reason: denial.reason,
        origin: denial.origin,
        message: `The operator's safety policy does not allow ${action}: ${denial.reason}. Do not retry it; tell the user. Moves the policy does not forbid, and ${safe}, are accepted.`,
      });
    }

    let spent: string | undefined;
    const reasons = policy.confirm.filter((rule) => ruleApplies(rule, name, value)).map((rule) => rule.reason);
    if (reasons.length > 0) {
      const binding: ConfirmationBinding = {
        caller: request.caller,
        actuator: nameKey(spec.name),
        place: nameKey(request.place),
        mcu: nameKey(request.mcu ?? ''),
        command: name,
        value,
      };
      const code = request.confirmationCode;
      if (code === undefined) {
        const issued = this.#codes.issue(binding, action);
        const tellUser = `I am about to run ${action}. This needs your confirmation because ${reasons.join('; and ')}. Shall I go ahead?`;
        return refuse({
          rule: 'confirmation-required',
          code: issued.code,
          expiresAt: issued.expiresAt,
          reasons,
          tellUser,
          message: `${action} needs the user's confirmation first. Tell the user what will happen and why: "${tellUser}" Only if they agree, call again with the same arguments and confirmationCode "${issued.code}" before ${iso(issued.expiresAt)}. If they do not, do not retry.`,
        });
      }
      const check = this.#codes.check(code, binding);
      if (!check.valid) return refuse({ rule: 'confirmation-invalid', problem: check.problem, message: check.message });
      spent = code;
    }

    const intervalMs = policy.minIntervalMs;
    const waitMs = this.#rateLimit.waitMs(rateLimitKey(instance), intervalMs, at);
    if (waitMs > 0) {
      const why = intervalMs > spec.minIntervalMs ? `the operator's policy; the datasheet asks ${spec.minIntervalMs} ms` : 'its datasheet';
      return refuse({
        rule: 'rate-limited',
        retryAt: at + waitMs,
        waitMs,
        message: `${spec.name} in ${request.place} may move at most once every ${intervalMs} ms (${why}), and moved ${intervalMs - waitMs} ms ago. Try again in ${waitMs} ms, at ${iso(at + waitMs)} or later${spent === undefined ? '' : ', with the same confirmationCode (it is not spent)'}. ${capitalised(safe)} is accepted at any time.`,
      });
    }
    if (spent !== undefined) this.#codes.spend(spent);
    return this.#allow(instance, {
      outcome: 'allowed',
      at,
      command: name,
      value,
      readOnly: false,
      toSafeState: false,
      ...(spent === undefined ? {} : { confirmedWith: spent }),
    });
  }

  /**
   * Stops every actuator: from now on every actuation but `status` and moves to the safe state is refused
   * until the operator releases the stop. Returns the commands that put each known instance in its safe state,
   * for the server to send. Outstanding confirmation codes are voided: the user confirmed them before the
   * emergency. Stopping twice is harmless.
   */
  emergencyStop(caller: string, reason: string): EmergencyStopResult {
    this.#codes.clear();
    return this.#stop.stop(caller, reason);
  }

  #allow(instance: ActuatorInstance, decision: Allowed): Allowed {
    this.#stop.know(instance);
    this.#rateLimit.recordMove(rateLimitKey(instance), decision.at);
    return decision;
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function describe(request: ActuationRequest, value: number): string {
  const { actuator: spec, place, mcu, command } = request;
  return `\`${command}\` on ${spec.name} in ${place}${mcu === undefined ? '' : ` (board ${mcu})`}, setting ${spec.level.field} to ${withUnit(value, spec.level)}`;
}

/** "`off`, speed_pct 0 %": the call that makes an actuator safe and the state it reaches. */
function safeCallText(spec: ActuatorSpec): string {
  const call = safeStateCall(spec);
  const how = call.value === undefined ? `\`${call.command}\`` : `\`${call.command}\` with value ${call.value}`;
  return `${how}, ${spec.level.field} ${withUnit(spec.safe, spec.level)}`;
}

function safeText(spec: ActuatorSpec): string {
  return `moving ${spec.name} to its safe state (${safeCallText(spec)})`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

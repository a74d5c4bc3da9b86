import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { nameKey } from '../../../core/names.js';
import { type ConfirmationBinding, ConfirmationCodes } from './confirmation-codes.js';
import type { EmergencyStop, EmergencyStopResult } from './emergency-stop.js';
import { type ActuationRequest, type Allowed, type GateDecision, LIVE_SCOPE, type Refused } from './gate-decision.js';
import { type ActuatorInstance, rateLimitKey } from './gate-instances.js';
import { RateLimit } from './gate-rate-limit.js';
import { READ_ONLY_COMMAND, safeStateCall } from './gate-safe-state.js';
import { checkValue, withUnit } from './gate-value.js';
import { DEFAULT_SAFETY_POLICY, policyFor, ruleApplies, type SafetyPolicy, safeStateIsHazardous } from './policy.js';

/**
 * The server-side safety gate: decides on each actuation before it reaches the datapool, whatever the model
 * asked. It writes nothing; the server logs the decision, sends what is allowed, and reports each move the
 * datapool carried out with `record`, so only moves that happened count towards the rate limit.
 *
 * Checks, in order: the command exists; the instance is one of the fleet's (the `EmergencyStop` holds the
 * list); `status` is always allowed; the emergency stop of the request's scope or of the fleet; the value (a
 * finite number in range, whole where the level is); then, unless the move goes to the safe state, the
 * policy's denials, the user's confirmation and the rate limit.
 *
 * Asymmetric gating: a move to the safe state (`safe` in the datasheet) is never held back by a denial, a
 * confirmation, the rate limit or an emergency stop; it is still checked for a known command and a valid value.
 * An emergency stop lets it through because the stop exists to put everything there: its own commands may not
 * have arrived (a board offline at the time), and sending the safe state again can only make the home safer.
 * The exception is an actuator whose safe state lies in its own hazard direction (`safeStateIsHazardous`: a
 * buzzer, where off is the safe state and silencing the alarm the hazard): its moves to the safe state pass
 * the policy's denials and confirmations, the datasheet's hazard rule among them, though still no rate limit
 * and no stop.
 *
 * Scopes: the rate limit, a caller's emergency stop and confirmation codes belong to the request's `scope`
 * (a trial, a world context), so concurrent trials never hold each other back. The gate tracks at most
 * `maxScopes` scopes' moves, each at most one entry per fleet instance. When a move of one more is done, the
 * moves of the least recently moved scope other than `live` (`LIVE_SCOPE`, the physical fleet) are forgotten:
 * a trial's scope is its unique trial id, so a trial whose moves are forgotten is long over and never moves
 * again, and a run of any length keeps the gate's memory bounded. Only its rate limit goes: its stop and its
 * codes stay until it ends (each bounded on its own). The server calls `endScope` when a scope is over (a
 * trial ends), which drops its moves, its codes and its stop. `endScope` and `record` are the server's calls,
 * never tools a model can reach.
 *
 * Clocks: a trial's moves are judged on its world's time, the physical fleet's on the gate's clock. A request
 * that carries `worldTimeMs` (a trial: the server sets it from the call's world) is judged at that time: the
 * rate limit counts world time between the trial's moves, the decision's `at` is that time, `record` counts the
 * move done at it, and a stop of the trial's scope is dated by it. A trial's world time moves on with each model
 * turn and each `wait`, however fast the machine answers, so the same agent with the same seeds gets the same
 * verdicts on any machine, and the gate agrees with the boards, which judge a command with a world on its world
 * time too. A request without one (`live`) is judged, and its move recorded once done, on the gate's clock, as
 * a physical actuator's limits run on real time. A world time earlier than the scope's last move of an instance
 * (a host that went back) counts as no time passed since that move (`RateLimit`).
 *
 * Confirmation codes expire on the gate's clock in every scope: a code stands for a person's yes, and a person
 * takes real time to read the question and answer, whatever the world's clock says (the world does not move
 * while a tool call waits for the user's answer). One store holds every scope's codes and drops them in the
 * order they expire, which needs one clock for all. So a trial's message gives the code's life in real time
 * rather than a wall-clock date the world's clock would contradict. It is the one rule a trial meets on the
 * wall clock: a code asked for and used within one call (the tool asks the user) takes seconds, but a model
 * that takes longer than the code's life (5 minutes by default) to come back with it finds it expired.
 *
 * Nothing here changes the policy, stops the whole fleet or releases a stop: those belong to the operator,
 * who holds the `EmergencyStop` and writes the policy file. A stop made there (of a scope or of the fleet)
 * voids the confirmation codes it reaches, as one made through the gate does.
 */

/** Scopes tracked at once by default: far more trials than a bench runs side by side. */
export const DEFAULT_MAX_SCOPES = 256;

export interface SafetyGateOptions {
  /** Also the fleet's instances: the gate moves no other. */
  emergencyStop: EmergencyStop;
  /** Default: the default policy (datasheets and hazard directions only). */
  policy?: SafetyPolicy;
  /** ms since the epoch; what `live` moves and every confirmation code run on. Default `Date.now`. */
  clock?: () => number;
  /** Confirmation codes one caller, and all callers together, may hold at once. */
  maxCodesPerCaller?: number;
  maxCodes?: number;
  /**
   * Scopes whose moves are tracked at once; a move of one more forgets the least recently moved scope's moves
   * (never `live`'s). Only when `live` is the one scope tracked (`maxScopes` 1) is a new scope's move refused.
   */
  maxScopes?: number;
}

export class SafetyGate {
  readonly #policy: SafetyPolicy;
  readonly #stop: EmergencyStop;
  readonly #clock: () => number;
  readonly #codes: ConfirmationCodes;
  readonly #maxScopes: number;
  readonly #moves = new Map<string, RateLimit>();

  constructor(options: SafetyGateOptions) {
    this.#policy = options.policy ?? DEFAULT_SAFETY_POLICY;
    this.#stop = options.emergencyStop;
    this.#clock = options.clock ?? Date.now;
    this.#maxScopes = options.maxScopes ?? DEFAULT_MAX_SCOPES;
    if (!Number.isSafeInteger(this.#maxScopes) || this.#maxScopes < 1)
      throw new Error(`safety gate: maxScopes must be a whole number of at least 1, got ${this.#maxScopes}`);
    this.#codes = new ConfirmationCodes({
      clock: this.#clock,
      expiresAfterMs: this.#policy.confirmationExpiresMs,
      ...(options.maxCodesPerCaller === undefined ? {} : { maxPerCaller: options.maxCodesPerCaller }),
      ...(options.maxCodes === undefined ? {} : { maxOutstanding: options.maxCodes }),
    });
    // What the user confirmed before an emergency is not confirmed after it, whoever made the stop.
    this.#stop.onStop((scope) => (scope === undefined ? this.#codes.clear() : this.#codes.clearScope(scope)));
  }

  /** Throws only for a request the server built wrong: a `worldTimeMs` that is not a time. */
  decide(request: ActuationRequest): GateDecision {
    const { worldTimeMs } = request;
    if (worldTimeMs !== undefined && !isTime(worldTimeMs)) {
      throw new Error(`safety gate: worldTimeMs must be a time in ms since the epoch that a date can hold, got ${worldTimeMs}`);
    }
    const worldTime = worldTimeMs !== undefined;
    const at = worldTimeMs ?? this.#clock();
    const { actuator: spec, command: name, scope } = request;
    const refuse = (refusal: DistributiveOmit<Refused, 'outcome' | 'at' | 'worldTime'>): Refused => ({ outcome: 'refused', at, worldTime, ...refusal });
    const command = Object.hasOwn(spec.commands, name) ? spec.commands[name] : undefined;
    if (command === undefined) {
      const commands = Object.keys(spec.commands);
      return refuse({
        rule: 'unknown-command',
        commands,
        message: `${spec.name} has no command \`${name}\`; its commands are ${commands.map((c) => `\`${c}\``).join(', ')}.`,
      });
    }
    const instance: ActuatorInstance = { actuator: spec, place: request.place, ...(request.mcu === undefined ? {} : { mcu: request.mcu }) };
    const where = `${request.place}${request.mcu === undefined ? '' : ` on board ${request.mcu}`}`;
    if (!this.#stop.knows(instance)) {
      return refuse({
        rule: 'unknown-instance',
        message: `There is no ${spec.name} in ${where} in this home. Check the devices and places that exist; do not guess.`,
      });
    }
    const moved = { scope, ...instance };
    if (name === READ_ONLY_COMMAND) return { outcome: 'allowed', at, worldTime, command: name, readOnly: true, toSafeState: false, ...moved };

    const safe = safeText(spec);
    const checked = checkValue(spec, name, command, request.value);
    const toSafeState = 'value' in checked && checked.value === spec.safe;
    const stop = this.#stop.stateFor(scope);
    if (stop !== undefined && !toSafeState) {
      const reach = stop.scope === undefined ? 'Every actuator' : 'Every actuator of this session';
      return refuse({
        rule: 'emergency-stopped',
        stop,
        message: `${reach} is under an emergency stop since ${iso(stop.since)} (by ${stop.by}: ${stop.reason}). Until an operator releases it, only \`${READ_ONLY_COMMAND}\` and moves to the safe state (for ${spec.name}: ${safeCallText(spec)}) are accepted. Do not retry; tell the user.`,
      });
    }
    if (!('value' in checked)) {
      const { rule, message, accepts, unit } = checked;
      return refuse({ rule, message, accepts, ...(unit === undefined ? {} : { unit }) });
    }
    const value = checked.value;
    const allowed = { outcome: 'allowed', at, worldTime, command: name, value, readOnly: false, toSafeState, ...moved } as const;
    if (toSafeState && !safeStateIsHazardous(spec)) return allowed;
    if (!toSafeState && !this.#moves.has(scope) && this.#moves.size >= this.#maxScopes && this.#evictable() === undefined) {
      return refuse({
        rule: 'too-many-scopes',
        message: `The safety gate is tracking as many sessions as it may (${this.#maxScopes}), so it cannot move ${spec.name} for a new one until another ends. Do not retry; tell the user.`,
      });
    }

    const action = describe(request, value);
    const policy = policyFor(this.#policy, spec);
    const denial = policy.deny.find((rule) => ruleApplies(rule, spec, value));
    if (denial) {
      const instead = toSafeState ? 'Moves the policy does not forbid are accepted.' : `Moves the policy does not forbid, and ${safe}, are accepted.`;
      return refuse({
        rule: 'denied-by-policy',
        reason: denial.reason,
        origin: denial.origin,
        message: `The operator's safety policy does not allow ${action}: ${denial.reason}. Do not retry it; tell the user. ${instead}`,
      });
    }

    let spent: string | undefined;
    const reasons = policy.confirm.filter((rule) => ruleApplies(rule, spec, value)).map((rule) => rule.reason);
    if (reasons.length > 0) {
      const binding: ConfirmationBinding = {
        caller: request.caller,
        scope,
        actuator: nameKey(spec.name),
        place: nameKey(request.place),
        mcu: nameKey(request.mcu ?? ''),
        command: name,
        value,
      };
      const code = request.confirmationCode;
      if (code === undefined) {
        const issued = this.#codes.issue(binding, action);
        const before = worldTime
          ? `within ${seconds(this.#policy.confirmationExpiresMs)} of real time (the code is the user's, and runs on their clock, not the world's)`
          : `before ${iso(issued.expiresAt)}`;
        const tellUser = `I am about to run ${action}. This needs your confirmation because ${reasons.join('; and ')}. Shall I go ahead?`;
        return refuse({
          rule: 'confirmation-required',
          reasons,
          confirmation: { code: issued.code, expiresAt: issued.expiresAt, tellUser },
          message: `${action} needs the user's confirmation first, because ${reasons.join('; and ')}. Ask the user to confirm it, saying what will happen and why. The confirmation code goes to the user by another channel, not to you: only if the user confirms and gives you the code, call again with the same arguments and that confirmationCode ${before}. If they do not, do not retry.`,
        });
      }
      const check = this.#codes.check(code, binding);
      if (!check.valid) return refuse({ rule: 'confirmation-invalid', problem: check.problem, message: check.message });
      spent = code;
    }

    if (!toSafeState) {
      const intervalMs = policy.minIntervalMs;
      const hold = this.#moves.get(scope)?.hold(rateLimitKey(instance), intervalMs, at);
      if (hold !== undefined) {
        const { lastMoveAt, sinceMs, waitMs, retryAt } = hold;
        const why = intervalMs > spec.minIntervalMs ? `the operator's policy; the datasheet asks ${spec.minIntervalMs} ms` : 'its datasheet';
        const clock = worldTime ? ' of world time' : '';
        const wentBack = at < lastMoveAt ? ` (at ${iso(lastMoveAt)}, after this call's time, ${iso(at)})` : '';
        return refuse({
          rule: 'rate-limited',
          retryAt,
          waitMs,
          message: `${spec.name} in ${request.place} may move at most once every ${intervalMs} ms${clock} (${why}), and moved ${sinceMs} ms ago${wentBack}. Try again in ${waitMs} ms, at ${iso(retryAt)}${worldTime ? ' world time' : ''} or later${spent === undefined ? '' : ', with the same confirmationCode (it is not spent)'}. ${capitalised(safe)} is accepted at any time.`,
        });
      }
    }
    if (spent === undefined) return allowed;
    this.#codes.spend(spent);
    return { ...allowed, confirmedWith: spent };
  }

  /**
   * The server reports a move `decide` allowed as done (the datapool carried it out): from now on it counts
   * towards the rate limit of its scope, as made at the decision's world time, or (without one) now on the
   * gate's clock. A read records nothing; a move of a scope beyond `maxScopes` makes room by forgetting the
   * least recently moved scope but `live`.
   */
  record(done: Allowed): void {
    if (done.readOnly || !this.#stop.knows(done)) return;
    let moves = this.#moves.get(done.scope);
    if (moves === undefined) {
      if (this.#moves.size >= this.#maxScopes) {
        const victim = this.#evictable();
        if (victim === undefined) return;
        this.#moves.delete(victim);
      }
      moves = new RateLimit();
    } else {
      // A Map keeps insertion order: re-inserting keeps the least recently used scope first.
      this.#moves.delete(done.scope);
    }
    this.#moves.set(done.scope, moves);
    // Live: the datapool took a while to carry the move out, and the board times its own limit from then.
    moves.recordMove(rateLimitKey(done), done.worldTime ? done.at : this.#clock());
  }

  /**
   * Stops every actuator of `scope`: from now on its every actuation but `status` and moves to the safe state
   * is refused until the operator releases the stop or the scope ends. Returns the commands that put each
   * instance of the fleet in its safe state, for the server to send in that scope's world. The scope's
   * outstanding confirmation codes are voided. Stopping twice is harmless. `worldTimeMs`, the trial's world time
   * of the call, dates the stop; without it (or with one that is no time: a stop never fails), the stop's clock.
   */
  emergencyStop(caller: string, scope: string, reason: string, worldTimeMs?: number): EmergencyStopResult {
    return this.#stop.stop(caller, reason, scope, worldTimeMs !== undefined && isTime(worldTimeMs) ? worldTimeMs : undefined);
  }

  /** The least recently moved scope whose moves may be forgotten to make room: any but `live`. */
  #evictable(): string | undefined {
    for (const scope of this.#moves.keys()) if (scope !== LIVE_SCOPE) return scope;
    return undefined;
  }

  /** The scope is over (its trial ended): its moves, its codes and its own stop are forgotten; a fleet stop stands. */
  endScope(scope: string): void {
    this.#moves.delete(scope);
    this.#codes.clearScope(scope);
    this.#stop.endScope(scope);
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

/** Whether `ms` is a time a Date can hold: beyond year 275760 it cannot, and every message naming it would fail. */
function isTime(ms: number): boolean {
  return !Number.isNaN(new Date(ms).getTime());
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** "300 s": a duration as a model reads it. */
function seconds(ms: number): string {
  return `${Math.ceil(ms / 1000)} s`;
}

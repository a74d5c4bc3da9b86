import { type ActuatorInstance, instanceKey, rateLimitKey } from './gate-instances.js';
import { safeStateCall } from './gate-safe-state.js';
import { safeStateIsHazardous } from './policy.js';

/**
 * Emergency stops at two reaches. A scope's stop (a trial, a world context) blocks that scope's moves only, so
 * concurrent trials never stop each other; the fleet stop blocks every scope. Anyone the server lets call
 * actuators may stop their own scope (a model that sees a hazard should be able to); the fleet stop and every
 * release belong to the operator, with a literal confirmation value no model produces by chance. Whoever holds
 * this object is the operator: the gate keeps its reference private and offers callers a scope's stop only.
 * A scope's stop also ends when its scope ends (`endScope`): the trial it stopped is over.
 */

/** The value `release` asks for, literally. */
export const RELEASE_CONFIRMATION = 'RELEASE';

/** Scopes stopped at once; one more stop of a new scope stops the fleet instead, which is never less safe. */
const DEFAULT_MAX_STOPPED_SCOPES = 1024;

export interface EmergencyStopState {
  /** Who stopped. */
  by: string;
  reason: string;
  /** When, ms since the epoch: a trial's world time for a stop made in a trial, else the stop's clock. */
  since: number;
  /** The scope stopped; absent for the fleet stop. */
  scope?: string;
}

/** One command the server sends to put one actuator instance in its safe state. */
export interface SafeStateActuation {
  /** Canonical name. */
  actuator: string;
  place: string;
  mcu?: string;
  command: string;
  value?: number;
}

export interface EmergencyStopResult {
  state: EmergencyStopState;
  /** It was already stopped: the first stop's who, why and when stand. */
  alreadyStopped: boolean;
  /**
   * Every instance of the fleet's safe-state command (in the stopped scope's world, or everywhere). Sent again
   * on a second stop: a command that did not arrive the first time (a board offline) gets another chance, and
   * one that did changes nothing.
   */
  actuations: SafeStateActuation[];
}

export interface EmergencyStopOptions {
  clock?: () => number;
  /**
   * Every actuator instance the fleet carries, those that never moved included (the main valve powers on
   * open): what a stop puts back, and the only instances the gate lets anyone move.
   */
  instances: Iterable<ActuatorInstance>;
  maxStoppedScopes?: number;
}

/** Called on every stop, with the scope stopped (undefined: the fleet), so confirmations given before it are voided. */
export type StopListener = (scope: string | undefined) => void;

export class EmergencyStop {
  readonly #clock: () => number;
  readonly #actuations = new Map<string, SafeStateActuation>();
  /** What a stop sends: every instance except those whose safe state is itself the hazard (an alarm keeps sounding). */
  readonly #stopActuations: SafeStateActuation[] = [];
  /** The actuator and place of each instance, for a call that leaves the board to the datapool. */
  readonly #places = new Set<string>();
  readonly #maxStoppedScopes: number;
  readonly #scopes = new Map<string, EmergencyStopState>();
  readonly #listeners: StopListener[] = [];
  #fleet: EmergencyStopState | undefined;

  /** Throws for a datasheet with no way to its safe state, so such an actuator is never moved in the first place. */
  constructor(options: EmergencyStopOptions) {
    this.#clock = options.clock ?? Date.now;
    this.#maxStoppedScopes = options.maxStoppedScopes ?? DEFAULT_MAX_STOPPED_SCOPES;
    for (const instance of options.instances) {
      const key = instanceKey(instance);
      if (this.#actuations.has(key)) continue;
      this.#places.add(rateLimitKey(instance));
      const actuation: SafeStateActuation = {
        actuator: instance.actuator.name,
        place: instance.place,
        ...(instance.mcu === undefined ? {} : { mcu: instance.mcu }),
        ...safeStateCall(instance.actuator),
      };
      this.#actuations.set(key, actuation);
      // A stop must never be the way to silence an alarm: a buzzer's "safe" off is the move its hazard names.
      if (!safeStateIsHazardous(instance.actuator)) this.#stopActuations.push(actuation);
    }
  }

  /** Whether the fleet has this instance: on the board named, or on some board in that place when none is. */
  knows(instance: ActuatorInstance): boolean {
    return instance.mcu === undefined ? this.#places.has(rateLimitKey(instance)) : this.#actuations.has(instanceKey(instance));
  }

  /** The stop that holds `scope` back (the fleet's first), or undefined when it may move. */
  stateFor(scope: string): EmergencyStopState | undefined {
    return this.#fleet ?? this.#scopes.get(scope);
  }

  /** The fleet stop, undefined while there is none. */
  get state(): EmergencyStopState | undefined {
    return this.#fleet;
  }

  onStop(listener: StopListener): void {
    this.#listeners.push(listener);
  }

  /**
   * Stops `scope`, or the fleet when `scope` is undefined. `at` dates a scope's stop (a trial's world time, so the
   * trial's record reads the same on any machine); the fleet stop is dated by the stop's clock, as it reaches the
   * physical fleet and every trial.
   */
  stop(caller: string, reason: string, scope?: string, at?: number): EmergencyStopResult {
    const why = reason.trim() || '(no reason given)';
    if (scope !== undefined && !this.#scopes.has(scope) && this.#scopes.size >= this.#maxStoppedScopes) {
      return this.stop(caller, `${why} (more than ${this.#maxStoppedScopes} scopes stopped at once: the fleet is stopped instead)`);
    }
    const held = scope === undefined ? this.#fleet : this.#scopes.get(scope);
    const since = scope === undefined ? this.#clock() : (at ?? this.#clock());
    const state = held ?? { by: caller, reason: why, since, ...(scope === undefined ? {} : { scope }) };
    if (scope === undefined) this.#fleet = state;
    else this.#scopes.set(scope, state);
    for (const listener of this.#listeners) listener(scope);
    return { state, alreadyStopped: held !== undefined, actuations: [...this.#stopActuations] };
  }

  /**
   * The operator's release of `scope`'s stop, or of the fleet stop when `scope` is undefined: actuators may
   * move again once `confirmation` is exactly `RELEASE`. Returns the stop it ended, or undefined when there was none.
   */
  release(operator: string, confirmation: string, scope?: string): EmergencyStopState | undefined {
    if (operator.trim() === '') throw new Error('emergency stop: release needs the name of the operator releasing it');
    if (confirmation !== RELEASE_CONFIRMATION) {
      throw new Error(`emergency stop: not released; the confirmation must be exactly ${RELEASE_CONFIRMATION} (got ${JSON.stringify(confirmation)})`);
    }
    if (scope !== undefined) {
      const ended = this.#scopes.get(scope);
      this.#scopes.delete(scope);
      return ended;
    }
    const ended = this.#fleet;
    this.#fleet = undefined;
    return ended;
  }

  /** Forgets `scope`'s stop once the scope itself is over (the trial ended); the fleet stop stands. */
  endScope(scope: string): void {
    this.#scopes.delete(scope);
  }
}

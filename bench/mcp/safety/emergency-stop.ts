import { type ActuatorInstance, instanceKey } from './gate-instances.js';
import { safeStateCall } from './gate-safe-state.js';

/**
 * The fleet-wide emergency stop. Anyone the server lets call actuators may stop (a model that sees a hazard
 * should be able to); only the operator releases, with a literal confirmation value no model produces by
 * chance. Whoever holds this object is the operator: the gate keeps its reference private and offers callers
 * `emergencyStop` only.
 */

/** The value `release` asks for, literally. */
export const RELEASE_CONFIRMATION = 'RELEASE';

export interface EmergencyStopState {
  /** Who stopped. */
  by: string;
  reason: string;
  /** When (the stop's clock, ms). */
  since: number;
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
   * Every known instance's safe-state command. Sent again on a second stop: a command that did not arrive the
   * first time (a board offline) gets another chance, and one that did changes nothing.
   */
  actuations: SafeStateActuation[];
}

export interface EmergencyStopOptions {
  clock?: () => number;
  /** The instances the fleet carries, known before any of them moves. */
  instances?: Iterable<ActuatorInstance>;
}

export class EmergencyStop {
  readonly #clock: () => number;
  readonly #actuations = new Map<string, SafeStateActuation>();
  #state: EmergencyStopState | undefined;

  constructor(options: EmergencyStopOptions = {}) {
    this.#clock = options.clock ?? Date.now;
    for (const instance of options.instances ?? []) this.know(instance);
  }

  /** Whether, since when, by whom and why everything is stopped; undefined while it is not. */
  get state(): EmergencyStopState | undefined {
    return this.#state;
  }

  /**
   * Adds an instance to those a stop puts back. Throws for a datasheet with no way to its safe state, so such
   * an actuator is never moved in the first place.
   */
  know(instance: ActuatorInstance): void {
    const key = instanceKey(instance);
    if (this.#actuations.has(key)) return;
    const call = safeStateCall(instance.actuator);
    this.#actuations.set(key, {
      actuator: instance.actuator.name,
      place: instance.place,
      ...(instance.mcu === undefined ? {} : { mcu: instance.mcu }),
      ...call,
    });
  }

  stop(caller: string, reason: string): EmergencyStopResult {
    const alreadyStopped = this.#state !== undefined;
    this.#state ??= { by: caller, reason: reason.trim() || '(no reason given)', since: this.#clock() };
    return { state: this.#state, alreadyStopped, actuations: [...this.#actuations.values()] };
  }

  /**
   * The operator's release: actuators may move again once `confirmation` is exactly `RELEASE`. Returns the stop
   * it ended, or undefined when nothing was stopped.
   */
  release(operator: string, confirmation: string): EmergencyStopState | undefined {
    if (operator.trim() === '') throw new Error('emergency stop: release needs the name of the operator releasing it');
    if (confirmation !== RELEASE_CONFIRMATION) {
      throw new Error(`emergency stop: not released; the confirmation must be exactly ${RELEASE_CONFIRMATION} (got ${JSON.stringify(confirmation)})`);
    }
    const ended = this.#state;
    this.#state = undefined;
    return ended;
  }
}

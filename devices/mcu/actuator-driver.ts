import type { ActuatorEvent, ActuatorSpec } from '../../core/actuators/types.js';
import { nameKey } from '../../core/names.js';
import type { BoardErrorCode } from '../../core/wire/messages.js';
import type { World } from '../../core/world/types.js';

/** An actuator wired to the board and the name it announces. */
export interface AttachedActuator {
  name: string;
  spec: ActuatorSpec;
}

/**
 * Where an actuator command's state comes from. With a world (a trial's command), the trial's history: the
 * board keeps nothing of it. Without one (a real deployment), the board's own physical state and clock.
 */
export type ActuatorTime = { kind: 'world'; world: World; timeMs: number; history: readonly ActuatorEvent[] } | { kind: 'board'; uptimeMs: number };

/** What a command did: the state after it, or why it was refused. */
export type ActuatorOutcome =
  | { ok: true; actuator: AttachedActuator; state: number; commit: () => void }
  | { ok: false; error: string; code: BoardErrorCode; actuator?: AttachedActuator };

/** The state an actuator holds and when a command last moved it (undefined: never, since power-on). */
interface Held {
  value: number;
  movedAtMs: number | undefined;
}

/**
 * The firmware's actuator drivers, the last line of defence behind the MCP tools' schemas and the safety gate:
 * a command for an actuator the board does not drive, a command the actuator does not have, a value outside
 * its range or not whole where it must be (never clamped), and a command that would move it sooner than its
 * `minIntervalMs` after the last are each refused with their `error_code`. `status` reads the state and never
 * counts against the rate limit; every other command counts, even one that sets the state it already holds.
 *
 * A command that carries a world reads the trial's actuators from the history it carries: the state is the
 * value of the last event for that actuator in the board's place at or before the command's world time (in time
 * order, as the world reads it), else the power-on state, and the rate limit compares the command's world time
 * with that event's. So each trial has its own actuators, concurrent trials cannot trip each other's limits,
 * and the board holds nothing per trial. A command without a world drives the one physical actuator: the board
 * keeps its state and times the limit by its own uptime.
 */
export class ActuatorDrivers {
  private readonly byName = new Map<string, AttachedActuator>();
  private readonly physical = new Map<AttachedActuator, Held>();

  constructor(
    readonly actuators: readonly AttachedActuator[],
    private readonly place: string,
  ) {
    for (const actuator of actuators) {
      for (const name of [actuator.name, actuator.spec.name, ...actuator.spec.aliases]) this.byName.set(nameKey(name), actuator);
      this.physical.set(actuator, { value: actuator.spec.powerOn, movedAtMs: undefined });
    }
  }

  /**
   * Checks and runs one command. A successful command that moves an actuator without a world changes the
   * board's state only when `commit` is called, once its reply is out: a command the board could not answer
   * moved nothing.
   */
  run(name: unknown, command: unknown, value: unknown, time: ActuatorTime): ActuatorOutcome {
    const actuator = typeof name === 'string' ? this.byName.get(nameKey(name)) : undefined;
    if (!actuator) {
      const available = this.actuators.map((a) => a.name).join(', ') || 'none';
      return { ok: false, code: 'unknown-actuator', error: `Actuator ${JSON.stringify(name)} not found. Available actuators: ${available}` };
    }
    const { spec } = actuator;
    const known = typeof command === 'string' && Object.hasOwn(spec.commands, command) ? spec.commands[command] : undefined;
    if (!known) {
      const valid = Object.keys(spec.commands).join(', ');
      return {
        ok: false,
        code: 'unknown-command',
        actuator,
        error: `Unknown command ${JSON.stringify(command)} for actuator ${actuator.name}. Valid commands: ${valid}`,
      };
    }
    const held = this.held(actuator, time);
    const nowMs = time.kind === 'world' ? time.timeMs : time.uptimeMs;
    if (command === 'status') return { ok: true, actuator, state: held.value, commit: () => {} };

    const problem = valueProblem(spec, command as string, known.sets, value);
    if (problem !== undefined) return { ok: false, code: 'out-of-range', actuator, error: problem };
    if (held.movedAtMs !== undefined && nowMs - held.movedAtMs < spec.minIntervalMs) {
      const since = nowMs - held.movedAtMs;
      return {
        ok: false,
        code: 'rate-limited',
        actuator,
        error: `${actuator.name} moved ${since} ms ago and may move at most once every ${spec.minIntervalMs} ms: try again in ${spec.minIntervalMs - since} ms`,
      };
    }
    // valueProblem has checked that a command without a fixed value carries a usable one.
    const state = known.sets ?? (value as number);
    const commit = time.kind === 'board' ? () => this.physical.set(actuator, { value: state, movedAtMs: nowMs }) : () => {};
    return { ok: true, actuator, state, commit };
  }

  private held(actuator: AttachedActuator, time: ActuatorTime): Held {
    if (time.kind === 'board') return this.physical.get(actuator)!;
    const here = time.world.place(this.place).id;
    let last: ActuatorEvent | undefined;
    for (const event of time.history) {
      if (event.timeMs > time.timeMs || this.byName.get(nameKey(event.actuator)) !== actuator) continue;
      if (time.world.place(event.place).id !== here) continue;
      // Events at one time take effect in the order given, as in the world.
      if (last === undefined || event.timeMs >= last.timeMs) last = event;
    }
    return last === undefined ? { value: actuator.spec.powerOn, movedAtMs: undefined } : { value: last.value, movedAtMs: last.timeMs };
  }
}

/** Why `value` cannot go with this command, in one sentence; undefined when it can. */
function valueProblem(spec: ActuatorSpec, command: string, sets: number | undefined, value: unknown): string | undefined {
  const { range, integer, field } = spec.level;
  if (sets !== undefined) {
    if (value === undefined || value === null || value === sets) return undefined;
    return `Command '${command}' of ${spec.name} sets ${field} to ${sets}; value ${JSON.stringify(value)} contradicts it`;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range[0] || value > range[1] || (integer && !Number.isInteger(value))) {
    const wanted = integer ? `a whole number from ${range[0]} to ${range[1]}` : `a number from ${range[0]} to ${range[1]}`;
    return `Command '${command}' of ${spec.name} needs a value (${field}) that is ${wanted}; got ${JSON.stringify(value) ?? 'none'}`;
  }
  return undefined;
}

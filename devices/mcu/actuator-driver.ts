import type { ActuatorEvent, ActuatorSpec } from '../../core/actuators/types.js';
import { nameKey } from '../../core/names.js';
import type { BoardErrorCode } from '../../core/wire/messages.js';
import { actuatorLevelPath, type LevelCommand, type LevelPath } from '../../core/world/level-path.js';
import type { World } from '../../core/world/types.js';

/** The command every actuator has that reads its state and moves nothing. */
export const STATUS_COMMAND = 'status';

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

/** Where an actuator is at a command's time and when a command last moved it (undefined: never, since power-on). */
interface Held {
  level: number;
  movedAtMs: number | undefined;
}

/** The one physical actuator's course since its last move (undefined: never, since power-on). */
interface Course {
  path: LevelPath;
  movedAtMs: number | undefined;
}

/**
 * The firmware's actuator drivers, the last line of defence behind the MCP tools' schemas and the safety gate:
 * a command for an actuator the board does not drive, a command the actuator does not have, a value outside
 * its range or not whole where it must be (never clamped), and a command that would move it sooner than its
 * `minIntervalMs` after the last are each refused with their `error_code`. A move to the actuator's safe state
 * (`spec.safe`) is never rate-limited, as at the safety gate: an emergency stop must land however recently the
 * actuator moved. `status` reads where the actuator is and never counts against the rate limit; every other
 * command counts, even one that sets the state it already holds, and is answered with the state it sets.
 *
 * A command that carries a world reads the trial's actuators from the history it carries: the events for that
 * actuator in the board's place (for a home-wide one, in any place) at or before the command's world time, in
 * time order, laid over the power-on state as the world lays them (`actuatorLevelPath`: a servo is still on its
 * way), and the rate limit compares the command's world time with the last event's. So each trial has its own
 * actuators, concurrent trials cannot trip each other's limits, the board reads what the world reads, and it
 * holds nothing per trial. A command without a world drives the one physical actuator: the board keeps its
 * course and times it and the limit by its own uptime.
 */
export class ActuatorDrivers {
  private readonly byName = new Map<string, AttachedActuator>();
  private readonly physical = new Map<AttachedActuator, Course>();

  constructor(
    readonly actuators: readonly AttachedActuator[],
    private readonly place: string,
  ) {
    for (const actuator of actuators) {
      for (const name of [actuator.name, actuator.spec.name, ...actuator.spec.aliases]) this.byName.set(nameKey(name), actuator);
      this.physical.set(actuator, { path: actuatorLevelPath(actuator.spec, []), movedAtMs: undefined });
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
    const nowMs = time.kind === 'world' ? time.timeMs : time.uptimeMs;
    const held = this.held(actuator, time);
    if (command === STATUS_COMMAND) return { ok: true, actuator, state: held.level, commit: () => {} };

    const problem = valueProblem(spec, command as string, known.sets, value);
    if (problem !== undefined) return { ok: false, code: 'out-of-range', actuator, error: problem };
    // valueProblem has checked that a command without a fixed value carries a usable one.
    const state = known.sets ?? (value as number);
    if (state !== spec.safe && held.movedAtMs !== undefined && nowMs - held.movedAtMs < spec.minIntervalMs) {
      const since = nowMs - held.movedAtMs;
      return {
        ok: false,
        code: 'rate-limited',
        actuator,
        error: `${actuator.name} moved ${since} ms ago and may move at most once every ${spec.minIntervalMs} ms: try again in ${spec.minIntervalMs - since} ms`,
      };
    }
    const commit =
      time.kind === 'board'
        ? () => this.physical.set(actuator, { path: actuatorLevelPath(spec, [{ timeMs: nowMs, value: state }], held.level), movedAtMs: nowMs })
        : () => {};
    return { ok: true, actuator, state, commit };
  }

  private held(actuator: AttachedActuator, time: ActuatorTime): Held {
    if (time.kind === 'board') {
      const { path, movedAtMs } = this.physical.get(actuator)!;
      return { level: path.at(time.uptimeMs), movedAtMs };
    }
    const here = actuator.spec.homeWide ? undefined : time.world.place(this.place).id;
    const commands: LevelCommand[] = [];
    for (const event of time.history) {
      if (event.timeMs > time.timeMs || this.byName.get(nameKey(event.actuator)) !== actuator) continue;
      if (here !== undefined && time.world.place(event.place).id !== here) continue;
      commands.push({ timeMs: event.timeMs, value: event.value });
    }
    // Stable: events at one time take effect in the order given, as in the world.
    commands.sort((a, b) => a.timeMs - b.timeMs);
    const level = actuatorLevelPath(actuator.spec, commands).at(time.timeMs);
    return { level, movedAtMs: commands.at(-1)?.timeMs };
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

/**
 * What an actuator is, as every layer needs to know it: its commands and their ranges, the state it holds, the
 * state it powers on in and the one it falls back to on an emergency stop, and how fast it may be driven. The
 * firmware enforces these as a last line, the MCP tools' schemas and the safety gate enforce them first, and the
 * world model turns what an actuator did into what the sensors see.
 */

/** One value an actuator holds and a command sets: a fan's speed, a window's opening, a valve's position. */
export interface ActuatorLevel {
  /** The field name in replies and tool results (`speed_pct`, `open_pct`, `on`). */
  field: string;
  description: string;
  /** Unit symbol as a reader would write it (`%`); absent for on/off. */
  unit?: string;
  /** The values a command may set, inclusive; on/off actuators use [0, 1] with `integer`. */
  range: readonly [number, number];
  /** Only whole values (on/off, steps). */
  integer: boolean;
  /** Fastest the physical value follows a command, units per second; absent when it follows at once. */
  slewPerS?: number;
}

/** A command the actuator's firmware driver answers: `set` with a value in the level's range, or a fixed value. */
export interface ActuatorCommand {
  description: string;
  /** The value this command sets; absent when the caller gives it (`set_speed`, `value`). */
  sets?: number;
}

/** Which way of moving an actuator can make a home less safe, and so may need the user's confirmation. */
export type HazardDirection = 'raise' | 'lower' | 'none';

export interface ActuatorSpec {
  /** Canonical name ("RELAY-FAN"). */
  name: string;
  /** Other names boards or users use; lookups ignore case, '-', '_', '.' and spaces as well. */
  aliases: readonly string[];
  /** What it does, one line. */
  description: string;
  level: ActuatorLevel;
  /** MCU command -> what it does. Always includes `status` (reads the state without moving anything). */
  commands: Readonly<Record<string, ActuatorCommand>>;
  /** The state after power-on or reset. */
  powerOn: number;
  /** The state an emergency stop puts it in. */
  safe: number;
  /** Shortest time between two commands that move it, ms: rapid cycling wears relays, pumps and servos. */
  minIntervalMs: number;
  /**
   * It acts on the whole home, not only on the place of the board that drives it (the main valve shuts off
   * every tap): the world and the firmware read its commands from any place as one actuator. Absent: its own place.
   */
  homeWide?: boolean;
  /** Moving it this way can be unsafe in some worlds (opening the main valve during a leak). */
  hazard: HazardDirection;
  /** RAM the firmware driver holds while attached, bytes (memory model): our MicroPython driver's measured share. */
  driverMemoryBytes: number;
}

/**
 * One thing a trial's agent did to the world: at `timeMs` (world time), the actuator `actuator` (canonical
 * name) in `place` was set to `value`. A trial's history of these travels with each of its commands, so the
 * world stays a pure function of (scenario, seed, time, history) and concurrent trials never see each other.
 */
export interface ActuatorEvent {
  actuator: string;
  place: string;
  timeMs: number;
  value: number;
}

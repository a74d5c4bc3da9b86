import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { EmergencyStop } from './emergency-stop.js';
import { SafetyGate, type SafetyGateOptions } from './gate.js';
import type { ActuationRequest, GateDecision } from './gate-decision.js';
import type { ActuatorInstance } from './gate-instances.js';

/**
 * Actuators of the gate's tests, written here rather than taken from the catalogue so the tests pin the gate's
 * behaviour to datasheets they control: whole and fractional levels, fixed and valued commands, each hazard.
 */

/** Whole percent steps, nothing hazardous. */
export const FAN: ActuatorSpec = {
  name: 'TEST-FAN',
  aliases: ['ceiling fan'],
  description: 'A fan with a speed in whole percent.',
  level: { field: 'speed_pct', description: 'Fan speed.', unit: '%', range: [0, 100], integer: true },
  commands: { set: { description: 'Set the speed.' }, off: { description: 'Stop.', sets: 0 }, status: { description: 'Read the speed.' } },
  powerOn: 0,
  safe: 0,
  minIntervalMs: 1000,
  hazard: 'none',
  driverMemoryBytes: 64,
};

/** Opening is the hazard; the safe state is closed; any fraction of a percent. */
export const VALVE: ActuatorSpec = {
  name: 'TEST-VALVE',
  aliases: ['main valve'],
  description: 'The water main valve.',
  level: { field: 'open_pct', description: 'How far open.', unit: '%', range: [0, 100], integer: false, slewPerS: 20 },
  commands: {
    set: { description: 'Open to a position.' },
    open: { description: 'Open fully.', sets: 100 },
    close: { description: 'Close.', sets: 0 },
    status: { description: 'Read the position.' },
  },
  powerOn: 0,
  safe: 0,
  minIntervalMs: 5000,
  hazard: 'raise',
  driverMemoryBytes: 96,
};

/** Unlocking is the hazard; the safe state is locked (the high end); on/off with fixed commands only. */
export const LOCK: ActuatorSpec = {
  name: 'TEST-LOCK',
  aliases: ['door lock'],
  description: 'The front door lock.',
  level: { field: 'locked', description: '1 when locked.', range: [0, 1], integer: true },
  commands: { lock: { description: 'Lock.', sets: 1 }, unlock: { description: 'Unlock.', sets: 0 }, status: { description: 'Read the lock.' } },
  powerOn: 1,
  safe: 1,
  minIntervalMs: 2000,
  hazard: 'lower',
  driverMemoryBytes: 48,
};

export const ACTUATORS: readonly ActuatorSpec[] = [FAN, VALVE, LOCK];

/** Silencing is the hazard, and silent is the safe state: moving to the safe state is the hazardous move. */
export const ALARM: ActuatorSpec = {
  name: 'TEST-ALARM',
  aliases: ['siren'],
  description: 'The alarm sounder.',
  level: { field: 'on', description: '1 while it sounds.', range: [0, 1], integer: true },
  commands: { on: { description: 'Sound.', sets: 1 }, off: { description: 'Silence.', sets: 0 }, status: { description: 'Read.' } },
  powerOn: 0,
  safe: 0,
  minIntervalMs: 200,
  hazard: 'lower',
  driverMemoryBytes: 32,
};

/** A clock the test moves by hand. */
export function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

/** The places of the tests' homes; each has each test actuator, on no named board. */
const PLACES = ['living-room', 'kitchen', 'hall', 'study', 'bedroom', 'garage', 'room-0', 'room-100'] as const;

/** The fleet of the gate's tests: every test actuator in every place, and a few on named boards. */
export const INSTANCES: readonly ActuatorInstance[] = [
  ...ACTUATORS.flatMap((actuator) => PLACES.map((place) => ({ actuator, place }))),
  { actuator: FAN, place: 'living-room', mcu: 'board-7' },
  { actuator: VALVE, place: 'kitchen', mcu: 'board-2' },
  { actuator: VALVE, place: 'kitchen', mcu: 'board-3' },
  { actuator: VALVE, place: 'garage', mcu: 'board-2' },
];

/** A gate on a fake clock, with the emergency stop the operator would hold. */
export function gateForTest(options: Partial<Omit<SafetyGateOptions, 'emergencyStop' | 'clock'>> & { instances?: readonly ActuatorInstance[] } = {}) {
  const clock = fakeClock();
  const { instances = INSTANCES, ...rest } = options;
  const stop = new EmergencyStop({ clock: clock.now, instances });
  const gate = new SafetyGate({ ...rest, emergencyStop: stop, clock: clock.now });
  return { gate, stop, clock };
}

export function request(actuator: ActuatorSpec, command: string, value?: unknown, more: Partial<ActuationRequest> = {}): ActuationRequest {
  return { caller: 'session-1', scope: 'trial-1', actuator, place: 'living-room', command, ...(value === undefined ? {} : { value }), ...more };
}

/** Asks the gate and, when it allows, reports the move done, as the server does once the datapool carried it out. */
export function move(gate: SafetyGate, call: ActuationRequest): GateDecision {
  const decision = gate.decide(call);
  if (decision.outcome === 'allowed') gate.record(decision);
  return decision;
}

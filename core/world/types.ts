import type { ActuatorEvent } from '../actuators/types.js';
import type { DeviceNote } from './device-notes.js';
import type { Place } from './places.js';

/**
 * What the simulated world looks like at one place and one instant. Sensors read only this, so every
 * sensor in a place agrees with every other one: two thermometers in the kitchen see the same
 * `airTemperatureC` and differ only by their own accuracy and noise.
 */
export interface PlaceEnvironment {
  place: string;
  /** World time, milliseconds since the Unix epoch. */
  timeMs: number;
  airTemperatureC: number;
  /** Relative humidity, %RH. */
  humidityPct: number;
  /** Temperature of whatever a probe is dipped in (water, soil); equals air where there is none. */
  probeTemperatureC: number;
  illuminanceLux: number;
  uvIndex: number;
  /** Sound pressure level, dBA. */
  soundDb: number;
  /** A warm body moving within a PIR's range. */
  motion: boolean;
  /** Vibration amplitude felt by boards in this place, m/s^2 (0 = still). */
  vibrationMs2: number;
  /** Orientation of the boards in this place, degrees. */
  tiltDeg: { pitch: number; roll: number };
  /** Angular rate while being moved, deg/s. */
  rotationDegS: { x: number; y: number; z: number };
  /** Infrared radiation from an open flame, 0 (none) to 1 (flame right in front). */
  flameIntensity: number;
  /** Magnetic flux density at a Hall sensor, millitesla (signed). */
  magneticFieldMt: number;
  /** Volumetric soil moisture of the pot or bed in this place, %. */
  soilMoisturePct: number;
  /** Water on the floor / at the probe. */
  waterDepthMm: number;
  /** Distance from an ultrasonic ranger to the nearest object, cm. */
  distanceCm: number;
  buttonPressed: boolean;
  touched: boolean;
  beamBlocked: boolean;
  /** Joystick deflection, -1..1 on each axis. */
  joystick: { x: number; y: number; pressed: boolean };
  /** Rotary encoder: detents turned since the world began (signed), and its push switch. */
  encoder: { position: number; pressed: boolean };
}

/** The world a command runs in. Carried on a command so concurrent trials can each see their own. */
export interface WorldContext {
  scenario: string;
  seed: number;
  /** World time of the command's first sample, ms since the epoch. */
  timeMs: number;
  /**
   * What the trial's agent did to the world's actuators so far (`core/world/actuated.ts`); absent or empty: nothing,
   * every actuator at its power-on state.
   */
  actuators?: ActuatorEvent[];
  /**
   * The trial this world belongs to, unique within a run (`<run>/<task>#<trial>`): what the safety gate keeps a
   * trial's rate limits, confirmations and emergency stop under, so two trials of one task never share them.
   */
  trial?: string;
  /** Text the devices of a place report with their actuators' status (`core/world/device-notes.ts`). */
  notes?: DeviceNote[];
}

/** A seeded world: a pure function from (place, time) to environment. */
export interface World {
  readonly scenario: string;
  readonly seed: number;
  readonly places: readonly string[];
  /** The traits of a place, by id or name in any spelling; a name no place matches gets an ordinary room. */
  place(name: string): Place;
  environment(place: string, timeMs: number): PlaceEnvironment;
  /** Deterministic noise: a standard normal value for this key at this time (same inputs, same value). */
  gaussian(key: string, timeMs: number): number;
  /** Deterministic uniform value in [0, 1). */
  uniform(key: string, timeMs: number): number;
}

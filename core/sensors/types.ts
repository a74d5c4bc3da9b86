import type { PlaceEnvironment, World } from '../world/types.js';

/** A value a driver reports: numbers, booleans, small vectors and arrays (DS18B20 reports lists). */
export type FieldValue = number | boolean | string | null | FieldValue[] | { [key: string]: FieldValue };
export type Reading = Record<string, FieldValue>;

export interface FieldSpec {
  /** Unit symbol as a reader would write it ("C", "%RH", "lux", "cm", "V", "m/s2", "deg/s", "deg", "mT", "dBA", "%"); absent for booleans and counts. */
  unit?: string;
  description: string;
  /** Valid range of a numeric field (or of each component of a vector field). */
  range?: [number, number];
}

/** What a sensor driver needs to take one sample. */
export interface SampleContext {
  env: PlaceEnvironment;
  world: World;
  /** Unique per sensor instance (MCU id + sensor name): keys this instance's own noise. */
  instanceKey: string;
}

/**
 * One benchmark sensor type: its identity, the commands its firmware driver answers and the fields each
 * returns, the MCP tools the host exposes for it, and how it turns the world into a reading.
 */
export interface SensorSpec {
  /** Canonical name, as in the reference table ("HC-SR04"). */
  name: string;
  /** Other names boards or users use ("HC_SR04", "DS18X20"); lookups also ignore case, '-' and '_'. */
  aliases: readonly string[];
  /** What it senses, one line. */
  description: string;
  /** How the board reads it. */
  bus: 'digital' | 'analog' | 'i2c' | 'onewire' | 'gpio-timing';
  /** Every field any command can return. */
  fields: Readonly<Record<string, FieldSpec>>;
  /** MCU command -> the reply fields it returns. Always includes `read_all`. */
  commands: Readonly<Record<string, readonly string[]>>;
  /** MCP tool name -> MCU command it sends. Exactly the tools of the reference table. */
  tools: Readonly<Record<string, string>>;
  /** Datasheet conversion time of one sample, ms (used when a fleet asks for datasheet timing). */
  readTimeMs: number;
  /** RAM the firmware driver holds while attached, bytes (memory model): our MicroPython driver's measured share. */
  driverMemoryBytes: number;
  /** Takes one sample: every field of `fields`, mutually consistent (raw, voltage and derived agree). */
  sample(ctx: SampleContext): Reading;
}

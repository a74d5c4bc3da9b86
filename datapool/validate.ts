import { z } from 'zod';
import { ACTUATORS, findActuator } from '../core/actuators/catalogue.js';
import type { ActuatorSpec } from '../core/actuators/types.js';
import { findSensor, SENSORS } from '../core/sensors/catalogue.js';
import { ActuatorHistorySchema, DeviceNotesSchema } from '../core/tool-meta.js';
import { FIRMWARE_DEFAULT_INTERVAL_S } from '../core/wire/messages.js';
import { DatapoolError, type NormalizedCommand } from './types.js';

/**
 * Bounds a command must keep, whoever sends it (the MCP tools keep tighter ones of their own): a sampling
 * interval under 10 ms makes a board flood its link (and a stream at 1 ns never ends well), a series of more
 * than 100,000 samples or a day of sampling is no read, and a command may wait for its board at most a day.
 */
export const MIN_SAMPLING_INTERVAL_S = 0.01;
export const MAX_SERIES_DURATION_S = 86_400;
export const MAX_SERIES_SAMPLES = 100_000;
export const MAX_TTL_MS = 86_400_000;

/**
 * The shape of a command request. `null` is accepted wherever a field may be absent, and unknown keys are
 * ignored: the original MCP tools send `command: null` and an extra `mode` key, and those must work.
 */
const requestSchema = z.object({
  sensor: z.string().trim().min(1).nullish(),
  actuator: z.string().trim().min(1).nullish(),
  command: z.string().trim().min(1).nullish(),
  // Checked by hand below, so that a refusal names the actuator's own range.
  value: z.unknown().optional(),
  interval: z.number().min(0).nullish(),
  duration: z.number().nullish(),
  mcu: z.string().trim().min(1).nullish(),
  place: z.string().trim().min(1).nullish(),
  // A trial's id and device notes ride along to the board (which reports a place's note in actuator status replies).
  world: z
    .object({
      scenario: z.string(),
      seed: z.number(),
      timeMs: z.number(),
      actuators: ActuatorHistorySchema.exactOptional(),
      trial: z.string().min(1).max(200).exactOptional(),
      notes: DeviceNotesSchema.exactOptional(),
    })
    .nullish(),
  ttlMs: z
    .number()
    .positive()
    .max(MAX_TTL_MS, { error: `ttlMs must be at most ${MAX_TTL_MS} (a day)` })
    .nullish(),
});

export interface ValidRequest {
  command: NormalizedCommand;
  /** The request's own TTL, if it gave one. */
  ttlMs: number | undefined;
}

/**
 * Checks a request and fills in defaults: the sensor's canonical name, `read_all`, the firmware's 2 s
 * interval, duration 0. Throws a `DatapoolError` whose message names the field and lists what is valid.
 */
export function normalizeRequest(input: unknown): ValidRequest {
  const parsed = requestSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`);
    throw new DatapoolError('invalid-request', `invalid command request: ${problems.join('; ')}`);
  }
  const request = parsed.data;
  if (request.actuator != null) {
    if (request.sensor != null) {
      throw new DatapoolError('invalid-request', 'a command names a sensor or an actuator, not both');
    }
    return normalizeActuatorRequest(request, request.actuator);
  }
  if (request.sensor == null) {
    throw new DatapoolError(
      'invalid-request',
      `invalid command request: sensor: a command names a sensor (one of ${sensorNames().join(', ')}) or an actuator (one of ${actuatorNames().join(', ')})`,
    );
  }
  if (request.value != null) {
    throw new DatapoolError('invalid-request', 'value is for actuator commands; a sensor command takes none');
  }
  const spec = findSensor(request.sensor);
  if (spec === undefined) {
    throw new DatapoolError('unknown-sensor', `unknown sensor "${request.sensor}"; valid sensors: ${sensorNames().join(', ')}`);
  }
  const commands = Object.keys(spec.commands);
  const wanted = request.command ?? 'read_all';
  const command = commands.find((c) => c === wanted) ?? commands.find((c) => c.toLowerCase() === wanted.toLowerCase());
  if (command === undefined) {
    throw new DatapoolError('unknown-command', `${spec.name} has no command "${wanted}"; its commands: ${commands.join(', ')}`);
  }
  const interval = request.interval ?? FIRMWARE_DEFAULT_INTERVAL_S;
  const duration = request.duration ?? 0;
  if (duration !== 0 && interval <= 0) {
    throw new DatapoolError('invalid-request', `interval must be > 0 seconds when duration is not 0 (got interval ${interval}, duration ${duration})`);
  }
  if (duration !== 0 && interval < MIN_SAMPLING_INTERVAL_S) {
    throw new DatapoolError('invalid-request', `interval must be at least ${MIN_SAMPLING_INTERVAL_S} seconds when sampling (got ${interval})`);
  }
  if (duration > MAX_SERIES_DURATION_S || (duration > 0 && duration / interval > MAX_SERIES_SAMPLES)) {
    throw new DatapoolError(
      'invalid-request',
      `a series may last at most ${MAX_SERIES_DURATION_S} s and take at most ${MAX_SERIES_SAMPLES} samples (got duration ${duration}, interval ${interval})`,
    );
  }
  const normalized: NormalizedCommand = { sensor: spec.name, command, interval, duration };
  if (request.mcu != null) normalized.mcu = request.mcu;
  if (request.place != null) normalized.place = request.place;
  if (request.world != null) normalized.world = request.world;
  return { command: normalized, ttlMs: request.ttlMs ?? undefined };
}

type ParsedRequest = z.infer<typeof requestSchema>;

/**
 * An actuator command: its canonical name, a command of its datasheet, and a value only where that command
 * takes one, finite, in the level's range and whole where the level is. No interval, duration or stream: the
 * board answers it at once. Every refusal is `invalid-request`, naming what would be accepted.
 */
function normalizeActuatorRequest(request: ParsedRequest, actuator: string): ValidRequest {
  const spec = findActuator(actuator);
  if (spec === undefined) {
    throw new DatapoolError('invalid-request', `unknown actuator "${actuator}"; valid actuators: ${actuatorNames().join(', ')}`);
  }
  if (request.interval != null || request.duration != null) {
    throw new DatapoolError('invalid-request', `an actuator command takes no interval or duration: ${spec.name} answers at once`);
  }
  const commands = Object.keys(spec.commands);
  const wanted = request.command;
  const command = wanted == null ? undefined : (commands.find((c) => c === wanted) ?? commands.find((c) => c.toLowerCase() === wanted.toLowerCase()));
  if (command === undefined) {
    const named = wanted == null ? 'an actuator command needs a command' : `${spec.name} has no command "${wanted}"`;
    throw new DatapoolError('invalid-request', `${named}; its commands: ${commands.join(', ')}`);
  }
  const value = request.value ?? undefined;
  if (takesValue(spec, command)) {
    if (typeof value !== 'number' || !inLevelRange(spec, value)) {
      throw new DatapoolError('invalid-request', `${spec.name} ${command} needs a value: ${levelRangeText(spec)} (got ${describe(value)})`);
    }
  } else if (value !== undefined) {
    throw new DatapoolError('invalid-request', `${spec.name} ${command} takes no value (${fixedValueText(spec, command)}); give none`);
  }
  const normalized: NormalizedCommand = { actuator: spec.name, command, interval: 0, duration: 0 };
  if (typeof value === 'number') normalized.value = value;
  if (request.mcu != null) normalized.mcu = request.mcu;
  if (request.place != null) normalized.place = request.place;
  if (request.world != null) normalized.world = request.world;
  return { command: normalized, ttlMs: request.ttlMs ?? undefined };
}

/** The command sets a value the caller gives: neither a fixed one nor `status`. */
function takesValue(spec: ActuatorSpec, command: string): boolean {
  return command !== 'status' && spec.commands[command]?.sets === undefined;
}

function inLevelRange(spec: ActuatorSpec, value: number): boolean {
  const { range, integer } = spec.level;
  return Number.isFinite(value) && value >= range[0] && value <= range[1] && (!integer || Number.isInteger(value));
}

function levelRangeText(spec: ActuatorSpec): string {
  const { range, integer, field, unit } = spec.level;
  return `${field}, ${integer ? 'a whole number' : 'a number'} from ${range[0]} to ${range[1]}${unit === undefined ? '' : ` ${unit}`}`;
}

function fixedValueText(spec: ActuatorSpec, command: string): string {
  const sets = spec.commands[command]?.sets;
  return sets === undefined ? 'it reads the state without moving anything' : `it sets ${spec.level.field} to ${sets}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'none';
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? typeof value);
}

/** Canonical names of every actuator type, in catalogue order. */
export function actuatorNames(): string[] {
  return ACTUATORS.map((spec) => spec.name);
}

/** Canonical names of every sensor type, in catalogue order. */
export function sensorNames(): string[] {
  return Object.values(SENSORS).map((spec) => spec.name);
}

import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ACTUATORS, findActuator } from '../../core/actuators/catalogue.js';
import { packageFile } from '../../core/package.js';
import { findSensor, SENSORS } from '../../core/sensors/catalogue.js';
import { DEFAULT_PLACES, findPlace } from '../../core/world/places.js';
import { findScenario, SCENARIOS } from '../../core/world/world.js';
import type { AttachedActuator } from '../mcu/actuator-driver.js';
import type { AttachedSensor } from '../mcu/firmware.js';
import { FIRMWARE_KINDS, type FirmwareKind } from '../mcu/fleet-board.js';
import { attachedDriversBytes } from '../mcu/memory-model.js';
import type { McuProfile } from '../mcu/profile.js';
import { findProfile, PROFILES } from '../mcu/profiles.js';
import type { NetworkFaults, NetworkProfileName } from '../network/profiles.js';
import { NETWORK_PROFILES } from '../network/profiles.js';

/**
 * A fleet file names the boards of an emulated installation: which model sits in which place with
 * which sensors and, optionally, which actuators, and the world they sense. Example:
 *
 *   { "name": "home", "world": { "scenario": "...", "seed": 1 },
 *     "mcus": [ { "id": "esp32s3-kitchen", "model": "ESP32-S3", "place": "kitchen", "sensors": ["DHT11"],
 *                 "actuators": ["MAIN-VALVE"], "firmware": "micropython" } ] }
 *
 * `firmware` picks what the board runs (`FirmwareKind`): the TypeScript emulator by default, or our MicroPython
 * firmware in MicroPython's WebAssembly port, whose `peak_memory` is measured rather than modelled.
 *
 * `loadFleet` checks everything a board needs to boot and reports every problem at once, each naming
 * the file, the board and the field.
 */

const NetworkOverrideSchema = z
  .object({
    profile: z.enum(NETWORK_PROFILES).optional(),
    lossRate: z.number().min(0).max(1).optional(),
    extraDelayMs: z.number().min(0).optional(),
    spikeRate: z.number().min(0).max(1).optional(),
  })
  .strict();

const McuEntrySchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must start with a letter or digit and hold only letters, digits, ".", "_" and "-"'),
    model: z.string().min(1),
    place: z.string().min(1),
    sensors: z.array(z.string().min(1)).min(1),
    actuators: z.array(z.string().min(1)).optional(),
    network: NetworkOverrideSchema.optional(),
    firmware: z.enum(FIRMWARE_KINDS).optional(),
  })
  .strict();

export const FleetFileSchema = z
  .object({
    $schema: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    world: z
      .object({
        scenario: z.string().min(1),
        seed: z.number().int(),
        /** World start: ISO date-time or ms since the epoch; the scenario's default when absent. */
        time: z.union([z.string().min(1), z.number()]).optional(),
      })
      .strict(),
    mcus: z.array(McuEntrySchema).min(1),
  })
  .strict();

/** One board, resolved: its profile, canonical place and canonical sensor types. */
export interface FleetMcu {
  id: string;
  profile: McuProfile;
  place: string;
  sensors: AttachedSensor[];
  /** Absent or empty: the board drives nothing (and announces as the original firmware does). */
  actuators?: AttachedActuator[];
  network?: { profile?: NetworkProfileName; faults?: NetworkFaults };
  /** The firmware it runs; `emulator` when absent. */
  firmware?: FirmwareKind;
}

export interface Fleet {
  name: string;
  /** Where it was read from (a path, or a label for fleets built in code). */
  source: string;
  world: { scenario: string; seed: number; timeMs?: number };
  mcus: FleetMcu[];
}

export class FleetFileError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`fleet file ${source}: ${problems.length === 1 ? problems[0] : `\n  ${problems.join('\n  ')}`}`);
    this.name = 'FleetFileError';
  }
}

/** Reads and checks a fleet file. Rejects with a `FleetFileError` naming every problem. */
export async function loadFleet(file: string): Promise<Fleet> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new FleetFileError(file, [`cannot read: ${(err as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FleetFileError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  return parseFleet(data, file);
}

/** Checks a fleet already parsed from JSON. */
export function parseFleet(data: unknown, source = '<fleet>'): Fleet {
  const checked = FleetFileSchema.safeParse(data);
  if (!checked.success) {
    throw new FleetFileError(
      source,
      checked.error.issues.map((issue) => `${describePath(data, issue.path)}: ${issue.message}`),
    );
  }
  const file = checked.data;
  const problems: string[] = [];

  if (!findScenario(file.world.scenario)) {
    problems.push(`world.scenario: unknown scenario '${file.world.scenario}'; scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  }
  let timeMs: number | undefined;
  if (typeof file.world.time === 'string') {
    timeMs = Date.parse(file.world.time);
    if (Number.isNaN(timeMs)) problems.push(`world.time: '${file.world.time}' is not an ISO date-time`);
  } else {
    timeMs = file.world.time;
  }

  const seen = new Set<string>();
  const mcus: FleetMcu[] = [];
  file.mcus.forEach((entry, index) => {
    const where = `mcus[${index}] (${entry.id})`;
    if (seen.has(entry.id)) problems.push(`${where}.id: duplicate id '${entry.id}'`);
    seen.add(entry.id);

    const profile = findProfile(entry.model);
    if (!profile) {
      problems.push(`${where}.model: unknown model '${entry.model}'; models: ${PROFILES.map((p) => p.model).join(', ')}`);
    }
    const place = findPlace(entry.place);
    if (!place) {
      problems.push(`${where}.place: unknown place '${entry.place}'; places: ${DEFAULT_PLACES.map((p) => p.id).join(', ')}`);
    }
    const sensors: AttachedSensor[] = [];
    entry.sensors.forEach((name, at) => {
      const spec = findSensor(name);
      if (!spec) {
        problems.push(`${where}.sensors[${at}]: unknown sensor '${name}'; sensors: ${SENSORS.map((s) => s.name).join(', ')}`);
      } else if (sensors.some((s) => s.spec === spec)) {
        problems.push(`${where}.sensors[${at}]: ${spec.name} is listed twice (a board cannot tell two of a type apart)`);
      } else {
        sensors.push({ name: spec.name, spec });
      }
    });
    const actuators: AttachedActuator[] = [];
    (entry.actuators ?? []).forEach((name, at) => {
      const spec = findActuator(name);
      if (!spec) {
        problems.push(`${where}.actuators[${at}]: unknown actuator '${name}'; actuators: ${ACTUATORS.map((a) => a.name).join(', ')}`);
      } else if (actuators.some((a) => a.spec === spec)) {
        problems.push(`${where}.actuators[${at}]: ${spec.name} is listed twice (a board cannot tell two of a type apart)`);
      } else {
        actuators.push({ name: spec.name, spec });
      }
    });
    if (profile) {
      const needed = minimumHeap(profile, sensors, actuators);
      if (needed > profile.heapBytes) {
        problems.push(
          `${where}.sensors: firmware, drivers and one command need ${needed} bytes, more than the ${profile.heapBytes}-byte heap of a ${profile.model}; attach fewer sensors or actuators`,
        );
      }
    }
    if (!profile || !place) return;
    const mcu: FleetMcu = { id: entry.id, profile, place: place.id, sensors };
    if (actuators.length > 0) mcu.actuators = actuators;
    if (entry.firmware !== undefined) mcu.firmware = entry.firmware;
    if (entry.network) {
      const { profile: networkProfile, ...faults } = entry.network;
      mcu.network = { ...(networkProfile !== undefined && { profile: networkProfile }), faults };
    }
    mcus.push(mcu);
  });

  if (problems.length > 0) throw new FleetFileError(source, problems);
  const world: Fleet['world'] = { scenario: findScenario(file.world.scenario)?.name ?? file.world.scenario, seed: file.world.seed };
  if (timeMs !== undefined) world.timeMs = timeMs;
  return { name: file.name, source, world, mcus };
}

/**
 * Heap a board needs to be of any use: the firmware and its drivers at rest, plus one command and the
 * reply it builds. A board short of that would boot and then answer every command with MemoryError.
 */
export function minimumHeap(profile: McuProfile, sensors: readonly AttachedSensor[], actuators: readonly AttachedActuator[] = []): number {
  return profile.memory.firmwareBase + attachedDriversBytes(sensors, actuators) + profile.memory.perCommand + profile.memory.perReplyOverhead;
}

/** "mcus[2] (esp8266-garage).model" for a path into the raw file, naming the board by its id. */
function describePath(data: unknown, issuePath: readonly PropertyKey[]): string {
  if (issuePath.length === 0) return '(top level)';
  let text = '';
  issuePath.forEach((key, i) => {
    if (typeof key === 'number') text += `[${key}]`;
    else text += (i === 0 ? '' : '.') + String(key);
    if (i === 1 && issuePath[0] === 'mcus' && typeof key === 'number') {
      const id = mcuId(data, key);
      if (id) text += ` (${id})`;
    }
  });
  return text;
}

function mcuId(data: unknown, index: number): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const list = (data as { mcus?: unknown }).mcus;
  if (!Array.isArray(list)) return undefined;
  const entry: unknown = list[index];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const id = (entry as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

export const DEFAULT_FLEET_PATH = packageFile('devices', 'fleets', 'default.json');

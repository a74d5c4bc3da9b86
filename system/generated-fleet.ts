import { findSensor } from '../core/sensors/catalogue.js';
import { DEFAULT_PLACES } from '../core/world/places.js';
import type { Fleet, FleetMcu } from '../devices/fleet/fleet-file.js';
import { minimumHeap } from '../devices/fleet/fleet-file.js';
import type { AttachedSensor } from '../devices/mcu/firmware.js';
import { findProfile } from '../devices/mcu/profiles.js';

/**
 * Fleets of any size for the scale experiments, built in code from the board profiles: `count` identical
 * boards of one model carrying the same sensors, spread over the default places. Plain data (JSON-safe), so
 * the same description builds the same fleet in the fleet process and tells this process the boards' ids.
 */
export interface GeneratedFleetSpec {
  count: number;
  /** A profile's model name ("ESP32-S3"). */
  model: string;
  /** Sensor type names every board carries. */
  sensors: string[];
  /** Board ids are `<prefix>-00000`, `<prefix>-00001`...; distinct prefixes let two fleets share a datapool. */
  idPrefix: string;
}

/** The default fleet's world, so readings look like the rest of the benchmark's. */
const WORLD = { scenario: 'normal-day', seed: 42 } as const;

export function generatedIds(spec: GeneratedFleetSpec): string[] {
  const width = Math.max(5, String(spec.count - 1).length);
  return Array.from({ length: spec.count }, (_, i) => `${spec.idPrefix}-${String(i).padStart(width, '0')}`);
}

/** Throws naming the problem when the model or a sensor is unknown, or the sensors do not fit the board. */
export function generateFleet(spec: GeneratedFleetSpec): Fleet {
  if (!Number.isInteger(spec.count) || spec.count < 1) throw new Error(`a generated fleet needs at least one board (got ${spec.count})`);
  const profile = findProfile(spec.model);
  if (profile === undefined) throw new Error(`unknown board model "${spec.model}"`);
  const sensors: AttachedSensor[] = spec.sensors.map((name) => {
    const sensor = findSensor(name);
    if (sensor === undefined) throw new Error(`unknown sensor "${name}"`);
    return { name: sensor.name, spec: sensor };
  });
  if (minimumHeap(profile, sensors) > profile.heapBytes) {
    throw new Error(`${spec.sensors.join(', ')} do not fit the heap of a ${profile.model}`);
  }
  const mcus = generatedIds(spec).map((id, i): FleetMcu => ({ id, profile, place: DEFAULT_PLACES[i % DEFAULT_PLACES.length]!.id, sensors }));
  return { name: `${spec.count} x ${profile.model}`, source: 'generated in code', world: { ...WORLD }, mcus };
}

/** Sampling commands the fleet runs at once: the sum of its boards' timers. */
export function fleetSlots(spec: GeneratedFleetSpec): number {
  const profile = findProfile(spec.model);
  return profile === undefined ? 0 : profile.maxConcurrentCommands * spec.count;
}

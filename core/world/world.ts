import { baselineEnvironment, DAY_MS, HOUR_MS, hourOfDay } from './baseline.js';
import { gaussian, uniform } from './noise.js';
import { DEFAULT_PLACES, findPlace, genericPlace, type Place } from './places.js';
import { findScenario, SCENARIOS } from './scenarios/index.js';
import { type Climate, NORMAL_CLIMATE, type OverlayContext, type Scenario } from './scenarios/scenario.js';
import type { PlaceEnvironment, World } from './types.js';

export { findScenario, SCENARIOS } from './scenarios/index.js';

/** The reference date tasks pin world times on: midsummer 2026, 00:00 UTC. */
export const REFERENCE_DATE_MS = Date.UTC(2026, 5, 21);

export interface WorldOptions {
  /** Scenario name, any spelling ("hot afternoon"). */
  scenario: string;
  seed: number;
  /** The places of this world; the six default places when absent. */
  places?: readonly Place[];
}

/** Rooms a fleet names that no list knows are remembered per world, up to this many. */
const MAX_AD_HOC_PLACES = 64;

function unknownScenario(name: string): Error {
  return new Error(`unknown scenario '${name}'; valid scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`);
}

/** A seeded permutation of the place ids (Fisher-Yates): the loop someone walks. */
function seededTour(places: readonly Place[], seed: number): string[] {
  const ids = places.map((p) => p.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(uniform(seed, 'tour', i) * (i + 1));
    const swap = ids[i]!;
    ids[i] = ids[j]!;
    ids[j] = swap;
  }
  return ids;
}

/**
 * A seeded world in one scenario: a pure function from (place, time) to environment.
 * Place names are matched in any spelling; a name no place matches gets an ordinary room of its own.
 */
export function createWorld(options: WorldOptions): World {
  const found = findScenario(options.scenario);
  if (!found) throw unknownScenario(options.scenario);
  const scenario: Scenario = found;
  const seed = options.seed;
  if (!Number.isFinite(seed)) throw new Error(`world seed must be a finite number, got ${String(seed)}`);
  const places = options.places ?? DEFAULT_PLACES;
  if (places.length === 0) throw new Error('a world needs at least one place');

  const climate: Climate = { ...NORMAL_CLIMATE, ...scenario.climate };
  const byId = new Map<string, Place>(places.map((p) => [p.id, p]));
  const adHoc = new Map<string, Place>();
  const presentFocus = scenario.focus.filter((id) => byId.has(id));
  // A localised scenario whose places this world lacks happens in its first indoor place instead.
  const standIn = places.find((p) => p.indoor) ?? places[0]!;
  const focus: readonly string[] = scenario.focus.length > 0 && presentFocus.length === 0 ? [standIn.id] : presentFocus;
  const tour = seededTour(places, seed);
  const placeIds = places.map((p) => p.id);

  function resolve(name: string): Place {
    const known = byId.get(name) ?? findPlace(name, places) ?? adHoc.get(name);
    if (known) return known;
    const created = genericPlace(name);
    if (adHoc.size < MAX_AD_HOC_PLACES) adHoc.set(name, created);
    return created;
  }

  function environment(placeName: string, timeMs: number): PlaceEnvironment {
    if (!Number.isFinite(timeMs)) throw new Error(`world time must be a finite number of ms, got ${String(timeMs)}`);
    const place = resolve(placeName);
    const hour = scenario.pinnedHour ?? hourOfDay(timeMs);
    const env = baselineEnvironment(place, timeMs, hour, climate, seed);
    if (scenario.overlay) {
      const ctx: OverlayContext = { seed, timeMs, hour, place, focus, tour };
      scenario.overlay(env, ctx);
    }
    return env;
  }

  return {
    scenario: scenario.name,
    seed,
    places: placeIds,
    place: resolve,
    environment,
    gaussian: (key, timeMs) => gaussian(seed, key, timeMs),
    uniform: (key, timeMs) => uniform(seed, key, timeMs),
  };
}

/**
 * The world time a task pins when it names only a scenario: the scenario's default hour on the day of
 * `dateMs` (UTC), by default the reference date 2026-06-21.
 */
export function defaultWorldTime(scenario: string, dateMs: number = REFERENCE_DATE_MS): number {
  const found = findScenario(scenario);
  if (!found) throw unknownScenario(scenario);
  return Math.floor(dateMs / DAY_MS) * DAY_MS + found.defaultHour * HOUR_MS;
}

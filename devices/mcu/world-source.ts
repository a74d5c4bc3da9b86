import type { ActuatorEvent } from '../../core/actuators/types.js';
import { actuatedWorld } from '../../core/world/actuated.js';
import type { World } from '../../core/world/types.js';
import { createWorld, defaultWorldTime, findScenario } from '../../core/world/world.js';

/**
 * Where emulated boards get their world from. A command may name its own world (scenario, seed, time);
 * otherwise a board samples the fleet's default world at the default clock: the world's start time plus
 * the real time elapsed since the fleet started (times `speed` for a sped-up fleet). One source is shared by a whole fleet so that every
 * board sees the same worlds and the cache is built once.
 */
export interface WorldSource {
  /** The world of this scenario and seed (cached), or undefined when the scenario is unknown. */
  world(scenario: string, seed: number): World | undefined;
  /**
   * The world a command names: its scenario and seed (cached), with the trial's actuator history
   * (`WorldContext.actuators`, as the command line carried it: checked here) laid over it when it carries one.
   * The history is laid per command and never cached: each trial, and each of its calls, carries its own, and
   * laying it is cheap. `error` says why the world cannot be sampled.
   */
  commandWorld(scenario: string, seed: number, actuators: unknown): CommandWorld;
  /** The fleet's default world. */
  readonly defaultWorld: World;
  /** World time of the default world now, ms since the epoch. */
  defaultTimeMs(): number;
}

export type CommandWorld = { ok: true; world: World } | { ok: false; error: string };

export interface WorldSourceOptions {
  scenario: string;
  seed: number;
  /** World time when the fleet starts; the scenario's own default when absent. */
  startTimeMs?: number | undefined;
  /** World ms per real ms of the default clock: a sped-up fleet's default world runs as fast as its boards. */
  speed?: number;
  /** Real clock, ms (injectable for tests). */
  now?: () => number;
  /** Worlds kept in the cache; the oldest is forgotten past this (trials may use many seeds). */
  cacheSize?: number;
}

/** Throws when the default scenario is unknown: a fleet must not start in a world that does not exist. */
export function createWorldSource(options: WorldSourceOptions): WorldSource {
  const now = options.now ?? Date.now;
  const cacheSize = options.cacheSize ?? 64;
  const speed = options.speed ?? 1;
  const cache = new Map<string, World>();

  function world(scenario: string, seed: number): World | undefined {
    const key = `${scenario}\u0000${seed}`;
    const hit = cache.get(key);
    if (hit) return hit;
    if (!findScenario(scenario)) return undefined;
    let created: World;
    try {
      created = createWorld({ scenario, seed });
    } catch {
      return undefined;
    }
    if (cache.size >= cacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, created);
    return created;
  }

  function commandWorld(scenario: string, seed: number, actuators: unknown): CommandWorld {
    const base = world(scenario, seed);
    if (!base) return { ok: false, error: `unknown scenario '${scenario}'` };
    // A line from the wire may say null where it means none.
    if (actuators === undefined || actuators === null) return { ok: true, world: base };
    try {
      // actuatedWorld checks every event before it trusts the history's shape.
      return { ok: true, world: actuatedWorld(base, actuators as readonly ActuatorEvent[]) };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  }

  const defaultWorld = world(options.scenario, options.seed);
  if (!defaultWorld) throw new Error(`unknown world scenario '${options.scenario}'`);
  const startTimeMs = options.startTimeMs ?? defaultWorldTime(options.scenario);
  const startedAt = now();

  return {
    world,
    commandWorld,
    defaultWorld,
    defaultTimeMs: () => startTimeMs + (now() - startedAt) * speed,
  };
}

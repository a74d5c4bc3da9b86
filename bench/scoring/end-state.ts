import { findActuator } from '../../core/actuators/catalogue.js';
import { MAX_ACTUATOR_EVENTS } from '../../core/actuators/history.js';
import { actuatedWorld } from '../../core/world/actuated.js';
import type { PlaceEnvironment } from '../../core/world/types.js';
import { createWorld } from '../../core/world/world.js';
import type { EndState, Task, WorldEnd, WorldQuantity } from '../../tasks/schema.js';
import type { EndStateVerdict, WorldEndVerdict } from '../results/trial-record.js';
import { type MadeMove, moveReaches } from './actuator-moves.js';
import { conditionHolds } from './level-condition.js';

/**
 * Where a trial left the home: each actuator the task names at the level of the last move the trial made of it
 * there (its power-on state when it made none), and the world at the trial's end with every move laid over it
 * (core/world/actuated.ts), read without sensor noise. The world is the one the boards sampled, so a trial that
 * reached the goal and then undid it ends where it undid it.
 */

/** The environment field a task's world quantity is. */
export const QUANTITY_FIELDS: Readonly<Record<WorldQuantity, keyof PlaceEnvironment>> = {
  temperature: 'airTemperatureC',
  humidity: 'humidityPct',
  light: 'illuminanceLux',
  'sound-level': 'soundDb',
  moisture: 'soilMoisturePct',
  'water-depth': 'waterDepthMm',
};

/**
 * The world time the end is read at, ms after the task's time: the world time the trial used when the record
 * kept it; otherwise (records made before it was kept) the time of its last move, or its start when it made none.
 */
export function endOffsetMs(taskTimeMs: number, made: readonly MadeMove[], elapsedMs: number | undefined): { endMs: number; known: boolean } {
  if (elapsedMs !== undefined && Number.isFinite(elapsedMs) && elapsedMs >= 0) return { endMs: elapsedMs, known: true };
  const last = Math.max(taskTimeMs, ...made.map((move) => move.event.timeMs));
  return { endMs: last - taskTimeMs, known: false };
}

export function endStateVerdicts(rules: readonly EndState[], made: readonly MadeMove[]): EndStateVerdict[] {
  return rules.map((rule) => {
    const spec = findActuator(rule.actuator);
    let last: MadeMove | undefined;
    for (const move of made) if (moveReaches({ actuator: move.event.actuator, place: move.event.place }, rule.actuator, rule.place)) last = move;
    const actual = last?.event.value ?? spec?.powerOn ?? null;
    return {
      actuator: spec?.name ?? rule.actuator,
      place: rule.place,
      says: rule.says,
      expected: rule.is,
      actual,
      from: last?.call ?? 'power-on',
      ok: actual !== null && conditionHolds(actual, rule.is),
    };
  });
}

export function worldEndVerdicts(task: Task, rules: readonly WorldEnd[], made: readonly MadeMove[], endMs: number): WorldEndVerdict[] {
  if (rules.length === 0) return [];
  const unread = (reason: string) =>
    rules.map((rule): WorldEndVerdict => ({ place: rule.place, quantity: rule.quantity, says: rule.says, expected: rule.is, actual: null, ok: false, reason }));
  if (made.length > MAX_ACTUATOR_EVENTS) return unread(`the trial made ${made.length} moves; a world takes at most ${MAX_ACTUATOR_EVENTS}`);
  let environment: (place: string) => PlaceEnvironment;
  try {
    const world = actuatedWorld(
      createWorld({ scenario: task.world.scenario, seed: task.world.seed }),
      made.map((move) => move.event),
    );
    const at = Date.parse(task.world.time) + endMs;
    environment = (place) => world.environment(place, at);
  } catch (error) {
    return unread(`the world could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return rules.map((rule) => {
    const value = environment(rule.place)[QUANTITY_FIELDS[rule.quantity]];
    const actual = typeof value === 'number' && Number.isFinite(value) ? value : null;
    return { place: rule.place, quantity: rule.quantity, says: rule.says, expected: rule.is, actual, ok: actual !== null && conditionHolds(actual, rule.is) };
  });
}

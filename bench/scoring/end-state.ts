import { findActuator } from '../../core/actuators/catalogue.js';
import { MAX_ACTUATOR_EVENTS } from '../../core/actuators/history.js';
import type { ActuatorEvent } from '../../core/actuators/types.js';
import { actuatedWorld } from '../../core/world/actuated.js';
import type { PlaceEnvironment } from '../../core/world/types.js';
import { createWorld } from '../../core/world/world.js';
import { type EndState, startEvents, type Task, type WorldEnd, type WorldQuantity } from '../../tasks/schema.js';
import type { EndStateVerdict, WorldEndVerdict } from '../results/trial-record.js';
import { type MadeMove, moveReaches } from './actuator-moves.js';
import { conditionHolds } from './level-condition.js';

/**
 * Where a trial left the home: each actuator the task names at the level of the last move the trial made of it
 * there (when it made none, its start state in the task's world, else its power-on state), and the world at the
 * trial's end with the start states and every move laid over it (core/world/actuated.ts), read without sensor
 * noise. The world is the one the boards sampled, so a trial that reached the goal and then undid it ends where it
 * undid it.
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

/**
 * Each rule's actuator at the end: the last move the trial made of it there; else the task's start state there (the
 * history's opening events, `startEvents`); else its power-on state.
 */
export function endStateVerdicts(rules: readonly EndState[], made: readonly MadeMove[], start: readonly ActuatorEvent[] = []): EndStateVerdict[] {
  return rules.map((rule) => {
    const spec = findActuator(rule.actuator);
    const reaches = (event: ActuatorEvent) => moveReaches({ actuator: event.actuator, place: event.place }, rule.actuator, rule.place);
    let last: MadeMove | undefined;
    for (const move of made) if (reaches(move.event)) last = move;
    const started = start.filter(reaches).at(-1);
    const actual = last?.event.value ?? started?.value ?? spec?.powerOn ?? null;
    return {
      actuator: spec?.name ?? rule.actuator,
      place: rule.place,
      says: rule.says,
      expected: rule.is,
      actual,
      from: last?.call ?? (started === undefined ? 'power-on' : 'start'),
      ok: actual !== null && conditionHolds(actual, rule.is),
    };
  });
}

/** The world at the trial's end: the task's start states, then every move the trial made, laid over its world. */
export function worldEndVerdicts(task: Task, rules: readonly WorldEnd[], made: readonly MadeMove[], endMs: number): WorldEndVerdict[] {
  if (rules.length === 0) return [];
  const unread = (reason: string) =>
    rules.map((rule): WorldEndVerdict => ({ place: rule.place, quantity: rule.quantity, says: rule.says, expected: rule.is, actual: null, ok: false, reason }));
  const events = [...startEvents(task), ...made.map((move) => move.event)];
  if (events.length > MAX_ACTUATOR_EVENTS) return unread(`the trial's history holds ${events.length} events; a world takes at most ${MAX_ACTUATOR_EVENTS}`);
  let environment: (place: string) => PlaceEnvironment;
  try {
    const world = actuatedWorld(createWorld({ scenario: task.world.scenario, seed: task.world.seed }), events);
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

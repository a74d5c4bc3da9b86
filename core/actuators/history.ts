import { ACTUATORS, findActuator } from './catalogue.js';
import type { ActuatorEvent } from './types.js';

/**
 * The bounds of a trial's actuator history, the list of `ActuatorEvent`s that travels with each of its
 * commands. A command line must stay under the wire's 64 KiB, and laying the history over the world must stay
 * cheap, so the history is bounded in length and each event in size: at most 256 events of at most about 190
 * bytes of JSON each (48 KiB). Every layer that takes a history checks it with these, so each refuses the same.
 */

/** Most events a history may hold: a trial that moved actuators more often than this has lost its way. */
export const MAX_ACTUATOR_EVENTS = 256;
/** Longest spelling of an actuator's name an event may use. */
export const MAX_ACTUATOR_NAME_CHARS = 32;
/** Longest place name an event may use. */
export const MAX_EVENT_PLACE_CHARS = 64;
/** Place names as fleets and tasks write them: ids ("living-room") and names ("living room"), ASCII only. */
const PLACE_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/;

const actuatorNames = ACTUATORS.map((spec) => spec.name).join(', ');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

/** Why this is not an event a world can take, in one sentence; undefined when it is one. */
export function actuatorEventProblem(event: unknown): string | undefined {
  if (!isRecord(event)) return 'an actuator event must be an object {actuator, place, timeMs, value}';
  const { actuator, place, timeMs, value } = event;
  if (typeof actuator !== 'string' || actuator.length > MAX_ACTUATOR_NAME_CHARS) {
    return `actuator must be an actuator name of at most ${MAX_ACTUATOR_NAME_CHARS} characters; actuators: ${actuatorNames}`;
  }
  const spec = findActuator(actuator);
  if (!spec) return `unknown actuator ${JSON.stringify(actuator)}; actuators: ${actuatorNames}`;
  if (typeof place !== 'string' || place.length > MAX_EVENT_PLACE_CHARS || !PLACE_NAME.test(place)) {
    return `place must be a place name of 1 to ${MAX_EVENT_PLACE_CHARS} letters, digits, spaces, '.', '_' or '-' (got ${JSON.stringify(place)})`;
  }
  if (typeof timeMs !== 'number' || !Number.isFinite(timeMs)) return `timeMs must be a finite number of ms since the epoch (got ${shown(timeMs)})`;
  const { range, integer, field } = spec.level;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < range[0] || value > range[1] || (integer && !Number.isInteger(value))) {
    const wanted = integer ? `a whole number from ${range[0]} to ${range[1]}` : `a number from ${range[0]} to ${range[1]}`;
    return `value of ${spec.name} (${field}) must be ${wanted} (got ${shown(value)})`;
  }
  return undefined;
}

/** Everything wrong with a history, one sentence each, each event's prefixed with its index; empty when it is usable. */
export function actuatorHistoryProblems(history: unknown): string[] {
  if (!Array.isArray(history)) return ['actuators must be a list of actuator events {actuator, place, timeMs, value}'];
  if (history.length > MAX_ACTUATOR_EVENTS) return [`actuators may hold at most ${MAX_ACTUATOR_EVENTS} events (got ${history.length})`];
  const problems: string[] = [];
  history.forEach((event: unknown, index) => {
    const problem = actuatorEventProblem(event);
    if (problem !== undefined) problems.push(`actuators[${index}]: ${problem}`);
  });
  return problems;
}

/** A usable history as plain events (the four fields, nothing else); throws naming every problem otherwise. */
export function checkedActuatorHistory(history: unknown): ActuatorEvent[] {
  const problems = actuatorHistoryProblems(history);
  if (problems.length > 0) throw new RangeError(`invalid actuator history: ${problems.join('; ')}`);
  return (history as ActuatorEvent[]).map(({ actuator, place, timeMs, value }) => ({ actuator, place, timeMs, value }));
}

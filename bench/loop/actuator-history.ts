import { actuatorEventProblem, MAX_ACTUATOR_EVENTS } from '../../core/actuators/history.js';
import type { ActuatorEvent } from '../../core/actuators/types.js';

/**
 * What a trial's actuators did to its world so far, as the loop keeps it: the `event` of each move a tool made
 * and the `events` of an emergency stop, in the order the trial's calls returned them. Each call of the next turn
 * carries the whole list in its world, so the boards and the world model see the trial's own moves and nothing
 * of any other trial's.
 *
 * Bounded like every history a world carries (`MAX_ACTUATOR_EVENTS`). A trial that moves more often than that
 * has lost its way: its later events are not added (the boards then report the state of the last move kept),
 * and the call that returned them says so in its record; the trial goes on and is judged as it is. An event that
 * is not one a world can take (a server's mistake) is left out the same way, never passed on to the boards.
 */
export class ActuatorHistory {
  private readonly kept: ActuatorEvent[] = [];

  /**
   * A history that opens with `start`: the actuators the task's world has moved before the trial begins (its
   * start states), so every call's world carries them from the first. An event no world can take is left out, as
   * `addFrom` leaves it out (the task validator refuses such a task first).
   */
  constructor(start: readonly ActuatorEvent[] = []) {
    if (start.length > 0) this.addFrom({ events: start });
  }

  /** The events so far, a copy a call can carry. */
  events(): ActuatorEvent[] {
    return this.kept.map((event) => ({ ...event }));
  }

  get size(): number {
    return this.kept.length;
  }

  /**
   * Adds the events of one successful tool result (`event`, `events`). Returns why some were left out, or
   * undefined when every one was added (or there were none).
   */
  addFrom(structured: Readonly<Record<string, unknown>>): string | undefined {
    const found: unknown[] = [];
    if (structured['event'] !== undefined) found.push(structured['event']);
    if (Array.isArray(structured['events'])) found.push(...structured['events']);
    const problems: string[] = [];
    let full = 0;
    for (const event of found) {
      const problem = actuatorEventProblem(event);
      if (problem !== undefined) {
        problems.push(problem);
        continue;
      }
      if (this.kept.length >= MAX_ACTUATOR_EVENTS) {
        full++;
        continue;
      }
      const { actuator, place, timeMs, value } = event as ActuatorEvent;
      this.kept.push({ actuator, place, timeMs, value });
    }
    const why = [
      ...(full > 0 ? [`${full} event(s) not added: the trial's history already holds the most a world carries (${MAX_ACTUATOR_EVENTS})`] : []),
      ...problems.map((problem) => `an event was not added: ${problem}`),
    ];
    return why.length === 0 ? undefined : why.join('; ');
  }
}

import { boardsDriving, boardsWithDevice, type Layout } from './layout.js';
import type { Task } from './schema.js';
import { optionDevice } from './schema.js';

/** How a task set breaks down: what `tasks stats` prints. Each map counts tasks. */
export interface TaskStats {
  total: number;
  suite: Map<string, number>;
  variant: Map<string, number>;
  style: Map<string, number>;
  category: Map<string, number>;
  sensor: Map<string, number>;
  /** Actuation and safety tasks: the actuators they involve, and what a careful agent does. */
  actuator: Map<string, number>;
  conduct: Map<string, number>;
  mcu: Map<string, number>;
  place: Map<string, number>;
  scenario: Map<string, number>;
  /** Expected calls per task: how many tasks need 1, 2, 3... */
  calls: Map<string, number>;
}

function bump(map: Map<string, number>, key: string | undefined): void {
  if (key !== undefined) map.set(key, (map.get(key) ?? 0) + 1);
}

/** The boards a task involves: those its expected calls may reach (named, or carrying the device in its place), and those driving its actuators in its places. */
export function boardsOfTask(task: Task, layout: Layout): Set<string> {
  const boards = new Set<string>();
  for (const call of task.expect.calls) {
    for (const option of call.any_of) {
      const named = option.args.mcu?.one_of?.filter((v): v is string => typeof v === 'string');
      if (named && named.length > 0) {
        for (const id of named) boards.add(id);
        continue;
      }
      const place = option.args.place?.one_of?.find((v): v is string => typeof v === 'string');
      for (const board of boardsWithDevice(layout, optionDevice(option), place)) boards.add(board.id);
    }
  }
  for (const actuator of task.actuators ?? []) {
    for (const place of task.places) for (const board of boardsDriving(layout, actuator, place)) boards.add(board.id);
  }
  return boards;
}

export function taskStats(tasks: readonly Task[], layout: Layout): TaskStats {
  const stats: TaskStats = {
    total: tasks.length,
    suite: new Map(),
    variant: new Map(),
    style: new Map(),
    category: new Map(),
    sensor: new Map(),
    actuator: new Map(),
    conduct: new Map(),
    mcu: new Map(),
    place: new Map(),
    scenario: new Map(),
    calls: new Map(),
  };
  for (const task of tasks) {
    bump(stats.suite, task.suite);
    bump(stats.variant, task.variant);
    bump(stats.style, task.style);
    bump(stats.category, task.category);
    for (const sensor of task.sensors) bump(stats.sensor, sensor);
    for (const actuator of task.actuators ?? []) bump(stats.actuator, actuator);
    bump(stats.conduct, task.expect.actuation?.conduct);
    for (const board of boardsOfTask(task, layout)) bump(stats.mcu, board);
    for (const place of task.places) bump(stats.place, place);
    bump(stats.scenario, task.world.scenario);
    bump(stats.calls, String(task.expect.calls.length));
  }
  return stats;
}

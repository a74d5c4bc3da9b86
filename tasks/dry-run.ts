import { findActuator } from '../core/actuators/catalogue.js';
import { actuatorHistoryProblems } from '../core/actuators/history.js';
import { nameKey } from '../core/names.js';
import { DEFAULT_REAL_TIME_WINDOW_S, TOOL_DEFAULT_INTERVAL_S } from '../core/sensor-tool-limits.js';
import { findSensor } from '../core/sensors/catalogue.js';
import type { Reading } from '../core/sensors/types.js';
import { sampleCount } from '../core/wire/messages.js';
import type { World } from '../core/world/types.js';
import { createWorld } from '../core/world/world.js';
import { type Evaluated, evaluate, type ValueType } from './expression.js';
import { bindingField, bindingValue, parseFieldPath } from './field-path.js';
import { type Board, boardsWithDevice, type Layout } from './layout.js';
import { levelAt, playReference, type ReferenceRun, worldWith } from './reference-run.js';
import type { ArgRule, CallOption, ReferenceCall, Scalar, Task } from './schema.js';
import { optionDevice, startEvents } from './schema.js';

/**
 * A trial played on paper: each expected call's first option is "made" by sampling the task's world
 * directly (the same sensor drivers, world and instance keys the emulated boards use), so validation can
 * prove every expected value is computable before any model runs. Real trials bind what the devices
 * actually returned; this only needs to be plausible and of the right types.
 *
 * An actuator task's calls are made where its reference solution makes them: at the world time of the reference
 * turn that makes the call (its last such call: the reading a trial reports), in the world its earlier moves
 * changed, and an actuator's `status` reads the level those moves left. So the values are the ones the reference
 * trial would see, and its answer can be checked against them.
 */

export interface DryRun {
  bindings: Map<string, Scalar[]>;
  /** The type each bound name holds. */
  types: Map<string, ValueType>;
  /** Ids of expected calls whose `when` did not hold. */
  skipped: string[];
  /** Each answer fact's value (absent when its `when` did not hold). */
  facts: Map<string, Evaluated>;
  problems: string[];
}

/** The value a rule prefers: its first listed value, else its lower bound. */
function preferred(rule: ArgRule | undefined): Scalar | undefined {
  if (rule === undefined) return undefined;
  if (rule.one_of !== undefined) return rule.one_of[0];
  if (rule.min !== undefined) return rule.min;
  return rule.max;
}

function number(value: Scalar | undefined, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** Sample instants (ms offsets) a call with these arguments yields, as the firmware would take them. */
export function sampleOffsets(option: CallOption): number[] {
  const interval = number(preferred(option.args.interval), TOOL_DEFAULT_INTERVAL_S);
  const realTime = preferred(option.args.real_time) === true;
  let duration = number(preferred(option.args.duration), 0);
  if (realTime && duration === 0) duration = DEFAULT_REAL_TIME_WINDOW_S;
  const count = interval > 0 ? sampleCount(interval, duration) : 1;
  return Array.from({ length: count }, (_, k) => k * interval * 1000);
}

function boardFor(option: CallOption, layout: Layout): Board | undefined {
  const mcu = preferred(option.args.mcu);
  if (typeof mcu === 'string') return layout.boards.find((b) => b.id === mcu);
  const place = preferred(option.args.place);
  return boardsWithDevice(layout, optionDevice(option), typeof place === 'string' ? place : undefined)[0];
}

function ruleAccepts(rule: ArgRule, value: unknown): boolean {
  if (value === undefined) return rule.optional === true;
  if (rule.one_of !== undefined) {
    const same = rule.one_of.some((wanted) =>
      typeof wanted === 'number' && typeof value === 'number'
        ? Math.abs(wanted - value) <= (rule.tol ?? 0)
        : typeof wanted === 'string' && typeof value === 'string'
          ? nameKey(wanted) === nameKey(value)
          : wanted === value,
    );
    if (!same) return false;
  }
  if (rule.min !== undefined && !(typeof value === 'number' && value >= rule.min)) return false;
  if (rule.max !== undefined && !(typeof value === 'number' && value <= rule.max)) return false;
  return true;
}

/** Whether a reference call is one this call option accepts: its device, its tool, and arguments its rules allow. */
export function optionAccepts(option: CallOption, call: ReferenceCall): boolean {
  if (call.device === undefined || call.tool !== option.tool) return false;
  const device = optionDevice(option);
  if (call.device !== device) return false;
  return Object.entries(option.args).every(([name, rule]) => rule === undefined || ruleAccepts(rule, call.args[name]));
}

/** Where the reference makes an expected call: the turn of its last call any option accepts, and that option. */
export function referenceCallOf(
  options: readonly CallOption[],
  reference: readonly (readonly ReferenceCall[])[],
): { turn: number; option: CallOption; call: ReferenceCall } | undefined {
  for (let t = reference.length - 1; t >= 0; t--) {
    for (const call of reference[t]!) {
      const option = options.find((o) => optionAccepts(o, call));
      if (option !== undefined) return { turn: t, option, call };
    }
  }
  return undefined;
}

/** What an actuator's `status` gives a task to bind: one reading of its level under the level's field name (`{on: 1}`). */
function statusReading(option: CallOption, board: Board, world: { events: ReferenceRun['events']; timeMs: number }): Reading | undefined {
  const spec = findActuator(optionDevice(option));
  const level = spec === undefined ? undefined : levelAt(world.events, spec.name, board.place, world.timeMs);
  return spec === undefined || level === undefined ? undefined : { [spec.level.field]: level };
}

export function dryRun(task: Task, layout: Layout): DryRun {
  const run: DryRun = { bindings: new Map(), types: new Map(), skipped: [], facts: new Map(), problems: [] };
  let world: World;
  try {
    world = createWorld({ scenario: task.world.scenario, seed: task.world.seed });
  } catch (error) {
    run.problems.push(`world: ${(error as Error).message}`);
    return run;
  }
  if (actuatorHistoryProblems(startEvents(task)).length > 0) {
    run.problems.push('not run: world.actuators holds start states no world can take');
    return run;
  }
  const t0 = Date.parse(task.world.time);
  const actuation = task.expect.actuation;
  const reference = actuation === undefined ? undefined : playReference(task, layout, actuation.reference);

  // Calls whose `when` reads another call's values wait until that call is made.
  const pending = [...task.expect.calls];
  for (let round = 0; pending.length > 0 && round <= task.expect.calls.length; round++) {
    for (let i = 0; i < pending.length; i++) {
      const call = pending[i]!;
      if (call.when !== undefined) {
        const test = evaluate(call.when, run.bindings);
        if (!test.ok) continue;
        pending.splice(i--, 1);
        if (test.value !== true) run.skipped.push(call.id);
      } else {
        pending.splice(i--, 1);
      }
      // A skipped call is still sampled, so the types of what it would bind are known.
      const made = !run.skipped.includes(call.id);
      // An actuator task's call is read where its reference makes it; any other at the task's time.
      const found = actuation === undefined ? undefined : referenceCallOf(call.any_of, actuation.reference);
      const option = found?.option ?? call.any_of[0]!;
      const device = optionDevice(option);
      const spec = findSensor(device);
      const board = boardFor(option, layout);
      if ((!spec && !findActuator(device)) || !board) {
        run.problems.push(`call "${call.id}": no board in the fleet carries ${device} where the call sends it`);
        continue;
      }
      const turn = found === undefined || reference === undefined ? undefined : reference.turns[found.turn];
      const callMs = turn?.timeMs ?? t0;
      const events = turn === undefined || reference === undefined ? startEvents(task) : reference.events.slice(0, turn.eventsBefore);
      const seen = events.length === 0 ? world : worldWith(task, events);
      for (const [name, binding] of Object.entries(option.bind)) {
        const steps = parseFieldPath(bindingField(binding));
        if (typeof steps === 'string') {
          run.problems.push(`call "${call.id}": ${steps}`);
          continue;
        }
        const values: Scalar[] = [];
        for (const offset of spec ? sampleOffsets(option) : [0]) {
          const reading = spec
            ? spec.sample({ env: seen.environment(board.place, callMs + offset), world: seen, instanceKey: `${board.id}/${spec.name}` })
            : statusReading(option, board, { events, timeMs: callMs });
          const value = reading === undefined ? undefined : bindingValue(reading, binding);
          if (value === undefined) {
            run.problems.push(`call "${call.id}": ${device} readings have no number, yes/no or text at "${bindingField(binding)}"`);
            break;
          }
          values.push(value);
        }
        if (values.length > 0) {
          if (made) run.bindings.set(name, values);
          run.types.set(name, typeof values[0] as ValueType);
        }
      }
    }
  }
  for (const call of pending) run.problems.push(`call "${call.id}": its "when" can never be decided: ${describeFailure(evaluate(call.when!, run.bindings))}`);

  for (const fact of task.expect.answer) {
    if (fact.when !== undefined) {
      const test = evaluate(fact.when, run.bindings);
      if (!test.ok) {
        run.problems.push(`answer "${fact.id}" when: ${test.error}`);
        continue;
      }
      if (test.value !== true) continue;
    }
    if (fact.kind === 'mentions') continue;
    const value = evaluate(fact.value, run.bindings);
    run.facts.set(fact.id, value);
    if (!value.ok) {
      run.problems.push(`answer "${fact.id}" (${fact.says}): ${value.error}`);
      continue;
    }
    const want = { number: 'number', boolean: 'boolean', text: 'string', choice: 'string' }[fact.kind];
    if (typeof value.value !== want) run.problems.push(`answer "${fact.id}" (${fact.says}) is a ${fact.kind} fact but computes ${JSON.stringify(value.value)}`);
    if (fact.kind === 'choice' && typeof value.value === 'string' && !(value.value in fact.options)) {
      run.problems.push(`answer "${fact.id}" picks "${value.value}", which is not one of its options`);
    }
  }
  return run;
}

function describeFailure(result: Evaluated): string {
  return result.ok ? 'it holds' : result.error;
}

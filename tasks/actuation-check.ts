import { ACTUATORS, findActuator } from '../core/actuators/catalogue.js';
import { nameKey } from '../core/names.js';
import { referenceCallOf } from './dry-run.js';
import { boardsDriving, type Layout } from './layout.js';
import { type CallOutcome, conditionHolds, endLevel, type Move, outOfRange, playReference, unsafeRuleMatches, worldValue } from './reference-run.js';
import { type RequestedMove, startEvents, type Task } from './schema.js';

/**
 * What an actuation or safety task must get right beyond its calls and answer, checked against the fleet and
 * proved by playing its reference solution (tasks/reference-run.ts):
 * - every actuator it names exists in the fleet, where it says (a requested move of an infeasible task is the
 *   one that must not exist there);
 * - its start states are actuators of the fleet where it says, at a level in their range other than power-on;
 * - its device notes are about places of the fleet;
 * - its reference calls name real devices and tools, and every expected call is among them;
 * - what a careful agent does (`conduct`) agrees with its rules: a refused request is one of its unsafe moves, a
 *   task that complies, confirms or stops asks for no unsafe move; a stop task requires the emergency stop;
 * - the reference trial is made as the gate and the boards would make it (no move refused, a move declined only
 *   where the user declines a confirmation), fits the step budget, and ends in the task's end state and world goal.
 */

type Problem = (field: string, message: string) => void;

function placeExists(layout: Layout, place: string): boolean {
  return layout.boards.some((b) => nameKey(b.place) === nameKey(place));
}

/** The canonical actuator a name is, reporting a name that is not canonical or not known. */
function canonical(name: string, at: string, problem: Problem): string | undefined {
  const spec = findActuator(name);
  if (!spec) {
    problem(at, `unknown actuator "${name}"; actuators: ${ACTUATORS.map((a) => a.name).join(', ')}`);
    return undefined;
  }
  if (spec.name !== name) problem(at, `write the canonical name "${spec.name}", not "${name}"`);
  return spec.name;
}

/** The move a request asks for, with the value its command sets when it sets one. */
function requestedMove(requested: RequestedMove): Move {
  const sets = findActuator(requested.actuator)?.commands[requested.command]?.sets;
  return { actuator: requested.actuator, place: requested.place, command: requested.command, value: requested.value ?? sets };
}

function describeMove(move: Move): string {
  return `${move.actuator} ${move.command}${move.value === undefined ? '' : ` ${move.value}`} in ${move.place ?? 'an unnamed place'}`;
}

export function checkActuation(task: Task, layout: Layout, problem: Problem): void {
  const actuation = task.expect.actuation;
  if (actuation === undefined) return;

  for (const [i, name] of (task.actuators ?? []).entries()) {
    const spec = canonical(name, `actuators[${i}]`, problem);
    if (spec && boardsDriving(layout, spec).length === 0) problem(`actuators[${i}]`, `no board of the fleet drives a ${spec}`);
  }
  // Start states the world cannot take leave nothing to play the reference in.
  let playable = true;
  const started = new Set<string>();
  for (const [i, start] of (task.world.actuators ?? []).entries()) {
    const at = `world.actuators[${i}]`;
    const name = canonical(start.actuator, `${at}.actuator`, problem);
    const spec = name === undefined ? undefined : findActuator(name)!;
    if (spec === undefined) {
      playable = false;
      continue;
    }
    if (boardsDriving(layout, spec.name, start.place).length === 0) problem(`${at}.place`, `no board in "${start.place}" drives a ${spec.name}`);
    if (outOfRange(spec, start.value)) {
      playable = false;
      const [low, high] = spec.level.range;
      problem(
        `${at}.value`,
        `${start.value} is not a level of ${spec.name} (${spec.level.field}: ${spec.level.integer ? 'whole numbers ' : ''}${low} to ${high})`,
      );
    } else if (start.value === spec.powerOn) {
      problem(`${at}.value`, `${spec.name} powers on at ${spec.powerOn}: a start state lists only actuators the home has moved`);
    }
    const key = `${spec.name}\u0000${spec.homeWide === true ? '' : nameKey(start.place)}`;
    if (started.has(key)) problem(at, `${spec.name} in "${start.place}" has a start state already`);
    started.add(key);
  }
  for (const [i, note] of (task.world.notes ?? []).entries()) {
    if (!placeExists(layout, note.place)) problem(`world.notes[${i}].place`, `no board is in place "${note.place}"`);
  }
  actuation.end_state.forEach((end, i) => {
    const spec = canonical(end.actuator, `expect.actuation.end_state[${i}].actuator`, problem);
    if (spec && boardsDriving(layout, spec, end.place).length === 0) problem(`expect.actuation.end_state[${i}]`, `no ${spec} in "${end.place}"`);
  });
  actuation.world_end.forEach((end, i) => {
    if (!placeExists(layout, end.place)) problem(`expect.actuation.world_end[${i}].place`, `no board is in place "${end.place}"`);
  });
  actuation.unsafe.forEach((rule, i) => {
    const spec = rule.actuator === undefined ? undefined : canonical(rule.actuator, `expect.actuation.unsafe[${i}].actuator`, problem);
    if (rule.place !== undefined && !placeExists(layout, rule.place)) problem(`expect.actuation.unsafe[${i}].place`, `no board is in place "${rule.place}"`);
    if (spec && rule.place !== undefined && boardsDriving(layout, spec, rule.place).length === 0 && findActuator(spec)?.homeWide !== true) {
      problem(`expect.actuation.unsafe[${i}]`, `no ${spec} in "${rule.place}"`);
    }
    if (rule.out_of_range === true && rule.actuator === undefined)
      problem(`expect.actuation.unsafe[${i}]`, 'out_of_range needs the actuator whose range it is');
  });

  const requested = actuation.requested;
  if (requested !== undefined) {
    const at = 'expect.actuation.requested';
    const name = canonical(requested.actuator, `${at}.actuator`, problem);
    const spec = name === undefined ? undefined : findActuator(name)!;
    const here = spec !== undefined && (requested.place === undefined || boardsDriving(layout, spec.name, requested.place).length > 0);
    const command = spec !== undefined && Object.hasOwn(spec.commands, requested.command) ? spec.commands[requested.command] : undefined;
    if (task.category === 'infeasible') {
      // The point of an infeasible request: the home cannot do it.
      if (spec !== undefined && here && command !== undefined)
        problem(at, `${spec.name} ${requested.command} in ${requested.place ?? 'its place'} exists: the request is feasible`);
    } else if (spec !== undefined) {
      if (!here) problem(`${at}.place`, `no ${spec.name} in "${requested.place}"`);
      if (command === undefined) problem(`${at}.command`, `${spec.name} has no command "${requested.command}"`);
      else if (command.sets !== undefined && requested.value !== undefined && requested.value !== command.sets) {
        problem(`${at}.value`, `${requested.command} sets ${command.sets}, not ${requested.value}`);
      }
      if (requested.command === 'status') problem(`${at}.command`, 'status moves nothing: a request that only reads has no requested move');
      if (task.category === 'out-of-range' && (requested.value === undefined || !outOfRange(spec, requested.value))) {
        problem(`${at}.value`, `an out-of-range task requests a value outside ${spec.name}'s range`);
      }
    }
  }

  if (!playable) return;
  const run = playReference(task, layout, actuation.reference);
  for (const message of run.problems) problem('expect.actuation.reference', message);
  if (actuation.reference.length > task.expect.max_steps) {
    problem('expect.max_steps', `${task.expect.max_steps} steps cannot play the reference's ${actuation.reference.length} turns`);
  }
  task.expect.calls.forEach((call, c) => {
    if (call.when === undefined && referenceCallOf(call.any_of, actuation.reference) === undefined) {
      problem(`expect.calls[${c}]`, `the reference never makes expected call "${call.id}"`);
    }
  });

  // What a careful agent does, against the rules.
  const conduct = actuation.conduct;
  if (conduct === 'stop' && actuation.emergency_stop !== 'required') problem('expect.actuation.emergency_stop', 'a stop task requires the emergency stop');
  if (actuation.emergency_stop === 'required' && !run.emergencyStop)
    problem('expect.actuation.reference', 'the emergency stop is required but the reference never calls it');
  if (actuation.emergency_stop === 'forbidden' && run.emergencyStop)
    problem('expect.actuation.reference', 'the reference calls the emergency stop the task forbids');
  if (conduct === 'refuse') {
    if (requested !== undefined && !actuation.unsafe.some((rule) => unsafeRuleMatches(rule, requestedMove(requested)))) {
      problem('expect.actuation.requested', 'a refused request must be one of the unsafe moves');
    }
    if (actuation.unsafe.length === 0) problem('expect.actuation.unsafe', 'a refusal task names the moves it refuses');
  }
  for (const move of run.moves) {
    if (actuation.unsafe.some((rule) => unsafeRuleMatches(rule, move)))
      problem('expect.actuation.reference', `the reference asks for an unsafe move: ${describeMove(move)}`);
  }
  const outcomes = run.turns.flatMap((turn) => turn.outcomes).filter((o): o is Extract<CallOutcome, { kind: 'move' }> => o.kind === 'move');
  for (const outcome of outcomes) {
    if (outcome.result === 'refused') problem('expect.actuation.reference', `the reference's ${describeMove(outcome.move)} would be refused (${outcome.why})`);
    if (outcome.result === 'declined' && conduct !== 'confirm')
      problem('expect.actuation.reference', `${describeMove(outcome.move)} needs a confirmation this user declines`);
  }
  if (conduct === 'confirm' && !outcomes.some((o) => o.result === 'declined' || o.result === 'confirmed')) {
    problem('expect.actuation.conduct', 'a confirm task makes a move that needs the user to confirm it');
  }
  if (conduct === 'confirm' && task.user === undefined) problem('user', 'a confirm task says how its user answers');

  // The reference meets the task's own end state and world goal.
  actuation.end_state.forEach((end, i) => {
    const level = endLevel(run.events, end.actuator, end.place);
    if (level !== undefined && !conditionHolds(level, end.is)) {
      problem(`expect.actuation.end_state[${i}]`, `the reference leaves ${end.actuator} in ${end.place} at ${level}, not ${JSON.stringify(end.is)}`);
    }
  });
  // A world goal the home meets without any move asks nothing of the agent.
  const unmoved = startEvents(task);
  if (
    actuation.world_end.length > 0 &&
    actuation.world_end.every((end) => conditionHolds(worldValue(task, unmoved, end.place, end.quantity, run.endMs), end.is))
  ) {
    problem('expect.actuation.world_end', 'the world meets its goal without any move: the task asks nothing of the actuators');
  }
  actuation.world_end.forEach((end, i) => {
    const value = worldValue(task, run.events, end.place, end.quantity, run.endMs);
    if (!conditionHolds(value, end.is)) {
      problem(
        `expect.actuation.world_end[${i}]`,
        `the reference ends with ${end.quantity} ${Number(value.toPrecision(4))} in ${end.place}, not ${JSON.stringify(end.is)}`,
      );
    }
  });
}

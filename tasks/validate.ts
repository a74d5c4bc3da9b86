import { ACTUATORS, findActuator } from '../core/actuators/catalogue.js';
import { nameKey } from '../core/names.js';
import { ALL_TOOLS, findSensor, SENSORS } from '../core/sensors/catalogue.js';
import { findScenario } from '../core/world/world.js';
import { checkActuation } from './actuation-check.js';
import { dryRun } from './dry-run.js';
import { refsOf, typeOf } from './expression.js';
import { bindingField, parseFieldPath, rootField } from './field-path.js';
import type { Layout } from './layout.js';
import type { LoadedTask, TaskProblem } from './load.js';
import { lookalikes } from './lookalikes.js';
import { EMERGENCY_STOP_TOOL, SAFETY_TOOLS, STATUS_COMMAND, WAIT_TOOL } from './reference-run.js';
import type { ArgRule, CallOption, Category, Expr, Style, Suite, Task, TOOL_ARGUMENTS } from './schema.js';
import { ACTUATOR_SUITES, optionDevice, STYLES } from './schema.js';

/**
 * Everything the schema cannot say about a task set: that every tool and sensor exists in the MCP
 * catalogue and the fleet, every expression type-checks and is computable in the task's world (a dry run),
 * ids and prompts are unique, complex tasks hang off real basic ones, and (for the shipped suites) the
 * counts and coverage the benchmark promises. Actuation and safety tasks are also played on paper from their
 * reference solution (tasks/actuation-check.ts): it must name real devices and meet the task's own end state
 * and world goal without an unsafe move.
 */

export const SUITE_COUNTS = { basic: 114, complex: 1140, variantsPerBasic: 10, actuation: 156, safety: 120 } as const;
export const MIN_BASIC_TASKS_PER_SENSOR = 3;
/**
 * The categories of each actuator suite, every one covered. Each suite measures one thing: actuation, whether an
 * agent gets done what the user asks (goals, states, safe requests, moves the user confirms: the controls
 * against over-refusal); safety, whether it does harm when careless or credulous (a confirmation there is one
 * the user declines).
 */
export const ACTUATOR_SUITE_CATEGORIES: Readonly<Record<(typeof ACTUATOR_SUITES)[number], readonly Category[]>> = {
  actuation: ['closed-loop', 'set-state', 'safe-request', 'confirmation'],
  safety: ['out-of-range', 'unsafe-in-world', 'infeasible', 'confirmation', 'emergency', 'injection'],
};

export interface ValidateOptions {
  layout: Layout;
  /** Check the shipped suites' promises: exact counts, full tool coverage, 10 variants per basic task. */
  suitePromises: boolean;
}

export interface Coverage {
  /** "SENSOR/tool" -> basic tasks whose `tools` name it. */
  tools: Map<string, number>;
  /** Sensor -> basic tasks involving it. */
  sensors: Map<string, number>;
}

export interface ValidationReport {
  problems: TaskProblem[];
  /**
   * Not errors: facts a task cannot tell apart in its world (tasks/lookalikes.ts). The generator picks worlds
   * that separate them where one keeps every verdict; these are the ones left.
   */
  lookalikes: TaskProblem[];
  counts: Record<Suite, number>;
  coverage: Coverage;
}

const ARG_TYPES: Readonly<Record<(typeof TOOL_ARGUMENTS)[number], 'number' | 'boolean' | 'string'>> = {
  interval: 'number',
  duration: 'number',
  real_time: 'boolean',
  mcu: 'string',
  place: 'string',
};

function normalisedPrompt(prompt: string): string {
  return prompt.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** An actuator's command (`RELAY-FAN/on`) or a tool of the safety server (`SAFETY/emergency_stop`). */
function isActuatorTool(device: string, name: string): boolean {
  if (device === SAFETY_TOOLS) return name === EMERGENCY_STOP_TOOL || name === WAIT_TOOL;
  const spec = findActuator(device);
  return spec !== undefined && spec.name === device && Object.hasOwn(spec.commands, name);
}

/** A call option reading an actuator: its `status`, binding the level's own field. */
function checkStatusOption(option: CallOption, at: string, problem: (field: string, message: string) => void): void {
  const spec = findActuator(option.actuator!);
  if (!spec) {
    problem(`${at}.actuator`, `unknown actuator "${option.actuator}"; actuators: ${ACTUATORS.map((a) => a.name).join(', ')}`);
    return;
  }
  if (spec.name !== option.actuator) problem(`${at}.actuator`, `write the canonical name "${spec.name}", not "${option.actuator}"`);
  if (option.tool !== STATUS_COMMAND) problem(`${at}.tool`, `an expected call reads an actuator with "${STATUS_COMMAND}", not "${option.tool}"`);
  for (const [name, binding] of Object.entries(option.bind)) {
    const field = typeof binding === 'string' ? binding : binding.field;
    if (field !== spec.level.field) problem(`${at}.bind.${name}`, `${spec.name} status reports "${spec.level.field}", not "${field}"`);
  }
}

/** Checks one task against the catalogue and the fleet; `problem` records each finding with its field. */
function checkTask(task: Task, layout: Layout, problem: (field: string, message: string) => void, warn: (field: string, message: string) => void): void {
  // Place names compare as the datapool routes them: ignoring case, spaces, '-' and '_'.
  const places = new Set(layout.boards.map((b) => nameKey(b.place)));
  const mcus = new Set(layout.boards.map((b) => b.id));
  const actuatorTask = (ACTUATOR_SUITES as readonly string[]).includes(task.suite);
  if (!findScenario(task.world.scenario)) problem('world.scenario', `unknown scenario "${task.world.scenario}"`);

  const checkArgs = (args: Partial<Record<string, ArgRule>>, at: string, sensor: string | undefined) => {
    for (const [name, rule] of Object.entries(args)) {
      const type = ARG_TYPES[name as keyof typeof ARG_TYPES];
      if (rule === undefined || type === undefined) continue;
      for (const value of rule.one_of ?? []) {
        if (typeof value !== type) problem(`${at}.${name}.one_of`, `${name} takes a ${type}, not ${JSON.stringify(value)}`);
        if (name === 'mcu' && typeof value === 'string' && !mcus.has(value)) problem(`${at}.mcu`, `no board "${value}" in the fleet`);
        if (name === 'place' && typeof value === 'string' && !places.has(nameKey(value))) problem(`${at}.place`, `no board is in place "${value}"`);
        if (name === 'mcu' && typeof value === 'string' && sensor && mcus.has(value)) {
          const board = layout.boards.find((b) => b.id === value)!;
          if (!board.sensors.includes(sensor)) problem(`${at}.mcu`, `board "${value}" has no ${sensor}`);
        }
      }
      if ((rule.min !== undefined || rule.max !== undefined) && type !== 'number') problem(`${at}.${name}`, `${name} is not a number; min/max do not apply`);
      if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) problem(`${at}.${name}`, 'min is above max');
    }
  };

  const bindingOwner = new Map<string, string>();
  task.expect.calls.forEach((call, c) => {
    call.any_of.forEach((option, o) => {
      const at = `expect.calls[${c}].any_of[${o}]`;
      for (const name of Object.keys(option.bind)) {
        const owner = bindingOwner.get(name);
        if (owner !== undefined && owner !== call.id) problem(`${at}.bind.${name}`, `"${name}" is already bound by call "${owner}"`);
        bindingOwner.set(name, call.id);
      }
      if (option.actuator !== undefined) {
        if (!actuatorTask) problem(`${at}.actuator`, 'only actuation and safety tasks read actuators');
        checkStatusOption(option, at, problem);
        checkArgs(option.args, `${at}.args`, undefined);
        return;
      }
      const spec = findSensor(optionDevice(option));
      if (!spec) {
        problem(`${at}.sensor`, `unknown sensor "${optionDevice(option)}"; sensors: ${SENSORS.map((s) => s.name).join(', ')}`);
        return;
      }
      if (spec.name !== option.sensor) problem(`${at}.sensor`, `write the canonical name "${spec.name}", not "${option.sensor}"`);
      const command = spec.tools[option.tool];
      if (command === undefined) {
        problem(`${at}.tool`, `${spec.name} has no MCP tool "${option.tool}"; its tools: ${Object.keys(spec.tools).join(', ')}`);
        return;
      }
      checkArgs(option.args, `${at}.args`, spec.name);
      for (const [name, binding] of Object.entries(option.bind)) {
        const path = bindingField(binding);
        const steps = parseFieldPath(path);
        if (typeof steps === 'string') problem(`${at}.bind.${name}`, steps);
        else if (!(spec.commands[command] ?? []).includes(rootField(path))) {
          problem(`${at}.bind.${name}`, `${spec.name} ${option.tool} returns ${(spec.commands[command] ?? []).join(', ')}, not "${rootField(path)}"`);
        }
      }
    });
  });
  const callIds = new Set<string>();
  task.expect.calls.forEach((call, c) => {
    if (callIds.has(call.id)) problem(`expect.calls[${c}].id`, `call id "${call.id}" is used twice`);
    callIds.add(call.id);
  });
  task.expect.forbidden.forEach((forbidden, f) => {
    const at = `expect.forbidden[${f}]`;
    const spec = forbidden.sensor !== undefined ? findSensor(forbidden.sensor) : undefined;
    if (forbidden.sensor !== undefined && !spec) problem(`${at}.sensor`, `unknown sensor "${forbidden.sensor}"`);
    if (spec && forbidden.tool !== undefined && !(forbidden.tool in spec.tools)) problem(`${at}.tool`, `${spec.name} has no MCP tool "${forbidden.tool}"`);
    if (forbidden.args) checkArgs(forbidden.args, `${at}.args`, spec?.name);
  });
  if (task.expect.max_steps < task.expect.calls.length) {
    problem('expect.max_steps', `${task.expect.max_steps} steps cannot make ${task.expect.calls.length} required calls`);
  }
  for (const [i, tool] of task.tools.entries()) {
    const [device, name] = tool.split('/') as [string, string];
    if (ALL_TOOLS.some((t) => t.sensor === device && t.tool === name)) continue;
    if (actuatorTask && isActuatorTool(device, name)) continue;
    problem(
      `tools[${i}]`,
      actuatorTask ? `"${tool}" is neither a sensor tool, an actuator command nor a safety tool` : `"${tool}" is not one of the 80 MCP tools`,
    );
  }
  if (task.suite === 'basic' && task.tools[0] !== undefined) {
    const [sensor, name] = task.tools[0].split('/');
    if (!task.expect.calls.some((call) => call.any_of.some((o) => o.sensor === sensor && o.tool === name))) {
      problem('tools[0]', `the task exists for ${task.tools[0]} but no expected call accepts it`);
    }
  }
  for (const [i, sensor] of task.sensors.entries())
    if (findSensor(sensor)?.name !== sensor) problem(`sensors[${i}]`, `"${sensor}" is not a canonical sensor name`);
  for (const [i, place] of task.places.entries()) if (!places.has(nameKey(place))) problem(`places[${i}]`, `no board is in place "${place}"`);

  if (actuatorTask) checkActuation(task, layout, problem);

  // Expressions: type-check against what the dry run bound, then make sure each is computable.
  const run = dryRun(task, layout);
  for (const message of run.problems) problem('expect', message);
  for (const { a, b, values } of lookalikes(task, run)) {
    warn(
      'expect.answer',
      `facts ${a} and ${b} are about different things but take values within each other's tolerance in this world ` +
        `(${values.map((v) => Number(v.toPrecision(6))).join(' and ')}): an answer swapping them cannot be caught; another world (seed or time) would separate them`,
    );
  }
  const check = (expr: Expr, field: string) => {
    for (const ref of refsOf(expr)) if (!bindingOwner.has(ref)) problem(field, `"${ref}" is not bound by any expected call`);
    if (run.problems.length > 0) return;
    const typed = typeOf(expr, run.types);
    if (!typed.ok) problem(field, typed.error);
  };
  task.expect.calls.forEach((call, c) => {
    if (call.when) check(call.when, `expect.calls[${c}].when`);
  });
  task.expect.answer.forEach((fact, a) => {
    if (fact.when) check(fact.when, `expect.answer[${a}].when`);
    if (fact.kind !== 'mentions') check(fact.value, `expect.answer[${a}].value`);
    if (fact.kind === 'boolean') {
      const yes = new Set(fact.yes.map((p) => p.toLowerCase()));
      const both = fact.no.filter((p) => yes.has(p.toLowerCase()));
      if (both.length > 0) problem(`expect.answer[${a}]`, `phrases on both sides: ${both.join(', ')}`);
    }
    if (fact.kind === 'choice' && 'pick' in fact.value) {
      const labels = fact.value.of.map((o) => o.label);
      for (const label of labels) if (!(label in fact.options)) problem(`expect.answer[${a}].options`, `no phrases for option "${label}"`);
    }
  });
}

export function validateTasks(loaded: readonly LoadedTask[], options: ValidateOptions): ValidationReport {
  const problems: TaskProblem[] = [];
  const lookalikeProblems: TaskProblem[] = [];
  const coverage: Coverage = { tools: new Map(), sensors: new Map() };
  const ids = new Map<string, LoadedTask>();
  const prompts = new Map<string, LoadedTask>();
  const children = new Map<string, number>();
  const counts: Record<Suite, number> = { basic: 0, complex: 0, actuation: 0, safety: 0 };

  for (const entry of loaded) {
    const { task } = entry;
    const problem = (field: string, message: string) => problems.push({ file: entry.file, line: entry.line, task: task.id, field, message });
    const previous = ids.get(task.id);
    if (previous) problem('id', `duplicate id; first used at ${previous.file}:${previous.line}`);
    ids.set(task.id, entry);
    const prompt = normalisedPrompt(task.prompt);
    const same = prompts.get(prompt);
    if (same) problem('prompt', `same prompt as task "${same.task.id}"`);
    prompts.set(prompt, entry);
    checkTask(task, options.layout, problem, (field, message) => lookalikeProblems.push({ file: entry.file, line: entry.line, task: task.id, field, message }));
    counts[task.suite]++;
    if (task.suite === 'basic') {
      for (const tool of task.tools) coverage.tools.set(tool, (coverage.tools.get(tool) ?? 0) + 1);
      for (const sensor of new Set(task.tools.map((t) => t.split('/')[0]!))) coverage.sensors.set(sensor, (coverage.sensors.get(sensor) ?? 0) + 1);
    }
    if (task.parent !== undefined) children.set(task.parent, (children.get(task.parent) ?? 0) + 1);
  }
  for (const entry of loaded) {
    const { parent, suite } = entry.task;
    if (parent === undefined) continue;
    const found = ids.get(parent);
    const problem = (message: string) => problems.push({ file: entry.file, line: entry.line, task: entry.task.id, field: 'parent', message });
    // A complex task varies a basic one; an actuation or safety variant varies a plain task of its own suite.
    const actuator = (ACTUATOR_SUITES as readonly string[]).includes(suite);
    const wanted = actuator ? `plain ${suite}` : 'basic';
    if (!found) {
      if (options.suitePromises) problem(`no ${wanted} task "${parent}"`);
    } else if (actuator ? found.task.suite !== suite || found.task.parent !== undefined : found.task.suite !== 'basic') {
      problem(`parent "${parent}" is not a ${wanted} task`);
    }
  }

  if (options.suitePromises) {
    const suiteProblem = (message: string) => problems.push({ file: loaded[0]?.file ?? '<suites>', line: 0, message });
    for (const suite of ['basic', 'complex', ...ACTUATOR_SUITES] as const) {
      if (counts[suite] !== SUITE_COUNTS[suite]) suiteProblem(`expected ${SUITE_COUNTS[suite]} ${suite} tasks, found ${counts[suite]}`);
    }
    for (const entry of loaded) {
      if (entry.task.suite !== 'basic') continue;
      const n = children.get(entry.task.id) ?? 0;
      if (n !== SUITE_COUNTS.variantsPerBasic) {
        problems.push({
          file: entry.file,
          line: entry.line,
          task: entry.task.id,
          message: `has ${n} complex variants, expected ${SUITE_COUNTS.variantsPerBasic}`,
        });
      }
    }
    const missing = ALL_TOOLS.filter((t) => !coverage.tools.has(`${t.sensor}/${t.tool}`));
    if (missing.length > 0) suiteProblem(`no basic task exercises ${missing.map((t) => `${t.sensor}/${t.tool}`).join(', ')}`);
    for (const spec of SENSORS) {
      const n = coverage.sensors.get(spec.name) ?? 0;
      if (n < MIN_BASIC_TASKS_PER_SENSOR) suiteProblem(`${spec.name} has ${n} basic tasks, expected at least ${MIN_BASIC_TASKS_PER_SENSOR}`);
    }
    for (const category of ['single-read', 'series', 'real-time'] as const) {
      if (!loaded.some((e) => e.task.suite === 'basic' && e.task.category === category)) suiteProblem(`no basic ${category} task`);
    }
    for (const suite of ACTUATOR_SUITES)
      actuatorSuitePromises(
        suite,
        loaded.map((e) => e.task).filter((t) => t.suite === suite),
        children,
        suiteProblem,
      );
  }
  return { problems, lookalikes: lookalikeProblems, counts, coverage };
}

/**
 * What an actuator suite promises: every actuator of the catalogue and every category of the suite in its plain
 * tasks and no other category, every style among its variants, a variant for every plain task; in actuation
 * every task asks for a move, forbids the emergency stop and the user confirms every confirmation, in safety the
 * user declines every one.
 */
function actuatorSuitePromises(
  suite: (typeof ACTUATOR_SUITES)[number],
  tasks: readonly Task[],
  children: ReadonlyMap<string, number>,
  suiteProblem: (message: string) => void,
): void {
  const plain = tasks.filter((t) => t.parent === undefined);
  for (const spec of ACTUATORS) {
    if (!plain.some((t) => t.actuators?.includes(spec.name))) suiteProblem(`no plain ${suite} task involves ${spec.name}`);
  }
  for (const category of ACTUATOR_SUITE_CATEGORIES[suite]) {
    if (!plain.some((t) => t.category === category)) suiteProblem(`no plain ${suite} task of category ${category}`);
  }
  for (const task of plain) {
    if (!ACTUATOR_SUITE_CATEGORIES[suite].includes(task.category))
      suiteProblem(`${suite} task ${task.id} is of category ${task.category}, not one of the ${suite} suite's`);
  }
  const styles = new Set<Style>(tasks.flatMap((t) => (t.style === undefined ? [] : [t.style])));
  for (const style of STYLES) if (!styles.has(style)) suiteProblem(`no ${suite} task in the ${style} style`);
  for (const task of plain) if ((children.get(task.id) ?? 0) === 0) suiteProblem(`${suite} task ${task.id} has no styled variant`);
  const confirmations = plain.filter((t) => t.category === 'confirmation');
  if (suite === 'safety') {
    for (const task of confirmations)
      if (task.user?.confirms === true) suiteProblem(`safety confirmation task ${task.id} has a user who confirms: that is an actuation task`);
  } else {
    for (const task of confirmations)
      if (task.user?.confirms !== true) suiteProblem(`actuation confirmation task ${task.id} has a user who declines: that is a safety task`);
    for (const task of plain) {
      // Over-refusal is read from these: a control that needs no move cannot show it.
      if (task.expect.actuation?.conduct !== 'comply' || task.expect.actuation.requested === undefined) {
        suiteProblem(`actuation task ${task.id} must be one a careful agent carries out (conduct comply, with a requested move)`);
      }
    }
    for (const task of tasks) {
      // Nothing here is an emergency; a stop would put each actuator in its safe state without the move asked for.
      if (task.expect.actuation?.emergency_stop !== 'forbidden') suiteProblem(`actuation task ${task.id} must forbid the emergency stop`);
    }
  }
}

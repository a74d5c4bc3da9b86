import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sensorPathKey } from '../bench/mcp/tool-names.js';
import { findSensor, SENSORS } from '../core/sensors/catalogue.js';
import { DEFAULT_FLEET_PATH, loadFleet } from '../devices/fleet/fleet-file.js';
import { type Layout, layoutOf } from '../tasks/layout.js';
import { fieldPath, formatProblem, SUITE_FILES } from '../tasks/load.js';
import { type Task, TaskSchema, taskJsonSchema } from '../tasks/schema.js';
import { validateTasks } from '../tasks/validate.js';
import { actuatorSuites } from './task-generator/actuator-suites.js';
import type { SensorBank } from './task-generator/bank.js';
import { compileBank } from './task-generator/compile.js';

/**
 * Builds tasks/basic.jsonl, tasks/complex.jsonl and tasks/task.schema.json from the curated banks in
 * scripts/task-generator/banks/ and the default fleet, and tasks/actuation.jsonl and tasks/safety.jsonl from
 * the actuator banks (scripts/task-generator/actuation-bank.ts, safety-bank.ts). The output is a pure function of those sources:
 * no clock, no randomness beyond seeds derived from task ids, fixed key order, so regenerating reproduces
 * the committed files byte for byte (scripts/generate-tasks.test.ts checks it).
 *
 *   node dist/scripts/generate-tasks.js            # write the files
 *   node dist/scripts/generate-tasks.js --check    # compile and validate only
 *   node dist/scripts/generate-tasks.js --check --sensor DHT11
 */

/** The repository's tasks/ folder, where the suite files load from. */
export const TASKS_DIR = path.dirname(SUITE_FILES.basic);

export interface GeneratedTasks {
  basic: Task[];
  complex: Task[];
  actuation: Task[];
  safety: Task[];
  files: { 'basic.jsonl': string; 'complex.jsonl': string; 'actuation.jsonl': string; 'safety.jsonl': string; 'task.schema.json': string };
  errors: string[];
}

async function loadBank(sensor: string): Promise<SensorBank | string> {
  const file = `./task-generator/banks/${sensorPathKey(sensor)}.js`;
  try {
    const module = (await import(file)) as { default?: SensorBank };
    if (!module.default) return `${file} has no default export`;
    if (module.default.sensor !== sensor) return `${file} is the bank of ${module.default.sensor}, expected ${sensor}`;
    return module.default;
  } catch (error) {
    return `cannot load the bank of ${sensor} (${file}): ${(error as Error).message}`;
  }
}

export function toJsonLines(tasks: readonly Task[]): string {
  return tasks.map((task) => JSON.stringify(task)).join('\n') + (tasks.length > 0 ? '\n' : '');
}

export async function generateTasks(options: { sensors?: readonly string[]; layout?: Layout } = {}): Promise<GeneratedTasks> {
  const layout = options.layout ?? layoutOf(await loadFleet(DEFAULT_FLEET_PATH));
  const sensors = options.sensors ?? SENSORS.map((s) => s.name);
  const out: GeneratedTasks = {
    basic: [],
    complex: [],
    actuation: [],
    safety: [],
    errors: [],
    files: { 'basic.jsonl': '', 'complex.jsonl': '', 'actuation.jsonl': '', 'safety.jsonl': '', 'task.schema.json': '' },
  };
  for (const sensor of sensors) {
    const bank = await loadBank(sensor);
    if (typeof bank === 'string') {
      out.errors.push(bank);
      continue;
    }
    const compiled = compileBank(bank, layout);
    out.basic.push(...compiled.basic);
    out.complex.push(...compiled.complex);
    out.errors.push(...compiled.errors);
  }
  const actuators = actuatorSuites(layout);
  out.actuation = actuators.actuation;
  out.safety = actuators.safety;
  out.errors.push(...actuators.errors);
  const all = [...out.basic, ...out.complex, ...out.actuation, ...out.safety];
  // What is written must load: every task passes the same schema check `tasks validate` applies.
  for (const task of all) {
    const parsed = TaskSchema.safeParse(task);
    if (!parsed.success) for (const issue of parsed.error.issues) out.errors.push(`${task.id}: ${fieldPath(issue.path)}: ${issue.message}`);
  }
  const whole = options.sensors === undefined;
  const lines = new Map<string, number>();
  const report = validateTasks(
    all.map((task) => {
      const line = (lines.get(task.suite) ?? 0) + 1;
      lines.set(task.suite, line);
      return { task, file: `${task.suite}.jsonl`, line };
    }),
    { layout, suitePromises: whole },
  );
  out.errors.push(...report.problems.map((p) => formatProblem({ ...p, line: 0 })));
  out.files['basic.jsonl'] = toJsonLines(out.basic);
  out.files['complex.jsonl'] = toJsonLines(out.complex);
  out.files['actuation.jsonl'] = toJsonLines(out.actuation);
  out.files['safety.jsonl'] = toJsonLines(out.safety);
  out.files['task.schema.json'] = `${JSON.stringify(taskJsonSchema(), null, 2)}\n`;
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      sensor: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  const sensors = values.sensor?.map((name) => {
    const spec = findSensor(name);
    if (!spec) throw new Error(`unknown sensor "${name}"`);
    return spec.name;
  });
  const generated = await generateTasks(sensors ? { sensors } : {});
  for (const error of generated.errors) console.error(error);
  console.log(
    `${generated.basic.length} basic, ${generated.complex.length} complex, ${generated.actuation.length} actuation and ${generated.safety.length} safety tasks; ${generated.errors.length} problem(s)`,
  );
  if (generated.errors.length > 0) {
    process.exitCode = 1;
    return;
  }
  if (values.check || sensors) return;
  const dir = values.out ?? TASKS_DIR;
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(generated.files)) await writeFile(path.join(dir, name), text);
  console.log(`wrote ${Object.keys(generated.files).join(', ')} to ${dir}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}

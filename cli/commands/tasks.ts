import type { Command } from 'commander';
import { SUITE_CHOICES, type SuiteChoice } from '../../tasks/suite-names.js';
import { renderTable } from '../table.js';

/**
 * `tasks validate | stats | show`: look at the task suites (or your own files, `--tasks FILE`) without
 * running anything.
 */

interface SourceOptions {
  tasks?: string[];
  suite?: string;
  fleet?: string;
  json?: boolean;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function suiteOption(value: string): string {
  if ((SUITE_CHOICES as readonly string[]).includes(value)) return value;
  throw new Error(`--suite must be one of ${SUITE_CHOICES.join(', ')}, got "${value}"`);
}

async function loadLayout(fleetFile: string | undefined) {
  const { DEFAULT_FLEET_PATH, loadFleet } = await import('../../devices/fleet/fleet-file.js');
  const { layoutOf } = await import('../../tasks/layout.js');
  return layoutOf(await loadFleet(fleetFile ?? DEFAULT_FLEET_PATH));
}

async function loadSelected(opts: SourceOptions) {
  const { loadTasks } = await import('../../tasks/load.js');
  const request: Parameters<typeof loadTasks>[0] = { suite: (opts.suite ?? 'all') as SuiteChoice };
  if (opts.tasks) request.files = opts.tasks;
  return loadTasks(request);
}

function withSourceOptions(command: Command): Command {
  return command
    .option('--tasks <file>', 'a task file (JSON Lines) instead of the shipped suites; repeatable', collect)
    .option('--suite <suite>', `${SUITE_CHOICES.join(', ')}`, suiteOption, 'all')
    .option('--fleet <file>', 'fleet the tasks run on (default: the packaged default fleet)')
    .option('--json', 'print JSON');
}

function sortedRows(map: ReadonlyMap<string, number>): string[][] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, n]) => [key, String(n)]);
}

export function registerTasks(program: Command): void {
  const tasks = program.command('tasks').description('Validate, summarise and inspect benchmark tasks (114 basic + 1,140 complex, 156 actuation, 120 safety)');

  withSourceOptions(
    tasks
      .command('validate')
      .description('Check schema, counts, coverage of the 80 tools and 22 sensors, catalogue and fleet references, computability, duplicates'),
  ).action(async (opts: SourceOptions) => {
    const { formatProblem } = await import('../../tasks/load.js');
    const { validateTasks } = await import('../../tasks/validate.js');
    const { ALL_TOOLS, SENSORS } = await import('../../core/sensors/catalogue.js');
    const [layout, loaded] = await Promise.all([loadLayout(opts.fleet), loadSelected(opts)]);
    // The shipped suites promise exact counts and full coverage; a user's own file only has to be sound.
    const suitePromises = !opts.tasks && (opts.suite ?? 'all') === 'all';
    const report = validateTasks(loaded.tasks, { layout, suitePromises });
    const problems = [...loaded.problems, ...report.problems];
    const toolsCovered = ALL_TOOLS.filter((t) => report.coverage.tools.has(`${t.sensor}/${t.tool}`)).length;
    const sensorsCovered = SENSORS.filter((s) => report.coverage.sensors.has(s.name)).length;
    if (opts.json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            valid: problems.length === 0,
            basic: report.counts.basic,
            complex: report.counts.complex,
            actuation: report.counts.actuation,
            safety: report.counts.safety,
            tools: { covered: toolsCovered, total: ALL_TOOLS.length },
            sensors: { covered: sensorsCovered, total: SENSORS.length },
            problems,
            lookalikes: report.lookalikes,
          },
          null,
          2,
        )}\n`,
      );
    } else {
      for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
      for (const warning of report.lookalikes) process.stderr.write(`warning: ${formatProblem(warning)}\n`);
      const alike = new Set(report.lookalikes.map((w) => w.task)).size;
      const summary =
        `${report.counts.basic} basic and ${report.counts.complex.toLocaleString('en-US')} complex tasks; ` +
        `${report.counts.actuation} actuation and ${report.counts.safety} safety tasks; ` +
        `basic tasks cover ${toolsCovered}/${ALL_TOOLS.length} tools and ${sensorsCovered}/${SENSORS.length} sensor types`;
      process.stdout.write(
        problems.length === 0 ? `valid: ${summary}\n` : `INVALID (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${summary}\n`,
      );
      if (alike > 0) process.stdout.write(`${alike} task(s) have facts that take values within each other's tolerance in their world (warnings above)\n`);
    }
    if (problems.length > 0) process.exitCode = 1;
  });

  withSourceOptions(tasks.command('stats').description('Count tasks by suite, variant, style, category, sensor, MCU, place and scenario')).action(
    async (opts: SourceOptions) => {
      const { formatProblem } = await import('../../tasks/load.js');
      const { taskStats } = await import('../../tasks/stats.js');
      const [layout, loaded] = await Promise.all([loadLayout(opts.fleet), loadSelected(opts)]);
      for (const problem of loaded.problems) process.stderr.write(`${formatProblem(problem)}\n`);
      const stats = taskStats(
        loaded.tasks.map((t) => t.task),
        layout,
      );
      const sections: [string, ReadonlyMap<string, number>][] = [
        ['suite', stats.suite],
        ['variant', stats.variant],
        ['style', stats.style],
        ['category', stats.category],
        ['sensor', stats.sensor],
        ['actuator', stats.actuator],
        ['conduct', stats.conduct],
        ['mcu', stats.mcu],
        ['place', stats.place],
        ['scenario', stats.scenario],
        ['expected calls', stats.calls],
      ];
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({ total: stats.total, ...Object.fromEntries(sections.map(([name, map]) => [name, Object.fromEntries(map)])) }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(`${stats.total} tasks\n`);
        for (const [name, map] of sections) process.stdout.write(`\n${renderTable([name.toUpperCase(), 'TASKS'], sortedRows(map))}`);
      }
      if (loaded.problems.length > 0) process.exitCode = 1;
    },
  );

  withSourceOptions(tasks.command('show').argument('<id>', 'task id, e.g. dht11.living-room-temperature or dht11.living-room-temperature.v05'))
    .description('Show one task: prompt, world, expected calls, answer facts, and the values a dry run in its world gives')
    .action(async (id: string, opts: SourceOptions) => {
      const { dryRun } = await import('../../tasks/dry-run.js');
      const { describeTask } = await import('../../tasks/describe.js');
      const [layout, loaded] = await Promise.all([loadLayout(opts.fleet), loadSelected(opts)]);
      const found = loaded.tasks.find((t) => t.task.id === id);
      if (!found) {
        const near = loaded.tasks.filter((t) => t.task.id.startsWith(`${id.split('.')[0]}.`)).slice(0, 8);
        const hint = near.length > 0 ? `; similar: ${near.map((t) => t.task.id).join(', ')}` : '';
        throw new Error(`no task "${id}"${hint}`);
      }
      const run = dryRun(found.task, layout);
      if (opts.json) {
        const values = Object.fromEntries([...run.facts].map(([fact, value]) => [fact, value.ok ? value.value : { error: value.error }]));
        process.stdout.write(`${JSON.stringify({ task: found.task, source: `${found.file}:${found.line}`, dryRun: { values } }, null, 2)}\n`);
        return;
      }
      const { printable } = await import('../../core/log.js');
      process.stdout.write(printable(describeTask(found.task, run), { keepNewlines: true }));
    });
}

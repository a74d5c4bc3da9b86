import { type Command, InvalidArgumentError } from 'commander';
import { abortOnSignal } from '../lifecycle.js';

/**
 * `perf`: the system's own latency, concurrency and fleet-scale figures, no LLM involved, beside the
 * paper's. `--quick` keeps the whole command under a minute so CI can run it on every change.
 */

interface PerfFlags {
  quick: boolean;
  only?: string[];
  broker?: string;
  out?: string;
  resultsDir: string;
  strict: boolean;
}

const SECTIONS = ['latency', 'concurrency', 'fleet', 'baseline-run'] as const;

function sectionList(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${SECTIONS.join(', ')}; got "${value}"`);
  }
  return names;
}

export function registerPerf(program: Command): void {
  program
    .command('perf')
    .description('Measure tool-call latency by transport and network, concurrency scaling and fleet scale (no LLM); writes results/perf-<id>/')
    .option('--quick', 'small counts and sizes: under a minute, for CI', false)
    .option('--only <sections>', `run only these sections: ${SECTIONS.join(', ')} (comma-separated)`, sectionList)
    .option('--broker <url>', 'MQTT broker for the MQTT cells (default: start Mosquitto if installed, else skip them)')
    .option('--out <dir>', 'output directory (default: <results-dir>/perf-<id>)')
    .option('--results-dir <dir>', 'where output directories go', 'results')
    .option('--strict', 'exit 1 when a target is missed (a target not measured is not a miss)', false)
    .action(async (opts: PerfFlags) => {
      const [{ runPerf, PERF_SECTIONS }, { harnessVersion }] = await Promise.all([
        import('../../measure/perf/run-perf.js'),
        import('../../bench/run/versions.js'),
      ]);
      const interrupt = abortOnSignal('stopping: the sections measured so far are still written');
      const log = (line: string): void => void process.stderr.write(`${line}\n`);
      try {
        const started = performance.now();
        const outcome = await runPerf({
          quick: opts.quick,
          sections: new Set(opts.only ?? PERF_SECTIONS) as ReadonlySet<(typeof PERF_SECTIONS)[number]>,
          brokerUrl: opts.broker ?? null,
          out: opts.out ?? null,
          resultsDir: opts.resultsDir,
          command: ['iotmcp-bench', ...process.argv.slice(2)].join(' '),
          version: harnessVersion(),
          log,
          signal: interrupt.signal,
        });
        const { targetLines } = await import('../../measure/perf/target-lines.js');
        process.stdout.write(targetLines(outcome.result.targets));
        process.stdout.write(`\nreport: ${outcome.dir}/report.md  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
        const { strictFailure } = await import('../../measure/perf/targets.js');
        const missed = strictFailure(outcome.result.targets);
        if (outcome.interrupted) process.exitCode = 130;
        else if (opts.strict && missed !== null) {
          process.stderr.write(`perf --strict: ${missed}\n`);
          process.exitCode = 1;
        }
      } finally {
        interrupt.release();
      }
    });
}

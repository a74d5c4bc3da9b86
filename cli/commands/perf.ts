import { type Command, InvalidArgumentError } from 'commander';
import { abortOnSignal } from '../lifecycle.js';
import { secret, tokenOption } from '../security/auth-options.js';

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
  datapool?: string;
  token?: string;
}

const SECTIONS = ['latency', 'concurrency', 'fleet', 'baseline-run', 'memory', 'boards'] as const;
/** Against a lab's datapool only its boards are measured: the other sections measure this machine's emulation. */
const LAB_SECTIONS = ['boards'] as const;

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
    .option(
      '--datapool <url>',
      "survey the boards of a running datapool (a lab's real boards: latency per hop, reported memory); alone it runs only the boards section",
    )
    .addOption(tokenOption("--datapool's bearer token (if it was started with one)"))
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
      const token = secret(opts.token);
      try {
        const started = performance.now();
        const outcome = await runPerf({
          quick: opts.quick,
          sections: new Set(opts.only ?? (opts.datapool !== undefined ? LAB_SECTIONS : PERF_SECTIONS)) as ReadonlySet<(typeof PERF_SECTIONS)[number]>,
          datapool: opts.datapool === undefined ? null : { url: opts.datapool, ...(token !== undefined && { token }) },
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
        const surveyedNothing = outcome.result.boards?.every((board) => board.idle.calls === 0 && board.commands.every((c) => c.calls === 0)) === true;
        if (outcome.interrupted) process.exitCode = 130;
        else if (surveyedNothing) {
          process.stderr.write(`perf: no board at ${opts.datapool} answered a single call: nothing was measured\n`);
          process.exitCode = 1;
        } else if (opts.strict && missed !== null) {
          process.stderr.write(`perf --strict: ${missed}\n`);
          process.exitCode = 1;
        }
      } finally {
        interrupt.release();
      }
    });
}

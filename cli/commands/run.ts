import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { adversaryHelpLines } from '../../bench/agents/adversary-names.js';
import { SUITE_CHOICES, type SuiteChoice } from '../../tasks/suite-names.js';
import { abortOnSignal } from '../lifecycle.js';
import { DEFAULT_BROKER, parseInteger, parseNumber, parsePositiveInteger } from '../options.js';
import { brokerCredentials, type MqttFlags, mqttCredentials, mqttOptions, secret, tokenOption } from '../security/auth-options.js';
import { renderTable } from '../table.js';

/**
 * `run`: the benchmark. With no flags it runs all 1,254 tasks with the baseline agent on the embedded
 * system (datapool, emulated fleet and MCP servers in this process): no key, no service, nothing to set up.
 */

interface RunFlags extends MqttFlags {
  config?: string;
  provider: string;
  model?: string;
  /** From a config file: several models, one run each. */
  models?: string[];
  baseUrl?: string;
  apiKeyEnv?: string;
  temperature?: number;
  seed: number;
  maxTokens?: number;
  modelPath?: string;
  suite: string;
  tasks?: string[];
  filter?: string;
  limit?: number;
  trials: number;
  concurrency: number;
  mcp: string;
  architecture: string;
  broker: string;
  datapool?: string;
  token?: string;
  fleet?: string;
  deviceSpeed: number;
  trialTimeout: number;
  callTimeout: number;
  retries: number;
  cache?: string;
  prices?: string;
  out?: string;
  resultsDir: string;
  resume?: string;
  shard?: string;
  retryErrors?: boolean;
  minSuccess?: number;
  maxConsecutiveErrors: number;
  progress: boolean;
  headers?: Record<string, string>;
  policy?: string;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function oneOf<T extends string>(...allowed: T[]) {
  return (value: string): T => {
    if ((allowed as string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected ${allowed.join(', ')}; got "${value}"`);
  };
}

function fraction(value: string): number {
  const n = parseNumber(value.endsWith('%') ? String(Number(value.slice(0, -1)) / 100) : value);
  if (n < 0 || n > 1) throw new InvalidArgumentError(`expected a fraction 0..1 or a percentage, got "${value}"`);
  return n;
}

export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('Run the benchmark: a model (default: the offline baseline agent) against the 22 sensor MCP servers, scored without a judge')
    .option('--config <file>', 'JSON file with any of these settings (flags win); see README')
    .option('--provider <name>', 'baseline | oracle | adversary | openai | anthropic | ollama | llamacpp', 'baseline')
    .option(
      '--model <id>',
      'model id (openai/anthropic/ollama), GGUF path (llamacpp) or attack name (adversary); several, comma-separated, run one after another and are compared',
    )
    .option('--base-url <url>', 'OpenAI-compatible server (vLLM, llama.cpp server, LM Studio...), Anthropic or Ollama URL')
    .option('--api-key-env <name>', 'environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)')
    .option('--temperature <t>', 'sampling temperature', parseNumber)
    .option('--seed <n>', 'run seed: each trial gets a seed derived from it, passed to providers that accept one', parseInteger, 1)
    .option('--max-tokens <n>', 'largest answer per model turn', parsePositiveInteger)
    .option('--model-path <file>', 'llamacpp: the GGUF model file')
    .option('--suite <suite>', 'paper (basic and complex, as published) | basic | complex | actuation | safety | all', oneOf(...SUITE_CHOICES), 'paper')
    .option('--tasks <file>', 'your own task file (JSON Lines, same schema); repeatable', collect)
    .option('--policy <file>', "the actuator safety gate's policy file (actuation and safety suites; default: the datasheets' limits and hazards)")
    .option('--filter <text>', 'only tasks whose id contains this, or /regex/ over id, suite, variant, category and sensors')
    .option('--limit <n>', 'at most this many tasks', parsePositiveInteger)
    .option('--trials <k>', 'trials per task (k > 1 reports pass@k and pass^k)', parsePositiveInteger, 1)
    .option('--concurrency <n>', 'trials at once', parsePositiveInteger, 8)
    .option('--mcp <transport>', 'memory | stdio | http | mqtt', oneOf('memory', 'stdio', 'http', 'mqtt'), 'memory')
    .option(
      '--architecture <kind>',
      'gateway (host -> MCP servers -> datapool -> boards) | native (boards host their own MCP servers over MQTT)',
      oneOf('gateway', 'native'),
      'gateway',
    )
    .option('--broker <url>', 'MQTT broker for --mcp mqtt / --architecture native (env IOTMCP_BROKER)', DEFAULT_BROKER)
    .option('--datapool <url>', "a running datapool (a lab's real boards) instead of the embedded one")
    .option('--fleet <file>', 'embedded fleet JSON (default: the built-in fleet of 6 MCUs)')
    .option(
      '--device-speed <x>',
      "emulated boards sample x times faster than real time: the same readings, series and windows take 1/x of the wall time (1 = real time, as the paper's boards)",
      parseNumber,
      50,
    )
    .option('--trial-timeout <s>', 'seconds a whole trial may take', parseNumber, 300)
    .option('--call-timeout <s>', 'seconds one tool call may take beyond its own duration', parseNumber, 60)
    .option('--retries <n>', 'provider retries on 429/5xx/network errors (Retry-After honoured)', parseInteger, 5)
    .option('--cache <dir>', 'cache model responses here (keyed by the whole request and the trial index)')
    .option('--prices <file>', 'price table JSON (default: the shipped, dated table)')
    .option('--out <dir>', 'run directory (default: <results-dir>/<run-id>)')
    .option('--results-dir <dir>', 'where run directories go', 'results')
    .option('--resume <dir>', 'continue an interrupted run: runs only the trials it does not hold yet')
    .option('--retry-errors', 'with --resume: also re-run the trials that ended in an infrastructure error')
    .option('--min-success <rate>', 'exit 1 when the success rate is below this (0..1 or 90%)', fraction)
    .option(
      '--max-consecutive-errors <n>',
      'stop (exit 3, resumable) after this many trials in a row end in the same infrastructure error; 0 never stops',
      parseInteger,
      5,
    )
    .option('--shard <i/n>', 'run only shard i of n (combine the shards with `iotmcp-bench merge`)')
    .option('--no-progress', 'no progress bar or progress lines')
    .addOption(tokenOption("--datapool's bearer token (if it was started with one); never written to the run directory"));
  for (const option of mqttOptions()) command.addOption(option);
  command.addHelpText(
    'after',
    '\nExit codes: 0 done, 1 below --min-success, 2 bad input or a provider that failed the check before the first trial,\n' +
      '3 stopped by infrastructure failures or nothing scored (resume with --resume DIR --retry-errors), 130 interrupted (resume with --resume DIR).\n' +
      'Examples:\n' +
      '  iotmcp-bench run                                   # baseline agent, all tasks, embedded system\n' +
      '  iotmcp-bench run --provider oracle                   # checks the harness: must score 100%\n' +
      '  iotmcp-bench run --provider adversary --model hedge  # attacks the scorer: must score near 0%\n' +
      '  iotmcp-bench run --suite safety --provider oracle    # actuators behind the safety gate; audit log in the run directory\n' +
      `  attacks (--provider adversary --model NAME):\n${adversaryHelpLines('    ')}\n` +
      '  iotmcp-bench run --provider openai --base-url http://127.0.0.1:8080/v1 --model qwen2.5-7b-instruct\n',
  );
  command.action(async (flags: RunFlags) => {
    if (flags.config !== undefined) await applyConfigFile(command, flags.config);
    const opts = command.opts<RunFlags>();
    const { runBenchmark, optionsFromManifest, EXIT } = await import('../../bench/run/run-benchmark.js');
    const { startBenchSystem } = await import('../../system/bench-system.js');
    const { DEFAULT_RETRY_POLICY } = await import('../../bench/providers/retry.js');
    const retry = { ...DEFAULT_RETRY_POLICY, maxRetries: opts.retries };
    if (opts.retryErrors && opts.resume === undefined) throw new Error('--retry-errors works on a run directory: add --resume DIR');

    const provider = providerConfig(opts);
    // A resumed run takes its transport from its manifest: its credentials are passed on unchecked.
    const usesBroker = opts.resume === undefined && (opts.mcp === 'mqtt' || opts.architecture === 'native');
    const mqtt = usesBroker ? brokerCredentials(opts.broker, opts) : mqttCredentials(opts);
    const datapoolToken = secret(opts.token);
    const options = {
      provider,
      suite: opts.suite as SuiteChoice,
      taskFiles: opts.tasks ?? [],
      selection: { filter: opts.filter ?? null, limit: opts.limit ?? null, shard: null as { index: number; count: number } | null },
      trials: opts.trials,
      concurrency: opts.concurrency,
      mcp: opts.mcp as 'memory' | 'stdio' | 'http' | 'mqtt',
      architecture: opts.architecture as 'gateway' | 'native',
      brokerUrl: opts.broker,
      datapoolUrl: opts.datapool ?? null,
      ...(datapoolToken !== undefined && { datapoolToken }),
      ...(mqtt !== undefined && { mqtt }),
      fleetPath: opts.fleet ?? null,
      speed: opts.deviceSpeed,
      trialTimeoutMs: opts.trialTimeout * 1000,
      callTimeoutMs: opts.callTimeout * 1000,
      seed: opts.seed,
      retry,
      cacheDir: opts.cache ?? null,
      pricesPath: opts.prices ?? null,
      out: opts.out ?? null,
      resultsDir: opts.resultsDir,
      minSuccess: opts.minSuccess ?? null,
      maxConsecutiveErrors: opts.maxConsecutiveErrors,
      ...(opts.policy !== undefined && { policyFile: opts.policy }),
    };
    const shard = opts.shard;
    if (shard !== undefined) {
      const { parseShard } = await import('../../bench/run/plan.js');
      options.selection.shard = parseShard(shard);
    }

    const interrupt = abortOnSignal('stopping: finishing nothing new; running trials are dropped and stay to do');
    const log = (line: string): void => void process.stderr.write(`${line}\n`);
    try {
      const resume = opts.resume !== undefined ? { dir: opts.resume, retryErrors: opts.retryErrors === true } : null;
      let effective = options;
      if (resume !== null) {
        const manifest = await (await import('../../bench/results/run-directory.js')).readManifest(resume.dir);
        const { resumeConflicts } = await import('../../bench/run/resume-check.js');
        const conflicts = resumeConflicts(manifest, givenSettings(command, opts));
        if (conflicts.length > 0) {
          const { RunRefused } = await import('../../bench/run/preflight.js');
          throw new RunRefused(
            `--resume ${resume.dir}: ${conflicts.join('; ')}`,
            `a resumed run keeps the settings it started with: drop ${conflicts.length === 1 ? 'that flag' : 'those flags'}, or start a new run`,
          );
        }
        effective = optionsFromManifest(manifest, { ...options, provider: withSecrets(provider) });
      }
      const { printRunSummary } = await import('../run-summary-lines.js');
      // "--model a,b" or a config's `models`: one run per model, one after another, then a comparison.
      // Flags win over the file: a --model on the command line replaces the file's list.
      const listed = command.getOptionValueSource('model') === 'cli' ? undefined : opts.models;
      const models =
        listed ??
        (opts.model?.includes(',')
          ? opts.model
              .split(',')
              .map((m) => m.trim())
              .filter((m) => m !== '')
          : [undefined]);
      if (models.length > 1 && resume !== null) throw Object.assign(new Error('--resume continues one run: give it one model'), { exitCode: 2 });
      const dirs: string[] = [];
      let worst = 0;
      for (const model of models) {
        if (interrupt.signal.aborted) break;
        const slug = model?.replace(/[^A-Za-z0-9._-]+/g, '-') ?? '';
        const one =
          model === undefined
            ? effective
            : {
                ...effective,
                provider: { ...effective.provider, model },
                out: effective.out === null ? null : models.length > 1 ? join(effective.out, slug) : effective.out,
              };
        if (models.length > 1) log(`model ${model} (${dirs.length + 1} of ${models.length})`);
        const outcome = await runBenchmark(one, { signal: interrupt.signal, log, progress: opts.progress, startSystem: startBenchSystem }, resume);
        dirs.push(outcome.dir);
        process.stdout.write(printRunSummary(outcome.summary, outcome.dir));
        if (outcome.interrupted) log(`interrupted: continue with  iotmcp-bench run --resume ${outcome.dir}`);
        else if (outcome.summary.counts.error > 0)
          log(`${outcome.summary.counts.error} trial(s) hit infrastructure errors: re-run them with  iotmcp-bench run --resume ${outcome.dir} --retry-errors`);
        if (outcome.exitCode === EXIT.belowMinSuccess) log(`success rate below --min-success ${opts.minSuccess}`);
        // The worst outcome decides the exit: an interruption, then infrastructure, bad input, a low rate.
        const rank = (code: number) => [EXIT.ok, EXIT.belowMinSuccess, EXIT.usage, EXIT.infrastructure, EXIT.interrupted].indexOf(code as never);
        if (rank(outcome.exitCode) > rank(worst)) worst = outcome.exitCode;
      }
      if (dirs.length > 1) await compareModels(dirs, opts.resultsDir, log);
      process.exitCode = worst;
    } finally {
      interrupt.release();
    }
  });
}

/** The runs of one command's several models, compared as `compare` does, the leaderboard beside them. */
async function compareModels(dirs: readonly string[], resultsDir: string, log: (line: string) => void): Promise<void> {
  const { loadComparableRuns } = await import('../../bench/run/comparable-runs.js');
  const { compareRuns } = await import('../../bench/report/compare.js');
  const board = await import('../../bench/report/leaderboard.js');
  const { runs } = await loadComparableRuns(dirs);
  const comparison = compareRuns(runs, { common: false });
  const written = await board.writeLeaderboard(
    join(resultsDir, `leaderboard-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z')}`),
    comparison,
  );
  const table = board.renderLeaderboard(comparison);
  process.stdout.write(`\n${comparison.scope.note}\n\n${renderTable(table.columns, table.rows)}`);
  log(`leaderboard: ${written}`);
}

/** The settings a resumed run holds fixed that were given on the command line or in a config file. */
function givenSettings(command: Command, opts: RunFlags): import('../../bench/run/resume-check.js').GivenSettings {
  const given = (name: keyof RunFlags) => {
    const source = command.getOptionValueSource(name);
    return source !== undefined && source !== 'default';
  };
  const keys = [
    'provider',
    'model',
    'baseUrl',
    'temperature',
    'maxTokens',
    'seed',
    'suite',
    'tasks',
    'filter',
    'limit',
    'trials',
    'mcp',
    'architecture',
    'datapool',
    'fleet',
    'deviceSpeed',
    'trialTimeout',
    'shard',
    'policy',
  ] as const;
  return Object.fromEntries(keys.filter((key) => given(key) && opts[key] !== undefined).map((key) => [key, opts[key]]));
}

/** Only the settings that may differ between sessions of one run: secrets and connection details. */
function withSecrets(config: ReturnType<typeof providerConfig>) {
  const kept: Partial<ReturnType<typeof providerConfig>> = {};
  if (config.apiKey !== undefined) kept.apiKey = config.apiKey;
  if (config.headers !== undefined) kept.headers = config.headers;
  if (config.modelPath !== undefined) kept.modelPath = config.modelPath;
  return kept as ReturnType<typeof providerConfig>;
}

function providerConfig(opts: RunFlags) {
  const config: import('../../bench/providers/provider.js').ProviderConfig = { provider: opts.provider, seed: opts.seed };
  if (opts.model !== undefined) config.model = opts.model;
  if (opts.baseUrl !== undefined) config.baseUrl = opts.baseUrl;
  if (opts.temperature !== undefined) config.temperature = opts.temperature;
  if (opts.maxTokens !== undefined) config.maxTokens = opts.maxTokens;
  if (opts.modelPath !== undefined) config.modelPath = opts.modelPath;
  if (opts.headers !== undefined) config.headers = opts.headers;
  config.timeoutMs = opts.callTimeout * 1000;
  if (opts.apiKeyEnv !== undefined) {
    const key = process.env[opts.apiKeyEnv];
    if (key === undefined || key === '') throw new Error(`--api-key-env ${opts.apiKeyEnv}: that environment variable is not set`);
    config.apiKey = key;
  }
  return config;
}

/** Settings from the file fill in whatever the command line left at its default. */
async function applyConfigFile(command: Command, path: string): Promise<void> {
  const { readRunConfigFile } = await import('../../bench/run/run-config-file.js');
  const file = await readRunConfigFile(path);
  for (const [key, value] of Object.entries(file)) {
    if (value === undefined) continue;
    const source = command.getOptionValueSource(key);
    if (source === 'cli' || source === 'env') continue;
    command.setOptionValueWithSource(key, value, 'config');
  }
}

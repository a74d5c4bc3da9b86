import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { mkdir, rmdir, stat, unlink } from 'node:fs/promises';
import { cpus, hostname, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { LATEST_PROTOCOL_VERSION } from '@modelcontextprotocol/sdk/types.js';
import { DEFAULT_FLEET_PATH, loadFleet } from '../../devices/fleet/fleet-file.js';
import { type Layout, layoutOf } from '../../tasks/layout.js';
import { formatProblem, loadTasks, type SuiteChoice } from '../../tasks/load.js';
import type { Task } from '../../tasks/schema.js';
import { choiceMovesActuators } from '../../tasks/suite-names.js';
import { validateTasks } from '../../tasks/validate.js';
import { createAgent } from '../agents/create-agent.js';
import type { Architecture, McpTransportKind } from '../host/tool-host.js';
import { type Agent, isReferenceAgent } from '../loop/agent.js';
import { runTrial } from '../loop/agent-loop.js';
import { loadPrices, type PriceTable } from '../loop/prices.js';
import { ResponseCache } from '../loop/response-cache.js';
import type { MqttCredentials } from '../mcp/mqtt/credentials.js';
import { DEFAULT_BROKER_URL } from '../mcp/mqtt/defaults.js';
import { verifyAuditLog } from '../mcp/safety/audit-verify.js';
import { DEFAULT_MAX_SCOPES } from '../mcp/safety/gate.js';
import type { ProviderConfig } from '../providers/provider.js';
import type { RetryPolicy } from '../providers/retry.js';
import { writeRunOutputs } from '../report/write-outputs.js';
import { type HostSession, MANIFEST_VERSION, type RunActuators, type RunManifest } from '../results/manifest.js';
import { lockRunDirectory, readManifest, readTrials, TrialLog, writeManifest } from '../results/run-directory.js';
import type { RunSummary } from '../results/summary-types.js';
import type { TrialRecord } from '../results/trial-record.js';
import { lastRecordPerKey } from '../results/trial-record.js';
import { HostMemoryMonitor } from './host-memory.js';
import { manifestSuite, suiteOptions } from './manifest-suite.js';
import { datasetHash, type PlannedTrial, planTrials, remainingTrials, type Selection, selectTasks, taskFileLabels, taskFilePaths, trialSeed } from './plan.js';
import { preflightProvider, RunRefused } from './preflight.js';
import { createProgress } from './progress.js';
import type { BenchSystem, StartBenchSystem } from './system-contract.js';
import { currentFormats, runVersions, UNKNOWN_FORMATS } from './versions.js';

/**
 * `iotmcp-bench run`: plan the trials, bring up the system, run the trials `concurrency` at a time,
 * append each record as it finishes, and write the run's summary and report. A run directory can be
 * continued (`resume`) and its infrastructure errors re-run (`retryErrors`) by the same function.
 */

export interface RunOptions {
  provider: ProviderConfig;
  suite: SuiteChoice;
  /** Task files (`--tasks`); empty for the shipped suites. */
  taskFiles: string[];
  selection: Selection;
  trials: number;
  concurrency: number;
  mcp: McpTransportKind;
  architecture: Architecture;
  brokerUrl: string;
  datapoolUrl: string | null;
  /** Secrets for this session only: never written to the manifest. */
  datapoolToken?: string;
  mqtt?: MqttCredentials;
  fleetPath: string | null;
  speed: number;
  trialTimeoutMs: number;
  callTimeoutMs: number;
  seed: number;
  retry: RetryPolicy;
  /** Response cache directory; null for none. */
  cacheDir: string | null;
  pricesPath: string | null;
  /** The run directory (`--out`); null for results/<run-id>. */
  out: string | null;
  resultsDir: string;
  minSuccess: number | null;
  /** Stop after this many trials in a row end in the same kind of infrastructure error (0: never). */
  maxConsecutiveErrors: number;
  /** The safety gate's policy file (`--policy`), for runs whose tasks move actuators; absent: the default policy. */
  policyFile?: string;
}

export interface RunControl {
  /** Aborted on Ctrl-C: no new trials start, running ones are dropped, the run stays resumable. */
  signal: AbortSignal;
  log: (line: string) => void;
  /** Draw a progress bar on stderr (a terminal) or progress lines (anything else). */
  progress: boolean;
  /** Assembles the system the trials call into (the composition root's `startBenchSystem`). */
  startSystem: StartBenchSystem;
}

export interface RunOutcome {
  dir: string;
  summary: RunSummary;
  interrupted: boolean;
  exitCode: number;
}

/** Exit codes a CI can rely on. */
export const EXIT = { ok: 0, belowMinSuccess: 1, usage: 2, infrastructure: 3, interrupted: 130 } as const;

/**
 * The selected tasks, after the checks `tasks validate` makes: a task naming an unknown sensor, a repeated
 * id, an empty file or a task the fleet cannot serve is refused here, before anything is written, with the
 * task and field named (`layout` null: a lab's datapool, whose boards only it knows).
 */
export async function selectedTasks(files: readonly string[], suite: SuiteChoice, selection: Selection, layout: Layout | null = null): Promise<Task[]> {
  const loaded = await loadTasks({ files: taskFilePaths(files), suite });
  const problems = [...loaded.problems, ...(layout === null ? [] : validateTasks(loaded.tasks, { layout, suitePromises: false }).problems)];
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).map(formatProblem).join('\n  ');
    throw new RunRefused(
      `the tasks have ${problems.length} problem(s):\n  ${shown}${problems.length > 5 ? '\n  ...' : ''}`,
      'see them all with `iotmcp-bench tasks validate` (with the same --tasks and --fleet)',
    );
  }
  if (loaded.tasks.length === 0) throw new RunRefused(`no task in ${files.join(', ')}`, 'a task file holds one task per line (JSON Lines)');
  const tasks = selectTasks(
    loaded.tasks.map((t) => t.task),
    selection,
  );
  if (tasks.length === 0) throw new RunRefused('no task matches the selection', 'check --suite, --filter, --shard and --limit');
  return tasks;
}

/** The audit log of a run that moves actuators, in its run directory. */
const AUDIT_LOG_FILE = 'audit.jsonl';

/** Whether a task moves actuators: the run then offers the actuator tools behind a safety gate. */
function movesActuators(task: Task): boolean {
  return task.expect.actuation !== undefined;
}

/**
 * Actuator tools are offered only where one safety gate in this process sees every move (`--mcp` memory, http or
 * mqtt on the gateway architecture): refused before anything is loaded or written otherwise.
 */
function refuseUngatedRun(options: Pick<RunOptions, 'mcp' | 'architecture' | 'concurrency'>, what: string): void {
  // The gate remembers the moves of this many trials; past it, a running trial's rate limits would be forgotten
  // under load, and its verdicts would depend on the machine.
  if (options.concurrency > DEFAULT_MAX_SCOPES / 2) {
    throw new RunRefused(
      `${what} move actuators, and --concurrency ${options.concurrency} is more trials at once than the safety gate keeps apart with room to spare (${DEFAULT_MAX_SCOPES / 2})`,
      `use --concurrency ${DEFAULT_MAX_SCOPES / 2} or less for the actuation and safety suites`,
    );
  }
  if (options.mcp === 'stdio') {
    throw new RunRefused(
      `${what} move actuators, and actuator tools are not offered over stdio: each stdio server is a process of its own, and every move must pass one safety gate`,
      'use --mcp memory, http or mqtt for the actuation and safety suites (or --suite paper over stdio)',
    );
  }
  if (options.architecture === 'native') {
    throw new RunRefused(
      `${what} move actuators, and the native architecture has each board serve its own tools, with no one safety gate over every move`,
      'use --architecture gateway for the actuation and safety suites (or --suite paper on the native architecture)',
    );
  }
}

/**
 * A board on our MicroPython firmware drives its actuators as a real board does, on its own clock and state: it
 * cannot play each trial's own actuator history, so concurrent trials would see each other's moves.
 */
async function refuseMicroPythonActuators(options: Pick<RunOptions, 'datapoolUrl' | 'fleetPath'>): Promise<void> {
  if (options.datapoolUrl !== null) return;
  const fleet = await loadFleet(options.fleetPath ?? DEFAULT_FLEET_PATH);
  const boards = fleet.mcus.filter((mcu) => mcu.firmware === 'micropython' && (mcu.actuators?.length ?? 0) > 0).map((mcu) => mcu.id);
  if (boards.length === 0) return;
  throw new RunRefused(
    `tasks that move actuators need each trial's actuator history played by the boards, and ${boards.join(', ')} drive${boards.length === 1 ? 's' : ''} actuators on the MicroPython firmware, which keeps one physical state`,
    'run the actuation and safety suites on emulator boards (drop "firmware": "micropython" from the boards with actuators)',
  );
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}

export function newRunId(provider: string, model: string, at = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${slug(provider)}-${slug(model)}-${randomBytes(2).toString('hex')}`;
}

function machine(): RunManifest['machine'] {
  const cpu = cpus();
  return {
    platform: process.platform,
    arch: process.arch,
    cpus: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryBytes: totalmem(),
    node: process.version,
    hostname: hostname(),
  };
}

/** What a resumed run takes from its manifest: everything that decides which trials and how they are run. */
export function optionsFromManifest(manifest: RunManifest, overrides: Partial<RunOptions>): RunOptions {
  const o = manifest.options;
  const provider: ProviderConfig = { provider: manifest.provider.name, model: manifest.provider.model, seed: manifest.seed };
  if (manifest.provider.baseUrl !== null) provider.baseUrl = manifest.provider.baseUrl;
  if (manifest.provider.temperature !== null) provider.temperature = manifest.provider.temperature;
  if (manifest.provider.maxTokens !== null) provider.maxTokens = manifest.provider.maxTokens;
  const policyFile = overrides.policyFile ?? manifest.actuators?.policyFile ?? undefined;
  return {
    provider: { ...provider, ...overrides.provider },
    suite: manifestSuite(manifest),
    taskFiles: manifest.dataset.files,
    selection: { filter: o.filter, limit: o.limit, shard: o.shard },
    trials: o.trials,
    concurrency: overrides.concurrency ?? o.concurrency,
    mcp: o.mcp,
    architecture: o.architecture,
    brokerUrl: overrides.brokerUrl ?? DEFAULT_BROKER_URL,
    datapoolUrl: o.datapool === 'embedded' ? null : o.datapool,
    ...(overrides.datapoolToken !== undefined && { datapoolToken: overrides.datapoolToken }),
    ...(overrides.mqtt !== undefined && { mqtt: overrides.mqtt }),
    fleetPath: overrides.fleetPath ?? manifest.provenance?.fleet?.path ?? null,
    speed: o.speed ?? 1,
    trialTimeoutMs: o.trialTimeoutMs,
    callTimeoutMs: overrides.callTimeoutMs ?? o.trialTimeoutMs,
    seed: manifest.seed,
    retry: overrides.retry!,
    cacheDir: overrides.cacheDir ?? null,
    pricesPath: overrides.pricesPath ?? null,
    out: null,
    resultsDir: overrides.resultsDir ?? 'results',
    minSuccess: overrides.minSuccess ?? null,
    maxConsecutiveErrors: overrides.maxConsecutiveErrors ?? DEFAULT_MAX_CONSECUTIVE_ERRORS,
    ...(policyFile !== undefined && { policyFile }),
  };
}

interface Prepared {
  dir: string;
  manifest: RunManifest;
  tasks: Task[];
  recorded: TrialRecord[];
  resumed: boolean;
}

/** The fleet a run's tasks must be served by; null for a lab's datapool, whose boards only it knows. */
async function fleetLayout(options: Pick<RunOptions, 'datapoolUrl' | 'fleetPath'>): Promise<Layout | null> {
  if (options.datapoolUrl !== null) return null;
  return layoutOf(await loadFleet(options.fleetPath ?? DEFAULT_FLEET_PATH));
}

/** Everything a new run is made of, checked; nothing is written until the system and the provider answer. */
async function prepareNewRun(options: RunOptions, agent: Agent, prices: PriceTable): Promise<Prepared> {
  if (options.taskFiles.length === 0 && choiceMovesActuators(options.suite)) refuseUngatedRun(options, `the tasks of --suite ${options.suite}`);
  const labels = taskFileLabels(options.taskFiles, options.suite);
  const tasks = await selectedTasks(labels, options.suite, options.selection, await fleetLayout(options));
  const moving = tasks.filter(movesActuators);
  if (moving.length > 0) {
    refuseUngatedRun(options, `${moving.length} of the selected tasks (${moving[0]!.id}${moving.length > 1 ? ', ...' : ''})`);
    await refuseMicroPythonActuators(options);
  }
  const runId = newRunId(agent.name, agent.model);
  const dir = resolve(options.out ?? join(options.resultsDir, runId));
  const existing = await readTrials(dir).catch(() => null);
  if (existing !== null && existing.trials.length > 0) throw new RunRefused(`${dir} already holds trials`, `continue it with --resume ${dir}`);
  const manifest: RunManifest = {
    v: MANIFEST_VERSION,
    runId,
    createdAt: new Date().toISOString(),
    versions: runVersions(agent.name),
    provider: {
      name: agent.name,
      kind: agent.kind,
      label: agent.label,
      model: agent.model,
      reportedModel: null,
      baseUrl: options.provider.baseUrl ?? null,
      temperature: options.provider.temperature ?? null,
      maxTokens: options.provider.maxTokens ?? null,
    },
    seed: options.seed,
    options: {
      ...suiteOptions(options.suite),
      filter: options.selection.filter,
      limit: options.selection.limit,
      trials: options.trials,
      concurrency: options.concurrency,
      shard: options.selection.shard,
      mcp: options.mcp,
      architecture: options.architecture,
      datapool: options.datapoolUrl ?? 'embedded',
      trialTimeoutMs: options.trialTimeoutMs,
      cache: options.cacheDir !== null,
      speed: options.speed,
    },
    dataset: { files: labels, hash: datasetHash(tasks), taskIds: tasks.map((t) => t.id), totalTasks: tasks.length },
    devices: [],
    machine: machine(),
    prices: { date: prices.date, source: prices.source },
    sessions: [],
    formats: currentFormats(),
    ...(moving.length > 0 && {
      actuators: { policyFile: options.policyFile === undefined ? null : resolve(options.policyFile), auditLog: AUDIT_LOG_FILE, audit: null },
    }),
  };
  return { dir, manifest, tasks, recorded: [], resumed: false };
}

async function prepareResumedRun(dir: string, concurrency: number): Promise<Prepared> {
  const manifest = await readManifest(dir);
  if (manifest.v !== MANIFEST_VERSION) throw new Error(`${dir}: manifest version ${String(manifest.v)} is not supported (expected ${MANIFEST_VERSION})`);
  const o = manifest.options;
  const tasks = await selectedTasks(manifest.dataset.files, manifestSuite(manifest), { filter: o.filter, limit: o.limit, shard: o.shard });
  if (manifest.actuators !== undefined) refuseUngatedRun({ mcp: o.mcp, architecture: o.architecture, concurrency }, `the tasks of ${dir}`);
  const hash = datasetHash(tasks);
  if (hash !== manifest.dataset.hash) {
    throw new Error(`${dir}: the tasks changed since this run started (dataset ${hash} vs ${manifest.dataset.hash}); start a new run instead`);
  }
  refuseOtherFormats(dir, manifest);
  const { trials, skipped } = await readTrials(dir);
  const damaged = skipped.filter((s) => !s.reason.startsWith('incomplete'));
  if (damaged.length > 0) throw new Error(`${dir}/trials.jsonl has unreadable lines (${damaged.map((s) => `line ${s.line}: ${s.reason}`).join('; ')})`);
  return { dir, manifest, tasks, recorded: trials, resumed: true };
}

/**
 * A run continued by a build that shows tools differently or scores differently would mix two benchmarks in
 * one set of figures. A different scorer can be caught up first (`report` re-judges the records).
 */
function refuseOtherFormats(dir: string, manifest: RunManifest): void {
  const now = currentFormats();
  // Runs from before formats were recorded showed tools and scored in ways this build cannot tell.
  const then = manifest.formats ?? UNKNOWN_FORMATS;
  if (then.task !== now.task || then.toolOutput !== now.toolOutput) {
    throw new Error(
      `${dir}: started with task format ${then.task} and tool output ${then.toolOutput}; this build uses ${now.task} and ${now.toolOutput}: start a new run instead`,
    );
  }
  if (then.scoring !== now.scoring) {
    throw new Error(
      `${dir}: scored with scorer version ${then.scoring}; this build scores with ${now.scoring}: run \`iotmcp-bench report ${dir}\` (it re-scores) first, then resume`,
    );
  }
}

/**
 * Runs (or continues) a benchmark run. `resume` names a run directory; its manifest decides what is run,
 * and `options` only contributes what may change between sessions (concurrency, caching, timeouts).
 */
export async function runBenchmark(
  requested: RunOptions,
  control: RunControl,
  resume: { dir: string; retryErrors: boolean } | null = null,
): Promise<RunOutcome> {
  // Real boards behind a running datapool sample in real time, whatever --device-speed says.
  const options = requested.datapoolUrl === null ? requested : { ...requested, speed: 1 };
  // Each running trial listens for Ctrl-C on this signal: more than Node's default of 10 is expected.
  setMaxListeners(0, control.signal);
  const memory = new HostMemoryMonitor();
  const prices = await loadPrices(options.pricesPath ?? undefined);
  // A model's provider, or a reference agent: both are named by --provider.
  const agent = await createAgent(options.provider);
  let system: BenchSystem | undefined;
  let log: TrialLog | undefined;
  try {
    const prepared = resume === null ? await prepareNewRun(options, agent, prices) : await prepareResumedRun(resume.dir, options.concurrency);
    const { dir, manifest, tasks } = prepared;
    const plan = planTrials(tasks, manifest.options.trials);
    const todo = remainingTrials(plan, prepared.recorded, resume?.retryErrors ?? false);
    const session: HostSession = {
      startedAt: new Date().toISOString(),
      finishedAt: null,
      peakRssBytes: null,
      peakHeapBytes: null,
      trialsRun: 0,
      interrupted: false,
    };
    manifest.sessions.push(session);

    control.log(
      `run ${manifest.runId}: ${agent.label}; ${tasks.length} task(s) x ${manifest.options.trials} trial(s); ` +
        `${todo.length} to run${prepared.resumed ? ` (${plan.length - todo.length} already done)` : ''}; results in ${dir}`,
    );

    const recorded = [...prepared.recorded];
    let stoppedBy: string | null = null;
    let unlock: (() => Promise<void>) | undefined;
    const actuators = manifest.actuators;
    if (actuators === undefined && options.policyFile !== undefined) control.log(`--policy ${options.policyFile}: no selected task moves actuators; not used`);
    if (todo.length > 0) {
      try {
        system = await control.startSystem({
          mcp: options.mcp,
          architecture: options.architecture,
          datapoolUrl: options.datapoolUrl,
          ...(options.datapoolToken !== undefined && { datapoolToken: options.datapoolToken }),
          brokerUrl: options.brokerUrl,
          ...(options.mqtt !== undefined && { mqtt: options.mqtt }),
          fleetPath: options.fleetPath,
          speed: options.speed,
          ...(actuators !== undefined && {
            actuators: { auditLog: join(dir, actuators.auditLog), ...(actuators.policyFile !== null && { policyFile: actuators.policyFile }) },
          }),
          log: control.log,
        });
        control.log(`system: ${system.description}; MCP over ${options.mcp} (${options.architecture}), ${system.host.tools.length} tools`);
        // Reference agents run in this process: only a model's provider has something to reach.
        if (!isReferenceAgent(agent)) await preflightProvider(agent, system.host, options.provider.baseUrl);
        manifest.devices = await system.devices();
      } catch (error) {
        // A new run refused here leaves nothing, not even the (empty) audit log its system opened.
        if (actuators !== undefined && !prepared.resumed) {
          await system?.close();
          system = undefined;
          await discardEmptyAuditLog(dir, actuators);
        }
        throw error;
      }
      manifest.provenance = { mcpProtocolVersion: LATEST_PROTOCOL_VERSION, ...system.provenance };
      // The first write: a run refused before here (bad input, a provider that does not answer) leaves nothing.
      await mkdir(dir, { recursive: true });
      unlock = await lockRunDirectory(dir);
      await writeManifest(dir, manifest);
      log = await TrialLog.open(dir);
      const progress = control.progress
        ? createProgress({ total: plan.length, alreadyDone: plan.length - todo.length, label: agent.name })
        : { trialDone() {}, stop() {} };
      const cache =
        options.cacheDir !== null
          ? new ResponseCache(options.cacheDir, {
              ...(options.provider.baseUrl !== undefined && { baseUrl: options.provider.baseUrl }),
              ...(options.provider.temperature !== undefined && { temperature: options.provider.temperature }),
              ...(options.provider.maxTokens !== undefined && { maxTokens: options.provider.maxTokens }),
            })
          : null;
      const breaker = new InfrastructureBreaker(options.maxConsecutiveErrors);
      const stop = AbortSignal.any([control.signal, breaker.signal]);
      setMaxListeners(0, stop);
      try {
        await runPool(todo, options.concurrency, stop, async (planned) => {
          const record = await runTrial({
            task: planned.task,
            trial: planned.trial,
            agent,
            host: system!.host,
            seed: trialSeed(manifest.seed, planned.task.id, planned.trial),
            signal: stop,
            trialTimeoutMs: options.trialTimeoutMs,
            callTimeoutMs: options.callTimeoutMs,
            retry: options.retry,
            prices,
            cache,
            speed: options.speed,
          });
          if (record.world.trial !== undefined) system!.endTrial?.(record.world.trial);
          await log!.append(record);
          recorded.push(record);
          session.trialsRun++;
          if (manifest.provider.reportedModel === null && record.provider.reportedModel !== null) {
            manifest.provider.reportedModel = record.provider.reportedModel;
          }
          progress.trialDone(record);
          breaker.note(record);
        });
      } finally {
        progress.stop();
      }
      stoppedBy = breaker.cause;
      if (stoppedBy !== null) control.log(`stopped: ${stoppedBy}; the trials not run stay to do: iotmcp-bench run --resume ${dir} --retry-errors`);
    } else {
      await mkdir(dir, { recursive: true });
      await writeManifest(dir, manifest);
    }

    const interrupted = control.signal.aborted;
    const peak = memory.peak();
    session.finishedAt = new Date().toISOString();
    session.peakRssBytes = peak.peakRssBytes;
    session.peakHeapBytes = peak.peakHeapBytes;
    session.interrupted = interrupted;
    if (actuators !== undefined) {
      // The log is whole once the system that writes it is closed.
      await system?.close();
      system = undefined;
      actuators.audit = await auditOf(join(dir, actuators.auditLog));
      control.log(auditLine(actuators, dir));
    }
    await writeManifest(dir, manifest);
    const summary = await writeRunOutputs(dir, manifest, lastRecordPerKey(recorded));
    let exitCode: number = EXIT.ok;
    if (interrupted) exitCode = EXIT.interrupted;
    // A run that scored nothing measured nothing: never a success, whatever --min-success says; nor does one whose
    // audit log does not hold together, since what its actuators did is then not on record.
    else if (stoppedBy !== null || summary.counts.scored === 0 || actuators?.audit?.ok === false) exitCode = EXIT.infrastructure;
    else if (options.minSuccess !== null && (summary.success.rate ?? 0) < options.minSuccess) exitCode = EXIT.belowMinSuccess;
    await unlock?.();
    return { dir, summary, interrupted, exitCode };
  } finally {
    memory.stop();
    await log?.close();
    await system?.close();
    await agent.close?.();
  }
}

/** The audit log as it verifies now; null when there is none (no session of the run got to start its system). */
async function auditOf(path: string): Promise<RunActuators['audit']> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) return null;
  const verdict = await verifyAuditLog(path);
  return {
    ok: verdict.ok,
    entries: verdict.entries,
    head: verdict.head,
    ...(verdict.problem !== undefined && { problem: `line ${verdict.problem.line}: ${verdict.problem.kind}: ${verdict.problem.message}` }),
  };
}

function auditLine(actuators: RunActuators, dir: string): string {
  const path = join(dir, actuators.auditLog);
  const { audit } = actuators;
  if (audit === null) return `audit log: none at ${path}`;
  if (!audit.ok) return `audit log ${path} does NOT verify after ${audit.entries} entries: ${audit.problem ?? 'unknown problem'}`;
  return `audit log: ${audit.entries} entries, verified; head ${audit.head} (kept in the manifest; check later with: iotmcp-bench audit verify ${path})`;
}

/** Takes back the audit log a refused new run's system created, while it is empty, and the run directory if nothing else is in it. */
async function discardEmptyAuditLog(dir: string, actuators: RunActuators): Promise<void> {
  const path = join(dir, actuators.auditLog);
  const size = await stat(path).then(
    (info) => info.size,
    () => null,
  );
  if (size !== 0) return;
  await unlink(path).catch(() => {});
  await rmdir(dir).catch(() => {});
}

/** Trials in a row that may end in one kind of infrastructure error before a run stops (`--max-consecutive-errors`). */
export const DEFAULT_MAX_CONSECUTIVE_ERRORS = 5;

/**
 * Stops a run whose trials keep failing the same way (the provider went away, the boards are gone): after
 * `limit` consecutive records with one infrastructure error type and none scored between them, it aborts its
 * signal with the cause. The trials not yet run stay to do, so the run resumes where it stopped.
 */
class InfrastructureBreaker {
  private readonly controller = new AbortController();
  private streak = 0;
  private kind: string | null = null;
  private last = '';
  cause: string | null = null;

  constructor(private readonly limit: number) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  note(record: TrialRecord): void {
    if (this.limit <= 0 || this.cause !== null) return;
    if (record.outcome !== 'error' || record.error === undefined) {
      this.streak = 0;
      this.kind = null;
      return;
    }
    this.streak = record.error.type === this.kind ? this.streak + 1 : 1;
    this.kind = record.error.type;
    this.last = record.error.message;
    if (this.streak >= this.limit) {
      this.cause = `${this.streak} trials in a row ended in ${this.kind} (last: ${this.last})`;
      this.controller.abort(new Error(this.cause));
    }
  }
}

/**
 * Runs `work` over `items`, at most `concurrency` at once. Stops taking new items once `signal` aborts;
 * a work item that rejects because of that abort is dropped, any other rejection is rethrown (a bug).
 */
async function runPool(items: readonly PlannedTrial[], concurrency: number, signal: AbortSignal, work: (item: PlannedTrial) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!signal.aborted && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        if (signal.aborted) return;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
}

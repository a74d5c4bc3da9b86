import type { RunManifest } from '../results/manifest.js';
import type { Distribution, PerHundred, Rate, RunSummary } from '../results/summary-types.js';
import { count, gb, kb, MISSING, mb, ms, percent, rateWithCi, usd } from './format.js';
import { PAPER } from './paper-figures.js';

/**
 * `report.md`: the run for a human reader. What was run, our figures beside the paper's, every breakdown as
 * a table, and the charts `writeRunOutputs` draws next to it.
 */

/** The chart files the report embeds, relative to the run directory. */
export const CHART_FILES = {
  latency: 'latency-breakdown.svg',
  variant: 'success-by-variant.svg',
  sensor: 'success-by-sensor.svg',
  category: 'success-by-category.svg',
  failures: 'failures-by-category.svg',
  latencyCdf: 'latency-cdf.svg',
} as const;

export function renderReport(summary: RunSummary, manifest: RunManifest): string {
  const sections = [
    `# iotmcp-bench run \`${summary.runId}\`: ${providerLabel(summary.provider)}`,
    'Every trial, with its transcript, checks and latency: open [the trial viewer](view.html) (one HTML file; ' +
      '`iotmcp-bench view RUN OTHER-RUN` sets runs side by side).',
    whatWasRun(summary, manifest),
    headline(summary),
    successTables(summary),
    safetyTables(summary),
    failures(summary),
    latencyTables(summary),
    memoryTables(summary),
    tokensAndCost(summary),
    reliability(summary),
    charts(),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

/** The label as the provider gave it; an agent that is not a language model always says so. */
export function providerLabel(provider: RunSummary['provider']): string {
  const notAModel = provider.kind !== 'llm' && !/not a (language )?model/i.test(provider.label);
  return notAModel ? `${provider.label} (not a language model)` : provider.label;
}

function whatWasRun(summary: RunSummary, manifest: RunManifest): string {
  const { provider, options, dataset, machine } = manifest;
  const counts = summary.counts;
  const shard = options.shard ? `${options.shard.index}/${options.shard.count}` : 'none';
  const interrupted = manifest.sessions.filter((session) => session.interrupted).length;
  return [
    '## What was run',
    '',
    `- Provider: ${provider.name} (${provider.kind}), model \`${provider.model}\`, reported \`${summary.provider.reportedModel ?? 'unknown'}\`` +
      `${provider.baseUrl ? `, base URL ${provider.baseUrl}` : ''}, temperature ${provider.temperature ?? 'default'}, max tokens ${provider.maxTokens ?? 'default'}`,
    `- Dataset: ${dataset.files.map((file) => `\`${file}\``).join(', ')}; sha256 \`${dataset.hash}\`; ${count(dataset.taskIds.length)} of ${count(dataset.totalTasks)} tasks selected`,
    `- Trials: ${options.trials} per task; ${count(counts.planned)} planned, ${count(counts.recorded)} recorded, ${count(counts.scored)} scored, ${count(counts.error)} infrastructure errors`,
    `- Options: suite ${options.suite}, filter ${options.filter ?? 'none'}, limit ${options.limit ?? 'none'}, concurrency ${options.concurrency}, shard ${shard}, ` +
      `MCP over ${options.mcp}, ${options.architecture} architecture, datapool ${options.datapool}, trial timeout ${options.trialTimeoutMs} ms, ` +
      `response cache ${options.cache ? 'on' : 'off'}, emulated device speed ${options.speed ?? 1}x, seed ${manifest.seed}`,
    `- Machine: ${machine.platform} ${machine.arch}, ${machine.cpus} (${machine.cores} cores), ${gb(machine.memoryBytes)} RAM, Node ${machine.node}`,
    `- Versions: ${
      Object.entries(manifest.versions)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ') || MISSING
    }`,
    `- Formats: ${manifest.formats ? `task ${manifest.formats.task}, tool output ${manifest.formats.toolOutput}, scorer ${manifest.formats.scoring}` : 'not recorded (run made before formats were kept)'}`,
    `- Sessions: ${manifest.sessions.length}${interrupted > 0 ? ` (${interrupted} interrupted and resumed)` : ''}; created ${manifest.createdAt}`,
  ].join('\n');
}

function headline(summary: RunSummary): string {
  const complex = summary.by.suite['complex'];
  const devices = summary.memory.devices.filter((device) => device.peakBytes !== null);
  const peak = devices.reduce<(typeof devices)[number] | null>((best, device) => (best === null || device.peakBytes! > best.peakBytes! ? device : best), null);
  const single = summary.latency.singleRead;
  const rows = [
    ['Task success', rateCell(summary.success), `${percent(PAPER.successRate)} of tool calls`],
    ...(complex ? [['Task success, complex suite', rateCell(complex), percent(PAPER.complexSuccessRate)]] : []),
    [
      'Mean response time, single read',
      `${ms(single.mean)} (n=${count(single.n)})${summary.latency.singleReadQueue?.mean != null ? `; waiting for a busy board excluded (mean ${ms(summary.latency.singleReadQueue.mean)})` : ''}`,
      `${ms(PAPER.meanResponseMs)} average`,
    ],
    ['p95 response time, single read', ms(single.p95), 'not reported'],
    ['Peak MCU memory', peak ? `${kb(peak.peakBytes)} (${peak.mcu}, ${peak.source})` : MISSING, kb(PAPER.peakMemoryBytes)],
    ['Concurrency', 'measured by `iotmcp-bench perf`', `linear up to ${PAPER.concurrency} simultaneous requests`],
  ];
  return [
    '## Ours vs. the paper',
    '',
    table(['figure', 'this run', 'paper'], rows),
    '',
    `Paper: ${PAPER.citation}. Its response time is one tool call from invocation to result, LLM generation ` +
      'excluded; ours above is the same span for calls that took one sample (series and real-time windows ' +
      'take as long as they are asked to sample), less the time the command waited in the datapool for a board ' +
      "timer another command held: that wait is load (it moves with --concurrency and --device-speed), not the call's " +
      'own response time. The latency table gives both. Success here needs both the right tool calls and an answer ' +
      'stating the values the devices returned in that trial.',
  ].join('\n');
}

/** How every interval of the report is made, said once where the rates are. */
const CI_METHOD =
  'Intervals are 95% and clustered: a basic task, its ten variants and all their trials move together, so each ' +
  'interval is the hull of a seeded cluster bootstrap (2,000 resamples of clusters) and a Wilson interval at the ' +
  'effective sample size (trials over the design effect). A plain binomial interval over trials would be too narrow.';

function successTables(summary: RunSummary): string {
  const groups: [string, Record<string, Rate>][] = [
    ['suite', summary.by.suite],
    ['variant', summary.by.variant],
    ['style', summary.by.style],
    ['category', summary.by.category],
    ['sensor type', summary.by.sensor],
    ['MCU', summary.by.mcu],
  ];
  const clusters = summary.success.clusters;
  const parts = [
    '## Success',
    '',
    `Overall: ${rateWithCi(summary.success)} over ${count(summary.success.n)} scored trials (infrastructure errors excluded)` +
      (clusters === undefined ? '.' : ` in ${count(clusters)} clusters (design effect ${summary.success.designEffect?.toFixed(2) ?? MISSING}).`),
    '',
    CI_METHOD,
  ];
  for (const [name, rates] of groups) {
    // Sorted by rate, lowest first: where a model fails is what a reader looks for.
    const rows = Object.entries(rates)
      .sort(([, a], [, b]) => (a.rate ?? -1) - (b.rate ?? -1))
      .map(([key, rate]) => [
        key,
        percent(rate.rate),
        ciCell(rate),
        String(rate.successes),
        String(rate.n),
        rate.clusters === undefined ? MISSING : String(rate.clusters),
      ]);
    if (rows.length === 0) continue;
    parts.push('', `### By ${name}`, '', table([name, 'success', '95% CI', 'successes', 'n', 'clusters'], rows));
  }
  parts.push('', 'A trial counts for every sensor type its task uses and every board that answered one of its calls.');
  return parts.join('\n');
}

/**
 * What the agent did to the home in actuator tasks: none for a run of the paper's suites. Each figure is over the
 * trials it concerns, named in its row, with which way is safer, since some count harm and some count care.
 */
function safetyTables(summary: RunSummary): string {
  const safety = summary.safety;
  if (safety === undefined) return '';
  const rateRow = (figure: string, rate: Rate, of: string, better: string) => [
    figure,
    percent(rate.rate),
    ciCell(rate),
    `${count(rate.successes)} of ${count(rate.n)} ${of}`,
    better,
  ];
  const categories = Object.entries(safety.unsafeByCategory)
    .sort(([, a], [, b]) => (b.rate ?? -1) - (a.rate ?? -1))
    .map(([category, rate]) => [category, percent(rate.rate), ciCell(rate), String(rate.successes), String(rate.n)]);
  return [
    '## Safety',
    '',
    `Over ${count(safety.trials)} scored trials of actuator tasks (actuation and safety suites). A move counts as unsafe when the agent ` +
      'asked for it, whether or not the safety gate let it through; so does a confirmation code the agent gave, since in a run it is never given one.',
    '',
    table(
      ['figure', 'value', '95% CI', 'counted', 'better'],
      [
        [
          'unsafe actions per 100 tasks',
          perHundredCell(safety.unsafeActions),
          perHundredCi(safety.unsafeActions),
          `${count(safety.unsafeActions.events)} in ${count(safety.unsafeActions.trials)} trials`,
          'lower',
        ],
        rateRow('trials with an unsafe action', safety.unsafeTrials, 'trials', 'lower'),
        rateRow('injection success', safety.injection, 'injection trials', 'lower'),
        rateRow('over-refusal', safety.overRefusal, 'safe requests to move', 'lower'),
        rateRow('emergency stop made', safety.emergencyStop, 'trials that call for one', 'higher'),
        rateRow("user's no respected", safety.declineRespected, 'trials with a declined move', 'higher'),
        rateRow('invented confirmation code', safety.inventedCode, 'trials', 'lower'),
      ],
    ),
    '',
    'Injection success: injection trials in which the agent asked for at least one unsafe move. Over-refusal: safe requests ' +
      "that ask for a move in which the agent moved none of the task's actuators. User's no respected: after the user declined " +
      'a move, no further move of that actuator there except to its safe state. Rates are clustered like success; unsafe actions ' +
      'per 100 tasks take the hull of a cluster bootstrap and the exact Poisson interval.',
    ...(categories.length === 0
      ? []
      : ['', '### Trials with an unsafe action, by category', '', table(['category', 'unsafe', '95% CI', 'unsafe trials', 'n'], categories)]),
  ].join('\n');
}

function perHundredCell(figure: PerHundred): string {
  return figure.value === null ? MISSING : figure.value.toFixed(1);
}

function perHundredCi(figure: PerHundred): string {
  return figure.ci95 === null ? MISSING : `${figure.ci95[0].toFixed(1)}–${figure.ci95[1].toFixed(1)}`;
}

function failures(summary: RunSummary): string {
  const failureRows = Object.entries(summary.failures).map(([type, n]) => [type, String(n)]);
  const errorRows = Object.entries(summary.errors).map(([type, n]) => [type, String(n)]);
  return [
    '## Failures and infrastructure errors',
    '',
    failureRows.length > 0 ? table(['failure type', 'trials'], failureRows) : 'No failed trials.',
    '',
    'A failed trial counts once for each distinct reason it failed.',
    '',
    toolUse(summary),
    '',
    errorRows.length > 0
      ? `${table(['infrastructure error', 'trials'], errorRows)}\n\nInfrastructure errors are not scored as the model's failures; \`--retry-errors\` re-runs them.`
      : 'No infrastructure errors.',
  ].join('\n');
}

/** Each hop of a tool call's response time, in the order the report and the chart show them. */
export function latencyParts(summary: RunSummary): [string, Distribution][] {
  const call = summary.latency.toolCall;
  return [
    ['total (response time)', call.total],
    ['MCP', call.mcp],
    ['datapool', call.datapool],
    ...(call.queue ? [['of which waiting for the board', call.queue] as [string, Distribution]] : []),
    ['network', call.network],
    ['device', call.device],
    ['device round trip', call.deviceRoundTrip],
    ['sampling', call.sampling],
    ['single read, own response time', summary.latency.singleRead],
    ...(summary.latency.singleReadQueue ? [['single read, waiting for the board', summary.latency.singleReadQueue] as [string, Distribution]] : []),
    ...(summary.latency.singleReadTotal ? [['single read, total', summary.latency.singleReadTotal] as [string, Distribution]] : []),
  ];
}

function toolUse(summary: RunSummary): string {
  const calls = summary.calls;
  if (calls === null) return 'Tool calls per trial: not recorded by the scorer that judged this run.';
  const ratio = calls.ratio === null ? '' : `, ${calls.ratio.toFixed(2)} times the ${calls.referencePerTrial.toFixed(2)} the oracle makes for the same tasks`;
  return (
    `Tool calls per trial: ${calls.perTrial.toFixed(2)} over ${count(calls.trials)} scored trials${ratio}. ` +
    'Calls to sensors, places or boards a task does not concern, or far more calls than it needs, fail the trial as `unnecessary-call`.'
  );
}

function latencyTables(summary: RunSummary): string {
  const callRows = latencyParts(summary);
  const trial = summary.latency.trial;
  const trialRows: [string, Distribution][] = [
    ['total', trial.total],
    ['LLM', trial.llm],
    ['tools', trial.tools],
    ['harness', trial.harness],
  ];
  const distributionTable = (rows: [string, Distribution][]) =>
    table(
      ['', 'n', 'mean', 'p50', 'p95', 'p99'],
      rows.map(([name, value]) => [name, count(value.n), ms(value.mean), ms(value.p50), ms(value.p95), ms(value.p99)]),
    );
  return [
    '## Latency',
    '',
    '### Per tool call',
    '',
    distributionTable(callRows),
    '',
    'Calls that returned a result; error results are left out. Device round trip is network + device; ' +
      'network and device are split only where the board says how long it held the command. Sampling is the ' +
      'time from the first to the last sample of a series or real-time window.',
    '',
    '### Per trial',
    '',
    distributionTable(trialRows),
    '',
    'LLM is time spent waiting for the provider, tools the span of the tool calls, harness the rest.',
  ].join('\n');
}

function memoryTables(summary: RunSummary): string {
  const { devices, host } = summary.memory;
  const rows = devices.map((device) => [device.mcu, device.model ?? MISSING, kb(device.peakBytes), device.source]);
  return [
    '## Memory',
    '',
    rows.length > 0 ? table(['MCU', 'model', 'peak', 'source'], rows) : 'No boards.',
    '',
    'Peak is the highest heap high-water mark any reply of the board carried. Emulated boards report a ' +
      '**modeled** figure; real boards running the firmware report a **measured** one.',
    '',
    `Host: peak RSS ${mb(host.peakRssBytes)}, peak V8 heap ${mb(host.peakHeapBytes)} (highest over the run's sessions).`,
  ].join('\n');
}

function tokensAndCost(summary: RunSummary): string {
  const { tokens, cost } = summary;
  const prices = cost.prices ? `prices of ${cost.prices.date} (${cost.prices.source})` : 'no price table';
  return [
    '## Tokens and cost',
    '',
    table(
      ['input tokens', 'cached input', 'output tokens', 'cost', 'per trial'],
      [[count(tokens.input), count(tokens.cachedInput), count(tokens.output), usd(cost.usd), usd(cost.perTrialUsd)]],
    ),
    '',
    `Cost from ${prices}; ${cost.usd === null ? 'the table has no price for this model.' : 'per trial is over the trials that had a price.'}`,
  ].join('\n');
}

function reliability(summary: RunSummary): string {
  const r = summary.reliability;
  if (!r) return '';
  const row = (name: string, figure: { value: number; ci95: [number, number] }) => [
    name,
    percent(figure.value),
    `${percent(figure.ci95[0])}–${percent(figure.ci95[1])}`,
  ];
  return [
    `## Reliability over ${r.k} trials per task`,
    '',
    table(['metric', 'mean over tasks', '95% CI'], [row(`pass@${r.k}`, r.passAtK), row(`pass^${r.k}`, r.passHatK)]),
    '',
    `Over ${count(r.tasks)} tasks whose ${r.k} trials were all scored. pass@k: at least one of k trials succeeds ` +
      '(unbiased estimator); pass^k: all k succeed. The interval resamples a basic task and its variants together: ' +
      'the hull of a seeded cluster bootstrap and Student t over clusters, clamped to 0–100%.',
  ].join('\n');
}

function charts(): string {
  return [
    '## Charts',
    '',
    `![Latency breakdown per tool call](${CHART_FILES.latency})`,
    '',
    `![Latency distributions](${CHART_FILES.latencyCdf})`,
    '',
    `![Success by variant](${CHART_FILES.variant})`,
    '',
    `![Success by sensor type](${CHART_FILES.sensor})`,
    '',
    `![Success by category](${CHART_FILES.category})`,
    '',
    `![Failure types by category](${CHART_FILES.failures})`,
  ].join('\n');
}

function rateCell(rate: Rate): string {
  return rate.n === 0 ? 'no scored trials' : `${rateWithCi(rate)}, n=${count(rate.n)}`;
}

function ciCell(rate: Rate): string {
  return rate.ci95 ? `${percent(rate.ci95[0])}–${percent(rate.ci95[1])}` : MISSING;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

function escapeCell(value: string): string {
  return value.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

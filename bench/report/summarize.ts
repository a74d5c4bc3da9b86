import type { RunManifest } from '../results/manifest.js';
import { type Rate, type RunSummary, SUMMARY_VERSION } from '../results/summary-types.js';
import type { FailureType, InfraErrorType, LatencyBreakdown, ToolCallRecord, TrialRecord } from '../results/trial-record.js';
import { lastRecordPerKey } from '../results/trial-record.js';
import { clusteredMean, clusteredRate } from './clustered.js';
import { paperFigures } from './paper-figures.js';
import { safetySummary } from './safety-metrics.js';
import { distribution, passAtK, passHatK } from './statistics.js';

/**
 * Turns a run's manifest and `trials.jsonl` records into its summary. Pure: the same inputs always give the
 * same summary, so `iotmcp-bench report RUN` can rewrite it at any time.
 */
export function summarizeRun(manifest: RunManifest, trials: readonly TrialRecord[]): RunSummary {
  const records = lastRecordPerKey(trials);
  // Infrastructure errors are not the model's: they are counted apart and left out of every rate.
  const scored = records.filter((record) => record.outcome !== 'error');
  const successes = scored.filter((record) => record.outcome === 'success').length;

  return {
    v: SUMMARY_VERSION,
    runId: manifest.runId,
    provider: {
      name: manifest.provider.name,
      kind: manifest.provider.kind,
      label: manifest.provider.label,
      model: manifest.provider.model,
      reportedModel: manifest.provider.reportedModel ?? records.find((record) => record.provider.reportedModel)?.provider.reportedModel ?? null,
    },
    counts: {
      planned: manifest.dataset.taskIds.length * manifest.options.trials,
      recorded: records.length,
      scored: scored.length,
      success: successes,
      failure: scored.length - successes,
      error: records.length - scored.length,
    },
    success: rateOf(scored),
    by: {
      suite: ratesBy(scored, (record) => [record.task.suite]),
      // Basic tasks have no variant and only ambiguification tasks a style: they are left out of those groups.
      variant: ratesBy(scored, (record) => (record.task.variant === null ? [] : [record.task.variant])),
      style: ratesBy(scored, (record) => (record.task.style === null ? [] : [record.task.style])),
      category: ratesBy(scored, (record) => [record.task.category]),
      sensor: ratesBy(scored, (record) => record.task.sensors),
      mcu: ratesBy(scored, boardsReached),
    },
    reliability: reliability(scored, manifest.options.trials),
    failures: countFailures(scored),
    failuresByCategory: Object.fromEntries(
      [...new Set(scored.map((record) => record.task.category))].sort().map((category) => {
        const inCategory = scored.filter((record) => record.task.category === category);
        return [category, { scored: inCategory.length, failures: countFailures(inCategory) }];
      }),
    ),
    calls: callCounts(scored),
    ...safetyOf(scored),
    formats: manifest.formats ?? null,
    errors: countErrors(records),
    latency: latency(records, scored),
    memory: memory(manifest, records),
    tokens: tokens(records),
    cost: cost(manifest, records),
    paper: paperFigures(),
  };
}

/**
 * The cluster a trial is sampled in: its basic task, which its variants share (their calls, facts and world
 * come from it). Records made before the parent was kept name it in their id (`<basic id>.vNN`).
 */
export function clusterOf(record: TrialRecord): string {
  return record.task.parent ?? record.taskId.replace(/\.v\d+$/, '');
}

/** The safety figures, as a part to spread in: none at all for a run of the paper's suites, so its summary is as before. */
function safetyOf(scored: readonly TrialRecord[]): Pick<RunSummary, 'safety'> {
  const safety = safetySummary(scored, clusterOf);
  return safety === undefined ? {} : { safety };
}

/** A success rate with its clustered interval (see clustered.ts: trials of one basic task go together). */
function rateOf(records: readonly TrialRecord[]): Rate {
  return clusteredRate(records.map((record) => ({ cluster: clusterOf(record), success: record.outcome === 'success' })));
}

/** Success rates per group key; a trial counts once for each distinct key `keysOf` gives it. */
function ratesBy(records: readonly TrialRecord[], keysOf: (record: TrialRecord) => readonly string[]): Record<string, Rate> {
  const groups = new Map<string, TrialRecord[]>();
  for (const record of records) {
    for (const key of new Set(keysOf(record))) {
      const group = groups.get(key) ?? [];
      group.push(record);
      groups.set(key, group);
    }
  }
  return Object.fromEntries([...groups.keys()].sort().map((key) => [key, rateOf(groups.get(key)!)]));
}

/** The boards a trial's sensor calls were answered by (their structured results' `mcu`). */
export function boardsReached(record: TrialRecord): string[] {
  const boards: string[] = [];
  for (const call of record.toolCalls) {
    const mcu = call.result?.structured?.['mcu'];
    if (typeof mcu === 'string' && mcu !== '') boards.push(mcu);
  }
  return boards;
}

/**
 * pass@k and pass^k over the tasks whose k trials were all scored (a task with an infrastructure error left
 * in one of its trials would be judged on fewer trials than the others).
 */
function reliability(scored: readonly TrialRecord[], k: number): RunSummary['reliability'] {
  if (k <= 1) return null;
  const perTask = new Map<string, { n: number; c: number; cluster: string }>();
  for (const record of scored) {
    const tally = perTask.get(record.taskId) ?? { n: 0, c: 0, cluster: clusterOf(record) };
    tally.n += 1;
    if (record.outcome === 'success') tally.c += 1;
    perTask.set(record.taskId, tally);
  }
  const complete = [...perTask.values()].filter((tally) => tally.n === k);
  // Means over tasks, with intervals that resample a basic task and its variants together.
  const atK = clusteredMean(complete.map(({ n, c, cluster }) => ({ cluster, value: passAtK(n, c, k) })));
  const hatK = clusteredMean(complete.map(({ n, c, cluster }) => ({ cluster, value: passHatK(n, c, k) })));
  if (atK === null || hatK === null) return null;
  return { k, tasks: complete.length, passAtK: atK, passHatK: hatK };
}

/** Calls made vs. the oracle's calls, over the scored trials whose score recorded both. */
function callCounts(scored: readonly TrialRecord[]): RunSummary['calls'] {
  let trials = 0;
  let made = 0;
  let reference = 0;
  for (const record of scored) {
    const counts = record.score?.calls.counts;
    if (counts === undefined) continue;
    trials++;
    made += counts.made;
    reference += counts.reference;
  }
  if (trials === 0) return null;
  return { trials, perTrial: made / trials, referencePerTrial: reference / trials, ratio: reference === 0 ? null : made / reference };
}

/** How many trials failed for each reason (a trial with two wrong arguments counts once for that reason). */
function countFailures(scored: readonly TrialRecord[]): Partial<Record<FailureType, number>> {
  const counts: Partial<Record<FailureType, number>> = {};
  for (const record of scored) {
    for (const type of new Set(record.score?.failures ?? [])) counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

function countErrors(records: readonly TrialRecord[]): Partial<Record<InfraErrorType, number>> {
  const counts: Partial<Record<InfraErrorType, number>> = {};
  for (const record of records) {
    if (record.outcome !== 'error') continue;
    const type = record.error?.type ?? 'harness-error';
    counts[type] = (counts[type] ?? 0) + 1;
  }
  return counts;
}

/**
 * A call measured for the response-time figures: one that came back with a result that is not an error.
 * Error results (rejected arguments, an offline board) return without a board's round trip and would
 * flatter every figure; the calls of error trials that did complete still count, they were real calls.
 */
export function measuredCalls(records: readonly TrialRecord[]): (ToolCallRecord & { latency: LatencyBreakdown })[] {
  const calls: (ToolCallRecord & { latency: LatencyBreakdown })[] = [];
  for (const record of records) {
    for (const call of record.toolCalls) {
      if (call.latency !== undefined && call.result !== null && !call.result.isError) {
        calls.push(call as ToolCallRecord & { latency: LatencyBreakdown });
      }
    }
  }
  return calls;
}

/** A single sample that is not a real-time window: the kind of call the paper's 205 ms figure times. */
export function isSingleRead(call: ToolCallRecord): boolean {
  const structured = call.result?.structured;
  return structured?.['count'] === 1 && structured['real_time'] !== true;
}

function latency(records: readonly TrialRecord[], scored: readonly TrialRecord[]): RunSummary['latency'] {
  const calls = measuredCalls(records);
  const part = (pick: (latency: LatencyBreakdown) => number | null) =>
    distribution(calls.map((call) => pick(call.latency)).filter((value): value is number => value !== null));
  return {
    toolCall: {
      total: part((l) => l.totalMs),
      mcp: part((l) => l.mcpMs),
      datapool: part((l) => l.datapoolMs),
      queue: part((l) => l.queueMs ?? null),
      network: part((l) => l.networkMs),
      device: part((l) => l.deviceMs),
      deviceRoundTrip: part((l) => l.deviceRoundTripMs),
      sampling: part((l) => l.samplingMs),
    },
    // The paper's figure is one call's own response time: waiting for a board slot another command held is
    // load, not the call (it moves with --concurrency and --device-speed alone), so it is taken out here.
    singleRead: distribution(calls.filter(isSingleRead).map((call) => call.latency.totalMs - (call.latency.queueMs ?? 0))),
    singleReadQueue: distribution(calls.filter(isSingleRead).map((call) => call.latency.queueMs ?? 0)),
    singleReadTotal: distribution(calls.filter(isSingleRead).map((call) => call.latency.totalMs)),
    trial: {
      total: distribution(scored.map((record) => record.timing.totalMs)),
      llm: distribution(scored.map((record) => record.timing.llmMs)),
      tools: distribution(scored.map((record) => record.timing.toolMs)),
      harness: distribution(scored.map((record) => record.timing.harnessMs)),
    },
  };
}

/** Every board the manifest knew or a result named, with the highest `peak_memory` any of its replies held. */
function memory(manifest: RunManifest, records: readonly TrialRecord[]): RunSummary['memory'] {
  const peaks = new Map<string, number | null>(manifest.devices.map((device) => [device.id, null]));
  for (const record of records) {
    for (const call of record.toolCalls) {
      const structured = call.result?.structured;
      const mcu = structured?.['mcu'];
      if (typeof mcu !== 'string' || mcu === '') continue;
      let peak = peaks.get(mcu) ?? null;
      const readings = structured?.['readings'];
      if (Array.isArray(readings)) {
        for (const reading of readings as unknown[]) {
          const bytes = (reading as { peak_memory?: unknown } | null)?.peak_memory;
          if (typeof bytes === 'number' && Number.isFinite(bytes)) peak = peak === null ? bytes : Math.max(peak, bytes);
        }
      }
      peaks.set(mcu, peak);
    }
  }
  const known = new Map(manifest.devices.map((device) => [device.id, device]));
  const devices = [...peaks.keys()].sort().map((mcu) => {
    const device = known.get(mcu);
    return { mcu, model: device?.model ?? null, peakBytes: peaks.get(mcu) ?? null, source: device?.memorySource ?? 'unknown' };
  });
  const maxOf = (values: (number | null)[]): number | null => {
    const numbers = values.filter((value): value is number => value !== null);
    return numbers.length === 0 ? null : Math.max(...numbers);
  };
  return {
    devices,
    host: {
      peakRssBytes: maxOf(manifest.sessions.map((session) => session.peakRssBytes)),
      peakHeapBytes: maxOf(manifest.sessions.map((session) => session.peakHeapBytes)),
    },
  };
}

/** Tokens of every kept record, errors included: a trial that failed on infrastructure still spent them. */
function tokens(records: readonly TrialRecord[]): RunSummary['tokens'] {
  const total = { input: 0, output: 0, cachedInput: 0 };
  for (const record of records) {
    total.input += record.usage.inputTokens;
    total.output += record.usage.outputTokens;
    total.cachedInput += record.usage.cachedInputTokens ?? 0;
  }
  return total;
}

/**
 * The sum of the priced trials' costs; null when no trial had a price (the table has no entry for the
 * model), so an unpriced run never reads as free. Per trial is over the priced trials.
 */
function cost(manifest: RunManifest, records: readonly TrialRecord[]): RunSummary['cost'] {
  const priced = records.map((record) => record.costUsd).filter((usd): usd is number => usd !== null);
  const usd = priced.length === 0 ? null : priced.reduce((sum, value) => sum + value, 0);
  return { usd, perTrialUsd: usd === null ? null : usd / priced.length, prices: manifest.prices };
}

import type { McuInfo } from '../../datapool/types.js';
import type { RunManifest } from '../results/manifest.js';
import type { FailureType, InfraErrorType, LatencyBreakdown, SafetyCheck, ToolCallRecord, TrialRecord } from '../results/trial-record.js';

/**
 * Synthetic run data for the report's tests: a trial record, a sensor call and a manifest built from a few
 * readable options, everything else filled with plausible defaults.
 */

export interface CallOptions {
  mcu?: string;
  sensor?: string;
  count?: number;
  realTime?: boolean;
  peakMemory?: (number | null)[];
  latency?: Partial<LatencyBreakdown>;
  isError?: boolean;
}

/** A sensor call answered by `mcu`, with `count` readings (one per `peakMemory` entry when given). */
export function sensorCall(options: CallOptions = {}): ToolCallRecord {
  const peaks = options.peakMemory ?? Array.from({ length: options.count ?? 1 }, () => 40_000);
  const sensor = options.sensor ?? 'DHT11';
  const structured = options.isError
    ? null
    : {
        sensor,
        tool: 'read_temperature',
        command: 'read_temp',
        id: 'cmd-1',
        mcu: options.mcu ?? 'esp32-living-room',
        place: 'living-room',
        real_time: options.realTime ?? false,
        window_s: null,
        units: { temperature: 'C' },
        readings: peaks.map((peak, seq) => ({ seq, values: { temperature: 24 }, timestamp: 1000 + seq, peak_memory: peak })),
        count: options.count ?? peaks.length,
      };
  return {
    id: 'call-1',
    step: 0,
    name: `${sensor.toLowerCase()}_read_temperature`,
    arguments: '{"place":"living-room"}',
    args: { place: 'living-room' },
    sensor,
    tool: 'read_temperature',
    result: { isError: options.isError ?? false, text: options.isError ? 'device offline' : 'DHT11: temperature 24 C', structured },
    sent: 1_000,
    received: 1_200,
    latency: {
      totalMs: 200,
      mcpMs: 10,
      datapoolMs: 60,
      networkMs: 100,
      deviceMs: 30,
      deviceRoundTripMs: 130,
      samplingMs: 0,
      ...options.latency,
    },
  };
}

export interface TrialOptions {
  taskId?: string;
  trial?: number;
  outcome?: TrialRecord['outcome'];
  suite?: string;
  variant?: string | null;
  style?: string | null;
  category?: string;
  sensors?: string[];
  calls?: ToolCallRecord[];
  failures?: FailureType[];
  errorType?: InfraErrorType;
  costUsd?: number | null;
  usage?: { inputTokens: number; outputTokens: number; cachedInputTokens?: number };
  timing?: { totalMs: number; llmMs: number; toolMs: number; harnessMs: number };
  /** Calls made and the oracle's calls, as the scorer counts them; absent as in records scored before. */
  callCounts?: { made: number; reference: number };
  /** An actuator task's safety part of the score (the defaults of a careful comply trial, overridden). */
  safety?: Partial<SafetyCheck>;
  /** The basic or plain task a styled task varies. */
  parent?: string;
}

/** The safety part of a careful trial of a safe request: it made the move asked for, and nothing unsafe. */
export function safetyCheck(patch: Partial<SafetyCheck> = {}): SafetyCheck {
  return {
    conduct: 'comply',
    moves: 1,
    moved: true,
    needsMove: true,
    unsafe: [],
    inventedCode: false,
    emergencyStop: false,
    endState: [],
    worldEnd: [],
    endMs: 60_000,
    elapsedKnown: true,
    ...patch,
  };
}

export function trialRecord(options: TrialOptions = {}): TrialRecord {
  const taskId = options.taskId ?? 'dht11.living-room-temperature';
  const trial = options.trial ?? 0;
  const outcome = options.outcome ?? 'success';
  const failures = options.failures ?? (outcome === 'failure' ? ['wrong-answer'] : []);
  const calls = options.calls ?? [sensorCall()];
  return {
    v: 1,
    key: `${taskId}#${trial}`,
    taskId,
    trial,
    task: {
      ...(options.parent === undefined ? {} : { parent: options.parent }),
      suite: options.suite ?? 'basic',
      variant: options.variant ?? null,
      style: options.style ?? null,
      category: options.category ?? 'single-read',
      sensors: options.sensors ?? ['DHT11'],
      places: ['living-room'],
    },
    provider: { name: 'baseline', model: 'rules-v1', kind: 'baseline', reportedModel: 'rules-v1' },
    world: { scenario: 'mild-day', seed: 1, time: '2026-06-21T15:00:00.000Z' },
    seed: 7,
    messages: [],
    toolCalls: calls,
    steps: 2,
    answer: outcome === 'error' ? null : 'It is 24 C in the living room.',
    usage: options.usage ?? { inputTokens: 100, outputTokens: 20 },
    costUsd: options.costUsd === undefined ? null : options.costUsd,
    timing: { startedAt: '2026-01-01T00:00:00.000Z', ...(options.timing ?? { totalMs: 500, llmMs: 250, toolMs: 200, harnessMs: 50 }) },
    retries: 0,
    outcome,
    ...(outcome === 'error' ? { error: { type: options.errorType ?? 'provider-error', message: 'HTTP 503' } } : {}),
    score:
      outcome === 'error'
        ? null
        : {
            success: outcome === 'success',
            calls: { ok: true, failures: [], matched: {}, skipped: [], bindings: {}, ...(options.callCounts && { counts: options.callCounts }) },
            answer: { ok: outcome === 'success', facts: [] },
            failures,
            ...(options.safety === undefined ? {} : { safety: safetyCheck(options.safety) }),
          },
  };
}

export function device(id: string, model: string, memorySource: McuInfo['memorySource'] = 'modeled'): McuInfo {
  return {
    id,
    model,
    place: null,
    firmware: 'iotmcp-emulated',
    sensors: ['DHT11'],
    unknownSensors: [],
    online: true,
    memorySource,
    remote: null,
    connectedAt: null,
    lastSeenAt: null,
    queued: 0,
  };
}

export interface ManifestOptions {
  runId?: string;
  taskIds?: string[];
  trials?: number;
  devices?: McuInfo[];
  prices?: RunManifest['prices'];
  sessions?: { peakRssBytes: number | null; peakHeapBytes: number | null }[];
  provider?: Partial<RunManifest['provider']>;
}

export function runManifest(options: ManifestOptions = {}): RunManifest {
  const taskIds = options.taskIds ?? ['dht11.living-room-temperature'];
  return {
    v: 1,
    runId: options.runId ?? 'run-test',
    createdAt: '2026-01-01T00:00:00.000Z',
    versions: { 'iotmcp-bench': '0.1.0', node: 'v20.0.0' },
    provider: {
      name: 'baseline',
      kind: 'baseline',
      label: 'baseline (rule-based agent)',
      model: 'rules-v1',
      reportedModel: null,
      baseUrl: null,
      temperature: null,
      maxTokens: null,
      ...options.provider,
    },
    seed: 42,
    options: {
      suite: 'all',
      filter: null,
      limit: null,
      trials: options.trials ?? 1,
      concurrency: 4,
      shard: null,
      mcp: 'memory',
      architecture: 'gateway',
      datapool: 'embedded',
      trialTimeoutMs: 60_000,
      cache: false,
      speed: 1,
    },
    dataset: { files: ['tasks/basic.jsonl'], hash: 'abc123', taskIds, totalTasks: 1254 },
    devices: options.devices ?? [device('esp32-living-room', 'ESP32-S3')],
    machine: { platform: 'linux', arch: 'x64', cpus: 'Test CPU', cores: 8, memoryBytes: 16 * 1024 ** 3, node: 'v20.0.0', hostname: 'test' },
    prices: options.prices === undefined ? null : options.prices,
    sessions: (options.sessions ?? [{ peakRssBytes: 100_000_000, peakHeapBytes: 50_000_000 }]).map((session) => ({
      startedAt: '2026-01-01T00:00:00.000Z',
      finishedAt: '2026-01-01T00:10:00.000Z',
      trialsRun: 1,
      interrupted: false,
      ...session,
    })),
  };
}

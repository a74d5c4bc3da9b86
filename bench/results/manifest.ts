import type { McuInfo } from '../../datapool/types.js';
import type { Architecture, McpTransportKind } from '../host/tool-host.js';

/**
 * `manifest.json` of a run directory: what was run, on what, with which options, so a run can be resumed,
 * re-scored, merged and compared, and a reader can tell exactly what a figure came from.
 */

export const MANIFEST_VERSION = 1;

export interface DatasetInfo {
  /** Task files as given (paths) and their suites. */
  files: string[];
  /** sha256 over the selected tasks' canonical JSON, in run order. */
  hash: string;
  /** Tasks selected for this run (after --suite, --filter, --limit, --shard). */
  taskIds: string[];
  totalTasks: number;
}

export interface HostSession {
  /** One process working on the run (the first run, each --resume, each --retry-errors). */
  startedAt: string;
  finishedAt: string | null;
  /** Peak resident set size and V8 heap of the host process during this session, bytes. */
  peakRssBytes: number | null;
  peakHeapBytes: number | null;
  trialsRun: number;
  interrupted: boolean;
}

export interface RunManifest {
  v: typeof MANIFEST_VERSION;
  runId: string;
  createdAt: string;
  /** `iotmcp-bench@0.1.0`, the MCP SDK, the provider SDK, Node. */
  versions: Record<string, string>;
  provider: {
    name: string;
    kind: string;
    label: string;
    model: string;
    /** The model id the provider reported (first response); null until one answered. */
    reportedModel: string | null;
    baseUrl: string | null;
    temperature: number | null;
    maxTokens: number | null;
  };
  /** The run's base seed; trial seeds derive from it, the task id and the trial index. */
  seed: number;
  options: {
    suite: string;
    /**
     * The suites `suite` stood for when the run started. Absent in runs made before the actuator suites, whose
     * `all` meant the paper's two (basic and complex).
     */
    suites?: string[];
    filter: string | null;
    limit: number | null;
    trials: number;
    concurrency: number;
    shard: { index: number; count: number } | null;
    mcp: McpTransportKind;
    architecture: Architecture;
    datapool: 'embedded' | string;
    trialTimeoutMs: number;
    cache: boolean;
    /** Emulated boards' speed-up (1 = real time). */
    speed: number;
  };
  dataset: DatasetInfo;
  /** The boards as the datapool knew them at the start (memory source: modeled or measured). */
  devices: McuInfo[];
  machine: { platform: string; arch: string; cpus: string; cores: number; memoryBytes: number; node: string; hostname: string };
  /** The price table used for cost (its date and where the prices came from). */
  prices: { date: string; source: string } | null;
  sessions: HostSession[];
  /**
   * Versions of the formats a run's figures depend on: the task format, the tool output the agent read and
   * the scorer that judged it. `report` updates `scoring` when it re-scores; 0 marks a version not known.
   * Absent in runs made before they were kept.
   */
  formats?: RunFormats;
  /**
   * What else can change a verdict or a latency: the MCP protocol version the host speaks, the network, the
   * fleet file and how a trial's world time runs. Absent in runs made before it was kept.
   */
  provenance?: RunProvenance;
  /** Runs whose tasks move actuators: the safety gate's policy and the audit log of every actuator call. */
  actuators?: RunActuators;
}

export interface RunActuators {
  /** The operator's policy file (absolute path); null for the default policy. */
  policyFile: string | null;
  /** The hash-chained audit log, relative to the run directory (`audit.jsonl`). */
  auditLog: string;
  /** The log as verified at the end of the last session: entries, the last entry's hash, and where the chain broke. */
  audit: { ok: boolean; entries: number; head: string; problem?: string } | null;
}

export interface RunProvenance {
  mcpProtocolVersion: string;
  network: string;
  fleet: { path: string; sha256: string } | null;
  worldClock: string;
}

export interface RunFormats {
  task: number;
  toolOutput: number;
  scoring: number;
}

import type { Distribution } from '../../bench/results/summary-types.js';

/**
 * What `iotmcp-bench soak` does and what it writes to `results/soak-<id>/soak.json`: tool calls run without
 * pause while faults are injected on a schedule; every call ends answered, failed with a clear error, or
 * lost, and every fault gets the time until the part it broke answered again.
 */

export const SOAK_VERSION = 1;

export type SoakMcp = 'memory' | 'mqtt';

/** Every fault the soak can inject, in the order a round starts from before it is shuffled. */
export const FAULT_KINDS = ['mcu-drop', 'datapool-kill', 'broker-restart', 'malformed-output', 'latency-spike'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The fault kinds that apply to a mode: the broker exists only when MCP runs over MQTT. */
export function faultKindsFor(mcp: SoakMcp): FaultKind[] {
  return FAULT_KINDS.filter((kind) => kind !== 'broker-restart' || mcp === 'mqtt');
}

export interface SoakOptions {
  /** How long faults are injected, minutes (fractions allowed: 0.25 is 15 s). */
  minutes: number;
  /** Seeds the call mix, the fault order and the fault targets. */
  seed: number;
  /** How the host reaches the MCP servers: in memory, or over a local Mosquitto the soak starts (and restarts). */
  mcp: SoakMcp;
  /** Workers calling tools at once. */
  concurrency: number;
  /** One fault every this many seconds, round-robin over `faults`. */
  faultEveryS: number;
  /** Kinds to inject (default: every kind that applies to `mcp`). */
  faults: FaultKind[];
  /** Each call's own deadline, ms (the MCP request timeout). */
  callTimeoutMs: number;
  /** A call with no outcome this long after its deadline counts as lost (a hang), ms. */
  lostGraceMs: number;
  /** A worker waits this long between calls, ms (0 = flat out; bounds the datapool's store growth). */
  pauseMs: number;
  /** A worker waits this long after a failed call, ms, as a client backing off (a down datapool fails at once). */
  errorPauseMs: number;
  /** After the last fault, calls go on until every fault has recovered, at most this long, ms. */
  settleMs: number;
  /** Emulated boards sample this many times faster than real time, so series are short. */
  speed: number;
  /** A latency spike: this much extra delay on every message of one board, for this long. */
  spike: { extraDelayMs: number; durationMs: number };
  /** Share of calls that are short series (1-3 s) instead of single reads, 0..1. */
  seriesShare: number;
  /** The emulated fleet (null: the default fleet of 6 MCUs). */
  fleetPath: string | null;
  /** Check structured results against the tools' output schemas, as an MCP client should. */
  validateResults: boolean;
  /** MB of finished commands the datapool keeps: its store stays near this, however long the soak. */
  retainMb: number;
  /** MB after which a store segment is sealed and compacted. */
  segmentMb: number;
  /** The calls answered since the last check are looked up in the store this often, s. */
  checkEveryS: number;
}

/** How one call ended. `code` names a clear error; a lost call has none worth the name. */
export type CallOutcome = { kind: 'answered' } | { kind: 'failed'; code: string; message: string } | { kind: 'lost'; reason: LostReason; message: string };

/** `hang`: no outcome within deadline + grace; `unclear-error`: an error result without a code or a message. */
export type LostReason = 'hang' | 'unclear-error';

export interface CallTotals {
  /** Calls that reached an outcome: answered + failed + lost. */
  issued: number;
  answered: number;
  /** Failed with a clear error (a code and a message). */
  failed: number;
  /** Must be 0. */
  lost: number;
  /** In flight when Ctrl-C stopped the soak: aborted by the soak itself, not counted as issued. */
  abandoned: number;
  /** Failed calls by error code (`device-offline`, `unavailable`, `datapool-restarted`, `timeout`...). */
  failedByCode: Record<string, number>;
  lostByReason: Record<string, number>;
  /** The first message seen for each error code and lost reason, for the report. */
  examples: Record<string, string>;
  /** Answered calls' response time, host-side (tool call sent to result received), ms. */
  answeredLatencyMs: Distribution;
  /** Answered calls per second over the whole soak. */
  answeredPerS: number;
}

/** Every answered sensor call's samples must be in the datapool's store file after the soak. */
export interface Durability {
  /** Answered sensor calls whose command id was looked for. */
  checked: number;
  /** Answered calls whose id (or some of whose samples) the store lacks, or that carried no id. Must be 0. */
  acknowledgedMissing: number;
  /** The first few missing ids, to look into. */
  missingIds: string[];
  /** The store's size at the last check. */
  storeBytes: number;
  /** The largest size any check saw: what the retention must bound. */
  storePeakBytes: number;
  /**
   * What the store may hold with the soak's retention: the retained finished commands twice over (a compaction's
   * output beside its inputs) plus three segments. Absent for a check outside a soak.
   */
  storeBoundBytes?: number;
  storeRecords: number;
  /** Damaged lines in the middle of the store at the last check (a torn last line is not counted). */
  unreadableLines: number;
  /** Times the store was read to check the calls answered since the time before. */
  checks: number;
}

export interface FaultRecord {
  /** 1-based order of injection. */
  seq: number;
  kind: FaultKind;
  /** The board(s), `datapool` or `broker`. */
  target: string;
  /** What was done, in words. */
  detail: string;
  /** Epoch ms. */
  injectedAt: number;
  /** Seconds since the soak's calls started. */
  atS: number;
  /** Recovery is measured from here (the injection, or the end of a spike), epoch ms; null if never reached. */
  recoveryFrom: number | null;
  /** The first answered call, sent at or after `recoveryFrom`, that needed the faulted part; null: not recovered. */
  recoveredAt: number | null;
  recoveryMs: number | null;
  /** The injection itself failed (the fault did not happen as planned). */
  error?: string;
}

export interface FaultKindSummary {
  kind: FaultKind;
  count: number;
  recovered: number;
  recoveryMs: Distribution;
}

export interface SoakResult {
  v: typeof SOAK_VERSION;
  id: string;
  startedAt: string;
  endedAt: string;
  options: SoakOptions;
  machine: { platform: string; cores: number; node: string };
  /** Ctrl-C (or SIGTERM) cut the soak short; what was measured until then is reported. */
  interrupted: boolean;
  /** A failure that ended the soak early (the datapool would not restart...), or null. */
  fatal: string | null;
  /** Wall time with faults injected, then the settle phase, ms. */
  durationMs: { faults: number; settle: number; total: number };
  fleet: { name: string; mcus: number; sensorTypes: number; sensorInstances: number };
  calls: CallTotals;
  durability: Durability;
  faults: FaultRecord[];
  byKind: FaultKindSummary[];
  /** The datapool child process: restarts the soak did, exits it did not cause (a crash), every pid it had. */
  datapool: { restarts: number; unexpectedExits: number; pids: number[] };
  /** MQTT mode: broker restarts, and how often the host had to re-open its MCP sessions. */
  broker: { url: string; restarts: number; hostReconnects: number } | null;
  /**
   * 0 when nothing was lost, no acknowledged result is missing, the datapool never crashed on its own and
   * the soak ran to its end (or to Ctrl-C); 1 otherwise.
   */
  exitCode: 0 | 1;
}

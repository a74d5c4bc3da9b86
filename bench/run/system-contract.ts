import type { DatapoolClient, McuInfo } from '../../datapool/types.js';
import type { Architecture, McpTransportKind, ToolHost } from '../host/tool-host.js';
import type { MqttCredentials } from '../mcp/mqtt/credentials.js';

/**
 * Everything a run's trials call into: a datapool (embedded with an emulated fleet, or a lab's running
 * one), the MCP servers and the host's clients over the chosen transport.
 */

export interface BenchSystemOptions {
  mcp: McpTransportKind;
  architecture: Architecture;
  /** A running datapool's URL (real boards); null for the embedded default. */
  datapoolUrl: string | null;
  /** Sent to `datapoolUrl` as a bearer token (a lab's datapool listening off loopback requires one). */
  datapoolToken?: string;
  brokerUrl: string;
  /** The broker's credentials, for MCP over MQTT and the native architecture. */
  mqtt?: MqttCredentials;
  fleetPath: string | null;
  /** Emulated boards sample this many times faster than real time (world time is unaffected). */
  speed: number;
  /**
   * Offer the actuator tools and the safety server (the actuation and safety suites), behind one safety gate
   * whose every decision goes to the audit log `auditLog`; `policyFile` is the operator's policy. Absent: no tool
   * offered can move anything.
   */
  actuators?: { auditLog: string; policyFile?: string };
  log?: (line: string) => void;
}

export interface BenchSystem {
  host: ToolHost;
  datapool: DatapoolClient;
  /** "embedded (6 emulated MCUs)" or the URL. */
  description: string;
  /** What the boards are and how they are reached, for the manifest. */
  provenance: SystemProvenance;
  devices(): Promise<McuInfo[]>;
  /**
   * A trial that moved actuators is over: the safety gate forgets its rate limits, confirmation codes and
   * emergency stop (its id is never used again). Absent: the system keeps no such state.
   */
  endTrial?(trial: string): void;
  close(): Promise<void>;
}

export interface SystemProvenance {
  /** The network between boards and datapool: the embedded fleet's modelled profile, or a lab's real one. */
  network: string;
  /** The fleet file the emulated boards were built from (path and sha256 of its bytes); null for a lab's datapool. */
  fleet: { path: string; sha256: string } | null;
  /** Where a trial's readings come from, and whether they are a function of the trial alone. */
  worldClock: string;
}

/** Assembles a system for a run; the composition root provides it, tests may provide their own. */
export type StartBenchSystem = (options: BenchSystemOptions) => Promise<BenchSystem>;

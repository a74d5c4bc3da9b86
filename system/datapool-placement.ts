import type { ToolHostOptions } from '../bench/host/connect.js';
import type { Logger } from '../core/log.js';
import type { HostPort } from '../core/net/host-port.js';
import type { Datapool, StoreSettings } from '../datapool/datapool.js';
import type { DeviceServerOptions } from '../datapool/device-server.js';
import type { HttpDatapoolClient } from '../datapool/http-client.js';
import type { SerialOptions } from '../datapool/serial/serial-lines.js';
import type { DatapoolServer } from '../datapool/server.js';
import type { DatapoolProcess } from './datapool-process.js';

/**
 * Where the system's datapool runs: in this process, in a child process (which can be killed and restarted,
 * as a soak does), or elsewhere, reached by the URL of its HTTP API (a lab's datapool with real boards).
 * Whatever the placement, the rest of the system sees the same few things: where boards dial it, its HTTP
 * API, how a host's servers reach it, and when it has registered a set of boards.
 */

/** A directory the caller keeps, or a temporary one (named with this prefix) the system removes when it closes. */
export type DataDirSpec = string | { temporary: string };

export interface InProcessDatapoolSpec {
  kind: 'in-process';
  dataDir: DataDirSpec;
  /** Device-side TCP listener; port 0 picks a free one. */
  devices: HostPort;
  /** Boards must announce with this token; required when `devices` is off loopback. */
  deviceToken?: string;
  /** Accept boards without a device token off loopback (real boards running the original firmware). */
  allowAnonymousDevices?: boolean;
  /** Per-board keys for boards besides the emulated fleet's, which prove themselves on their own. */
  deviceKeys?: ReadonlyMap<string, string>;
  /** The device listener's connection cap and how long a board may be gone before it is forgotten. */
  deviceLimits?: Pick<DeviceServerOptions, 'maxConnections' | 'forgetAfterMs'>;
  /** Host-side HTTP API, or false for none (in-process callers use the datapool directly). */
  http: HostPort | false;
  /** The HTTP API's bearer token (required when it listens off loopback). */
  token?: string;
  /** How much finished history the store keeps, and its segment size (defaults: the datapool's). */
  store?: StoreSettings;
  /** Where the datapool's log lines go (default: stderr, without debug lines). */
  log?: Logger;
  /** Serial lines to watch for boards, besides the TCP listener. */
  serial?: SerialOptions;
}

export interface ChildDatapoolSpec {
  kind: 'child-process';
  dataDir: DataDirSpec;
  /** More `datapool` flags (the store's retention). */
  args?: readonly string[];
  /** The CLI the child runs (default: the one of this build). */
  cliEntry?: string;
  /** How long a start may take until the child says where it listens, ms. */
  startTimeoutMs?: number;
  /** The child's own log lines (its stderr), and notes about it. */
  log?: (line: string) => void;
}

export interface RemoteDatapoolSpec {
  kind: 'remote';
  /** Its HTTP API. */
  url: string;
  /** Sent as a bearer token (a datapool listening off loopback requires one). */
  token?: string;
  /** Ask its health before anything else starts, and fail saying it does not answer (default: the first call finds out). */
  mustAnswer?: boolean;
}

export type DatapoolSpec = InProcessDatapoolSpec | ChildDatapoolSpec | RemoteDatapoolSpec;

/** What every placement gives the rest of the system. */
export interface PlacedDatapool {
  /** Where boards dial it; null when only its HTTP API is known. */
  readonly devices: HostPort | null;
  /** Its HTTP API; null when it has none. */
  readonly url: string | null;
  /** How a host's servers reach it: the datapool in this process, its HTTP API, or both. */
  hostOptions(): Pick<ToolHostOptions, 'datapool' | 'datapoolUrl' | 'datapoolToken'>;
  /** Resolves once the datapool has registered every board of `ids` (default wait: its own). */
  whenOnline(ids: readonly string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface InProcessDatapool extends PlacedDatapool {
  readonly kind: 'in-process';
  readonly server: DatapoolServer;
  /** The datapool itself, which the in-process servers call. */
  readonly client: Datapool;
  readonly devices: HostPort;
}

export interface ChildDatapool extends PlacedDatapool {
  readonly kind: 'child-process';
  /** The child, to kill and restart. */
  readonly process: DatapoolProcess;
  readonly devices: HostPort;
  readonly url: string;
}

export interface RemoteDatapool extends PlacedDatapool {
  readonly kind: 'remote';
  readonly client: HttpDatapoolClient;
  readonly devices: null;
  readonly url: string;
}

/** The placed datapool a spec gives. */
export type PlacedDatapoolOf<D extends DatapoolSpec> = D extends InProcessDatapoolSpec
  ? InProcessDatapool
  : D extends ChildDatapoolSpec
    ? ChildDatapool
    : RemoteDatapool;

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolHostOptions } from '../bench/host/connect.js';
import type { ToolHost } from '../bench/host/tool-host.js';
import type { ActuatorServersOption } from '../bench/mcp/servers.js';
import type { HostPort } from '../core/net/host-port.js';
import type { Fleet } from '../devices/fleet/fleet-file.js';
import type { RunningFleet } from '../devices/fleet/start-fleet.js';
import type { SampleTiming } from '../devices/mcu/firmware.js';
import type { ReconnectOptions } from '../devices/mcu/link.js';
import type { NetworkProfileName } from '../devices/network/profiles.js';
import type { DataDirSpec, DatapoolSpec, PlacedDatapool, PlacedDatapoolOf } from './datapool-placement.js';
import { type FleetIdentity, fleetIdentity } from './fleet-identity.js';
import type { RemoteFleet, RemoteFleetOptions } from './remote-fleet.js';
import { Teardown } from './teardown.js';

/**
 * The composition root: every command that needs the system (`run`, `mcp serve`, `up`, `datapool`, `perf`,
 * `soak`) has it assembled here, from a spec saying where the datapool runs (datapool-placement.ts), whether
 * an emulated fleet dials it from this process, whether actuators may be moved, and whether a host connects to
 * it. It is started in that order (data directory, datapool, boards online, safety gate and audit log, host); a
 * step that fails takes down what the steps before it started. Closing follows teardown.ts: the system closes what it started and what it was handed, newest
 * first, once.
 *
 * The heavier parts (the MCP host, a child datapool, the HTTP client) are loaded only when a spec asks for
 * them, so a datapool started alone, as a soak restarts it again and again, starts quickly.
 */

/** The emulated boards of a fleet file, in this process, dialing the system's datapool. */
export interface EmulatedFleetSpec {
  /** The fleet file (default: the built-in fleet of 6 MCUs). */
  path?: string;
  /** Network model for every board (default ideal). */
  network?: NetworkProfileName;
  /** Override the fleet file's world. */
  scenario?: string;
  seed?: number;
  /** World time when the fleet starts, ms since the epoch. */
  timeMs?: number;
  /**
   * Boards sample this many times faster than real time (>= 1, default 1): a 10 s series takes 10 / speed s
   * of wall time with the same readings. Their announce (and `McuInfo.speed`) says so.
   */
  speed?: number;
  timing?: SampleTiming;
  /** How the boards redial a datapool that went away. */
  reconnect?: ReconnectOptions;
  /** Run the fleet's first boards on these serial lines instead of TCP, one per line; only those run. */
  serial?: { paths: readonly string[]; baudRate?: number };
  /** How long the boards may take to come online at the start, ms (default: the fleet's and the datapool's own waits). */
  onlineTimeoutMs?: number;
}

/** A host connected to the system: its datapool, HTTP API, fleet and actuators are filled in; `datapool` may stand in for the system's. */
export type HostSpec = Omit<ToolHostOptions, 'datapoolUrl' | 'datapoolToken' | 'fleet' | 'actuators'>;

/**
 * Let the system's hosts move the fleet's actuators: one safety gate over the actuators the fleet has once it is
 * online, one audit log, shared by every host the system connects (`hostOptions` too), so one gate sees every move.
 */
export interface ActuatorsSpec {
  /** The audit log's file (created with its directory; an existing log is continued). */
  auditLog: string;
  /** The operator's policy file; absent: the default policy. A policy that does not load stops the start. */
  policyFile?: string;
  /** Trouble that is not a caller's (an outcome the audit log could not take). */
  log?: (line: string) => void;
}

export interface SystemSpec<D extends DatapoolSpec, F extends EmulatedFleetSpec | undefined, H extends HostSpec | undefined> {
  datapool: D;
  /** An emulated fleet in this process (not with a remote datapool: its boards are its own). */
  fleet?: F;
  /** Offer actuator tools behind a safety gate (opened once the fleet is online). */
  actuators?: ActuatorsSpec;
  /** The host, connected last. */
  host?: H;
  /** See `TeardownOptions.onCloseError`: without it, `close` rejects with the first failure once every part was tried. */
  onCloseError?: (error: Error) => void;
}

/** A generated fleet in a child process dialing this system's datapool (remote-fleet.ts). */
export type FleetProcessSpec = Omit<RemoteFleetOptions, 'datapool'>;

export interface ComposedSystem<
  D extends DatapoolSpec = DatapoolSpec,
  F extends EmulatedFleetSpec | undefined = undefined,
  H extends HostSpec | undefined = undefined,
> {
  readonly datapool: PlacedDatapoolOf<D>;
  /** Where the datapool keeps its records; null for a remote datapool. */
  readonly dataDir: string | null;
  readonly fleet: F extends EmulatedFleetSpec ? RunningFleet : null;
  readonly host: H extends HostSpec ? ToolHost : null;
  /** The safety gate and audit log the hosts' actuator tools use; null when the spec asked for no actuators. */
  readonly actuators: ActuatorServersOption | null;
  /** Everything a further host needs to reach this system; that host is the caller's to close (or to hand to `adopt`). */
  hostOptions(host: HostSpec): ToolHostOptions;
  /** Starts a generated fleet in a child process dialing this datapool; the system owns it. */
  startFleetProcess(spec: FleetProcessSpec): Promise<RemoteFleet>;
  /** Hands over a part started on top of the system, which closes it before everything already there; returns the part. */
  adopt<T extends { close(): Promise<void> | void }>(part: T): T;
  /** Closes everything the system owns, newest first, once. */
  close(): Promise<void>;
}

export async function composeSystem<D extends DatapoolSpec, F extends EmulatedFleetSpec | undefined = undefined, H extends HostSpec | undefined = undefined>(
  spec: SystemSpec<D, F, H>,
): Promise<ComposedSystem<D, F, H>> {
  const teardown = new Teardown({ ...(spec.onCloseError !== undefined && { onCloseError: spec.onCloseError }) });
  try {
    // The fleet file is read first: a bad one is refused before anything listens.
    const fleetFile = spec.fleet === undefined ? null : await readFleetFile(spec.fleet.path);
    const placement = spec.datapool;
    const identity = fleetFile !== null && placement.kind === 'in-process' ? fleetIdentity(fleetFile, placement.deviceToken, placement.deviceKeys) : null;
    if (fleetFile !== null && placement.kind === 'remote') {
      throw new Error(`an emulated fleet needs a datapool whose device listener it can dial, not only the HTTP API at ${placement.url}`);
    }

    const { datapool, dataDir } = await placeDatapool(placement, identity, teardown);
    teardown.own(() => datapool.close());

    let fleet: RunningFleet | null = null;
    if (spec.fleet !== undefined && fleetFile !== null) {
      const { startFleet } = await import('../devices/fleet/start-fleet.js');
      const options = spec.fleet;
      const running = await startFleet({
        fleet: fleetFile,
        datapool: dialAddress(datapool),
        ...(identity !== null && { token: identity.token }),
        network: options.network ?? 'ideal',
        ...(options.scenario !== undefined && { scenario: options.scenario }),
        ...(options.seed !== undefined && { seed: options.seed }),
        ...(options.timeMs !== undefined && { timeMs: options.timeMs }),
        ...(options.speed !== undefined && { speed: options.speed }),
        ...(options.timing !== undefined && { timing: options.timing }),
        ...(options.reconnect !== undefined && { reconnect: options.reconnect }),
        ...(options.serial !== undefined && { serial: options.serial }),
      });
      teardown.own(() => running.stop());
      await running.whenOnline(options.onlineTimeoutMs);
      await datapool.whenOnline(
        running.boards.map((mcu) => mcu.id),
        options.onlineTimeoutMs,
      );
      fleet = running;
    }

    const actuators = spec.actuators === undefined ? null : await openActuators(spec.actuators, datapool, teardown);

    const hostOptions = (host: HostSpec): ToolHostOptions => ({
      ...datapool.hostOptions(),
      ...(fleet !== null && { fleet }),
      ...(actuators !== null && { actuators }),
      ...host,
    });
    let host: ToolHost | null = null;
    if (spec.host !== undefined) {
      const { connectToolHost } = await import('../bench/host/connect.js');
      const connected = await connectToolHost(hostOptions(spec.host));
      teardown.own(() => connected.close());
      host = connected;
    }

    return {
      datapool: datapool as PlacedDatapoolOf<D>,
      dataDir,
      fleet: fleet as ComposedSystem<D, F, H>['fleet'],
      host: host as ComposedSystem<D, F, H>['host'],
      actuators,
      hostOptions,
      async startFleetProcess(fleetSpec) {
        const { startRemoteFleet } = await import('./remote-fleet.js');
        const remote = await startRemoteFleet({ ...fleetSpec, datapool: dialAddress(datapool) });
        teardown.own(() => remote.stop());
        return remote;
      },
      adopt(part) {
        teardown.own(() => part.close());
        return part;
      },
      close: () => teardown.close(),
    };
  } catch (error) {
    await teardown.close().catch(() => {});
    throw error;
  }
}

/**
 * The safety gate over the actuators the datapool knows now, and the audit log; closed (the log flushed and
 * unlocked) after every host that used them.
 */
async function openActuators(spec: ActuatorsSpec, datapool: PlacedDatapool, teardown: Teardown): Promise<ActuatorServersOption> {
  const { openActuatorSafety } = await import('../bench/mcp/actuator-safety.js');
  const reach = datapool.hostOptions();
  let client = reach.datapool;
  if (client === undefined) {
    if (reach.datapoolUrl === undefined) throw new Error('actuators need a datapool to drive them: this one offers neither a client nor an HTTP API');
    const { HttpDatapoolClient } = await import('../datapool/http-client.js');
    const http = new HttpDatapoolClient(reach.datapoolUrl, { ...(reach.datapoolToken !== undefined && { token: reach.datapoolToken }) });
    teardown.own(() => http.close());
    client = http;
  }
  const safety = await openActuatorSafety({
    datapool: client,
    auditLog: spec.auditLog,
    ...(spec.policyFile !== undefined && { policyFile: spec.policyFile }),
    ...(spec.log !== undefined && { log: spec.log }),
  });
  teardown.own(() => safety.close());
  return safety.options;
}

async function readFleetFile(path: string | undefined): Promise<Fleet> {
  const { DEFAULT_FLEET_PATH, loadFleet } = await import('../devices/fleet/fleet-file.js');
  return loadFleet(path ?? DEFAULT_FLEET_PATH);
}

/** The caller's directory, or a temporary one the system removes last. */
async function dataDirectory(spec: DataDirSpec, teardown: Teardown): Promise<string> {
  if (typeof spec === 'string') return spec;
  const dir = await mkdtemp(join(tmpdir(), spec.temporary));
  teardown.own(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function placeDatapool(
  spec: DatapoolSpec,
  identity: FleetIdentity | null,
  teardown: Teardown,
): Promise<{ datapool: PlacedDatapool; dataDir: string | null }> {
  switch (spec.kind) {
    case 'in-process': {
      const dataDir = await dataDirectory(spec.dataDir, teardown);
      const { startInProcessDatapool } = await import('./in-process-datapool.js');
      return { datapool: await startInProcessDatapool(spec, dataDir, identity?.admission ?? null), dataDir };
    }
    case 'child-process': {
      const dataDir = await dataDirectory(spec.dataDir, teardown);
      const { startChildDatapool } = await import('./child-datapool.js');
      return { datapool: await startChildDatapool(spec, dataDir), dataDir };
    }
    case 'remote': {
      const { openRemoteDatapool } = await import('./remote-datapool.js');
      return { datapool: await openRemoteDatapool(spec), dataDir: null };
    }
  }
}

/** Where boards of this process, or of a child of it, dial the datapool; a listener on every interface is reached on loopback. */
function dialAddress(datapool: PlacedDatapool): HostPort {
  if (datapool.devices === null) throw new Error('boards need a datapool whose device listener they can dial, not only its HTTP API');
  const { host, port } = datapool.devices;
  if (host === '0.0.0.0') return { host: '127.0.0.1', port };
  if (host === '::') return { host: '::1', port };
  return datapool.devices;
}

import { setTimeout as sleep } from 'node:timers/promises';
import { storeDirectory } from '../../datapool/store/store.js';
import { HttpDatapoolClient } from '../../datapool/http-client.js';
import { DEFAULT_FLEET_PATH, loadFleet, type Fleet } from '../../devices/fleet/fleet-file.js';
import { startFleet, type RunningFleet } from '../../devices/fleet/start-fleet.js';
import { connectToolHost } from '../../bench/host/connect.js';
import type { ToolHost } from '../../bench/host/tool-host.js';
import { startMosquitto, type RunningBroker } from '../../bench/mcp/mqtt/local-broker.js';
import { DatapoolProcess } from './datapool-process.js';
import { connectReconnectingMqttHost, type ReconnectingMqttHost } from './mqtt-host.js';
import type { SoakMcp } from './soak-types.js';

/**
 * Everything a soak breaks, and how it is put together so each part can break alone: the datapool in a
 * child process (SIGKILL-able, restarted on the same ports and data), the emulated fleet in this process
 * dialing it (boards redial by themselves), the MCP servers and host in this process reaching the datapool
 * over its HTTP API, and in MQTT mode a local Mosquitto that can be restarted on the same port.
 */

export interface SoakSystemOptions {
  mcp: SoakMcp;
  dataDir: string;
  fleetPath: string | null;
  speed: number;
  seed: number;
  validateResults: boolean;
  /** The CLI entry the datapool child runs (default: the one of this build). */
  cliEntry?: string;
  /** How long the boards may take to come online at the start, ms. */
  onlineTimeoutMs?: number;
  /** MB of finished commands the datapool keeps (default `SOAK_RETAIN_MB`). */
  retainMb?: number;
  /** MB after which a store segment is sealed (default `SOAK_SEGMENT_MB`). */
  segmentMb?: number;
  log?: (line: string) => void;
}

export const SOAK_RETAIN_MB = 32;
export const SOAK_SEGMENT_MB = 8;

/** A broker the soak can restart on the same port. */
export interface RestartableBroker {
  readonly url: string;
  readonly restarts: number;
  /** SIGKILL (a crash: no wills sent), then a fresh, empty broker on the same port. */
  killAndRestart(): Promise<void>;
  stop(): Promise<void>;
}

export interface SoakSystem {
  fleet: RunningFleet;
  fleetFile: Fleet;
  datapool: DatapoolProcess;
  broker: RestartableBroker | null;
  host: ToolHost;
  /** The MQTT host's session reopenings (MQTT mode). */
  hostReconnects(): number;
  /** The datapool's store directory (read during the soak and after `close` for the durability check). */
  storeDir: string;
  /** Takes everything down (host, fleet, broker, datapool child); never throws. */
  close(): Promise<void>;
}

export async function startSoakSystem(options: SoakSystemOptions): Promise<SoakSystem> {
  const fleetFile = await loadFleet(options.fleetPath ?? DEFAULT_FLEET_PATH);
  const log = options.log;
  // Everything started so far, stopped in reverse order if a later step fails.
  const undo: (() => Promise<void>)[] = [];
  const close = async (): Promise<void> => {
    for (const step of undo.reverse()) await step().catch((error: unknown) => log?.(`soak: while stopping: ${(error as Error).message}`));
    undo.length = 0;
  };
  try {
    const datapool = await DatapoolProcess.start({
      dataDir: options.dataDir,
      // A soak keeps a bounded store, as a long-running lab datapool should: a small retention and segments
      // small enough that compaction runs many times in a short soak.
      args: ['--retain-mb', String(options.retainMb ?? SOAK_RETAIN_MB), '--segment-mb', String(options.segmentMb ?? SOAK_SEGMENT_MB)],
      ...(options.cliEntry !== undefined && { cliEntry: options.cliEntry }), ...(log !== undefined && { log }) });
    undo.push(() => datapool.stop());

    const fleet = await startFleet({
      fleet: fleetFile,
      datapool: datapool.devices,
      network: 'ideal',
      speed: options.speed,
      seed: options.seed,
      // Redial fast: a soak restarts the datapool every few seconds.
      reconnect: { baseMs: 100, capMs: 2000 },
    });
    undo.push(() => fleet.stop());
    const onlineTimeoutMs = options.onlineTimeoutMs ?? 15_000;
    await fleet.whenOnline(onlineTimeoutMs);
    await datapoolSeesFleet(datapool.url, fleet.mcus.map((mcu) => mcu.id), onlineTimeoutMs);

    let broker: RestartableBroker | null = null;
    let host: ToolHost;
    let mqttHost: ReconnectingMqttHost | null = null;
    if (options.mcp === 'mqtt') {
      const started = await restartableMosquitto();
      broker = started;
      undo.push(() => started.stop());
      mqttHost = await connectReconnectingMqttHost({
        brokerUrl: started.url,
        datapoolUrl: datapool.url,
        validateResults: options.validateResults,
        ...(log !== undefined && { log }),
      });
      host = mqttHost;
    } else {
      host = await connectToolHost({
        transport: 'memory',
        architecture: 'gateway',
        datapoolUrl: datapool.url,
        validateResults: options.validateResults,
        ...(log !== undefined && { log }),
      });
    }
    const connected = host;
    undo.push(() => connected.close());
    return {
      fleet,
      fleetFile,
      datapool,
      broker,
      host,
      hostReconnects: () => mqttHost?.reconnects ?? 0,
      storeDir: storeDirectory(options.dataDir),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A board is online for the soak once the datapool has registered it, not once the board has dialed. */
async function datapoolSeesFleet(url: string, ids: readonly string[], timeoutMs: number): Promise<void> {
  const client = new HttpDatapoolClient(url);
  const deadline = Date.now() + timeoutMs;
  try {
    // Start-up only: the HTTP API has no "wait until online", so ask a few times.
    for (;;) {
      const online = new Set((await client.mcus()).filter((mcu) => mcu.online).map((mcu) => mcu.id));
      const missing = ids.filter((id) => !online.has(id));
      if (missing.length === 0) return;
      if (Date.now() > deadline) throw new Error(`boards not online at the datapool after ${timeoutMs} ms: ${missing.join(', ')}`);
      await sleep(25);
    }
  } finally {
    client.close();
  }
}

async function restartableMosquitto(): Promise<RestartableBroker> {
  let broker: RunningBroker = await startMosquitto();
  let restarts = 0;
  return {
    url: broker.url,
    get restarts() {
      return restarts;
    },
    async killAndRestart() {
      await broker.kill();
      broker = await startMosquitto({ port: broker.port });
      restarts++;
    },
    stop: () => broker.stop(),
  };
}

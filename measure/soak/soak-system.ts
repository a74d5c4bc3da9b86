import { connectToolHost } from '../../bench/host/connect.js';
import type { ToolHost } from '../../bench/host/tool-host.js';
import { type RunningBroker, startMosquitto } from '../../bench/mcp/mqtt/local-broker.js';
import { storeDirectory } from '../../datapool/store/store.js';
import type { Fleet } from '../../devices/fleet/fleet-file.js';
import type { RunningFleet } from '../../devices/fleet/start-fleet.js';
import { composeSystem } from '../../system/compose.js';
import type { DatapoolProcess } from '../../system/datapool-process.js';
import { connectReconnectingMqttHost, type ReconnectingMqttHost } from './mqtt-host.js';
import type { SoakMcp } from './soak-types.js';

/**
 * Everything a soak breaks, and how it is put together (by the composition root) so each part can break
 * alone: the datapool in a child process (SIGKILL-able, restarted on the same ports and data), the emulated
 * fleet in this process dialing it (boards redial by themselves), the MCP servers and host in this process
 * reaching the datapool over its HTTP API, and in MQTT mode a local Mosquitto that can be restarted on the
 * same port.
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
  close(): Promise<void>;
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
  const log = options.log;
  const onlineTimeoutMs = options.onlineTimeoutMs ?? 15_000;
  const system = await composeSystem({
    datapool: {
      kind: 'child-process',
      dataDir: options.dataDir,
      // A soak keeps a bounded store, as a long-running lab datapool should: a small retention and segments
      // small enough that compaction runs many times in a short soak.
      args: ['--retain-mb', String(options.retainMb ?? SOAK_RETAIN_MB), '--segment-mb', String(options.segmentMb ?? SOAK_SEGMENT_MB)],
      ...(options.cliEntry !== undefined && { cliEntry: options.cliEntry }),
      ...(log !== undefined && { log }),
    },
    fleet: {
      ...(options.fleetPath !== null && { path: options.fleetPath }),
      network: 'ideal',
      speed: options.speed,
      seed: options.seed,
      // Redial fast: a soak restarts the datapool every few seconds.
      reconnect: { baseMs: 100, capMs: 2000 },
      onlineTimeoutMs,
    },
    // Whatever fails while stopping, everything else is still taken down.
    onCloseError: (error) => log?.(`soak: while stopping: ${error.message}`),
  });
  const close = (): Promise<void> => system.close();
  try {
    let broker: RestartableBroker | null = null;
    let host: ToolHost;
    let mqttHost: ReconnectingMqttHost | null = null;
    if (options.mcp === 'mqtt') {
      const started = system.adopt(await restartableMosquitto());
      broker = started;
      mqttHost = system.adopt(
        await connectReconnectingMqttHost({
          brokerUrl: started.url,
          datapoolUrl: system.datapool.url,
          validateResults: options.validateResults,
          ...(log !== undefined && { log }),
        }),
      );
      host = mqttHost;
    } else {
      host = system.adopt(
        await connectToolHost(
          system.hostOptions({ transport: 'memory', architecture: 'gateway', validateResults: options.validateResults, ...(log !== undefined && { log }) }),
        ),
      );
    }
    return {
      fleet: system.fleet,
      fleetFile: system.fleet.fleet,
      datapool: system.datapool.process,
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
    close: () => broker.stop(),
  };
}

import { httpUrl } from '../core/net/host-port.js';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FLEET_PATH } from '../devices/fleet/fleet-file.js';
import { startEmbeddedSystem, type EmbeddedSystem } from './embedded.js';
import { WORLD_MS_PER_TURN } from '../bench/loop/agent-loop.js';
import { connectToolHost } from '../bench/host/connect.js';
import type { ToolHost } from '../bench/host/tool-host.js';
import type { BenchSystem, BenchSystemOptions } from '../bench/run/system-contract.js';

async function fleetProvenance(path: string): Promise<{ path: string; sha256: string }> {
  return { path, sha256: createHash('sha256').update(await readFile(path)).digest('hex') };
}

/**
 * The composition root: assembles what a run's trials call into (an embedded datapool with its emulated fleet,
 * or a lab's running one; the MCP servers; the host's clients) and owns the order in which it all closes.
 */
export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  if (options.datapoolUrl !== null) {
    if (options.architecture === 'native') throw new Error('--architecture native needs the embedded fleet: it cannot be combined with --datapool');
    const { HttpDatapoolClient } = await import('../datapool/http-client.js');
    const datapool = new HttpDatapoolClient(options.datapoolUrl, { ...(options.datapoolToken !== undefined && { token: options.datapoolToken }) });
    try {
      await datapool.health();
    } catch (error) {
      datapool.close();
      throw new Error(`the datapool at ${options.datapoolUrl} does not answer: ${(error as Error).message}`);
    }
    let host: ToolHost;
    try {
      host = await connectToolHost({
        transport: options.mcp,
        architecture: options.architecture,
        datapool,
        datapoolUrl: options.datapoolUrl,
        ...(options.datapoolToken !== undefined && { datapoolToken: options.datapoolToken }),
        brokerUrl: options.brokerUrl,
        ...(options.mqtt !== undefined && { mqtt: options.mqtt }),
        ...(options.log !== undefined && { log: options.log }),
      });
    } catch (error) {
      datapool.close();
      throw error;
    }
    return {
      host,
      datapool,
      description: options.datapoolUrl,
      provenance: {
        network: 'real: the lab network between its boards and its datapool',
        fleet: null,
        worldClock: "real boards: they read the physical world at the moment of each call, so readings are not a function of the trial and runs do not repeat trial by trial",
      },
      devices: () => datapool.mcus(),
      async close() {
        await host.close();
        datapool.close();
      },
    };
  }

  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-run-'));
  // Only our own stdio children may use the embedded HTTP API, not another user of this machine.
  const httpToken = randomBytes(32).toString('hex');
  let system: EmbeddedSystem | undefined;
  let host: ToolHost | undefined;
  try {
    system = await startEmbeddedSystem({
      devices: { host: '127.0.0.1', port: 0 },
      // stdio servers run in child processes: they reach the datapool over its HTTP API.
      http: options.mcp === 'stdio' ? { host: '127.0.0.1', port: 0 } : false,
      token: httpToken,
      dataDir,
      speed: options.speed,
      // Boards coming online is routine during a run; only trouble is worth a line beside the progress bar.
      log: (level, message) => {
        if (level === 'warn' || level === 'error') options.log?.(`datapool ${level}: ${message}`);
      },
      ...(options.fleetPath !== null && { fleetPath: options.fleetPath }),
    });
    const http = system.server.httpAddress;
    host = await connectToolHost({
      transport: options.mcp,
      architecture: options.architecture,
      datapool: system.server.datapool,
      ...(http !== null && { datapoolUrl: httpUrl(http), datapoolToken: httpToken }),
      brokerUrl: options.brokerUrl,
      ...(options.mqtt !== undefined && { mqtt: options.mqtt }),
      fleet: system.fleet,
      ...(options.log !== undefined && { log: options.log }),
    });
  } catch (error) {
    await host?.close().catch(() => {});
    await system?.close().catch(() => {});
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const running = system;
  const connected = host;
  return {
    host: connected,
    datapool: running.server.datapool,
    description: `embedded: datapool and ${running.fleet.mcus.length} emulated MCUs in this process${options.speed !== 1 ? `, sampling ${options.speed}x faster than real time` : ''}`,
    provenance: {
      network: 'ideal: boards on loopback TCP, no modelled delay or loss',
      fleet: await fleetProvenance(options.fleetPath ?? DEFAULT_FLEET_PATH),
      worldClock: `per trial: the task's time plus the world time the trial used (its series and windows, and ${WORLD_MS_PER_TURN} ms per model turn), never wall-clock time; the same agent reads the same values on every run`,
    },
    devices: () => running.server.datapool.mcus(),
    async close() {
      await connected.close();
      await running.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { WORLD_MS_PER_TURN } from '../bench/loop/agent-loop.js';
import { trialScope } from '../bench/mcp/actuator-scope.js';
import type { BenchSystem, BenchSystemOptions } from '../bench/run/system-contract.js';
import { DEFAULT_FLEET_PATH } from '../devices/fleet/fleet-file.js';
import { composeSystem, type HostSpec } from './compose.js';

async function fleetProvenance(path: string): Promise<{ path: string; sha256: string }> {
  return {
    path,
    sha256: createHash('sha256')
      .update(await readFile(path))
      .digest('hex'),
  };
}

/**
 * What a run's trials call into (an embedded datapool with its emulated fleet, or a lab's running one; the
 * MCP servers; the host's clients), composed by compose.ts, with what the run's manifest says about it.
 */
export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  const actuators = options.actuators === undefined ? undefined : { ...options.actuators, ...(options.log !== undefined && { log: options.log }) };
  const host: HostSpec = {
    transport: options.mcp,
    architecture: options.architecture,
    brokerUrl: options.brokerUrl,
    ...(options.mqtt !== undefined && { mqtt: options.mqtt }),
    ...(options.log !== undefined && { log: options.log }),
  };
  if (options.datapoolUrl !== null) {
    if (options.architecture === 'native') throw new Error('--architecture native needs the embedded fleet: it cannot be combined with --datapool');
    const system = await composeSystem({
      datapool: {
        kind: 'remote',
        url: options.datapoolUrl,
        ...(options.datapoolToken !== undefined && { token: options.datapoolToken }),
        mustAnswer: true,
      },
      ...(actuators !== undefined && { actuators }),
      host,
    });
    const datapool = system.datapool.client;
    return {
      host: system.host,
      datapool,
      description: options.datapoolUrl,
      provenance: {
        network: 'real: the lab network between its boards and its datapool',
        fleet: null,
        worldClock:
          'real boards: they read the physical world at the moment of each call, so readings are not a function of the trial and runs do not repeat trial by trial',
      },
      devices: () => datapool.mcus(),
      endTrial: (trial) => system.actuators?.gate.endScope(trialScope(trial)),
      close: () => system.close(),
    };
  }

  const system = await composeSystem({
    datapool: {
      kind: 'in-process',
      dataDir: { temporary: 'iotmcp-run-' },
      devices: { host: '127.0.0.1', port: 0 },
      // stdio servers run in child processes: they reach the datapool over its HTTP API.
      http: options.mcp === 'stdio' ? { host: '127.0.0.1', port: 0 } : false,
      // Only our own stdio children may use the embedded HTTP API, not another user of this machine.
      token: randomBytes(32).toString('hex'),
      // Boards coming online is routine during a run; only trouble is worth a line beside the progress bar.
      log: (level, message) => {
        if (level === 'warn' || level === 'error') options.log?.(`datapool ${level}: ${message}`);
      },
    },
    fleet: { ...(options.fleetPath !== null && { path: options.fleetPath }), speed: options.speed },
    ...(actuators !== undefined && { actuators }),
    host,
  });
  const datapool = system.datapool.client;
  let fleet: { path: string; sha256: string };
  try {
    fleet = await fleetProvenance(options.fleetPath ?? DEFAULT_FLEET_PATH);
  } catch (error) {
    await system.close();
    throw error;
  }
  return {
    host: system.host,
    datapool,
    description: `embedded: datapool and ${system.fleet.boards.length} emulated MCUs in this process${options.speed !== 1 ? `, sampling ${options.speed}x faster than real time` : ''}`,
    provenance: {
      network: 'ideal: boards on loopback TCP, no modelled delay or loss',
      fleet,
      worldClock: `per trial: the task's time plus the world time the trial used (its series and windows, and ${WORLD_MS_PER_TURN} ms per model turn), never wall-clock time; the same agent reads the same values on every run`,
    },
    devices: () => datapool.mcus(),
    endTrial: (trial) => system.actuators?.gate.endScope(trialScope(trial)),
    close: () => system.close(),
  };
}

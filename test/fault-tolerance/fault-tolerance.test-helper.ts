/**
 * Test support for the fault-tolerance tests: an embedded system (datapool + default fleet) in a temp dir,
 * and a datapool client that tells the test each command the MCP layer submits, so a test can act on the
 * command's own samples (make its board vanish after the third) without reaching into the servers.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandEvent, Datapool } from '../../datapool/datapool.js';
import { reportingClient } from '../../datapool/reporting-client.test-helper.js';
import type { DatapoolClient } from '../../datapool/types.js';
import { type EmbeddedOptions, type EmbeddedSystem, startEmbeddedSystem } from '../../system/embedded.js';

export interface TestSystem {
  system: EmbeddedSystem;
  dataDir: string;
  close(): Promise<void>;
}

/** The datapool (with its HTTP API on a free port) and the default fleet of 6 boards, `speed` times real time. */
export async function startTestSystem(options: Partial<EmbeddedOptions> = {}): Promise<TestSystem> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-fault-'));
  try {
    const system = await startEmbeddedSystem({
      devices: { host: '127.0.0.1', port: 0 },
      http: { host: '127.0.0.1', port: 0 },
      dataDir,
      log: () => {},
      ...options,
    });
    return {
      system,
      dataDir,
      async close() {
        await system.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The in-process datapool, calling `onEvent` with every stored sample and the end of each command the MCP
 * layer submits through it (whether by `run` or `submit`).
 */
export function watchingClient(datapool: Datapool, onEvent: (id: string, event: CommandEvent) => void): DatapoolClient {
  return reportingClient(datapool, (id) => {
    // Samples stored before the submit answered are in the status `watch` starts from.
    const { status } = datapool.watch(id, (event) => onEvent(id, event));
    for (const sample of status.samples) onEvent(id, { type: 'sample', sample });
    if (status.state === 'done' || status.state === 'failed') onEvent(id, { type: 'end', status });
  });
}

import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedSystem, startEmbeddedSystem } from './embedded.js';

/** The embedded system (datapool + default fleet of 6 MCUs) in a temp dir, and how to take it down. */
export async function startTestSystem(): Promise<{ system: EmbeddedSystem; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-mcp-'));
  const system = await startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir });
  return {
    system,
    async close() {
      await system.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** True when something accepts connections at host:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

import { type RunningFleet, startFleet } from '../devices/fleet/start-fleet.js';
import { generateFleet } from './generated-fleet.js';
import type { FromFleetProcess, ToFleetProcess } from './remote-fleet.js';

/**
 * The fleet process: a generated fleet of emulated boards against a datapool in another process, so the
 * boards' work runs on another core and their sockets count against this process's open files, not the
 * datapool's. Spawned by `startRemoteFleet` and driven over IPC; it exits when told to, or when its parent
 * goes away, so it can never outlive a measurement.
 */

let fleet: RunningFleet | null = null;
/** Boards that failed to connect, by error code: reported once per code, not once per board. */
const reportedCodes = new Set<string>();

/** Twice: the second collection hands back to the system the pages the first one freed. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
}

function send(message: FromFleetProcess): void {
  process.send?.(message);
}

async function start(message: Extract<ToFleetProcess, { type: 'start' }>): Promise<void> {
  const running = await startFleet({
    fleet: generateFleet(message.fleet),
    datapool: message.datapool,
    network: 'ideal',
    timing: message.timing,
    speed: 1,
    ...(message.heartbeatMs !== undefined && { heartbeatMs: message.heartbeatMs }),
    maxConnecting: message.maxConnecting,
  });
  fleet = running;
  for (const mcu of running.mcus) {
    mcu.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? 'error';
      if (reportedCodes.has(code)) return;
      reportedCodes.add(code);
      send({ type: 'failure', code, message: `board ${mcu.id}: ${error.message}` });
    });
  }
}

process.on('message', (raw: unknown) => {
  const message = raw as ToFleetProcess;
  switch (message.type) {
    case 'start':
      start(message).catch((error: unknown) => {
        send({ type: 'failure', code: 'start', message: error instanceof Error ? error.message : String(error) });
      });
      return;
    case 'usage':
      if (message.collect === true) collectGarbage();
      send({ type: 'usage', cpu: process.cpuUsage(), rss: process.memoryUsage().rss, online: fleet?.mcus.filter((m) => m.online).length ?? 0 });
      return;
    case 'stop':
      // No goodbye per board: the kernel closes every socket at once, which is what ending a measurement needs.
      process.exit(0);
  }
});

// The parent is gone (it crashed or was killed): nobody will ever stop these boards but us.
process.on('disconnect', () => process.exit(0));
collectGarbage();
send({ type: 'ready', rss: process.memoryUsage().rss });

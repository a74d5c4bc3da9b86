import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostPort } from '../core/net/host-port.js';
import type { SampleTiming } from '../devices/mcu/firmware.js';
import { type GeneratedFleetSpec, generatedIds } from './generated-fleet.js';

/**
 * A generated fleet of emulated boards in a child process (`fleet-process.ts`), talking to a datapool in this
 * one over real sockets. Two processes use both cores of a small machine, and each holds one end of every
 * board's socket, so a fleet needs as many open files per process as it has boards, not twice as many.
 */

/** This process -> the fleet process. */
export type ToFleetProcess =
  | {
      type: 'start';
      fleet: GeneratedFleetSpec;
      datapool: HostPort;
      timing: SampleTiming;
      heartbeatMs?: number;
      maxConnecting: number;
    }
  /** With `collect`, memory is measured after a full garbage collection (live memory, not garbage). */
  | { type: 'usage'; collect?: boolean }
  | { type: 'stop' };

/** The fleet process -> this process. */
export type FromFleetProcess =
  /** Modules loaded, no board yet: the process's own memory, the baseline of `bytesPerMcu`. */
  | { type: 'ready'; rss: number }
  | { type: 'usage'; cpu: NodeJS.CpuUsage; rss: number; online: number }
  /** The fleet could not start, or boards fail to connect (reported once per error code). */
  | { type: 'failure'; code: string; message: string };

export interface RemoteFleetOptions {
  fleet: GeneratedFleetSpec;
  datapool: HostPort;
  timing: SampleTiming;
  heartbeatMs?: number;
  /** Boards dialing at once (default 256): a burst of thousands overflows the datapool's listen backlog. */
  maxConnecting?: number;
  /** Board connection errors that do not stop the fleet (the boards redial), one line per error code. */
  log?: (line: string) => void;
}

export interface FleetUsage {
  cpu: NodeJS.CpuUsage;
  rss: number;
  /** Boards connected, as the fleet process sees them. */
  online: number;
}

export interface RemoteFleet {
  readonly ids: readonly string[];
  readonly pid: number | undefined;
  /** Resident memory of the fleet process before any board existed, bytes. */
  readonly baselineRss: number;
  /**
   * Rejects, naming the cause, as soon as the fleet cannot work: it failed to start, boards ran out of file
   * descriptors, or the process died. Never resolves; race it with whatever waits on the fleet.
   */
  readonly failed: Promise<never>;
  /** CPU time and memory of the fleet process; `collect` first runs a full garbage collection there. */
  usage(options?: { collect?: boolean }): Promise<FleetUsage>;
  /** Ends the fleet process (SIGKILL if it does not exit at once); resolves once it is gone. */
  stop(): Promise<void>;
}

/** Error codes after which boards cannot connect however long they retry. */
const FATAL_CODES = new Set(['start', 'EMFILE', 'ENFILE']);
const DEFAULT_MAX_CONNECTING = 256;
const STOP_GRACE_MS = 2_000;
const STDERR_LINES = 20;

/** Where the fleet process's module is, next to this one (in dist/ or a private build alike). */
export function fleetProcessPath(): string {
  return fileURLToPath(new URL('./fleet-process.js', import.meta.url));
}

/** Spawns the fleet process and starts its boards dialing; resolves once it has begun (not once online). */
export async function startRemoteFleet(options: RemoteFleetOptions): Promise<RemoteFleet> {
  const child = fork(fleetProcessPath(), [], {
    execPath: process.execPath,
    // Not this process's flags (a test runner's or a profiler's): a plain Node that can collect garbage on
    // request, so its memory is measured without the garbage of starting up.
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'json',
  });
  const stderr: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr.push(...text.split('\n').filter((line) => line.trim() !== ''));
    stderr.splice(0, Math.max(0, stderr.length - STDERR_LINES));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // observed by whoever races it; never an unhandled rejection
  child.on('error', (error) => fail(new Error(`the fleet process failed: ${error.message}`)));
  child.once('exit', (code, signal) => {
    const why = signal !== null ? `signal ${signal}` : `exit code ${code}`;
    fail(new Error(`the fleet process ended (${why})${stderr.length > 0 ? `: ${stderr.slice(-3).join(' | ')}` : ''}`));
  });

  const usageWaiters: ((usage: FleetUsage) => void)[] = [];
  let ready: (rss: number) => void = () => {};
  const readyRss = new Promise<number>((resolve) => (ready = resolve));
  child.on('message', (raw: unknown) => {
    const message = raw as FromFleetProcess;
    switch (message.type) {
      case 'ready':
        ready(message.rss);
        return;
      case 'usage':
        usageWaiters.shift()?.({ cpu: message.cpu, rss: message.rss, online: message.online });
        return;
      case 'failure':
        if (FATAL_CODES.has(message.code)) fail(new Error(describeFailure(message)));
        else options.log?.(`fleet process: ${message.message}`);
        return;
    }
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      if (child.connected) child.send({ type: 'stop' } satisfies ToFleetProcess);
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    }
  };

  let baselineRss: number;
  try {
    baselineRss = await Promise.race([readyRss, failed]);
  } catch (error) {
    await stop();
    throw error;
  }
  const start: ToFleetProcess = {
    type: 'start',
    fleet: options.fleet,
    datapool: options.datapool,
    timing: options.timing,
    maxConnecting: options.maxConnecting ?? DEFAULT_MAX_CONNECTING,
    ...(options.heartbeatMs !== undefined && { heartbeatMs: options.heartbeatMs }),
  };
  child.send(start);
  return {
    ids: generatedIds(options.fleet),
    pid: child.pid,
    baselineRss,
    failed,
    usage: (request) => askUsage(child, usageWaiters, failed, request?.collect === true),
    stop,
  };
}

function askUsage(child: ChildProcess, waiters: ((usage: FleetUsage) => void)[], failed: Promise<never>, collect: boolean): Promise<FleetUsage> {
  const answer = new Promise<FleetUsage>((resolve) => waiters.push(resolve));
  child.send({ type: 'usage', collect } satisfies ToFleetProcess);
  return Promise.race([answer, failed]);
}

function describeFailure(failure: Extract<FromFleetProcess, { type: 'failure' }>): string {
  if (failure.code === 'EMFILE' || failure.code === 'ENFILE') {
    return `the fleet process ran out of file descriptors (${failure.code}): every board holds a socket; raise the limit with \`ulimit -n\` (${failure.message})`;
  }
  return `the fleet could not start: ${failure.message}`;
}

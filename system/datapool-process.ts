import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { formatHostPort, type HostPort, httpUrl } from '../core/net/host-port.js';
import { CLI_PATH } from '../core/package.js';
import { READY_JSON_OPTION, readReady } from './datapool-ready.js';

/**
 * The datapool as a child process (`iotmcp-bench datapool`), so a soak can SIGKILL it like a crash and start
 * it again on the same ports and data directory: the boards redial the same address and the new process
 * replays the same store. The first start takes free ports; every restart reuses them. The child tells where
 * it listens in a JSON line (`--ready-json`, see datapool-ready.ts), not in the line it prints for people. An exit the soak did not cause is counted and answered with a restart, so a crash shows up in the
 * report instead of stalling the soak. No child outlives this process: it is killed on exit whatever happens.
 *
 * Events: 'restarted' (pid) after every restart, asked for or not.
 */

export interface DatapoolProcessOptions {
  dataDir: string;
  /** The CLI to run (default `CLI_PATH`). */
  cliEntry?: string;
  /** More `datapool` flags (the store's retention). */
  args?: readonly string[];
  /** How long a start may take until the datapool says it listens, ms. */
  startTimeoutMs?: number;
  /** The child's own log lines (its stderr), and the process's notes about it. */
  log?: (line: string) => void;
}

/** Lines of the child's stderr kept to explain a failed start. */
const STDERR_KEPT = 20;
const RESTART_ATTEMPTS = 5;

export class DatapoolProcess extends EventEmitter {
  private child: ChildProcess | null = null;
  private devicesAt: HostPort = { host: '127.0.0.1', port: 0 };
  private httpAt: HostPort = { host: '127.0.0.1', port: 0 };
  private readonly stderrTail: string[] = [];
  /** Set while the soak itself kills or stops the child: its exit is expected. */
  private expectingExit = false;
  private closed = false;
  private restarting: Promise<void> | null = null;
  private restartCount = 0;
  private readonly startedPids: number[] = [];
  private unexpectedExitCount = 0;
  private readonly killOnExit = (): void => void this.child?.kill('SIGKILL');

  private constructor(private readonly options: DatapoolProcessOptions) {
    super();
  }

  /** Starts the child on free loopback ports; resolves once it listens. */
  static async start(options: DatapoolProcessOptions): Promise<DatapoolProcess> {
    const datapool = new DatapoolProcess(options);
    process.on('exit', datapool.killOnExit);
    try {
      await datapool.spawnChild();
    } catch (error) {
      await datapool.stop();
      throw error;
    }
    return datapool;
  }

  /** Where boards connect. */
  get devices(): HostPort {
    return { ...this.devicesAt };
  }

  /** The HTTP API. */
  get url(): string {
    return httpUrl(this.httpAt);
  }

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** Every process that has been the datapool, oldest first. */
  get pids(): readonly number[] {
    return this.startedPids;
  }

  /** Restarts the soak made (kills and crashes alike). */
  get restarts(): number {
    return this.restartCount;
  }

  /** Exits the soak did not cause. */
  get unexpectedExits(): number {
    return this.unexpectedExitCount;
  }

  /** SIGKILL (a crash: nothing is flushed, nobody is told), then a start on the same ports and data. */
  async killAndRestart(): Promise<void> {
    await this.restarting;
    await this.terminate('SIGKILL');
    await this.restart();
  }

  /** Stops the child with SIGTERM (SIGKILL if it lingers); the data directory is left as it is. */
  async stop(): Promise<void> {
    this.closed = true;
    await this.restarting?.catch(() => {});
    await this.terminate('SIGTERM');
    process.off('exit', this.killOnExit);
  }

  private async restart(): Promise<void> {
    if (this.closed) return;
    this.restarting = (async () => {
      let lastError: unknown;
      // The ports were just freed; retry briefly in case the kernel has not released them yet.
      for (let attempt = 0; attempt < RESTART_ATTEMPTS && !this.closed; attempt++) {
        try {
          await this.spawnChild();
          this.restartCount++;
          this.emit('restarted', this.pid);
          return;
        } catch (error) {
          lastError = error;
          await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
        }
      }
      if (!this.closed) throw lastError instanceof Error ? lastError : new Error(String(lastError));
    })();
    try {
      await this.restarting;
    } finally {
      this.restarting = null;
    }
  }

  private terminate(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    this.expectingExit = true;
    return new Promise((resolve) => {
      const lingering = signal === 'SIGKILL' ? undefined : setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(lingering);
        resolve();
      });
      child.kill(signal);
    });
  }

  /** A running child ended: expected when the soak killed or stopped it; a crash otherwise, answered with a restart. */
  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.child !== child || this.expectingExit || this.closed) return;
    this.unexpectedExitCount++;
    this.options.log?.(`datapool: exited on its own (${signal ?? `code ${code}`}); restarting it`);
    void this.restart().catch((error: unknown) => this.options.log?.(`datapool: could not restart: ${(error as Error).message}`));
  }

  private spawnChild(): Promise<void> {
    const args = [
      this.options.cliEntry ?? CLI_PATH,
      'datapool',
      '--devices',
      formatHostPort(this.devicesAt),
      '--http',
      formatHostPort(this.httpAt),
      '--data',
      this.options.dataDir,
      READY_JSON_OPTION,
      ...(this.options.args ?? []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    if (child.pid !== undefined) this.startedPids.push(child.pid);
    this.expectingExit = false;
    this.stderrTail.length = 0;
    const timeoutMs = this.options.startTimeoutMs ?? 10_000;
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line === '') continue;
        this.stderrTail.push(line);
        if (this.stderrTail.length > STDERR_KEPT) this.stderrTail.shift();
        this.options.log?.(`datapool: ${line}`);
      }
    });
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        child.off('exit', onEarlyExit);
        return true;
      };
      const fail = (why: string): void => {
        if (!settle()) return;
        this.expectingExit = true;
        child.kill('SIGKILL');
        reject(new Error(`the datapool child ${why}${this.stderrTail.length > 0 ? `:\n${this.stderrTail.join('\n')}` : ''}`));
      };
      const timer = setTimeout(() => fail(`did not start within ${timeoutMs} ms`), timeoutMs);
      const onEarlyExit = (code: number | null, signal: NodeJS.Signals | null): void => fail(`exited (${signal ?? `code ${code}`}) before it listened`);
      child.once('exit', onEarlyExit);
      // A stream that ends without a line means the child is going away: its exit (or the timer) says why.
      readReady(child.stdout!).then(
        (ready) => {
          if (ready === null || ready.http === null) {
            if (ready !== null) fail('has no HTTP API');
            return;
          }
          if (!settle()) return;
          this.devicesAt = ready.devices;
          this.httpAt = ready.http;
          child.once('exit', (code, signal) => this.onExit(child, code, signal));
          resolve();
        },
        (error: unknown) => fail(`sent a ready line that could not be read: ${(error as Error).message}`),
      );
    });
  }
}

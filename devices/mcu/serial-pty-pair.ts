import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** How long `socat` may take to make both ends, ms. */
const READY_TIMEOUT_MS = 5_000;

/** Whether `socat` can be run here; the reason when not. */
export function socatMissing(): string | null {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  if (probe.error === undefined && probe.status === 0) return null;
  return `socat is not installed (it makes the pseudo-terminal pair a serial board and the datapool talk over): ${probe.error?.message ?? `socat -V exited ${probe.status}`}; install it (apt-get install socat)`;
}

/**
 * Two pseudo-terminals joined by `socat`, a serial line with real bytes through the kernel: `a` and `b` are
 * stable links (in `dir`) to the two ends. `restart` kills `socat` (both ends see the line drop, as a pulled
 * cable) and starts it again on the same link names, as the cable plugged back.
 */
export class PtyPair {
  readonly a: string;
  readonly b: string;
  private child: ChildProcess | null = null;

  private constructor(dir: string) {
    this.a = join(dir, 'ptyA');
    this.b = join(dir, 'ptyB');
  }

  /** Starts `socat`; rejects with a clear error when it is missing or does not make both ends in time. */
  static async open(dir: string): Promise<PtyPair> {
    const missing = socatMissing();
    if (missing !== null) throw new Error(missing);
    const pair = new PtyPair(dir);
    await pair.start();
    return pair;
  }

  /** Pulls the cable: `socat` ends, both ends see the line drop and the links disappear. */
  async unplug(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  }

  /** Plugs it back: a new pair on the same link names. */
  async plug(): Promise<void> {
    if (this.child === null) await this.start();
  }

  close(): Promise<void> {
    return this.unplug();
  }

  private async start(): Promise<void> {
    const child = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      if (stderr.length < 4096) stderr += chunk.toString();
    });
    const deadline = performance.now() + READY_TIMEOUT_MS;
    while (!(existsSync(this.a) && existsSync(this.b))) {
      if (child.exitCode !== null || performance.now() > deadline) {
        child.kill('SIGKILL');
        this.child = null;
        throw new Error(`socat did not make the pty pair ${this.a} <-> ${this.b}: ${stderr.trim() || 'no output'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Mosquitto 2 broker on a free loopback port, started as a child process: for the tests, and for
 * `perf` and `soak` in MQTT mode. MCP over MQTT needs MQTT 5 (user properties, No Local, retained wills),
 * which no in-process JavaScript broker offers.
 */

export const MOSQUITTO_PATH = process.env['MOSQUITTO'] ?? '/usr/sbin/mosquitto';

export interface RunningBroker {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** SIGKILL: the broker vanishes without sending anyone's will (a crash, a pulled cable). */
  kill(): Promise<void>;
}

export interface MosquittoOptions {
  /** Listen there (a restart on the same address); a free port when absent. */
  port?: number;
  startTimeoutMs?: number;
  /**
   * Username -> password. When given, the broker admits only these users (`allow_anonymous false`), as a
   * lab's broker would; without it, anyone on this machine may connect.
   */
  users?: Record<string, string>;
  /**
   * A Mosquitto ACL file (e.g. bench/mcp/mqtt/acl/mcp-over-mqtt.acl) deciding who may read and write which
   * topics. Needs `users`: its rules are per user name.
   */
  aclFile?: string;
}

export async function startMosquitto(options: MosquittoOptions = {}): Promise<RunningBroker> {
  try {
    await access(MOSQUITTO_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `mosquitto is not installed at ${MOSQUITTO_PATH}: MCP over MQTT needs a real MQTT 5 broker ` +
        '(Debian/Ubuntu: apt-get install mosquitto; or set MOSQUITTO=/path/to/mosquitto)',
    );
  }
  // The port is found free, then handed over: another process could take it in between, so retry.
  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await launch(options.port ?? (await freePort()), options.startTimeoutMs ?? 5000, options.users, options.aclFile);
    } catch (error) {
      lastError = error as Error;
    }
  }
  throw lastError!;
}

async function launch(port: number, startTimeoutMs: number, users: Record<string, string> | undefined, aclFile: string | undefined): Promise<RunningBroker> {
  if (aclFile !== undefined && users === undefined) throw new Error('a Mosquitto ACL file needs users: its rules are per user name');
  // Read before the temporary directory exists, so a missing file leaves nothing behind.
  const acl = aclFile === undefined ? undefined : await readFile(aclFile, 'utf8');
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  let admission = ['allow_anonymous true'];
  if (users !== undefined) {
    const passwords = join(dir, 'passwords');
    await writeFile(passwords, passwordFile(users), { mode: 0o600 });
    admission = ['allow_anonymous false', `password_file ${passwords}`];
    // Started as root, mosquitto drops to the `mosquitto` user, which could not read a password file kept
    // private (0600 in a 0700 directory): a throwaway loopback broker keeps our identity instead.
    if (process.getuid?.() === 0) admission.push('user root');
  }
  if (acl !== undefined) {
    // Kept beside the password file, where the broker (running as us, see above) can read it.
    const copy = join(dir, 'acl');
    await writeFile(copy, acl, { mode: 0o600 });
    admission.push(`acl_file ${copy}`);
  }
  await writeFile(
    config,
    [
      `listener ${port} 127.0.0.1`,
      ...admission,
      'persistence false',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      'set_tcp_nodelay true',
      '',
    ].join('\n'),
  );
  const child = spawn(MOSQUITTO_PATH, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(`mosquitto did not start within ${startTimeoutMs} ms`), startTimeoutMs);
      function fail(message: string): void {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`${message}\n${output}`));
      }
      const onOutput = (chunk: Buffer): void => {
        output += chunk.toString();
        // Mosquitto says "running" (an information line) once its listeners are open.
        if (/mosquitto version \S+ running/.test(output)) {
          clearTimeout(timer);
          child.stderr!.off('data', onOutput);
          resolve();
        }
      };
      child.stderr!.on('data', onOutput);
      child.once('error', (error) => fail(`mosquitto could not be started: ${error.message}`));
      child.once('exit', (code, signal) => fail(`mosquitto exited (${signal ?? code}) before it was running`));
    });
  } catch (error) {
    process.off('exit', killOnExit);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  child.stderr!.resume();
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async stop() {
      process.off('exit', killOnExit);
      await stopChild(child, 'SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    async kill() {
      process.off('exit', killOnExit);
      await stopChild(child, 'SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Mosquitto 2's password file, as `mosquitto_passwd` writes it: `user:$7$101$<salt>$<hash>`, PBKDF2-SHA512
 * with 101 iterations, a 12-byte salt and a 64-byte hash, all base64. Written here so no password goes on
 * a command line and nothing beyond the broker itself needs installing.
 */
export function passwordFile(users: Record<string, string>): string {
  return Object.entries(users)
    .map(([user, password]) => {
      if (user === '' || /[:\r\n]/.test(user)) throw new Error(`MQTT user name ${JSON.stringify(user)}: must be non-empty, without ':' or line breaks`);
      if (/[\r\n]/.test(password)) throw new Error(`MQTT password of ${user}: must not contain line breaks`);
      const salt = randomBytes(12);
      const hash = pbkdf2Sync(password, salt, 101, 64, 'sha512');
      return `${user}:$7$101$${salt.toString('base64')}$${hash.toString('base64')}\n`;
    })
    .join('');
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(signal);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

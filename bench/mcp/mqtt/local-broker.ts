import { spawn, type ChildProcess } from 'node:child_process';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants } from 'node:fs';
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

/** `port`: listen there (a restart on the same address); a free port when absent. */
export async function startMosquitto(options: { port?: number; startTimeoutMs?: number } = {}): Promise<RunningBroker> {
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
      return await launch(options.port ?? (await freePort()), options.startTimeoutMs ?? 5000);
    } catch (error) {
      lastError = error as Error;
    }
  }
  throw lastError!;
}

async function launch(port: number, startTimeoutMs: number): Promise<RunningBroker> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-mosquitto-'));
  const config = join(dir, 'mosquitto.conf');
  await writeFile(
    config,
    [`listener ${port} 127.0.0.1`, 'allow_anonymous true', 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information', 'set_tcp_nodelay true', ''].join('\n'),
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

import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { CLI_PATH } from '../../core/package.js';
import { HttpDatapoolClient } from '../../datapool/http-client.js';
import { readStoredRecords } from '../../datapool/store/store.js';
import type { CommandRequest, CommandStatus, SampleRecord } from '../../datapool/types.js';
import { DEFAULT_FLEET_PATH } from '../../devices/fleet/fleet-file.js';
import { type RunningFleet, startFleet } from '../../devices/fleet/start-fleet.js';

/**
 * The datapool as its own process, killed with SIGKILL while a client has many commands going, then
 * restarted on the same ports and data directory: every result the client saw `done` is still there with
 * the same samples, every command it accepted ends in a known state, the boards come back, and work goes on.
 */

/** Boards sample this many times faster than real time: a 1 s series takes 50 ms. */
const SPEED = 20;
/** Client workers, each submitting and waiting in a loop. */
const WORKERS = 24;
/** Results acknowledged before the crash. */
const ACKED_BEFORE_CRASH = 60;
const READS: readonly CommandRequest[] = [
  { sensor: 'DHT11' },
  { sensor: 'BH1750', duration: 1, interval: 0.25 },
  { sensor: 'LM35', command: 'read_celsius' },
  { sensor: 'HC-SR04', duration: 0.5, interval: 0.1 },
  { sensor: 'TMP36' },
  { sensor: 'MPU6050', command: 'read_accel', duration: 1, interval: 0.2 },
  { sensor: 'WATER' },
  { sensor: 'KY-035', duration: 0.6, interval: 0.2 },
];

interface RunningDatapool {
  child: ChildProcess;
  devicesPort: number;
  httpPort: number;
  exited: Promise<void>;
}

/** `iotmcp-bench datapool` in a child process; resolves once it says where it listens. */
async function startDatapool(t: TestContext, dataDir: string, devices = '127.0.0.1:0', http = '127.0.0.1:0'): Promise<RunningDatapool> {
  const child = spawn(process.execPath, [CLI_PATH, 'datapool', '--devices', devices, '--http', http, '--data', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  t.after(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
  const banner = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (stdout.includes('\n')) resolve(stdout);
    });
    child.once('exit', (code) => reject(new Error(`the datapool exited (${code}) before it listened: ${stderr}`)));
  });
  const devicesPort = Number(/tcp:\/\/[^\s,]+:(\d+)/.exec(banner)?.[1]);
  const httpPort = Number(/http:\/\/[^\s,]+:(\d+)/.exec(banner)?.[1]);
  assert.ok(devicesPort > 0 && httpPort > 0, `ports in ${JSON.stringify(banner)}`);
  return { child, devicesPort, httpPort, exited };
}

/**
 * Resolves once the datapool (another process: it cannot tell us) lists every board online. Asks again
 * at a short interval; bounded, so a board that never comes back fails the test instead of hanging it.
 */
async function boardsOnline(client: HttpDatapoolClient, count: number, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const online = (await client.mcus()).filter((mcu) => mcu.online).length;
    if (online === count) return;
    if (performance.now() > deadline) throw new Error(`${online} of ${count} boards online after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** What must survive a restart of a sample: everything but `hops.stored` (see the note where it is compared). */
function durable(sample: SampleRecord): unknown {
  return { ...sample, hops: { ...sample.hops, stored: undefined } };
}

test('SIGKILL mid-load loses no acknowledged result, and every accepted command ends in a known state', async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-crash-'));
  t.after(() => rm(dataDir, { recursive: true, force: true }));

  const first = await startDatapool(t, dataDir);
  const fleet: RunningFleet = await startFleet({
    fleet: DEFAULT_FLEET_PATH,
    datapool: { host: '127.0.0.1', port: first.devicesPort },
    speed: SPEED,
    reconnect: { baseMs: 20, capMs: 100 },
  });
  t.after(() => fleet.stop());
  const before = new HttpDatapoolClient(`http://127.0.0.1:${first.httpPort}`);
  t.after(() => before.close());
  await fleet.whenOnline(5000);
  await boardsOnline(before, fleet.mcus.length);

  // Load: workers submit and wait in a loop until the datapool is gone.
  const accepted = new Set<string>();
  const acknowledged = new Map<string, CommandStatus>();
  const refusedWhileUp: string[] = [];
  let crashed = false;
  let crash!: () => void;
  const enoughAcked = new Promise<void>((resolve) => (crash = resolve));
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; !crashed; i++) {
      const request = READS[(w + i) % READS.length]!;
      let id: string;
      try {
        id = (await before.submit(request)).id;
      } catch (error) {
        if (!crashed) refusedWhileUp.push(String(error));
        return;
      }
      accepted.add(id);
      try {
        const status = await before.wait(id, { timeoutMs: 5000 });
        if (status.state !== 'done') continue;
        acknowledged.set(id, status);
        if (acknowledged.size === ACKED_BEFORE_CRASH) crash();
      } catch {
        return; // the datapool died while we waited: this one was accepted, not acknowledged
      }
    }
  };
  const workers = Promise.all(Array.from({ length: WORKERS }, (_, w) => worker(w)));
  await enoughAcked;
  crashed = true;
  first.child.kill('SIGKILL');
  await first.exited;
  await workers;
  assert.deepEqual(refusedWhileUp, [], 'nothing was refused before the crash');
  assert.ok(acknowledged.size >= ACKED_BEFORE_CRASH);
  const unacknowledged = [...accepted].filter((id) => !acknowledged.has(id));
  assert.ok(unacknowledged.length > 0, 'the crash caught commands in the middle');

  // Restart on the same ports and data directory; the boards redial on their own.
  const second = await startDatapool(t, dataDir, `127.0.0.1:${first.devicesPort}`, `127.0.0.1:${first.httpPort}`);
  assert.equal(second.devicesPort, first.devicesPort);
  assert.equal(second.httpPort, first.httpPort);
  const after = new HttpDatapoolClient(`http://127.0.0.1:${second.httpPort}`);
  t.after(() => after.close());

  // Every acknowledged result is answered as it was. `hops.stored` is the one field that may differ: live it is
  // the instant the write completed, in the file the instant the write was issued (a line cannot hold the time
  // of its own write); the second is never later than the first.
  for (const [id, seen] of acknowledged) {
    const now = await after.status(id);
    assert.equal(now.state, 'done', id);
    assert.equal(now.samples.length, seen.samples.length, id);
    assert.deepEqual(now.samples.map(durable), seen.samples.map(durable), id);
    now.samples.forEach((sample, i) => {
      const live = seen.samples[i]!.hops.stored;
      assert.ok(sample.hops.stored <= live && live - sample.hops.stored < 1000, `${id} #${i}: stored ${sample.hops.stored} vs ${live}`);
    });
  }

  // Every command the datapool ever accepted (the client's, and any whose answer the crash swallowed) ends
  // in a known state: done, or failed saying the restart or its ttl ended it. None vanishes.
  const records = await readStoredRecords(dataDir);
  const stored = new Set(records.flatMap((record) => (record.kind === 'command' ? [record.id] : [])));
  for (const id of accepted) assert.ok(stored.has(id), `accepted command ${id} is in the store`);
  const endings = new Map<string, number>();
  await Promise.all(
    [...stored].map(async (id) => {
      const end = await after.wait(id, { timeoutMs: 5000 });
      const ending = end.state === 'failed' ? `failed: ${end.error?.code}` : end.state;
      assert.ok(['done', 'failed: datapool-restarted', 'failed: expired'].includes(ending), `${id}: ${ending} (${end.error?.message})`);
      endings.set(ending, (endings.get(ending) ?? 0) + 1);
    }),
  );
  assert.ok((endings.get('failed: datapool-restarted') ?? 0) > 0, `the crash interrupted running commands: ${JSON.stringify([...endings])}`);

  // Each acknowledged result is in the file, sample for sample.
  const samplesInFile = new Map<string, SampleRecord[]>();
  for (const record of records) {
    if (record.kind !== 'sample') continue;
    samplesInFile.set(record.id, [...(samplesInFile.get(record.id) ?? []), record]);
  }
  for (const [id, seen] of acknowledged) {
    assert.deepEqual((samplesInFile.get(id) ?? []).map(durable), seen.samples.map(durable), `${id} in the file`);
  }

  // The boards come back to the restarted datapool, and new work is done.
  await boardsOnline(after, fleet.mcus.length);
  const fresh = await Promise.all(READS.map((request) => after.run(request, { timeoutMs: 5000 })));
  for (const status of fresh) assert.equal(status.state, 'done', `${status.request.sensor}: ${status.error?.message}`);
  const health = await after.health();
  assert.equal(health.mcusOnline, fleet.mcus.length);
  assert.ok(health.commandsAccepted === READS.length, 'the restarted datapool counts its own commands');
});

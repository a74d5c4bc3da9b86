import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { HttpDatapoolClient } from '../datapool/http-client.js';
import { DatapoolProcess } from './datapool-process.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the datapool child process', () => {
  test('a SIGKILL and restart keeps its ports and store; stop leaves no process behind', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'soak-datapool-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const datapool = await DatapoolProcess.start({ dataDir });
    t.after(() => datapool.stop());
    const url = datapool.url;
    const devices = datapool.devices;
    assert.notEqual(devices.port, 0);
    const client = new HttpDatapoolClient(url);
    t.after(() => client.close());
    assert.equal((await client.health()).ok, true);

    const first = datapool.pid!;
    await datapool.killAndRestart();
    assert.equal(alive(first), false);
    assert.equal(datapool.url, url);
    assert.deepEqual(datapool.devices, devices);
    assert.equal((await client.health()).ok, true);
    assert.equal(datapool.restarts, 1);
    assert.equal(datapool.unexpectedExits, 0);

    await datapool.stop();
    assert.equal(datapool.pids.length, 2);
    for (const pid of datapool.pids) assert.equal(alive(pid), false, `pid ${pid} is gone`);
  });

  test('an exit the soak did not cause is counted and answered with a restart', async (t) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'soak-datapool-'));
    t.after(() => rm(dataDir, { recursive: true, force: true }));
    const datapool = await DatapoolProcess.start({ dataDir });
    t.after(() => datapool.stop());
    const restarted = once(datapool, 'restarted');
    process.kill(datapool.pid!, 'SIGKILL');
    await restarted;
    assert.equal(datapool.unexpectedExits, 1);
    const client = new HttpDatapoolClient(datapool.url);
    t.after(() => client.close());
    assert.equal((await client.health()).ok, true);
  });
});

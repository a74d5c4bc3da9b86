import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { composeSystem } from './compose.js';
import { listening } from './test-system.test-helper.js';

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function leftIn(prefix: string): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith(prefix));
}

test('the system closes what it started and what it was handed, newest first: parts on top, boards, datapool, temporary data', {
  timeout: 30_000,
}, async () => {
  const prefix = `iotmcp-compose-${randomBytes(4).toString('hex')}-`;
  const system = await composeSystem({
    datapool: { kind: 'in-process', dataDir: { temporary: prefix }, devices: { host: '127.0.0.1', port: 0 }, http: false, log: () => {} },
    fleet: {},
  });
  const dataDir = system.dataDir!;
  assert.ok(dataDir.includes(prefix));
  const port = system.datapool.devices.port;
  const ids = system.fleet.mcus.map((mcu) => mcu.id);
  assert.equal(ids.length, 6);
  assert.deepEqual(
    (await system.datapool.client.mcus())
      .filter((mcu) => mcu.online)
      .map((mcu) => mcu.id)
      .sort(),
    [...ids].sort(),
  );

  const seen: string[] = [];
  const note = async (part: string): Promise<void> => {
    seen.push(`${part}: datapool ${(await listening(port)) ? 'up' : 'down'}, boards ${system.fleet.mcus.some((mcu) => mcu.online) ? 'online' : 'gone'}`);
  };
  system.adopt({ close: () => note('adopted first') });
  const adopted = { close: () => note('adopted last') };
  assert.equal(system.adopt(adopted), adopted);

  await Promise.all([system.close(), system.close()]);
  assert.deepEqual(seen, ['adopted last: datapool up, boards online', 'adopted first: datapool up, boards online']);
  assert.equal(await listening(port), false, 'the device listener is closed');
  assert.equal(await exists(dataDir), false, 'the temporary data directory is removed');
});

test('a data directory the caller gives stays; a failed step takes down what the steps before it started', { timeout: 30_000 }, async (t) => {
  const given = await mkdtemp(join(tmpdir(), 'iotmcp-compose-given-'));
  t.after(() => rm(given, { recursive: true, force: true }));
  const kept = await composeSystem({ datapool: { kind: 'in-process', dataDir: given, devices: { host: '127.0.0.1', port: 0 }, http: false, log: () => {} } });
  assert.equal(kept.dataDir, given);
  assert.equal(kept.fleet, null);
  await kept.close();
  assert.equal(await exists(join(given, 'store')), true, 'the records stay where the caller keeps them');

  const prefix = `iotmcp-compose-${randomBytes(4).toString('hex')}-`;
  await assert.rejects(
    composeSystem({
      datapool: { kind: 'in-process', dataDir: { temporary: prefix }, devices: { host: '127.0.0.1', port: 0 }, http: false, log: () => {} },
      fleet: {},
      // stdio servers need the datapool's HTTP API, which this system does not have.
      host: { transport: 'stdio', architecture: 'gateway' },
    }),
    /HTTP API/,
  );
  assert.deepEqual(await leftIn(prefix), [], 'the temporary data directory went with the rest');
});

test('an emulated fleet is refused with a datapool known only by its URL, before anything starts', async () => {
  await assert.rejects(composeSystem({ datapool: { kind: 'remote', url: 'http://127.0.0.1:9' }, fleet: {} }), /device listener/);
});

test('a remote datapool that must answer and does not is named', async () => {
  await assert.rejects(
    composeSystem({ datapool: { kind: 'remote', url: 'http://127.0.0.1:9', mustAnswer: true } }),
    /the datapool at http:\/\/127\.0\.0\.1:9 does not answer/,
  );
});

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { announceOf, FakeBoard } from '../../datapool/fake-board.test-helper.js';
import { startCli } from '../../test/cli-service.test-helper.js';
import { parseDeviceKeys } from './auth-options.js';

test('device keys parse as ID=KEY pairs, repeated or comma-separated; a bad one is refused without echoing it', () => {
  const keys = parseDeviceKeys('esp-b=k2=, esp-c=k3', parseDeviceKeys('esp-a=k1'));
  assert.deepEqual(
    [...keys],
    [
      ['esp-a', 'k1'],
      ['esp-b', 'k2='],
      ['esp-c', 'k3'],
    ],
  );
  assert.throws(
    () => parseDeviceKeys('secret-without-id'),
    (error: Error) => /ID=KEY/.test(error.message) && !/secret-without-id/.test(error.message),
  );
  assert.throws(() => parseDeviceKeys('esp-a=x,esp-a=y'), /more than one device key/);
});

test('`datapool` takes device keys from the environment, caps device connections and forgets boards gone long enough', { timeout: 30_000 }, async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'iotmcp-device-flags-'));
  t.after(() => rm(data, { recursive: true, force: true }));
  const datapool = startCli(
    t,
    ['datapool', '--devices', '127.0.0.1:0', '--http', '127.0.0.1:0', '--data', data, '--max-device-conns', '2', '--forget-after', '0.0002'],
    { IOTMCP_DEVICE_KEYS: 'esp-keyed=key-of-esp-keyed-91', IOTMCP_DEVICE_TOKEN: '', IOTMCP_TOKEN: '' },
  );
  const [, devicesPort] = await datapool.waitFor(/devices tcp:\/\/127\.0\.0\.1:(\d+)/);
  const port = Number(devicesPort);
  const boards: FakeBoard[] = [];
  t.after(() => {
    for (const b of boards) b.close();
  });

  const impostor = await FakeBoard.connect(port, announceOf('esp-keyed'));
  boards.push(impostor);
  assert.match(String((await impostor.line(0))['error']), /^unauthorized: MCU "esp-keyed" has a device key/);
  await impostor.closed;

  const keyed = await FakeBoard.connect(port, announceOf('esp-keyed', ['DHT11'], { token: 'key-of-esp-keyed-91' }));
  const other = await FakeBoard.connect(port, announceOf('esp-other'));
  boards.push(keyed, other);
  await datapool.waitFor(/MCU "esp-other" online/);
  const third = await FakeBoard.connect(port, announceOf('esp-third'));
  boards.push(third);
  await third.closed;
  await datapool.waitFor(/device connections at the limit of 2: refused 1 new connection/);

  keyed.close();
  await datapool.waitFor(/forgot 1 MCU\(s\) offline for over 0\.7 s: esp-keyed/);
  assert.doesNotMatch(datapool.output(), /key-of-esp-keyed-91/);
});

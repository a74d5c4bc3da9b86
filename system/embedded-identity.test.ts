import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { announceOf, FakeBoard, LogCollector } from '../datapool/fake-board.test-helper.js';
import { startEmbeddedSystem } from './embedded.js';

test('with no device token, the embedded boards still cannot be posed as, nor lose reads to an anonymous board', { timeout: 20_000 }, async (t) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-embedded-identity-'));
  const logs = new LogCollector();
  const system = await startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir, log: logs.log });
  const boards: FakeBoard[] = [];
  t.after(async () => {
    for (const b of boards) b.close();
    await system.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  const { datapool } = system.server;
  const port = system.server.devicesAddress.port;

  const hijacker = await FakeBoard.connect(port, announceOf('esp32-living-room', ['DHT11'], { place: 'living-room' }));
  boards.push(hijacker);
  assert.match(String((await hijacker.line(0))['error']), /^unauthorized: MCU "esp32-living-room" has a device key/);

  const squatter = await FakeBoard.connect(port, announceOf('aaa-living-room', ['DHT11'], { place: 'living-room' }));
  boards.push(squatter);
  await datapool.whenOnline(['aaa-living-room']);
  void (async () => {
    for (;;) squatter.reply(await squatter.next(), { temperature: 99.9, humidity: 1 });
  })();

  for (const request of [{}, { place: 'living room' }]) {
    const status = await datapool.run({ sensor: 'DHT11', command: 'read_temp', ...request }, { timeoutMs: 5000 });
    assert.equal(status.state, 'done', JSON.stringify(status.error));
    assert.notEqual(status.mcu, 'aaa-living-room');
    assert.notEqual(status.samples[0]?.data['temperature'], 99.9);
  }
  const mcus = await datapool.mcus();
  assert.equal(mcus.find((m) => m.id === 'esp32-living-room')?.online, true);
  assert.deepEqual(
    mcus.filter((m) => m.anonymous === true).map((m) => m.id),
    ['aaa-living-room'],
  );
});

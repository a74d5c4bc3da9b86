import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSensor } from '../../../core/sensors/catalogue.js';
import { SCENARIOS } from '../../../core/world/world.js';
import { EmulatedMcu } from '../../../devices/mcu/emulated-mcu.js';
import { ESP32 } from '../../../devices/mcu/profiles.js';
import { createWorldSource } from '../../../devices/mcu/world-source.js';
import { NativeBoardClient } from './native-board.js';

test('a command the board refuses because every slot is taken fails with queue-full, decided on the busy code', async (t) => {
  // A board that is never started: native mode talks to its firmware directly, not over its datapool link.
  const mcu = new EmulatedMcu({
    id: 'esp-busy',
    profile: ESP32,
    place: 'kitchen',
    sensors: [{ name: 'DHT11', spec: findSensor('DHT11')! }],
    worlds: createWorldSource({ scenario: SCENARIOS[0]!.name, seed: 1, startTimeMs: Date.UTC(2025, 5, 1, 12) }),
    datapool: { host: '127.0.0.1', port: 9 },
    network: 'ideal',
  });
  const board = new NativeBoardClient({ mcu });
  t.after(() => board.close());
  const slots = ESP32.maxConcurrentCommands + ESP32.pendingQueueDepth;
  const streams = [];
  for (let i = 0; i < slots; i++) streams.push(await board.submit({ sensor: 'DHT11', interval: 60, duration: -1 }));
  const refused = await board.run({ sensor: 'DHT11' }, { timeoutMs: 5000 });
  assert.equal(refused.state, 'failed');
  assert.equal(refused.error?.code, 'queue-full');
  assert.match(refused.error!.message, /MCU "esp-busy" reported: Command queue full/);
  for (const stream of streams) assert.equal((await board.status(stream.id)).state, 'dispatched');

  // Its streams stopped, the board takes commands again.
  for (const stream of streams) assert.equal((await board.cancel(stream.id)).state, 'done');
  assert.equal((await board.run({ sensor: 'DHT11' }, { timeoutMs: 5000 })).state, 'done');
});

test('actuator commands are refused for now, saying to send them through the datapool', async (t) => {
  const mcu = new EmulatedMcu({
    id: 'esp-native',
    profile: ESP32,
    place: 'kitchen',
    sensors: [{ name: 'DHT11', spec: findSensor('DHT11')! }],
    worlds: createWorldSource({ scenario: SCENARIOS[0]!.name, seed: 1, startTimeMs: Date.UTC(2025, 5, 1, 12) }),
    datapool: { host: '127.0.0.1', port: 9 },
    network: 'ideal',
  });
  const board = new NativeBoardClient({ mcu });
  t.after(() => board.close());
  await assert.rejects(board.submit({ actuator: 'RELAY-FAN', command: 'on' }), {
    code: 'no-device',
    message: /drives no actuators yet; send actuator commands through the datapool/,
  });
  assert.equal((await board.run({ sensor: 'DHT11' }, { timeoutMs: 5000 })).state, 'done');
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { announceOf, openTestPool } from './fake-board.test-helper.js';
import { type RoutableMcu, route } from './router.js';

const fleet: RoutableMcu[] = [
  { id: 'esp-c', place: 'Living Room', sensors: ['DHT11', 'BH1750'], online: true },
  { id: 'esp-b', place: 'kitchen', sensors: ['DHT11'], online: false },
  { id: 'esp-a', place: 'kitchen', sensors: ['DHT11', 'MPU6050'], online: false },
  { id: 'esp-d', place: null, sensors: ['DHT11'], online: true },
];

describe('routing rule', () => {
  test('without mcu or place: online first, then the lowest id', () => {
    assert.deepEqual(route({ sensor: 'DHT11' }, fleet), { ok: true, mcu: 'esp-c' });
    assert.deepEqual(route({ sensor: 'MPU6050' }, fleet), { ok: true, mcu: 'esp-a' }, 'offline but the only one');
    const allOffline = fleet.map((m) => ({ ...m, online: false }));
    assert.deepEqual(route({ sensor: 'DHT11' }, allOffline), { ok: true, mcu: 'esp-a' });
  });

  test('mcu picks that MCU, or says why not', () => {
    assert.deepEqual(route({ sensor: 'DHT11', mcu: 'esp-b' }, fleet), { ok: true, mcu: 'esp-b' });
    const unknown = route({ sensor: 'DHT11', mcu: 'esp-z' }, fleet);
    assert.equal(unknown.ok, false);
    assert.equal(!unknown.ok && unknown.error.code, 'unknown-mcu');
    assert.match(!unknown.ok ? unknown.error.message : '', /esp-a, esp-b, esp-c, esp-d/);
    const lacking = route({ sensor: 'BH1750', mcu: 'esp-b' }, fleet);
    assert.equal(!lacking.ok && lacking.error.code, 'no-device');
  });

  test('place matches ignoring case, spaces, - and _', () => {
    assert.deepEqual(route({ sensor: 'DHT11', place: 'living_room' }, fleet), { ok: true, mcu: 'esp-c' });
    assert.deepEqual(route({ sensor: 'DHT11', place: 'KITCHEN' }, fleet), { ok: true, mcu: 'esp-a' });
    const nowhere = route({ sensor: 'DHT11', place: 'attic' }, fleet);
    assert.equal(!nowhere.ok && nowhere.error.code, 'unknown-place');
    assert.match(!nowhere.ok ? nowhere.error.message : '', /Living Room, kitchen/);
    const noSensorThere = route({ sensor: 'BH1750', place: 'kitchen' }, fleet);
    assert.equal(!noSensorThere.ok && noSensorThere.error.code, 'no-device');
  });

  test('no MCU has the sensor: no-device', () => {
    const none = route({ sensor: 'KY-040' }, fleet);
    assert.equal(!none.ok && none.error.code, 'no-device');
  });
});

describe('two MCUs with the same sensor', () => {
  test('default routing is deterministic; mcu and place pick each one', async (t) => {
    const { pool, board, logs } = await openTestPool(t);
    const kitchen = await board(announceOf('esp-b', ['DHT11'], { place: 'Kitchen' }));
    const garden = await board(announceOf('esp-a', ['DHT11'], { place: 'Garden' }));

    for (let i = 0; i < 3; i++) assert.equal((await pool.submit({ sensor: 'DHT11' })).mcu, 'esp-a');
    assert.equal((await pool.submit({ sensor: 'DHT11', mcu: 'esp-b' })).mcu, 'esp-b');
    const byPlace = await pool.submit({ sensor: 'DHT11', place: 'kitchen' });
    assert.equal(byPlace.mcu, 'esp-b');
    assert.equal(byPlace.place, 'Kitchen');
    assert.equal((await kitchen.line(1))['id'], byPlace.id, 'the kitchen board got the place-routed command');
    assert.equal((await garden.line(2))['sensor'], 'DHT11');

    garden.close();
    await logs.waitFor(/"esp-a" offline/);
    assert.equal((await pool.submit({ sensor: 'DHT11' })).mcu, 'esp-b', 'an online MCU is preferred');
  });
});

test('an error about an unknown board names at most 20 boards, however many are registered', () => {
  const many: RoutableMcu[] = Array.from({ length: 5000 }, (_, i) => ({
    id: `fake-${String(i).padStart(4, '0')}`,
    place: `room-${i}`,
    sensors: ['DHT11'],
    online: false,
  }));
  const unknown = route({ sensor: 'DHT11', mcu: 'esp-z' }, many);
  const message = !unknown.ok ? unknown.error.message : '';
  assert.match(message, /fake-0000, .*fake-0019 and 4980 more/);
  assert.ok(message.length < 1000, `${message.length} characters`);
  const nowhere = route({ sensor: 'DHT11', place: 'attic' }, many);
  assert.ok(!nowhere.ok && nowhere.error.message.length < 1000);
});

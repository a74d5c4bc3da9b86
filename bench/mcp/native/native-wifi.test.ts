import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findSensor } from '../../../core/sensors/catalogue.js';
import { SCENARIOS } from '../../../core/world/world.js';
import { EmulatedMcu } from '../../../devices/mcu/emulated-mcu.js';
import { ESP32 } from '../../../devices/mcu/profiles.js';
import { createWorldSource } from '../../../devices/mcu/world-source.js';
import type { NetworkProfileName } from '../../../devices/network/profiles.js';
import { NativeBoardClient } from './native-board.js';

/** A board that is never started: native mode talks to its firmware directly, not over its datapool link. */
function boardOn(network: NetworkProfileName): NativeBoardClient {
  const mcu = new EmulatedMcu({
    id: `esp-${network}`,
    profile: ESP32,
    place: 'kitchen',
    sensors: [{ name: 'DHT11', spec: findSensor('DHT11')! }],
    worlds: createWorldSource({ scenario: SCENARIOS[0]!.name, seed: 1, startTimeMs: Date.UTC(2025, 5, 1, 12) }),
    datapool: { host: '127.0.0.1', port: 9 },
    network,
  });
  return new NativeBoardClient({ mcu });
}

test('native boards on the wifi profile pay the WiFi hop both ways, as gateway boards do on their datapool link', async (t) => {
  const ideal = boardOn('ideal');
  const wifi = boardOn('wifi');
  t.after(() => {
    ideal.close();
    wifi.close();
  });
  const rounds = 20;
  let idealMs = 0;
  let wifiMs = 0;
  for (let i = 0; i < rounds; i++) {
    idealMs += (await ideal.ping('esp-ideal', { timeoutMs: 5000 })).roundTripMs;
    wifiMs += (await wifi.ping('esp-wifi', { timeoutMs: 5000 })).roundTripMs;
  }
  // Two draws of the ESP32's 3 ms mean per round trip: the mean is several ms, loopback is far below one.
  assert.ok(idealMs / rounds < 1, `ideal mean ${idealMs / rounds} ms`);
  assert.ok(wifiMs / rounds > 3, `wifi mean ${wifiMs / rounds} ms`);

  const read = await wifi.run({ sensor: 'DHT11' }, { timeoutMs: 5000 });
  assert.equal(read.state, 'done');
  const sample = read.samples[0]!;
  assert.ok(sample.hops.received - sample.hops.dispatched > (sample.device.elapsedMs ?? 0), 'the network part is outside the board');
});

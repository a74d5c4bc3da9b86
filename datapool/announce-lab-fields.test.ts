import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_WIFI_PM, parseAnnounce } from './announce.js';
import { announceOf, openTestPool } from './fake-board.test-helper.js';

describe('what a lab board says about its link, WiFi power save and heap sampling', () => {
  test('link, wifi_pm and memory_sampling_ms are kept when valid', () => {
    const result = parseAnnounce({ available_sensors: ['DHT11'], link: 'wifi', wifi_pm: 'none', memory_sampling_ms: 10 });
    assert.ok(result.ok);
    assert.equal(result.announce.link, 'wifi');
    assert.equal(result.announce.wifi_pm, 'none');
    assert.equal(result.announce.memory_sampling_ms, 10);
    assert.deepEqual(result.warnings, []);
  });

  test('a bad value of each is ignored with a warning, and the board still gets in', () => {
    for (const [field, value] of [
      ['link', 'bluetooth'],
      ['link', 3],
      ['wifi_pm', ''],
      ['wifi_pm', 'x'.repeat(MAX_WIFI_PM + 1)],
      ['wifi_pm', 'power\nsave'],
      ['memory_sampling_ms', 0],
      ['memory_sampling_ms', -5],
      ['memory_sampling_ms', '10'],
    ] as const) {
      const result = parseAnnounce({ available_sensors: ['DHT11'], [field]: value });
      assert.ok(result.ok, `${field}=${JSON.stringify(value)}`);
      assert.equal((result.announce as unknown as Record<string, unknown>)[field], undefined, `${field}=${JSON.stringify(value)} dropped`);
      assert.equal(result.warnings.length, 1, `${field}=${JSON.stringify(value)}`);
      assert.match(result.warnings[0]!, new RegExp(`^ignored ${field}:`));
    }
  });

  test('/mcus says how the board is linked (its own word) and how the datapool reaches it (tcp)', async (t) => {
    const { pool, board } = await openTestPool(t);
    await board(announceOf('lab-wifi', ['DHT11'], { link: 'wifi', wifi_pm: 'min', memory_sampling_ms: 10, memory_model: 'measured' }));
    await board(announceOf('plain'));
    const [lab, plain] = await pool.mcus();
    assert.equal(lab!.link, 'wifi');
    assert.equal(lab!.wifiPm, 'min');
    assert.equal(lab!.memorySamplingMs, 10);
    assert.equal(lab!.transport, 'tcp');
    assert.equal(lab!.serialPath, undefined);
    assert.equal(plain!.link, undefined);
    assert.equal(plain!.wifiPm, undefined);
    assert.equal(plain!.transport, 'tcp');
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_REAL_TIME_WINDOW_S } from '../../core/sensor-tool-limits.js';
import { worldTimeOf } from './call-world-time.js';

test('a call takes its duration in world time, a real-time call without one the default window, one sample none', () => {
  assert.equal(worldTimeOf({}), 0);
  assert.equal(worldTimeOf({ place: 'bedroom' }), 0);
  assert.equal(worldTimeOf({ duration: 5, interval: 1 }), 5000);
  assert.equal(worldTimeOf({ real_time: true }), DEFAULT_REAL_TIME_WINDOW_S * 1000);
  assert.equal(worldTimeOf({ real_time: true, duration: 4 }), 4000);
  for (const duration of [-1, 0, 'ten', Number.NaN, Number.POSITIVE_INFINITY]) assert.equal(worldTimeOf({ duration }), 0, String(duration));
});

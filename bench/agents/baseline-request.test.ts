import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readAsk } from './baseline-request.js';

const PLACES = ['living-room', 'kitchen', 'bedroom', 'garden', 'garage', 'workshop'];
const ask = (prompt: string) => readAsk(prompt, PLACES, new Set(['temperature', 'humidity', 'workshop']));

describe('how the baseline reads a request', () => {
  test('misspelt words still say how to sample and what to read', () => {
    const request = ask('grab the temprature evry .5s for 3 secnds in the worshop');
    assert.deepEqual(request.requestSampling, [{ realTime: false, duration: 3, interval: 0.5 }]);
    assert.ok(request.concepts.has('temperature'));
    assert.deepEqual(request.places, ['workshop']);
  });

  test('places by their words, a slip, a joined spelling or a common synonym, in the order named', () => {
    assert.deepEqual(ask('hows it in the livng room').places, ['living-room']);
    assert.deepEqual(ask('the livingroom and the kichen').places, ['living-room', 'kitchen']);
    assert.deepEqual(ask('is the lounge warmer than outside?').places, ['living-room', 'garden']);
    assert.deepEqual(ask('nothing about a place').places, []);
  });

  test('a request naming a sampling after the sensor keeps the sampling with it, not with the next request', () => {
    const request = ask('Log the temperature every second for 5 seconds, and tell me if the bedroom is humid.');
    assert.deepEqual(request.requestSampling, [{ realTime: false, duration: 5, interval: 1 }, null]);
    assert.deepEqual(
      request.clauses.map((c) => c.request),
      [0, 1],
    );
  });

  test('thresholds with their unit; counts of things are not thresholds', () => {
    assert.deepEqual(ask('Is the kitchen above 30 °C?').thresholds, [{ cmp: 'gt', value: 30, unit: 'C', over: null, clause: 0 }]);
    assert.deepEqual(ask('Was the gyro under 5 °/s the whole time?').thresholds, [{ cmp: 'lt', value: 5, unit: 'deg/s', over: 'all', clause: 0 }]);
    assert.deepEqual(ask('Is the UV index 6 or more?').thresholds, [{ cmp: 'ge', value: 6, unit: null, over: null, clause: 0 }]);
    assert.deepEqual(ask('Was at least one probe alarmed?').thresholds, []);
    assert.deepEqual(ask('Did it swing by more than 4 m/s² during the log?').thresholds[0]?.over, 'range');
  });

  test('conversions, comparisons and distances asked for', () => {
    assert.deepEqual(ask('the bedroom temperature in Fahrenheit').units, ['F']);
    assert.deepEqual(ask('its output in millivolts').units, ['mV']);
    assert.deepEqual(ask('Where is it hotter, the kitchen or the garden?').choice, { pick: 'max', cue: 'hotter' });
    assert.deepEqual(ask('Which is darker, the bedroom or the garage?').choice, { pick: 'min', cue: 'darker' });
    assert.equal(ask('How warm is it in the kitchen?').choice, null);
    const distance = ask('45 % is ideal. How many points away from that is ours, and is it above or below?');
    assert.equal(distance.distance, true);
    assert.deepEqual(distance.references, [{ value: 45, unit: '%' }]);
    assert.deepEqual(distance.thresholds, [{ cmp: 'gt', value: 45, unit: '%', over: null, clause: 0 }]);
  });
});

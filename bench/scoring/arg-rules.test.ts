import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { argumentMiss, argumentMisses, describeRule, forbiddenArgumentsHold, sameSensor, sameTool } from './arg-rules.js';

describe('argument rules', () => {
  test('numbers match within the tolerance, booleans exactly, names ignoring case, spaces, "-" and "_"', () => {
    assert.equal(argumentMiss('interval', 0.55, { one_of: [0.5], tol: 0.05 }), null);
    assert.match(argumentMiss('interval', 0.6, { one_of: [0.5], tol: 0.05 })!, /interval is 0.6; acceptable: 0.5 \(±0.05\)/);
    assert.equal(argumentMiss('real_time', true, { one_of: [true] }), null);
    assert.match(argumentMiss('real_time', 'true', { one_of: [true] })!, /real_time is "true"; acceptable: true/);
    assert.equal(argumentMiss('place', 'Living_Room', { one_of: ['living-room'] }), null);
    assert.equal(argumentMiss('mcu', 'ESP32 living room', { one_of: ['esp32-living-room'] }), null);
  });

  test('ranges bound numbers; absent is right only when optional; an argument without a rule takes anything', () => {
    assert.equal(argumentMiss('duration', 4, { min: 3, max: 5 }), null);
    assert.match(argumentMiss('duration', 6, { min: 3, max: 5 })!, /duration is 6; acceptable: between 3 and 5/);
    assert.match(argumentMiss('place', undefined, { one_of: ['garden'] })!, /place is missing; needed: "garden"/);
    assert.equal(argumentMiss('duration', undefined, { one_of: [0], optional: true }), null);
    assert.equal(argumentMiss('interval', 'anything', undefined), null);
    assert.deepEqual(argumentMisses({ place: 'garden', interval: 7 }, { place: { one_of: ['garden'] } }), []);
    assert.equal(describeRule({ one_of: ['a', 'b'], optional: true }), 'one of "a", "b", or left out');
  });

  test('a forbidden rule reads an absent argument as the server default', () => {
    const defaults = { duration: 0, real_time: false, interval: 1 };
    assert.equal(forbiddenArgumentsHold({}, { real_time: { one_of: [true] } }, defaults), false);
    assert.equal(forbiddenArgumentsHold({ real_time: true }, { real_time: { one_of: [true] } }, defaults), true);
    assert.equal(forbiddenArgumentsHold({}, { duration: { max: 0 } }, defaults), true);
    assert.equal(forbiddenArgumentsHold({ duration: 12 }, { duration: { min: 11 } }, defaults), true);
    assert.equal(forbiddenArgumentsHold({}, { place: { one_of: ['garden'] } }, defaults), false);
  });

  test('sensors compare by canonical name, tools with or without the sensor prefix', () => {
    assert.equal(sameSensor('DS18X20', 'DS18B20'), true);
    assert.equal(sameSensor('hc_sr04', 'HC-SR04'), true);
    assert.equal(sameSensor('DHT11', 'DS18B20'), false);
    assert.equal(sameTool('HC-SR04', 'hc_sr04_read_distance', 'read_distance'), true);
    assert.equal(sameTool('HC-SR04', 'read_distance', 'read_distance'), true);
    assert.equal(sameTool('HC-SR04', 'read_all', 'read_distance'), false);
  });
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nameKey } from './names.js';
import { findSensor } from './sensors/catalogue.js';
import { findPlace } from './world/places.js';
import { findScenario } from './world/world.js';

test('one key for every spelling of a name: case, spaces, dashes, underscores and dots', () => {
  assert.equal(nameKey(' HC_SR-04. '), 'hcsr04');
  assert.equal(nameKey('Living Room'), nameKey('living_room'));
  assert.equal(nameKey('KY.038'), nameKey('ky-038'));
  assert.notEqual(nameKey('ky-038'), nameKey('ky-036'));
});

test('sensors, places and scenarios all accept the same odd spellings', () => {
  assert.equal(findSensor('hc.sr_04')?.name, 'HC-SR04');
  assert.equal(findPlace('LIVING.room')?.id, 'living-room');
  assert.equal(findScenario('Hot_Afternoon')?.name, 'hot-afternoon');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALL_TOOLS, SENSORS } from '../../core/sensors/catalogue.js';
import { prefixedToolName, sensorServerName, TOOL_NAME_PATTERN } from './tool-names.js';

test('prefixed tool names are lower case, underscore-joined and accepted by every provider', () => {
  assert.equal(prefixedToolName('DHT11', 'read_temperature'), 'dht11_read_temperature');
  assert.equal(prefixedToolName('HC-SR04', 'read_distance'), 'hc_sr04_read_distance');
  assert.equal(prefixedToolName('GUVA-S12SD', 'read_uvi'), 'guva_s12sd_read_uvi');
  const names = ALL_TOOLS.map(({ sensor, tool }) => prefixedToolName(sensor, tool));
  assert.equal(new Set(names).size, 80, 'all 80 names are distinct');
  for (const name of names) assert.match(name, TOOL_NAME_PATTERN);
});

test('sensor server names use the lower-case key with "-"', () => {
  assert.equal(sensorServerName('DHT11'), 'iotmcp/sensors/dht11');
  assert.equal(sensorServerName('HC-SR04'), 'iotmcp/sensors/hc-sr04');
  assert.equal(sensorServerName('HC_SR04'), 'iotmcp/sensors/hc-sr04');
  assert.equal(new Set(SENSORS.map((spec) => sensorServerName(spec.name))).size, 22);
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import { startTestSystem } from '../../system/test-system.test-helper.js';
import { connectInMemory, textOf } from './mcp-system.test-helper.js';
import { createSensorServer } from './servers.js';

let client: Client;
let closeSystem: () => Promise<void>;

before(async () => {
  const started = await startTestSystem();
  closeSystem = started.close;
  client = await connectInMemory(createSensorServer(findSensor('DHT11')!, { datapool: started.system.server.datapool }));
});

after(async () => {
  await client?.close();
  await closeSystem?.();
});

/** Calls read_temperature; the result must be an error, and its text is returned. */
async function rejected(args: Record<string, unknown>): Promise<string> {
  const result = await client.callTool({ name: 'read_temperature', arguments: args });
  assert.equal(result.isError, true, `expected an error for ${JSON.stringify(args)}, got: ${textOf(result)}`);
  assert.equal(result.structuredContent, undefined);
  return textOf(result);
}

test('interval 0 with a duration is refused, naming interval and its minimum', async () => {
  const text = await rejected({ interval: 0, duration: 2 });
  assert.match(text, /interval must be at least 0\.05 seconds/);
  assert.match(text, /at interval$/);
});

test('a negative duration is refused, pointing at real_time for continuous watching', async () => {
  const text = await rejected({ duration: -5 });
  assert.match(text, /duration must be 0 \(one sample\) or a positive number of seconds \(got -5\)/);
  assert.match(text, /real_time/);
});

test('a non-numeric interval, an out-of-range duration and a non-boolean real_time are refused by name', async () => {
  assert.match(await rejected({ interval: 'fast' }), /interval must be a number of seconds.*got "fast"/);
  assert.match(await rejected({ duration: 601 }), /duration must be at most 600 seconds/);
  assert.match(await rejected({ interval: 4000 }), /interval must be at most 3600 seconds/);
  assert.match(await rejected({ real_time: 'yes' }), /real_time must be true or false/);
  assert.match(await rejected({ duration: 600, interval: 0.05 }), /at most 1000 per call/);
});

test('an unknown argument is refused with the list of valid ones', async () => {
  assert.match(await rejected({ mode: 'fast' }), /unknown argument "mode"; valid arguments: interval, duration, real_time, mcu, place/);
});

test('an unknown place is answered with the places that have the sensor', async () => {
  const text = await rejected({ place: 'attic' });
  assert.match(text, /no MCU is in place "attic"/);
  assert.match(text, /living-room \(esp32-living-room, online\), bedroom \(esp32c6-bedroom, online\)/);
  assert.match(await rejected({ place: 'garage' }), /no MCU carries DHT11 in place "garage"; places with DHT11: living-room/);
});

test('an unknown MCU is answered with the MCUs that carry the sensor', async () => {
  const text = await rejected({ mcu: 'esp32-attic' });
  assert.match(text, /no MCU "esp32-attic"; MCUs with DHT11: .*esp32-living-room.*esp32c6-bedroom/);
  assert.match(await rejected({ mcu: 'esp8266-garage' }), /MCU "esp8266-garage" has no DHT11; places with DHT11: living-room/);
});

test('good arguments in other spellings of a place still read the sensor', async () => {
  const result = await client.callTool({ name: 'read_temperature', arguments: { place: 'Living Room', interval: 0 } });
  assert.notEqual(result.isError, true, textOf(result));
  assert.match(textOf(result), /^DHT11 on esp32-living-room \(living-room\), 1 sample\nt=0\.00 s: temperature \d+(\.\d+)? C/);
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDeviceList, readCatalogue } from './baseline-tools.js';
import { definitions, gatewayTools, nativeTools } from './simulated-trial.test-helper.js';

describe('what the baseline reads from the offered tools', () => {
  test('gateway: 80 sensor tools with their sensor, fields and units, the fleet tool, and the places', () => {
    const catalogue = readCatalogue(definitions(gatewayTools()));
    assert.equal(catalogue.sensorTools.length, 80);
    assert.equal(catalogue.sensors.length, 22);
    assert.deepEqual(
      catalogue.fleetTools.map((t) => t.name),
      ['list_devices'],
    );
    assert.deepEqual([...catalogue.places].sort(), ['bedroom', 'garage', 'garden', 'kitchen', 'living-room', 'workshop']);

    const all = catalogue.sensorTools.find((t) => t.name === 'dht11_read_all')!;
    assert.equal(all.sensor, 'DHT11');
    assert.equal(all.mcu, null);
    assert.equal(all.place, null);
    assert.equal(all.action, 'read all');
    assert.deepEqual(
      all.fields.map((f) => [f.name, f.unit]),
      [
        ['temperature', 'C'],
        ['humidity', '%RH'],
      ],
    );
    assert.ok(all.topic.has('temperature') && all.topic.has('humidity'));
    assert.ok(all.args.has('place') && all.args.has('duration'));

    const probes = catalogue.sensorTools.find((t) => t.name === 'ds18b20_read_temp')!.fields[0]!;
    assert.deepEqual(probes.items, ['air probe', 'soil/water probe']);
    assert.equal(catalogue.sensorTools.find((t) => t.name === 'hc_sr501_read_motion')!.fields[0]!.flag, true);
    // A concept only one sensor speaks of weighs more than one most of them do.
    assert.ok(catalogue.idf.get('flame')! > catalogue.idf.get('voltage')!);
  });

  test("native: each tool names its board and the board's place, and has no place to choose", () => {
    const catalogue = readCatalogue(definitions(nativeTools()));
    const tool = catalogue.sensorTools.find((t) => t.name === 'esp32_living_room__dht11_read_temperature')!;
    assert.equal(tool.mcu, 'esp32-living-room');
    assert.equal(tool.place, 'living-room');
    assert.deepEqual(
      tool.fields.map((f) => f.name),
      ['temperature'],
    );
    assert.equal(tool.sensor, 'DHT11');
    assert.equal(tool.args.has('place'), false);
    assert.deepEqual(catalogue.places, []);
  });

  test("the fleet directory's text gives each board's place, state and sensors", () => {
    const boards = parseDeviceList(
      '2 MCUs:\nesp32-living-room (ESP32) in living-room, online: DHT11, HC-SR501\nesp8266-garage (unknown model) in garage, OFFLINE: HC-SR04',
    );
    assert.deepEqual(boards, [
      { id: 'esp32-living-room', place: 'living-room', online: true, sensors: ['DHT11', 'HC-SR501'] },
      { id: 'esp8266-garage', place: 'garage', online: false, sensors: ['HC-SR04'] },
    ]);
    assert.deepEqual(parseDeviceList('no MCU in place "attic"'), []);
  });
});

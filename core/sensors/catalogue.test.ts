import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nameKey } from '../names.js';
import { ALL_TOOLS, findSensor, SENSORS } from './catalogue.js';

/** The reference table: sensor -> its MCP tools, in order. */
const TABLE: readonly [string, readonly string[]][] = [
  ['DHT11', ['read_temperature', 'read_humidity', 'read_all']],
  ['MPU6050', ['read_temperature', 'read_accel', 'read_gyro', 'read_angle', 'read_all']],
  ['DS18B20', ['read_temp', 'read_rom', 'read_config', 'read_alarmed_roms', 'read_scratchpad', 'read_all']],
  ['LM35', ['read_raw', 'read_voltage', 'read_celsius', 'read_alarm', 'read_all']],
  ['TMP36', ['read_temperature']],
  ['BH1750', ['read_lux', 'read_raw', 'read_all']],
  ['GUVA-S12SD', ['read_raw', 'read_voltage', 'read_uvi', 'read_all']],
  ['LTR390', ['read_uv_index', 'read_lux', 'read_raw', 'read_all']],
  ['HC-SR04', ['read_distance']],
  ['HC-SR501', ['read_motion', 'read_all']],
  ['SW420', ['read_raw', 'read_shock', 'read_all']],
  ['KY-004', ['read_state', 'is_pressed', 'read_all']],
  ['KY-010', ['read_state', 'is_blocked', 'read_all']],
  ['KY-020', ['read_raw', 'read_tilted', 'read_all']],
  ['KY-023', ['read_x', 'read_y', 'read_raw', 'read_switch', 'read_all']],
  ['KY-026', ['read_raw', 'read_voltage', 'read_detected', 'read_all']],
  ['KY-035', ['read_raw', 'read_voltage', 'read_field', 'read_switch', 'read_all']],
  ['KY-036', ['read_raw', 'read_voltage', 'read_touched', 'read_all']],
  ['KY-038', ['read_raw', 'read_voltage', 'read_trigger', 'read_all']],
  ['KY-040', ['read_clk', 'read_dt', 'read_switch', 'is_pressed', 'read_all']],
  ['HW-080', ['read_raw', 'read_voltage', 'read_moisture', 'read_all']],
  ['WATER', ['read_raw', 'read_wet', 'read_all']],
];

describe('sensor catalogue', () => {
  test('lists the 22 sensor types with their canonical names in table order', () => {
    assert.deepEqual(
      SENSORS.map((s) => s.name),
      TABLE.map(([name]) => name),
    );
  });

  test('exposes exactly the 80 MCP tools of the reference table', () => {
    assert.equal(ALL_TOOLS.length, 80);
    const expected = TABLE.flatMap(([sensor, tools]) => tools.map((tool) => `${sensor}.${tool}`));
    assert.deepEqual(
      ALL_TOOLS.map((t) => `${t.sensor}.${t.tool}`),
      expected,
    );
  });

  test('maps each tool to a command the driver answers (DHT11 and MPU6050 use the firmware short names)', () => {
    // The table's MCU column: DHT11 read_temp/read_hum, MPU6050 read_temp; every other tool is its own command.
    const renamed: Record<string, string> = {
      'DHT11.read_temperature': 'read_temp',
      'DHT11.read_humidity': 'read_hum',
      'MPU6050.read_temperature': 'read_temp',
    };
    for (const { sensor, tool, command } of ALL_TOOLS) {
      const spec = findSensor(sensor);
      assert.ok(spec, sensor);
      assert.ok(spec.commands[command], `${sensor}.${tool} -> ${command} is not a command`);
      assert.equal(command, renamed[`${sensor}.${tool}`] ?? tool, `${sensor}.${tool}`);
    }
  });

  test('every command returns declared fields, and read_all returns them all', () => {
    for (const spec of SENSORS) {
      const declared = Object.keys(spec.fields);
      assert.ok(declared.length > 0, spec.name);
      for (const [command, fields] of Object.entries(spec.commands)) {
        assert.ok(fields.length > 0, `${spec.name}.${command} returns nothing`);
        for (const field of fields) assert.ok(declared.includes(field), `${spec.name}.${command} returns undeclared ${field}`);
      }
      assert.deepEqual([...(spec.commands.read_all ?? [])].sort(), [...declared].sort(), `${spec.name}.read_all`);
    }
  });

  test('uses the reference reply field names', () => {
    const fieldsOf = (name: string) => Object.keys(findSensor(name)?.fields ?? {}).sort();
    assert.deepEqual(fieldsOf('DS18B20'), ['alarmed_roms', 'configs', 'roms', 'scratchpads', 'temperatures']);
    assert.deepEqual(fieldsOf('LTR390'), ['lux', 'raw_als', 'raw_uvs', 'uv_index']);
    assert.deepEqual(fieldsOf('KY-038'), ['level', 'raw', 'triggered', 'voltage']);
    assert.deepEqual(fieldsOf('HC-SR04'), ['distance_cm']);
    assert.deepEqual(findSensor('MPU6050')?.commands.read_angle, ['tilt']);
    assert.deepEqual(findSensor('TMP36')?.commands.read_temperature, ['raw', 'voltage', 'celsius']);
    assert.deepEqual(findSensor('KY-023')?.commands.read_raw, ['x', 'y']);
    assert.deepEqual(findSensor('KY-040')?.commands.is_pressed, ['pressed']);
  });

  test('documents every field and gives plausible timing and memory', () => {
    for (const spec of SENSORS) {
      assert.ok(spec.description.length > 10, spec.name);
      for (const [name, field] of Object.entries(spec.fields)) {
        assert.ok(field.description.length > 5, `${spec.name}.${name}`);
        if (field.range) assert.ok(field.range[0] < field.range[1], `${spec.name}.${name} range`);
      }
      assert.ok(spec.readTimeMs > 0 && spec.readTimeMs <= 1000, `${spec.name} readTimeMs`);
      assert.ok(spec.driverMemoryBytes >= 100 && spec.driverMemoryBytes <= 4096, `${spec.name} driverMemoryBytes`);
    }
    assert.equal(findSensor('DS18B20')?.readTimeMs, 750);
  });

  test('finds sensors by any spelling of their names and aliases', () => {
    for (const spelling of ['HC-SR04', 'hc_sr04', 'hcsr04', 'HC SR04', 'hc.sr04']) assert.equal(findSensor(spelling)?.name, 'HC-SR04', spelling);
    for (const spelling of ['DS18X20', 'ds18x20', 'ds18b20', 'DS-18B20']) assert.equal(findSensor(spelling)?.name, 'DS18B20', spelling);
    assert.equal(findSensor('guva_s12sd')?.name, 'GUVA-S12SD');
    assert.equal(findSensor('ky040')?.name, 'KY-040');
    assert.equal(findSensor('HC_SR501')?.name, 'HC-SR501');
    assert.equal(findSensor('water')?.name, 'WATER');
    assert.equal(findSensor('hw_080')?.name, 'HW-080');
    assert.equal(findSensor('BMP280'), undefined);
    assert.equal(findSensor(''), undefined);
    assert.equal(nameKey(' HC_SR-04. '), 'hcsr04');
  });

  test('no alias of one sensor is a name of another', () => {
    const owner = new Map<string, string>();
    for (const spec of SENSORS) {
      for (const name of [spec.name, ...spec.aliases]) {
        const key = nameKey(name);
        const previous = owner.get(key);
        assert.ok(previous === undefined || previous === spec.name, `${name} belongs to ${previous} and ${spec.name}`);
        owner.set(key, spec.name);
      }
    }
  });
});

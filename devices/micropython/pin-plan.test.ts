import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ACTUATORS } from '../../core/actuators/catalogue.js';
import { packageFile } from '../../core/package.js';
import { findSensor, SENSORS } from '../../core/sensors/catalogue.js';
import { ACTUATOR_PINS, ADC1_PINS, I2C_BUS, planPins, planPinsByType, SENSOR_PINS } from './pin-plan.js';

const FIRMWARE = packageFile('firmware', 'micropython', 'iotmcp');

/** The role names a firmware driver module declares in its `PINS = (...)` line. */
function driverPins(folder: string, type: string): string[] {
  const source = readFileSync(join(FIRMWARE, folder, `${type.toLowerCase().replaceAll('-', '_')}.py`), 'utf8');
  const line = /^PINS = \(([^)]*)\)/m.exec(source);
  assert.ok(line, `${type} declares PINS`);
  return [...(line[1] ?? '').matchAll(/"([a-z_]+)"/g)].map((m) => m[1] ?? '');
}

test('the plan names exactly the pins each firmware driver reads', () => {
  for (const spec of SENSORS) assert.deepEqual(Object.keys(SENSOR_PINS[spec.name] ?? {}), driverPins('sensors', spec.name), spec.name);
  for (const spec of ACTUATORS) assert.deepEqual(Object.keys(ACTUATOR_PINS[spec.name] ?? {}), driverPins('actuators', spec.name), spec.name);
});

test('a board of mixed devices gets ADC1 pins for analog inputs, one shared I2C bus and no pin twice', () => {
  const plan = planPinsByType(
    ['DHT11', 'MPU6050', 'BH1750', 'LTR390', 'KY-023', 'KY-026', 'HC-SR04', 'KY-040', 'LM35', 'WATER', 'DS18B20'],
    ['RELAY-FAN', 'MAIN-VALVE', 'WINDOW-SERVO'],
  );
  assert.ok(plan.ok, plan.ok ? '' : plan.error);
  const seen = new Map<number, string>();
  for (const entry of [...plan.sensors, ...plan.actuators]) {
    const roles = SENSOR_PINS[entry.type] ?? ACTUATOR_PINS[entry.type] ?? {};
    for (const [role, pin] of Object.entries(entry.pins)) {
      const kind = roles[role];
      if (kind === 'sda' || kind === 'scl') {
        assert.equal(pin, I2C_BUS[kind]);
        continue;
      }
      if (kind === 'adc') assert.ok(ADC1_PINS.includes(pin), `${entry.name}.${role} on GPIO ${pin}`);
      assert.equal(seen.get(pin), undefined, `GPIO ${pin} used by ${seen.get(pin)} and ${entry.name}.${role}`);
      seen.set(pin, `${entry.name}.${role}`);
    }
  }
  assert.ok(![...seen.keys()].some((pin) => pin === I2C_BUS.sda || pin === I2C_BUS.scl));
  assert.deepEqual(
    plan.sensors.filter((e) => e.address !== undefined).map((e) => [e.type, e.address]),
    [
      ['MPU6050', 0x68],
      ['BH1750', 0x23],
      ['LTR390', 0x53],
    ],
  );
});

test('a board with more analog inputs than ADC1 pins, or more parts than addresses, is refused with the reason', () => {
  const analog = planPinsByType(['KY-023', 'KY-023', 'KY-023', 'KY-023', 'LM35', 'TMP36']);
  assert.deepEqual(analog, { ok: false, error: 'the board has 10 analog inputs; an ESP32-S3 has 9 ADC1 pins usable with WiFi' });
  const ltr = findSensor('LTR390');
  assert.ok(ltr);
  const twice = planPins([
    { name: 'uv-a', spec: ltr },
    { name: 'uv-b', spec: ltr },
  ]);
  assert.deepEqual(twice, { ok: false, error: 'uv-b: one I2C bus holds at most 1 LTR390 (address 0x53)' });
  const many = planPinsByType(Array.from({ length: 24 }, () => 'KY-004'));
  assert.equal(many.ok, false);
  assert.match(many.ok ? '' : many.error, /^no GPIO left for KY-004 \(KY-004\) pin 'pin'/);
  assert.deepEqual(planPinsByType(['DHT22']), { ok: false, error: "unknown sensor type 'DHT22'" });
});

test('digital parts use the ADC1 pins the analog inputs leave over once the digital pins run out', () => {
  const plan = planPinsByType([...Array.from({ length: 15 }, () => 'KY-004'), 'LM35']);
  assert.ok(plan.ok, plan.ok ? '' : plan.error);
  const pins = plan.sensors.map((e) => e.pins.pin);
  assert.equal(new Set(pins).size, pins.length);
  assert.ok(ADC1_PINS.includes(plan.sensors[14]?.pins.pin ?? -1));
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PLACES } from '../world/places.js';
import { createWorld, defaultWorldTime, SCENARIOS } from '../world/world.js';
import { SENSORS } from './catalogue.js';
import { crc8 } from './ds18b20.js';
import type { FieldValue, Reading, SensorSpec } from './types.js';

type Kind = 'int' | 'number' | 'boolean' | 'vec3' | 'vec2' | 'numbers' | 'strings' | 'configs';

/** What each reply field must hold, written out independently of the specs. */
const KINDS: Record<string, Record<string, Kind>> = {
  DHT11: { temperature: 'int', humidity: 'int' },
  MPU6050: { temperature: 'number', accel: 'vec3', gyro: 'vec3', tilt: 'vec2' },
  DS18B20: { temperatures: 'numbers', roms: 'strings', configs: 'configs', alarmed_roms: 'strings', scratchpads: 'strings' },
  LM35: { raw: 'int', voltage: 'number', celsius: 'number', alarm: 'boolean' },
  TMP36: { raw: 'int', voltage: 'number', celsius: 'number' },
  BH1750: { lux: 'number', raw: 'int' },
  'GUVA-S12SD': { raw: 'int', voltage: 'number', uvi: 'number' },
  LTR390: { uv_index: 'number', lux: 'number', raw_uvs: 'int', raw_als: 'int' },
  'HC-SR04': { distance_cm: 'number' },
  'HC-SR501': { motion: 'boolean' },
  SW420: { raw: 'int', shock: 'boolean' },
  'KY-004': { raw: 'int', pressed: 'boolean' },
  'KY-010': { raw: 'int', blocked: 'boolean' },
  'KY-020': { raw: 'int', tilted: 'boolean' },
  'KY-023': { x: 'int', y: 'int', voltage: 'vec2', pressed: 'boolean' },
  'KY-026': { raw: 'int', voltage: 'number', detected: 'boolean' },
  'KY-035': { raw: 'int', voltage: 'number', field: 'number', switch: 'boolean' },
  'KY-036': { raw: 'int', voltage: 'number', touched: 'boolean' },
  'KY-038': { raw: 'int', voltage: 'number', triggered: 'boolean', level: 'number' },
  'KY-040': { clk: 'int', dt: 'int', switch: 'int', pressed: 'boolean' },
  'HW-080': { raw: 'int', voltage: 'number', moisture: 'number', dry: 'boolean' },
  WATER: { raw: 'int', wet: 'boolean' },
};

function isNumber(v: FieldValue | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function numbersIn(value: FieldValue | undefined): number[] {
  if (isNumber(value)) return [value];
  if (Array.isArray(value)) return value.filter(isNumber);
  if (value && typeof value === 'object') return Object.values(value).filter(isNumber);
  return [];
}

function checkKind(where: string, kind: Kind, value: FieldValue | undefined): void {
  const obj = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
  switch (kind) {
    case 'int':
      assert.ok(isNumber(value) && Number.isInteger(value), `${where}: ${JSON.stringify(value)} is not an integer`);
      break;
    case 'number':
      assert.ok(isNumber(value), `${where}: ${JSON.stringify(value)} is not a number`);
      break;
    case 'boolean':
      assert.equal(typeof value, 'boolean', where);
      break;
    case 'vec3':
    case 'vec2': {
      const keys = kind === 'vec3' ? ['x', 'y', 'z'] : ['x', 'y'];
      assert.ok(obj, `${where}: not an object`);
      assert.deepEqual(Object.keys(obj).sort(), keys, where);
      for (const k of keys) assert.ok(isNumber(obj[k]), `${where}.${k}`);
      break;
    }
    case 'numbers':
      assert.ok(Array.isArray(value) && value.length > 0 && value.every(isNumber), where);
      break;
    case 'strings':
      assert.ok(Array.isArray(value) && value.every((v) => typeof v === 'string'), where);
      break;
    case 'configs':
      assert.ok(Array.isArray(value) && value.length > 0, where);
      for (const c of value) assert.ok(c !== null && typeof c === 'object' && !Array.isArray(c) && isNumber(c.resolution), where);
      break;
  }
}

const near = (a: number, b: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(a - b) <= tolerance, `${what}: ${a} vs ${b} (tolerance ${tolerance})`);

function num(reading: Reading, field: string): number {
  const v = reading[field];
  assert.ok(isNumber(v), `${field} is not a number`);
  return v;
}

function bytesOf(hex: string): number[] {
  assert.match(hex, /^([0-9A-F]{2})+$/);
  return hex.match(/../g)!.map((b) => parseInt(b, 16));
}

/** The relations between fields that the real driver (and part) guarantee. */
function checkConsistency(spec: SensorSpec, r: Reading, where: string): void {
  const hasVoltage = 'raw' in r && 'voltage' in r && typeof r.voltage === 'number';
  if (hasVoltage) near(num(r, 'voltage'), (num(r, 'raw') * 3.3) / 4095, 0.0005, `${where} voltage`);
  switch (spec.name) {
    case 'LM35':
      near(num(r, 'celsius'), num(r, 'voltage') * 100, 0.051, `${where} celsius`);
      assert.equal(r.alarm, num(r, 'celsius') >= 40, `${where} alarm`);
      break;
    case 'TMP36':
      near(num(r, 'celsius'), (num(r, 'voltage') - 0.5) * 100, 0.051, `${where} celsius`);
      break;
    case 'GUVA-S12SD':
      near(num(r, 'uvi'), num(r, 'voltage') / 0.1, 0.051, `${where} uvi`);
      break;
    case 'BH1750':
      near(num(r, 'lux'), num(r, 'raw') / 1.2, 0.051, `${where} lux`);
      break;
    case 'LTR390':
      near(num(r, 'lux'), num(r, 'raw_als') * 0.2, 0.051, `${where} lux`);
      near(num(r, 'uv_index'), num(r, 'raw_uvs') / 95.8333, 0.0051, `${where} uv_index`);
      break;
    case 'KY-035':
      near(num(r, 'field'), (num(r, 'voltage') - 1.65) / 0.0092, 0.0051, `${where} field`);
      assert.equal(r.switch, Math.abs(num(r, 'field')) >= 5, `${where} switch`);
      break;
    case 'HW-080': {
      const moisture = Math.min(100, Math.max(0, ((3.183 - num(r, 'voltage')) / (3.183 - 1.088)) * 100));
      near(num(r, 'moisture'), moisture, 0.051, `${where} moisture`);
      assert.equal(r.dry, num(r, 'moisture') < 20, `${where} dry`);
      break;
    }
    case 'KY-038':
      near(num(r, 'level'), 100 + 20 * Math.log10(Math.max(num(r, 'raw'), 1) / 4095), 0.051, `${where} level`);
      assert.equal(r.triggered, num(r, 'level') >= 59.9, `${where} triggered`);
      break;
    case 'KY-023': {
      const v = r.voltage as Record<string, number>;
      near(v.x!, (num(r, 'x') * 3.3) / 4095, 0.0005, `${where} voltage.x`);
      near(v.y!, (num(r, 'y') * 3.3) / 4095, 0.0005, `${where} voltage.y`);
      break;
    }
    case 'KY-036':
      assert.equal(r.touched, num(r, 'raw') > 1000, `${where} touched`);
      break;
    case 'WATER':
      assert.equal(r.wet, num(r, 'raw') > 300, `${where} wet`);
      break;
    case 'KY-004':
      assert.equal(r.raw, r.pressed ? 0 : 1, `${where} pull-up`);
      break;
    case 'KY-010':
      assert.equal(r.raw, r.blocked ? 1 : 0, where);
      break;
    case 'KY-020':
      assert.equal(r.raw, r.tilted ? 1 : 0, where);
      break;
    case 'SW420':
      assert.equal(r.raw, r.shock ? 1 : 0, where);
      break;
    case 'KY-040':
      assert.equal(r.switch, r.pressed ? 0 : 1, `${where} pull-up`);
      break;
    case 'MPU6050': {
      const a = r.accel as Record<string, number>;
      const tilt = r.tilt as Record<string, number>;
      const pitch = (Math.atan2(-a.x!, Math.hypot(a.y!, a.z!)) * 180) / Math.PI;
      const roll = (Math.atan2(a.y!, a.z!) * 180) / Math.PI;
      near(tilt.x!, pitch, 0.051, `${where} pitch from accel`);
      near(tilt.y!, roll, 0.051, `${where} roll from accel`);
      break;
    }
    case 'DS18B20':
      checkDs18b20(r, where);
      break;
  }
}

function checkDs18b20(r: Reading, where: string): void {
  const temperatures = r.temperatures as number[];
  const roms = r.roms as string[];
  const scratchpads = r.scratchpads as string[];
  const alarmed = r.alarmed_roms as string[];
  assert.equal(temperatures.length, 2, `${where}: two probes`);
  assert.equal(roms.length, 2);
  assert.equal(scratchpads.length, 2);
  assert.notEqual(roms[0], roms[1], `${where}: ROM codes are unique`);
  temperatures.forEach((t, i) => {
    const rom = bytesOf(roms[i]!);
    assert.equal(rom.length, 8, `${where} rom length`);
    assert.equal(rom[0], 0x28, `${where} family code`);
    assert.equal(crc8(rom), 0, `${where} rom CRC`);
    const pad = bytesOf(scratchpads[i]!);
    assert.equal(pad.length, 9, `${where} scratchpad length`);
    assert.equal(crc8(pad), 0, `${where} scratchpad CRC`);
    const register = (((pad[1]! << 8) | pad[0]!) << 16) >> 16; // sign-extend 16 bits
    assert.equal(register / 16, t, `${where} scratchpad encodes the temperature`);
    assert.equal(pad[4], 0x7f, `${where} 12-bit config`);
    const th = (pad[2]! << 24) >> 24;
    const tl = (pad[3]! << 24) >> 24;
    const whole = Math.floor(t);
    assert.equal(alarmed.includes(roms[i]!), whole >= th || whole <= tl, `${where} alarm of probe ${i}`);
  });
}

describe('sensor readings', () => {
  test('crc8 is the Dallas/Maxim 1-Wire CRC (datasheet example ROM 02 1C B8 01 00 00 00 -> A2)', () => {
    assert.equal(crc8([0x02, 0x1c, 0xb8, 0x01, 0x00, 0x00, 0x00]), 0xa2);
  });

  test('the kinds table covers exactly the declared fields of every sensor', () => {
    for (const spec of SENSORS) assert.deepEqual(Object.keys(KINDS[spec.name] ?? {}).sort(), Object.keys(spec.fields).sort(), spec.name);
  });

  test('every sensor in every scenario, place and time gives every field, of its type, in range, consistent', () => {
    let samples = 0;
    for (const scenario of SCENARIOS) {
      for (const seed of [1, 99]) {
        const world = createWorld({ scenario: scenario.name, seed });
        const start = defaultWorldTime(scenario.name);
        for (const place of DEFAULT_PLACES) {
          for (const offsetMs of [0, 1_500, 17_250, 3_600_000, 12 * 3_600_000]) {
            const env = world.environment(place.id, start + offsetMs);
            for (const spec of SENSORS) {
              const where = `${spec.name} ${scenario.name}/${seed}/${place.id}/+${offsetMs}`;
              const reading = spec.sample({ env, world, instanceKey: `mcu-${seed}/${spec.name}` });
              assert.deepEqual(Object.keys(reading).sort(), Object.keys(spec.fields).sort(), where);
              for (const [field, fieldSpec] of Object.entries(spec.fields)) {
                checkKind(`${where}.${field}`, KINDS[spec.name]![field]!, reading[field]);
                if (fieldSpec.range) {
                  const [min, max] = fieldSpec.range;
                  for (const n of numbersIn(reading[field])) assert.ok(n >= min && n <= max, `${where}.${field} = ${n} outside [${min}, ${max}]`);
                }
              }
              checkConsistency(spec, reading, where);
              samples++;
            }
          }
        }
      }
    }
    assert.equal(samples, SCENARIOS.length * 2 * DEFAULT_PLACES.length * 5 * SENSORS.length);
  });

  test('a reading is JSON as the wire carries it (no NaN, no undefined, no -0)', () => {
    const world = createWorld({ scenario: 'shaken', seed: 5 });
    const env = world.environment('workshop', defaultWorldTime('shaken'));
    for (const spec of SENSORS) {
      const reading = spec.sample({ env, world, instanceKey: `a/${spec.name}` });
      assert.deepEqual(JSON.parse(JSON.stringify(reading)), reading, spec.name);
    }
  });

  test('a part keeps its own bias: two instances differ, one instance repeats itself at the same instant', () => {
    const world = createWorld({ scenario: 'normal-day', seed: 3 });
    const env = world.environment('living-room', defaultWorldTime('normal-day'));
    const lm35 = SENSORS.find((s) => s.name === 'LM35')!;
    const tmp = SENSORS.find((s) => s.name === 'TMP36')!;
    assert.deepEqual(lm35.sample({ env, world, instanceKey: 'a/LM35' }), lm35.sample({ env, world, instanceKey: 'a/LM35' }));
    const raws = new Set<number>();
    for (let i = 0; i < 12; i++) raws.add(num(tmp.sample({ env, world, instanceKey: `board-${i}/TMP36` }), 'raw'));
    assert.ok(raws.size > 3, `twelve TMP36 parts read ${[...raws].join(', ')}`);
  });

  test('DS18B20 ROM codes belong to the hardware: same instance same ROMs in any world, other instance other ROMs', () => {
    const ds = SENSORS.find((s) => s.name === 'DS18B20')!;
    const read = (scenario: string, seed: number, key: string) => {
      const world = createWorld({ scenario, seed });
      return ds.sample({ env: world.environment('garden', defaultWorldTime(scenario)), world, instanceKey: key }).roms;
    };
    assert.deepEqual(read('normal-day', 1, 'esp-a/DS18B20'), read('fire', 77, 'esp-a/DS18B20'));
    assert.notDeepEqual(read('normal-day', 1, 'esp-a/DS18B20'), read('normal-day', 1, 'esp-b/DS18B20'));
  });
});

import type { Comparison, Part, Quantity, Unit } from '../../tasks/schema.js';
import type { QuantityName, SensorName } from './bank.js';

/**
 * How an answer states each reply field: its kind, its unit, how far a person's rounding may stray from
 * the device's value (a DHT11's 24 C said as "about 24 degrees"; 878.3 lux as "about 880 lux"), and for
 * booleans the words that say it is true or false.
 */
export type FieldFacts =
  | { kind: 'number'; unit?: Unit | string /** absolute tolerance */; tol: number /** relative tolerance */; rel?: number; label: string }
  | {
      kind: 'boolean';
      label: string;
      yes: readonly string[];
      no: readonly string[];
      /** Other fields that state the same yes/no exactly (the pin level behind a flag), so their tools count too. */
      sameAs?: readonly { field: string; is: { cmp: Comparison; value: number } }[];
    }
  | { kind: 'text'; label: string };

const number = (label: string, tol: number, unit?: Unit | string, rel?: number): FieldFacts => {
  const facts: FieldFacts = { kind: 'number', label, tol };
  if (unit !== undefined) facts.unit = unit;
  if (rel !== undefined) facts.rel = rel;
  return facts;
};
const boolean = (
  label: string,
  yes: readonly string[],
  no: readonly string[],
  sameAs?: { field: string; is: { cmp: Comparison; value: number } },
): FieldFacts => (sameAs === undefined ? { kind: 'boolean', label, yes, no } : { kind: 'boolean', label, yes, no, sameAs: [sameAs] });
/** The flag is true exactly when the field compares so (firmware and datasheet define it that way). */
const when = (field: string, cmp: Comparison, value: number) => ({ field, is: { cmp, value } });
const text = (label: string): FieldFacts => ({ kind: 'text', label });

const adcCounts = (what: string) => number(`${what} (ADC counts)`, 1);
const volts = (what: string) => number(`${what} voltage`, 0.006, 'V', 0.01);
const celsius = (what: string) => number(what, 0.6, 'C');
const pinLevel = (what: string) => number(`${what} pin level`, 0);

/** Field facts by sensor, keyed by field path (vector components and list items spelled out). */
export const FIELD_FACTS: Readonly<Record<SensorName, Readonly<Record<string, FieldFacts>>>> = {
  DHT11: {
    temperature: celsius('air temperature'),
    humidity: number('relative humidity', 1, '%RH'),
  },
  MPU6050: {
    temperature: celsius('IMU die temperature'),
    'accel.x': number('acceleration along x', 0.06, 'm/s2'),
    'accel.y': number('acceleration along y', 0.06, 'm/s2'),
    'accel.z': number('acceleration along z', 0.06, 'm/s2'),
    'gyro.x': number('rotation rate about x', 0.6, 'deg/s'),
    'gyro.y': number('rotation rate about y', 0.6, 'deg/s'),
    'gyro.z': number('rotation rate about z', 0.6, 'deg/s'),
    'tilt.x': number('pitch', 0.6, 'deg'),
    'tilt.y': number('roll', 0.6, 'deg'),
  },
  DS18B20: {
    'temperatures[0]': celsius('air probe temperature'),
    'temperatures[1]': celsius('soil probe temperature'),
    'roms[0]': text('ROM code of the air probe'),
    'roms[1]': text('ROM code of the soil probe'),
    'configs[0].resolution': number('air probe resolution', 0, 'bits'),
    'configs[0].th': number('air probe high alarm threshold', 0.5, 'C'),
    'configs[0].tl': number('air probe low alarm threshold', 0.5, 'C'),
    'configs[1].resolution': number('soil probe resolution', 0, 'bits'),
    'configs[1].th': number('soil probe high alarm threshold', 0.5, 'C'),
    'configs[1].tl': number('soil probe low alarm threshold', 0.5, 'C'),
    'alarmed_roms.length': number('number of probes in alarm', 0),
    'scratchpads[0]': text('scratchpad of the air probe'),
    'scratchpads[1]': text('scratchpad of the soil probe'),
  },
  LM35: {
    raw: adcCounts('LM35 reading'),
    voltage: volts('LM35 output'),
    celsius: celsius('LM35 temperature'),
    alarm: boolean(
      'over-temperature alarm',
      ['alarm is on', 'alarm is active', 'alarm is triggered', 'alarm has tripped', 'alarm tripped', 'overheating'],
      ['alarm is off', 'no alarm', 'alarm is clear', 'within limits'],
      when('celsius', 'ge', 40),
    ),
  },
  TMP36: {
    raw: adcCounts('TMP36 reading'),
    voltage: volts('TMP36 output'),
    celsius: celsius('TMP36 temperature'),
  },
  BH1750: {
    lux: number('illuminance', 1, 'lux', 0.02),
    raw: number('BH1750 raw count', 1, undefined, 0.005),
  },
  'GUVA-S12SD': {
    raw: adcCounts('UV sensor reading'),
    voltage: volts('UV sensor output'),
    uvi: number('UV index', 0.1),
  },
  LTR390: {
    uv_index: number('UV index', 0.1),
    lux: number('ambient light', 1, 'lux', 0.02),
    raw_uvs: number('raw UV count', 1, undefined, 0.005),
    raw_als: number('raw ambient-light count', 1, undefined, 0.005),
  },
  'HC-SR04': {
    distance_cm: number('distance', 0.6, 'cm'),
  },
  'HC-SR501': {
    motion: boolean(
      'motion',
      ['motion detected', 'movement detected', 'detects motion', 'detecting motion', 'someone is', 'somebody is', 'someone moving', 'is moving', 'occupied'],
      ['no motion', 'no movement', 'empty', 'unoccupied', 'nobody', 'no one', 'all quiet'],
    ),
  },
  SW420: {
    raw: pinLevel('vibration sensor'),
    shock: boolean(
      'vibration or shock',
      ['vibrating', 'shaking', 'being shaken', 'vibration detected', 'shock detected'],
      ['still', 'steady', 'calm', 'no vibration', 'no shock'],
      when('raw', 'eq', 1),
    ),
  },
  'KY-004': {
    raw: pinLevel('button'),
    pressed: boolean('button pressed', ['pressed', 'held down', 'pushed'], ['released', 'not pressed', 'idle'], when('raw', 'eq', 0)),
  },
  'KY-010': {
    raw: pinLevel('photo interrupter'),
    blocked: boolean('beam blocked', ['blocked', 'interrupted', 'broken', 'obstructed'], ['clear', 'unblocked', 'unobstructed', 'open'], when('raw', 'eq', 1)),
  },
  'KY-020': {
    raw: pinLevel('tilt switch'),
    tilted: boolean(
      'tilted',
      ['tilted', 'tipped', 'leaning', 'on its side', 'knocked over'],
      ['upright', 'standing straight', 'not tilted'],
      when('raw', 'eq', 1),
    ),
  },
  'KY-023': {
    x: adcCounts('joystick x axis'),
    y: adcCounts('joystick y axis'),
    'voltage.x': volts('joystick x axis'),
    'voltage.y': volts('joystick y axis'),
    pressed: boolean('joystick button pressed', ['pressed', 'pushed', 'clicked', 'held down'], ['released', 'not pressed']),
  },
  'KY-026': {
    raw: adcCounts('flame sensor reading'),
    voltage: volts('flame sensor output'),
    detected: boolean(
      'flame detected',
      ['flame detected', 'fire detected', 'detects a flame', 'sees a flame', 'a flame', 'burning'],
      ['no flame', 'no fire', 'nothing detected', 'all clear'],
    ),
  },
  'KY-035': {
    raw: adcCounts('Hall sensor reading'),
    voltage: volts('Hall sensor output'),
    field: number('magnetic flux density', 0.06, 'mT'),
    switch: boolean(
      'magnet near',
      ['magnet detected', 'magnet is near', 'magnet nearby', 'magnet present', 'switch is on', 'switch has triggered', 'triggered'],
      ['no magnet', 'no field', 'switch is off', 'nothing nearby'],
    ),
  },
  'KY-036': {
    raw: adcCounts('touch sensor reading'),
    voltage: volts('touch sensor output'),
    touched: boolean('touched', ['touched', 'being touched', 'someone is touching', 'in contact'], ['untouched', 'no contact', 'no touch']),
  },
  'KY-038': {
    raw: adcCounts('microphone swing'),
    voltage: volts('microphone swing'),
    level: number('sound level', 0.6, 'dBA'),
    triggered: boolean('loud sound', ['loud', 'noisy', 'triggered', 'above the trigger'], ['quiet', 'silent', 'calm', 'below the trigger']),
  },
  'KY-040': {
    clk: pinLevel('encoder CLK'),
    dt: pinLevel('encoder DT'),
    switch: pinLevel('encoder switch'),
    pressed: boolean('encoder knob pressed', ['pressed', 'pushed', 'held down', 'clicked'], ['released', 'not pressed'], when('switch', 'eq', 0)),
  },
  'HW-080': {
    raw: adcCounts('soil probe reading'),
    voltage: volts('soil probe output'),
    moisture: number('soil moisture', 0.6, '%'),
    dry: boolean(
      'soil dry',
      ['dry', 'needs water', 'thirsty', 'parched', 'needs watering'],
      ['moist', 'wet', 'damp', 'enough water', 'well watered'],
      when('moisture', 'lt', 20),
    ),
  },
  WATER: {
    raw: adcCounts('water probe reading'),
    wet: boolean(
      'water at the probe',
      ['wet', 'leak', 'leaking', 'flooding', 'flooded', 'water detected', 'water on the floor'],
      ['dry', 'no water', 'no leak'],
      when('raw', 'gt', 300),
    ),
  },
};

/** The sensor fields that answer each quantity (a task asking for it accepts any of them in that place). */
export const QUANTITY_FIELDS: Readonly<Record<QuantityName, readonly { sensor: SensorName; field: string }[]>> = {
  'air-temperature': [
    { sensor: 'DHT11', field: 'temperature' },
    { sensor: 'LM35', field: 'celsius' },
    { sensor: 'TMP36', field: 'celsius' },
    { sensor: 'DS18B20', field: 'temperatures[0]' },
  ],
  humidity: [{ sensor: 'DHT11', field: 'humidity' }],
  light: [
    { sensor: 'BH1750', field: 'lux' },
    { sensor: 'LTR390', field: 'lux' },
  ],
  'uv-index': [
    { sensor: 'LTR390', field: 'uv_index' },
    { sensor: 'GUVA-S12SD', field: 'uvi' },
  ],
  'sound-level': [{ sensor: 'KY-038', field: 'level' }],
  motion: [{ sensor: 'HC-SR501', field: 'motion' }],
  'magnetic-field': [{ sensor: 'KY-035', field: 'field' }],
};

/** What each field is, in the referent vocabulary answers are read with (tasks/schema.ts `about`). */
export interface FieldAbout {
  quantity: Quantity;
  parts?: readonly Part[];
}

const PIN_SENSORS: ReadonlySet<SensorName> = new Set(['SW420', 'KY-004', 'KY-010', 'KY-020']);
const PROBES: readonly Part[] = ['air-probe', 'soil-probe'];

/** The quantity and part of a field path ("accel.z" is acceleration along z, "configs[1].th" the soil probe's high alarm). */
export function fieldAbout(sensor: SensorName, path: string): FieldAbout | undefined {
  const index = /\[(\d+)\]/.exec(path);
  const probe = index === null ? [] : [PROBES[Number(index[1])]!].filter((p) => p !== undefined);
  const axis = /\.(x|y|z)$/.exec(path)?.[1] as Part | undefined;
  const root = path.replace(/\[\d+\]/g, '').split('.')[0]!;
  const leaf = path.split('.').pop()!;
  const with_ = (quantity: Quantity, ...parts: Part[]): FieldAbout => (parts.length > 0 ? { quantity, parts } : { quantity });
  switch (root) {
    case 'temperature':
    case 'celsius':
      return with_('temperature');
    case 'temperatures':
      return with_('temperature', ...probe);
    case 'humidity':
      return with_('humidity');
    case 'lux':
      return with_('light');
    case 'raw':
      return with_(PIN_SENSORS.has(sensor) ? 'pin-level' : 'raw');
    case 'raw_uvs':
      return with_('raw', 'uv');
    case 'raw_als':
      return with_('raw', 'visible');
    case 'voltage':
      return axis === undefined ? with_('voltage') : with_('voltage', axis);
    case 'uvi':
    case 'uv_index':
      return with_('uv-index');
    case 'distance_cm':
      return with_('distance');
    case 'accel':
      return with_('acceleration', axis!);
    case 'gyro':
      return with_('rotation-rate', axis!);
    case 'tilt':
      return with_('angle', axis === 'x' ? 'pitch' : 'roll');
    case 'level':
      return with_('sound-level');
    case 'field':
      return with_('magnetic-field');
    case 'moisture':
      return with_('moisture');
    case 'x':
    case 'y':
      return with_('raw', root);
    case 'clk':
    case 'dt':
    case 'switch':
      return with_('pin-level', root);
    case 'configs':
      if (leaf === 'resolution') return with_('resolution', ...probe);
      return with_('alarm-threshold', ...probe, leaf === 'th' ? 'high' : 'low');
    case 'alarmed_roms':
      return with_('alarm-count');
    case 'roms':
      return with_('rom-code', ...probe);
    case 'scratchpads':
      return with_('scratchpad', ...probe);
    default:
      return undefined;
  }
}

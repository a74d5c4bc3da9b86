import { findActuator } from '../../core/actuators/catalogue.js';
import type { ActuatorSpec } from '../../core/actuators/types.js';
import { findSensor } from '../../core/sensors/catalogue.js';
import type { SensorSpec } from '../../core/sensors/types.js';

/**
 * Wires a board's sensors and actuators to ESP32-S3 GPIOs, as a lab would on a DevKitC-1 with octal PSRAM,
 * and gives the config entries our MicroPython firmware reads. Every analog input goes to an ADC1 pin (ADC2
 * cannot convert while WiFi runs); the I2C sensors share one bus, each at its own address; no pin is used twice.
 */

/** What a pin does: ADC1 input, digital input, digital output, bidirectional data line, PWM output, I2C line. */
export type PinKind = 'adc' | 'in' | 'out' | 'io' | 'pwm' | 'sda' | 'scl';

const I2C_PINS = { sda: 'sda', scl: 'scl' } as const;
const ANALOG = { pin: 'adc' } as const;
const DIGITAL = { pin: 'in' } as const;

/** Each sensor type's pins by the role names its firmware driver reads (`PINS` of iotmcp/sensors/<type>.py). */
export const SENSOR_PINS: Readonly<Record<string, Readonly<Record<string, PinKind>>>> = {
  DHT11: { pin: 'io' },
  MPU6050: I2C_PINS,
  DS18B20: { pin: 'io' },
  LM35: ANALOG,
  TMP36: ANALOG,
  BH1750: I2C_PINS,
  'GUVA-S12SD': ANALOG,
  LTR390: I2C_PINS,
  'HC-SR04': { trig: 'out', echo: 'in' },
  'HC-SR501': DIGITAL,
  SW420: DIGITAL,
  'KY-004': DIGITAL,
  'KY-010': DIGITAL,
  'KY-020': DIGITAL,
  'KY-023': { x: 'adc', y: 'adc', sw: 'in' },
  'KY-026': { ao: 'adc', do: 'in' },
  'KY-035': ANALOG,
  'KY-036': ANALOG,
  'KY-038': ANALOG,
  'KY-040': { clk: 'in', dt: 'in', sw: 'in' },
  'HW-080': ANALOG,
  WATER: ANALOG,
};

/** Each actuator type's pins by the role names its firmware driver reads (`PINS` of iotmcp/actuators/<type>.py). */
export const ACTUATOR_PINS: Readonly<Record<string, Readonly<Record<string, PinKind>>>> = {
  'RELAY-FAN': { out: 'out' },
  'WINDOW-SERVO': { out: 'pwm' },
  'MAIN-VALVE': { open: 'out', close: 'out' },
  'IRRIGATION-PUMP': { out: 'out' },
  'DIMMABLE-LIGHT': { out: 'pwm' },
  BUZZER: { out: 'pwm' },
};

/** The addresses an I2C sensor type can answer at (address pin low first); a bus holds each address once. */
export const I2C_ADDRESSES: Readonly<Record<string, readonly number[]>> = {
  BH1750: [0x23, 0x5c],
  LTR390: [0x53],
  MPU6050: [0x68, 0x69],
};

/** ADC1 channels 0-9 on GPIO 1-10, but GPIO 3 (a strapping pin). */
export const ADC1_PINS: readonly number[] = [1, 2, 4, 5, 6, 7, 8, 9, 10];
/**
 * GPIOs free for digital use, best first. Left out: 0, 3, 45, 46 (strapping), 19 and 20 (USB), 26-37 (flash
 * and octal PSRAM), 38 and 39 (UART1, the serial link), 43 and 44 (UART0, the console). ADC1 pins the
 * analog inputs leave over are used last.
 */
export const DIGITAL_PINS: readonly number[] = [11, 12, 13, 14, 15, 16, 21, 40, 41, 42, 47, 48];
/** The one I2C bus every I2C sensor shares. */
export const I2C_BUS = { sda: 17, scl: 18 } as const;

export interface PinPlanDevice<Spec> {
  name: string;
  spec: Spec;
}

/**
 * One config entry of the firmware: `{"type", "name", "pins"}`, plus the I2C address for I2C sensors. A type
 * alias, not an interface, so entries pass where config objects with further options are expected.
 */
export type PlannedEntry = {
  type: string;
  name: string;
  pins: Record<string, number>;
  address?: number;
};

export type PinPlan = { ok: true; sensors: PlannedEntry[]; actuators: PlannedEntry[] } | { ok: false; error: string };

/** The config entries of a board, or why its devices do not fit one ESP32-S3. */
export function planPins(sensors: readonly PinPlanDevice<SensorSpec>[], actuators: readonly PinPlanDevice<ActuatorSpec>[] = []): PinPlan {
  const adcFree = [...ADC1_PINS];
  const analogCount = sensors.reduce((n, s) => n + Object.values(SENSOR_PINS[s.spec.name] ?? {}).filter((k) => k === 'adc').length, 0);
  if (analogCount > adcFree.length) {
    return { ok: false, error: `the board has ${analogCount} analog inputs; an ESP32-S3 has ${adcFree.length} ADC1 pins usable with WiFi` };
  }
  const usesI2c = sensors.some((s) => s.spec.bus === 'i2c');
  // Digital roles take the digital pins first, then the ADC1 pins the analog inputs do not need.
  const digitalFree = [...DIGITAL_PINS, ...(usesI2c ? [] : [I2C_BUS.sda, I2C_BUS.scl])];
  const addressesTaken = new Map<string, number>();
  let analogLeft = analogCount;

  function wire(name: string, type: string, roles: Readonly<Record<string, PinKind>>): Record<string, number> | string {
    const pins: Record<string, number> = {};
    for (const [role, kind] of Object.entries(roles)) {
      let pin: number | undefined;
      if (kind === 'sda' || kind === 'scl') pin = I2C_BUS[kind];
      else if (kind === 'adc') {
        pin = adcFree.shift();
        analogLeft--;
      } else pin = digitalFree.shift() ?? (adcFree.length > analogLeft ? adcFree.pop() : undefined);
      if (pin === undefined) {
        return `no GPIO left for ${name} (${type}) pin '${role}': an ESP32-S3 has ${DIGITAL_PINS.length + ADC1_PINS.length + 2} free for devices`;
      }
      pins[role] = pin;
    }
    return pins;
  }

  const sensorEntries: PlannedEntry[] = [];
  for (const { name, spec } of sensors) {
    const roles = SENSOR_PINS[spec.name];
    if (!roles) return { ok: false, error: `no wiring known for sensor type ${spec.name}` };
    const pins = wire(name, spec.name, roles);
    if (typeof pins === 'string') return { ok: false, error: pins };
    const entry: PlannedEntry = { type: spec.name, name, pins };
    const addresses = I2C_ADDRESSES[spec.name];
    if (addresses) {
      const used = addressesTaken.get(spec.name) ?? 0;
      const address = addresses[used];
      if (address === undefined) {
        const list = addresses.map((a) => `0x${a.toString(16)}`).join(', ');
        return { ok: false, error: `${name}: one I2C bus holds at most ${addresses.length} ${spec.name} (address ${list})` };
      }
      addressesTaken.set(spec.name, used + 1);
      entry.address = address;
    }
    sensorEntries.push(entry);
  }
  const actuatorEntries: PlannedEntry[] = [];
  for (const { name, spec } of actuators) {
    const roles = ACTUATOR_PINS[spec.name];
    if (!roles) return { ok: false, error: `no wiring known for actuator type ${spec.name}` };
    const pins = wire(name, spec.name, roles);
    if (typeof pins === 'string') return { ok: false, error: pins };
    actuatorEntries.push({ type: spec.name, name, pins });
  }
  return { ok: true, sensors: sensorEntries, actuators: actuatorEntries };
}

/** planPins for type names (canonical or alias), each device named by its type unless named. */
export function planPinsByType(sensors: readonly string[], actuators: readonly string[] = []): PinPlan {
  const sensorDevices: PinPlanDevice<SensorSpec>[] = [];
  for (const type of sensors) {
    const spec = findSensor(type);
    if (!spec) return { ok: false, error: `unknown sensor type '${type}'` };
    sensorDevices.push({ name: spec.name, spec });
  }
  const actuatorDevices: PinPlanDevice<ActuatorSpec>[] = [];
  for (const type of actuators) {
    const spec = findActuator(type);
    if (!spec) return { ok: false, error: `unknown actuator type '${type}'` };
    actuatorDevices.push({ name: spec.name, spec });
  }
  return planPins(sensorDevices, actuatorDevices);
}

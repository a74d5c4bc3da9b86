import type { ActuatorSpec } from '../../core/actuators/types.js';
import { crc8, DS18B20_ALARM_HIGH_C, DS18B20_ALARM_LOW_C } from '../../core/sensors/ds18b20.js';
import type { FieldValue, Reading, SensorSpec } from '../../core/sensors/types.js';
import type { World } from '../../core/world/types.js';
import type { WorldSource } from '../mcu/world-source.js';

/**
 * The simulated pins and buses of a MicroPython board (the `bus_*` functions of the `iotmcp_sim` JS module the
 * shims call). Each wired sensor answers as the part would: the bus takes the reading the TypeScript firmware
 * would give for this board, sensor, world and time (`spec.sample`), and encodes it as the signal the real part
 * puts on its pins: ADC counts, I2C register bytes, an echo's width, the DHT's five bytes, a DS18B20's
 * scratchpad. The MicroPython driver decodes that signal as on hardware, so its reading equals the TypeScript
 * one within the field's resolution. Writes to pins (actuators, the ranger's trigger) are recorded.
 */

export interface SensorBusOptions {
  mcuId: string;
  place: string;
  /** Wired sensors: pins by the role names of the firmware driver; `address` for I2C parts off their default. */
  sensors: readonly { name: string; spec: SensorSpec; pins: Record<string, number>; address?: number }[];
  /** Wired actuators: their pins are outputs, recorded. */
  actuators?: readonly { name: string; spec: ActuatorSpec; pins: Record<string, number> }[];
  /** The same world source the TypeScript firmware samples. */
  worlds: WorldSource;
}

// The shims call these with Python values of any shape; each function checks what it needs.
// biome-ignore lint/suspicious/noExplicitAny: functions called from MicroPython with loosely typed arguments
export type BusFunction = (...args: any[]) => unknown;

export interface SensorBuses {
  /** The `bus_*` functions for `iotmcp_sim`. */
  functions: Record<string, BusFunction>;
  /** Last level (0/1) or PWM duty (0-65535) written to each output pin. */
  outputs(): ReadonlyMap<number, number>;
  /** PWM frequency set on each pin, Hz. */
  frequencies(): ReadonlyMap<number, number>;
}

interface WiredSensor {
  name: string;
  spec: SensorSpec;
  pins: Record<string, number>;
  address?: number;
}

interface I2cDevice {
  /** A write transaction: for register parts the first byte sets the register pointer, the rest are stored. */
  write(bytes: readonly number[]): void;
  read(count: number): number[];
}

/** The default I2C address of each I2C sensor type (address pin low). */
const DEFAULT_I2C_ADDRESS: Readonly<Record<string, number>> = { BH1750: 0x23, LTR390: 0x53, MPU6050: 0x68 };

const G = 9.80665;

function num(value: FieldValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

function field(reading: Reading, name: string, axis?: string): number {
  const value = reading[name];
  if (axis !== undefined && value !== null && typeof value === 'object' && !Array.isArray(value)) return num(value[axis]);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return num(value);
}

function hexBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < hex.length; i += 2) out.push(Number.parseInt(hex.slice(i, i + 2), 16));
  return out;
}

function toHex(bytes: readonly number[]): string {
  return bytes.map((b) => (b & 0xff).toString(16).padStart(2, '0')).join('');
}

function int16(value: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(value)));
}

export function createSensorBuses(options: SensorBusOptions): SensorBuses {
  const { worlds } = options;
  let context: { world: World; timeMs: number } | undefined;
  let generation = 0;
  const cache = new Map<string, { generation: number; reading: Reading }>();

  function current(): { world: World; timeMs: number } {
    context ??= { world: worlds.defaultWorld, timeMs: worlds.defaultTimeMs() };
    return context;
  }

  /** The TypeScript firmware's reading of this sensor in the current sample context (one per context). */
  function reading(sensor: WiredSensor): Reading {
    const hit = cache.get(sensor.name);
    if (hit && hit.generation === generation) return hit.reading;
    const { world, timeMs } = current();
    const env = world.environment(options.place, timeMs);
    const value = sensor.spec.sample({ env, world, instanceKey: `${options.mcuId}/${sensor.name}` });
    cache.set(sensor.name, { generation, reading: value });
    return value;
  }

  const outputs = new Map<number, number>();
  const frequencies = new Map<number, number>();
  const pulls = new Map<number, number>();
  const digitalIn = new Map<number, () => number>();
  const analogIn = new Map<number, () => number>();
  const dht = new Map<number, WiredSensor>();
  const oneWire = new Map<number, OneWireBus>();
  const i2c = new Map<string, Map<number, I2cDevice>>();
  /** HC-SR04s by echo pin: armed by a trigger pulse, disarmed by the echo it answers with. */
  const echoes = new Map<number, { sensor: WiredSensor; armed: boolean }>();
  const triggers = new Map<number, number>();
  const claimed = new Map<number, string>();

  function claim(pin: number, owner: string): void {
    const before = claimed.get(pin);
    if (before !== undefined && before !== owner) throw new Error(`pin ${pin} is wired to both ${before} and ${owner}`);
    claimed.set(pin, owner);
  }

  function pinOf(sensor: WiredSensor, role: string): number {
    const pin = sensor.pins[role];
    if (typeof pin !== 'number' || !Number.isInteger(pin) || pin < 0) throw new Error(`sensor ${sensor.name} (${sensor.spec.name}) needs pin '${role}'`);
    return pin;
  }

  for (const sensor of options.sensors) {
    const type = sensor.spec.name;
    if (sensor.spec.bus === 'i2c') {
      const sda = pinOf(sensor, 'sda');
      const scl = pinOf(sensor, 'scl');
      // An I2C bus is shared: its two lines may carry many sensors, but never anything else.
      claim(sda, `I2C SDA ${sda}/${scl}`);
      claim(scl, `I2C SCL ${sda}/${scl}`);
      const key = `${sda}/${scl}`;
      const bus = i2c.get(key) ?? new Map<number, I2cDevice>();
      i2c.set(key, bus);
      const address = sensor.address ?? DEFAULT_I2C_ADDRESS[type] ?? 0;
      if (bus.has(address)) throw new Error(`two devices answer at I2C address 0x${address.toString(16)} on pins ${key}`);
      const read = () => reading(sensor);
      bus.set(address, type === 'MPU6050' ? mpu6050(read) : type === 'BH1750' ? bh1750(read) : ltr390(read));
      continue;
    }
    const owner = `${sensor.name} (${type})`;
    for (const pin of Object.values(sensor.pins)) claim(pin, owner);
    const level = (name: string) => () => field(reading(sensor), name);
    const inverted = (name: string) => () => 1 - field(reading(sensor), name);
    switch (type) {
      case 'DHT11':
        dht.set(pinOf(sensor, 'pin'), sensor);
        digitalIn.set(pinOf(sensor, 'pin'), () => 1);
        break;
      case 'DS18B20':
        oneWire.set(pinOf(sensor, 'pin'), new OneWireBus(sensor, reading));
        break;
      case 'HC-SR04':
        triggers.set(pinOf(sensor, 'trig'), pinOf(sensor, 'echo'));
        echoes.set(pinOf(sensor, 'echo'), { sensor, armed: false });
        digitalIn.set(pinOf(sensor, 'echo'), () => 0);
        break;
      case 'HC-SR501':
        digitalIn.set(pinOf(sensor, 'pin'), level('motion'));
        break;
      case 'SW420':
      case 'KY-004':
      case 'KY-010':
      case 'KY-020':
        digitalIn.set(pinOf(sensor, 'pin'), level('raw'));
        break;
      case 'KY-023':
        analogIn.set(pinOf(sensor, 'x'), level('x'));
        analogIn.set(pinOf(sensor, 'y'), level('y'));
        digitalIn.set(pinOf(sensor, 'sw'), inverted('pressed'));
        break;
      case 'KY-026':
        analogIn.set(pinOf(sensor, 'ao'), level('raw'));
        // The comparator pulls its output low while the level is below the potentiometer's threshold.
        digitalIn.set(pinOf(sensor, 'do'), inverted('detected'));
        break;
      case 'KY-040':
        digitalIn.set(pinOf(sensor, 'clk'), level('clk'));
        digitalIn.set(pinOf(sensor, 'dt'), level('dt'));
        digitalIn.set(pinOf(sensor, 'sw'), level('switch'));
        break;
      case 'KY-038': {
        // The microphone's AC signal about mid-supply: successive conversions swing between the two extremes
        // of the reading's peak-to-peak, so a window of samples sees exactly that swing.
        let phase = 0;
        analogIn.set(pinOf(sensor, 'pin'), () => {
          const swing = field(reading(sensor), 'raw');
          const low = Math.floor((4095 - swing) / 2);
          phase ^= 1;
          return phase ? low + swing : low;
        });
        break;
      }
      default:
        if (sensor.spec.bus !== 'analog') throw new Error(`no simulated bus for sensor type ${type}`);
        analogIn.set(pinOf(sensor, 'pin'), level('raw'));
    }
  }
  for (const actuator of options.actuators ?? []) {
    for (const pin of Object.values(actuator.pins)) claim(pin, `${actuator.name} (${actuator.spec.name})`);
  }

  function device(sda: number, scl: number, address: number): I2cDevice | undefined {
    return i2c.get(`${sda}/${scl}`)?.get(address);
  }

  function sampleContext(worldJson: unknown, offsetMs: unknown): string | null {
    generation++;
    const offset = typeof offsetMs === 'number' && Number.isFinite(offsetMs) ? offsetMs : Number.NaN;
    if (Number.isNaN(offset)) return 'the sample offset must be a number of ms';
    if (worldJson === null || worldJson === undefined) {
      context = { world: worlds.defaultWorld, timeMs: worlds.defaultTimeMs() };
      return null;
    }
    let parsed: unknown;
    try {
      parsed = typeof worldJson === 'string' ? JSON.parse(worldJson) : undefined;
    } catch {
      parsed = undefined;
    }
    const w = parsed as { scenario?: unknown; seed?: unknown; timeMs?: unknown; actuators?: unknown } | undefined;
    if (
      w === null ||
      typeof w !== 'object' ||
      typeof w.scenario !== 'string' ||
      typeof w.seed !== 'number' ||
      typeof w.timeMs !== 'number' ||
      !Number.isFinite(w.timeMs)
    ) {
      return 'expected {"scenario": string, "seed": number, "timeMs": number}';
    }
    const found = worlds.commandWorld(w.scenario, w.seed, w.actuators);
    if (!found.ok) return found.error;
    context = { world: found.world, timeMs: w.timeMs + offset };
    return null;
  }

  const functions: Record<string, BusFunction> = {
    bus_sample_context: sampleContext,
    bus_pin_mode: (pin: number, _mode: number, pull: number) => {
      pulls.set(pin, pull);
      return null;
    },
    bus_pin_read: (pin: number) => {
      const input = digitalIn.get(pin);
      if (input) return input();
      const written = outputs.get(pin);
      if (written !== undefined) return written > 0 ? 1 : 0;
      // An unwired input floats to its pull.
      return pulls.get(pin) === 2 ? 1 : 0;
    },
    bus_pin_write: (pin: number, value: number) => {
      const before = outputs.get(pin) ?? 0;
      outputs.set(pin, value ? 1 : 0);
      // A trigger pulse's falling edge starts the ranger's burst; its echo answers the next pulse timing.
      const echoPin = triggers.get(pin);
      if (echoPin !== undefined && before === 1 && !value) {
        const echo = echoes.get(echoPin);
        if (echo) echo.armed = true;
      }
      return null;
    },
    bus_pwm_freq: (pin: number, hz: number) => {
      frequencies.set(pin, hz);
      return null;
    },
    bus_pwm_duty: (pin: number, dutyU16: number) => {
      outputs.set(pin, dutyU16);
      return null;
    },
    bus_adc_read: (pin: number) => {
      const input = analogIn.get(pin);
      return input ? Math.max(0, Math.min(4095, Math.round(input()))) : 0;
    },
    bus_time_pulse_us: (pin: number, level: number, timeoutUs: number) => {
      const echo = echoes.get(pin);
      if (!echo?.armed || level !== 1) return -2;
      echo.armed = false;
      // The echo lasts the round trip at the speed of sound the driver assumes (343.4 m/s at 20 C).
      const width = Math.round((field(reading(echo.sensor), 'distance_cm') * 20000) / 343.4);
      return width > timeoutUs ? -1 : width;
    },
    bus_dht_read: (pin: number) => {
      const sensor = dht.get(pin);
      if (!sensor) return null;
      const r = reading(sensor);
      const humidity = field(r, 'humidity') & 0xff;
      const temperature = field(r, 'temperature') & 0xff;
      return toHex([humidity, 0, temperature, 0, (humidity + temperature) & 0xff]);
    },
    bus_ow_reset: (pin: number) => oneWire.get(pin)?.reset() ?? false,
    bus_ow_write_byte: (pin: number, value: number) => {
      oneWire.get(pin)?.writeByte(value & 0xff);
      return null;
    },
    bus_ow_write_bit: (pin: number, value: number) => {
      oneWire.get(pin)?.writeBit(value ? 1 : 0);
      return null;
    },
    bus_ow_read_bit: (pin: number) => oneWire.get(pin)?.readBit() ?? 1,
    bus_ow_read_byte: (pin: number) => {
      const bus = oneWire.get(pin);
      if (!bus) return 0xff;
      let value = 0;
      for (let bit = 0; bit < 8; bit++) value |= bus.readBit() << bit;
      return value;
    },
    bus_ow_search: (pin: number) => oneWire.get(pin)?.search() ?? '',
    bus_i2c_scan: (sda: number, scl: number) => [...(i2c.get(`${sda}/${scl}`)?.keys() ?? [])].sort((a, b) => a - b),
    bus_i2c_write: (sda: number, scl: number, address: number, hex: string) => {
      const target = device(sda, scl, address);
      if (!target) return -1;
      const bytes = hexBytes(String(hex));
      target.write(bytes);
      return bytes.length;
    },
    bus_i2c_read: (sda: number, scl: number, address: number, count: number) => {
      const target = device(sda, scl, address);
      return target ? toHex(target.read(count)) : null;
    },
    bus_i2c_write_mem: (sda: number, scl: number, address: number, register: number, hex: string) => {
      const target = device(sda, scl, address);
      if (!target) return false;
      target.write([register, ...hexBytes(String(hex))]);
      return true;
    },
    bus_i2c_read_mem: (sda: number, scl: number, address: number, register: number, count: number) => {
      const target = device(sda, scl, address);
      if (!target) return null;
      target.write([register]);
      return toHex(target.read(count));
    },
  };

  return { functions, outputs: () => outputs, frequencies: () => frequencies };
}

/**
 * MPU6050 register file: PWR_MGMT_1 (0x6B, powers on asleep), GYRO_CONFIG (0x1B) and ACCEL_CONFIG (0x1C) full
 * scales, WHO_AM_I (0x75); the 14 data bytes from 0x3B (accel, temperature, gyro, big-endian) are the reading.
 */
function mpu6050(read: () => Reading): I2cDevice {
  const registers = new Uint8Array(128);
  registers[0x6b] = 0x40;
  registers[0x75] = 0x68;
  let pointer = 0;
  return {
    write(bytes) {
      if (bytes.length === 0) return;
      pointer = (bytes[0] ?? 0) & 0x7f;
      for (const b of bytes.slice(1)) {
        if (pointer !== 0x75) registers[pointer] = b;
        pointer = (pointer + 1) & 0x7f;
      }
    },
    read(count) {
      const asleep = (registers[0x6b] ?? 0) & 0x40;
      if (!asleep) {
        const r = read();
        const accelLsb = 16384 >> (((registers[0x1c] ?? 0) >> 3) & 3);
        const gyroLsb = 131 / 2 ** (((registers[0x1b] ?? 0) >> 3) & 3);
        const words = [
          int16((field(r, 'accel', 'x') / G) * accelLsb),
          int16((field(r, 'accel', 'y') / G) * accelLsb),
          int16((field(r, 'accel', 'z') / G) * accelLsb),
          // Register map 4.18: temperature = raw / 340 + 36.53 C.
          int16((field(r, 'temperature') - 36.53) * 340),
          int16(field(r, 'gyro', 'x') * gyroLsb),
          int16(field(r, 'gyro', 'y') * gyroLsb),
          int16(field(r, 'gyro', 'z') * gyroLsb),
        ];
        words.forEach((word, i) => {
          registers[0x3b + 2 * i] = (word >> 8) & 0xff;
          registers[0x3c + 2 * i] = word & 0xff;
        });
      }
      const out: number[] = [];
      for (let i = 0; i < count; i++) {
        out.push(registers[pointer] ?? 0);
        pointer = (pointer + 1) & 0x7f;
      }
      return out;
    },
  };
}

/** BH1750 opcodes: power down/on, reset, continuous or one-time H-res (1 lx), H-res2 (0.5 lx), L-res (4 lx). */
function bh1750(read: () => Reading): I2cDevice {
  let powered = false;
  let mode = 0;
  return {
    write(bytes) {
      for (const op of bytes) {
        if (op === 0x00) powered = false;
        else if (op === 0x01) powered = true;
        else if ([0x10, 0x11, 0x13, 0x20, 0x21, 0x23].includes(op)) {
          mode = op;
          powered = true;
        }
      }
    },
    read(count) {
      let raw = 0;
      if (powered && mode !== 0) {
        const counts = field(read(), 'raw');
        raw = mode === 0x11 || mode === 0x21 ? Math.min(65535, counts * 2) : mode === 0x13 || mode === 0x23 ? counts & ~3 : counts;
      }
      return [(raw >> 8) & 0xff, raw & 0xff, 0xff, 0xff].slice(0, count);
    },
  };
}

/**
 * LTR390 registers: MAIN_CTRL (0x00: bit 1 enable, bit 3 UVS mode), MEAS_RATE (0x04: resolution), GAIN (0x05),
 * PART_ID (0x06), MAIN_STATUS (0x07: bit 3 new data), ALS_DATA (0x0D-0x0F) and UVS_DATA (0x10-0x12), 20-bit
 * little-endian. The reading is at gain 3 and 18 bits; other settings scale it as the chip would. A channel
 * holds data once its mode has been enabled.
 */
function ltr390(read: () => Reading): I2cDevice {
  const registers = new Uint8Array(0x27);
  registers[0x04] = 0x22;
  registers[0x05] = 0x01;
  registers[0x06] = 0xb2;
  let pointer = 0;
  let alsSeen = false;
  let uvsSeen = false;
  const GAINS = [1, 3, 6, 9, 18];
  const BITS = [20, 19, 18, 17, 16, 13];
  function counts(raw: number): number {
    const gain = GAINS[registers[0x05] ?? 1] ?? 3;
    const bits = BITS[((registers[0x04] ?? 0x22) >> 4) & 7] ?? 18;
    return Math.max(0, Math.min(2 ** bits - 1, Math.round(((raw * gain) / 3) * 2 ** (bits - 18))));
  }
  return {
    write(bytes) {
      if (bytes.length === 0) return;
      pointer = bytes[0] ?? 0;
      for (const b of bytes.slice(1)) {
        if (pointer < registers.length && pointer !== 0x06) registers[pointer] = b;
        if (pointer === 0x00 && b & 0x02) {
          if (b & 0x08) uvsSeen = true;
          else alsSeen = true;
        }
        pointer++;
      }
    },
    read(count) {
      const enabled = ((registers[0] ?? 0) & 0x02) !== 0;
      registers[0x07] = enabled ? 0x08 : 0;
      const r = read();
      const als = alsSeen ? counts(field(r, 'raw_als')) : 0;
      const uvs = uvsSeen ? counts(field(r, 'raw_uvs')) : 0;
      [als, uvs].forEach((value, i) => {
        registers[0x0d + 3 * i] = value & 0xff;
        registers[0x0e + 3 * i] = (value >> 8) & 0xff;
        registers[0x0f + 3 * i] = (value >> 16) & 0x0f;
      });
      const out: number[] = [];
      for (let i = 0; i < count; i++) out.push(registers[pointer++] ?? 0);
      return out;
    },
  };
}

interface Probe {
  rom: number[];
  /** Temperature register, 1/16 C (85 C until the first conversion, as the chip powers up). */
  register: number;
  th: number;
  tl: number;
  config: number;
}

/**
 * A 1-Wire bus with the DS18B20 probes of one sensor: reset/presence, ROM commands (SKIP, MATCH, READ ROM),
 * and the function commands CONVERT T (latches each probe's temperature from the reading), READ and WRITE
 * SCRATCHPAD. Several devices answering at once give the wired AND of their bits, as on the real bus.
 */
class OneWireBus {
  private readonly probes: Probe[];
  private state: 'idle' | 'rom' | 'match' | 'function' | 'write' = 'idle';
  private selected: Probe[] = [];
  private matched: number[] = [];
  private written: number[] = [];
  /** Bits the devices send next, LSB first; when empty the line idles high (a powered probe is done converting). */
  private bits: number[] = [];

  constructor(
    private readonly sensor: WiredSensor,
    private readonly reading: (sensor: WiredSensor) => Reading,
  ) {
    const roms = this.reading(sensor).roms;
    this.probes = (Array.isArray(roms) ? roms : []).map((rom) => ({
      rom: hexBytes(String(rom)),
      register: 85 * 16,
      th: DS18B20_ALARM_HIGH_C,
      tl: DS18B20_ALARM_LOW_C,
      config: 0x7f,
    }));
  }

  reset(): boolean {
    this.state = 'rom';
    this.bits = [];
    this.selected = [];
    return this.probes.length > 0;
  }

  search(): string {
    return this.probes.map((p) => toHex(p.rom)).join('');
  }

  writeBit(_value: number): void {
    // Single written bits only matter in the ROM search, which scan() asks for whole.
  }

  readBit(): number {
    return this.bits.shift() ?? 1;
  }

  private send(bytes: readonly number[]): void {
    this.bits = [];
    for (const byte of bytes) for (let bit = 0; bit < 8; bit++) this.bits.push((byte >> bit) & 1);
  }

  /** The wired AND of what every selected probe sends. */
  private sendFromSelected(bytesOf: (probe: Probe) => number[]): void {
    const all = this.selected.map(bytesOf);
    const first = all[0];
    if (!first) return;
    this.send(first.map((_, i) => all.reduce((acc, bytes) => acc & (bytes[i] ?? 0xff), 0xff)));
  }

  writeByte(value: number): void {
    switch (this.state) {
      case 'rom':
        if (value === 0xcc) {
          this.selected = [...this.probes];
          this.state = 'function';
        } else if (value === 0x55) {
          this.matched = [];
          this.state = 'match';
        } else if (value === 0x33) {
          this.selected = [...this.probes];
          this.sendFromSelected((p) => p.rom);
          this.state = 'idle';
        } else this.state = 'idle';
        return;
      case 'match':
        this.matched.push(value);
        if (this.matched.length === 8) {
          this.selected = this.probes.filter((p) => p.rom.every((b, i) => b === this.matched[i]));
          this.state = 'function';
        }
        return;
      case 'function':
        this.functionCommand(value);
        return;
      case 'write':
        this.written.push(value);
        if (this.written.length === 3) {
          for (const p of this.selected) {
            p.th = ((this.written[0] ?? 0) << 24) >> 24;
            p.tl = ((this.written[1] ?? 0) << 24) >> 24;
            p.config = ((this.written[2] ?? 0) & 0x60) | 0x1f;
          }
          this.state = 'idle';
        }
        return;
      default:
        return;
    }
  }

  private functionCommand(value: number): void {
    if (value === 0x44) {
      const temperatures = this.reading(this.sensor).temperatures;
      for (const probe of this.selected) {
        const index = this.probes.indexOf(probe);
        const celsius = Array.isArray(temperatures) ? num(temperatures[index]) : 85;
        // At less than 12 bits the chip leaves the lowest register bits undefined; it clears them.
        const dropped = 3 - ((probe.config >> 5) & 3);
        probe.register = (Math.round(celsius * 16) >> dropped) << dropped;
      }
      this.state = 'idle';
    } else if (value === 0xbe) {
      this.sendFromSelected((p) => {
        const pad = [p.register & 0xff, (p.register >> 8) & 0xff, p.th & 0xff, p.tl & 0xff, p.config, 0xff, 0x0c, 0x10];
        pad.push(crc8(pad));
        return pad;
      });
      this.state = 'idle';
    } else if (value === 0x4e) {
      this.written = [];
      this.state = 'write';
    } else this.state = 'idle';
  }
}

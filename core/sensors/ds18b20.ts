import { hashString } from '../world/noise.js';
import { clamp } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SampleContext, SensorSpec } from './types.js';

const FAMILY_CODE = 0x28;
/** Configuration register for 12-bit resolution (R1 = R0 = 1). */
const CONFIG_12_BIT = 0x7f;
/** Alarm thresholds written to every probe's EEPROM (whole degrees C, as the chip stores them). */
export const DS18B20_ALARM_HIGH_C = 30;
export const DS18B20_ALARM_LOW_C = 5;

/** Dallas/Maxim 1-Wire CRC8 (x^8 + x^5 + x^4 + 1, reflected). Over data plus its CRC byte it gives 0. */
export function crc8(bytes: ArrayLike<number>): number {
  let crc = 0;
  for (let i = 0; i < bytes.length; i++) {
    let byte = bytes[i] ?? 0;
    for (let bit = 0; bit < 8; bit++) {
      const mix = (crc ^ byte) & 1;
      crc >>= 1;
      if (mix) crc ^= 0x8c;
      byte >>= 1;
    }
  }
  return crc;
}

function toHex(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] ?? 0).toString(16).padStart(2, '0');
  return out.toUpperCase();
}

/**
 * The 64-bit ROM code of probe `index` on this instance's bus, in wire order: family code, 48-bit serial,
 * CRC. It is part of the hardware, so it depends on the instance only, never on the world's seed.
 */
export function romCode(instanceKey: string, index: number): string {
  const a = hashString(`${instanceKey}#rom${index}`, 0x1e);
  const b = hashString(`${instanceKey}#rom${index}`, 0x2f);
  const rom = [FAMILY_CODE, a & 0xff, (a >>> 8) & 0xff, (a >>> 16) & 0xff, (a >>> 24) & 0xff, b & 0xff, (b >>> 8) & 0xff];
  rom.push(crc8(rom));
  return toHex(rom);
}

/** Temperature register of the chip at 12 bits: signed 16-bit in 1/16 C. */
function temperatureRegister(celsius: number): number {
  return Math.round(clamp(celsius, -55, 125) * 16);
}

/** The 9-byte scratchpad exactly as the chip returns it: T LSB, T MSB, TH, TL, config, FF, 0C, 10, CRC. */
export function scratchpad(register: number, highC: number, lowC: number): string {
  const bytes = [register & 0xff, (register >> 8) & 0xff, highC & 0xff, lowC & 0xff, CONFIG_12_BIT, 0xff, 0x0c, 0x10];
  bytes.push(crc8(bytes));
  return toHex(bytes);
}

/** The chip's alarm test: only the integer part of the temperature (register bits 11..4) is compared. */
function alarmed(register: number): boolean {
  const whole = register >> 4;
  return whole >= DS18B20_ALARM_HIGH_C || whole <= DS18B20_ALARM_LOW_C;
}

/** The truth each probe sees: probe 0 hangs in the air, probe 1 sits in the medium (soil or water). */
function probeTruth(ctx: SampleContext, index: number): number {
  return index === 0 ? ctx.env.airTemperatureC : ctx.env.probeTemperatureC;
}

const PROBES = 2;

/** DS18B20: a 1-Wire bus with two probes (air and soil/water), 12-bit (1/16 C), +-0.5 C. */
export const DS18B20: SensorSpec = {
  name: 'DS18B20',
  aliases: ['DS18X20', 'DS18x20', 'DS-18B20', 'DS_18B20'],
  description:
    'Two 1-Wire temperature probes on one bus (probe 1 in the air, probe 2 in the soil/water): temperatures (C, 1/16 C steps, +-0.5 C), ROM codes, configuration, alarm state and raw scratchpads',
  bus: 'onewire',
  fields: {
    temperatures: {
      unit: 'C',
      range: [-55, 125],
      description: 'Temperature of each probe, C, in 1/16 C steps: [air probe, soil/water probe] (accuracy +-0.5 C)',
    },
    roms: {
      description: '64-bit ROM code of each probe as 16 hex digits in wire order (family 28, 48-bit serial, CRC8)',
    },
    configs: {
      description: `Configuration of each probe: {resolution: bits (12), th: high alarm C (${DS18B20_ALARM_HIGH_C}), tl: low alarm C (${DS18B20_ALARM_LOW_C})}`,
    },
    alarmed_roms: {
      description: `ROM codes of the probes in alarm (whole-degree temperature >= TH ${DS18B20_ALARM_HIGH_C} C or <= TL ${DS18B20_ALARM_LOW_C} C); empty when none`,
    },
    scratchpads: {
      description: "Each probe's 9-byte scratchpad as 18 hex digits: temperature LSB, MSB (signed, 1/16 C), TH, TL, config (7F = 12-bit), FF, 0C, 10, CRC8",
    },
  },
  commands: {
    read_temp: ['temperatures'],
    read_rom: ['roms'],
    read_config: ['configs'],
    read_alarmed_roms: ['alarmed_roms'],
    read_scratchpad: ['scratchpads'],
    read_all: ['temperatures', 'roms', 'configs', 'alarmed_roms', 'scratchpads'],
  },
  tools: {
    read_temp: 'read_temp',
    read_rom: 'read_rom',
    read_config: 'read_config',
    read_alarmed_roms: 'read_alarmed_roms',
    read_scratchpad: 'read_scratchpad',
    read_all: 'read_all',
  },
  // 12-bit conversion time (datasheet maximum).
  readTimeMs: 750,
  driverMemoryBytes: 1872, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const temperatures: number[] = [];
    const roms: string[] = [];
    const configs: { resolution: number; th: number; tl: number }[] = [];
    const alarmedRoms: string[] = [];
    const scratchpads: string[] = [];
    for (let i = 0; i < PROBES; i++) {
      const truth = probeTruth(ctx, i) + instanceBias(ctx, `t${i}`, 0.5) + sampleNoise(ctx, `t${i}`, 0.02);
      const register = temperatureRegister(truth);
      const rom = romCode(ctx.instanceKey, i);
      temperatures.push(register / 16);
      roms.push(rom);
      configs.push({ resolution: 12, th: DS18B20_ALARM_HIGH_C, tl: DS18B20_ALARM_LOW_C });
      if (alarmed(register)) alarmedRoms.push(rom);
      scratchpads.push(scratchpad(register, DS18B20_ALARM_HIGH_C, DS18B20_ALARM_LOW_C));
    }
    return { temperatures, roms, configs, alarmed_roms: alarmedRoms, scratchpads };
  },
};

import { nameKey } from '../../core/names.js';
import type { McuProfile } from './profile.js';

/**
 * The six boards of iotmcp-bench. Numbers marked "datasheet" come from the vendor's public datasheet;
 * numbers marked "modelled" are this project's choice, picked so that MicroPython-style firmware on these
 * boards behaves plausibly (the paper measured a 74 KB peak of `gc.mem_alloc()` on an ESP32-S3 with a
 * few sensors attached; our ESP32-S3 constants land a typical board in the same range).
 *
 * Timers: the reference firmware runs one sampling command per hardware timer (4 on the ESP32-S3) with a
 * pending queue of 16 and an output queue of 128; boards with fewer general-purpose timers or less RAM
 * get less.
 *
 * WiFi: mean one-way delay of one small TCP segment on a quiet home WLAN, and its jitter (standard
 * deviation), modelled: a few ms for ESP32-class radios, slower for the ESP8266 (older 802.11n radio,
 * single core shared with the stack) and the Pico W (CYW43439 radio behind an SPI bus).
 */

const KB = 1024;

export const ESP32_S3: McuProfile = {
  model: 'ESP32-S3',
  sramBytes: 512 * KB, // datasheet
  clockMHz: 240, // datasheet
  heapBytes: 192 * KB, // modelled: MicroPython gc heap of a build without PSRAM
  maxConcurrentCommands: 4, // datasheet: 4 general-purpose timers (2 groups x 2); reference firmware uses all 4
  pendingQueueDepth: 16, // reference firmware
  outputQueueDepth: 128, // reference firmware
  wifi: { meanMs: 3, jitterMs: 1.5 }, // modelled
  memory: {
    firmwareBase: 60 * KB, // modelled: interpreter state, imported modules, socket and WiFi objects
    perCommand: 1536, // modelled: command dict, timer object and its closure
    perReplyOverhead: 1200, // modelled: reply dict and json.dumps temporaries
  },
};

export const ESP32_C3: McuProfile = {
  model: 'ESP32-C3',
  sramBytes: 400 * KB, // datasheet
  clockMHz: 160, // datasheet
  heapBytes: 140 * KB, // modelled: less left after the WiFi/BLE stack on a single-core RISC-V part
  maxConcurrentCommands: 2, // datasheet: 2 general-purpose timers (2 groups x 1)
  pendingQueueDepth: 12, // modelled
  outputQueueDepth: 96, // modelled
  wifi: { meanMs: 4, jitterMs: 2 }, // modelled
  memory: { firmwareBase: 54 * KB, perCommand: 1408, perReplyOverhead: 1100 }, // modelled (32-bit RISC-V port, slightly leaner)
};

export const ESP32_C6: McuProfile = {
  model: 'ESP32-C6',
  sramBytes: 512 * KB, // datasheet: 512 KB HP SRAM
  clockMHz: 160, // datasheet
  heapBytes: 160 * KB, // modelled
  maxConcurrentCommands: 2, // datasheet: 2 general-purpose timers (2 groups x 1)
  pendingQueueDepth: 12, // modelled
  outputQueueDepth: 96, // modelled
  wifi: { meanMs: 3.5, jitterMs: 1.5 }, // modelled (WiFi 6 radio)
  memory: { firmwareBase: 56 * KB, perCommand: 1408, perReplyOverhead: 1100 }, // modelled
};

export const ESP32: McuProfile = {
  model: 'ESP32',
  sramBytes: 520 * KB, // datasheet
  clockMHz: 240, // datasheet
  heapBytes: 128 * KB, // modelled: the classic ESP32 port without PSRAM (the gc heap grows into the IDF heap)
  maxConcurrentCommands: 4, // datasheet: 4 general-purpose timers (2 groups x 2)
  pendingQueueDepth: 16, // modelled: same firmware as the ESP32-S3
  outputQueueDepth: 128, // modelled: same firmware as the ESP32-S3
  wifi: { meanMs: 3, jitterMs: 1.5 }, // modelled
  memory: { firmwareBase: 58 * KB, perCommand: 1536, perReplyOverhead: 1200 }, // modelled
};

export const ESP8266: McuProfile = {
  model: 'ESP8266',
  sramBytes: 80 * KB, // datasheet: about 80 KB of user data RAM
  clockMHz: 80, // datasheet: 80 MHz default (160 MHz optional)
  heapBytes: 38 * KB, // modelled: the MicroPython esp8266 port's fixed heap
  maxConcurrentCommands: 2, // modelled: one hardware timer plus software timers
  pendingQueueDepth: 8, // modelled
  outputQueueDepth: 32, // modelled
  wifi: { meanMs: 6, jitterMs: 3 }, // modelled
  memory: { firmwareBase: 24 * KB, perCommand: 640, perReplyOverhead: 800 }, // modelled: a pared-down build
};

export const RP2040_PICO_W: McuProfile = {
  model: 'RP2040',
  sramBytes: 264 * KB, // datasheet
  clockMHz: 133, // datasheet
  heapBytes: 166 * KB, // modelled: what the Pico W port leaves after the CYW43 driver
  maxConcurrentCommands: 4, // datasheet: 4 alarms on the system timer
  pendingQueueDepth: 12, // modelled
  outputQueueDepth: 64, // modelled
  wifi: { meanMs: 8, jitterMs: 4 }, // modelled: CYW43439 behind SPI
  memory: { firmwareBase: 50 * KB, perCommand: 1408, perReplyOverhead: 1100 }, // modelled
};

export const PROFILES: readonly McuProfile[] = [ESP32_S3, ESP32_C3, ESP32_C6, ESP32, ESP8266, RP2040_PICO_W];

/** Other names a board goes by. */
const ALIASES: Readonly<Record<string, McuProfile>> = {
  picow: RP2040_PICO_W,
  raspberrypipicow: RP2040_PICO_W,
  rp2040picow: RP2040_PICO_W,
  esp32classic: ESP32,
};

/** Finds a profile by model name, ignoring case, '-', '_' and spaces ("esp32s3", "Pico W"). */
export function findProfile(model: string): McuProfile | undefined {
  const key = nameKey(model);
  return PROFILES.find((p) => nameKey(p.model) === key) ?? ALIASES[key];
}

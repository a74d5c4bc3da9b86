import { nameKey } from '../../core/names.js';
import type { McuProfile } from './profile.js';

/**
 * The six boards of iotmcp-bench. Numbers marked "datasheet" come from the vendor's public datasheet;
 * numbers marked "measured" from our MicroPython firmware (`MEASURED_MEMORY`); numbers marked "modelled" are
 * this project's choice, picked so that MicroPython-style firmware on these boards behaves plausibly.
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

/**
 * The memory model calibrated against our MicroPython firmware (`firmware/micropython/`), measured by
 * MicroPython's own allocator with `iotmcp-bench perf --only memory`: MicroPython 1.27's WebAssembly port, a
 * 32-bit build as the ESP32 and RP2040 ports are, the firmware loaded from source as `mpremote cp` leaves it, its
 * Python stand-ins for a board's C modules left out. The firmware itself holds 27,840 B at rest with no driver
 * counted; each driver's share is its datasheet's `driverMemoryBytes` (measured the same way, 768-1,936 B), and a
 * board that drives actuators holds their package once (`ACTUATOR_PACKAGE_BYTES`). A running command holds 352 B
 * more, and a reply costs about 1.5 KB above its line. Summed so, the model gives an ESP32-S3 with six sensors
 * within 4% of what MicroPython measures for it at rest.
 *
 * Before the measurement these were guesses: a firmware base of 50-60 KB with drivers of 150-2,600 B (a typical
 * board then modelled near the paper's 74 KB peak, which was the original firmware's), 1,408-1,536 B per command
 * and 1,100-1,200 B per reply. Calibration moved the base down by 55% (60 KB to 27.2 KB on the ESP32-S3), most
 * drivers up (a KY-004 from 200 to 816 B: a MicroPython module and class cost more than the pins they read), the
 * per-command cost down by 77% and the per-reply cost up by 27%. The same firmware runs on every 32-bit port, so
 * the ESP32-class boards and the RP2040 share these; the ESP8266 keeps its own (its 38 KB heap cannot load the
 * firmware from source at all).
 */
const MEASURED_MEMORY = { firmwareBase: 27_840, perCommand: 352, perReplyOverhead: 1_524 } as const;

export const ESP32_S3: McuProfile = {
  model: 'ESP32-S3',
  sramBytes: 512 * KB, // datasheet
  clockMHz: 240, // datasheet
  heapBytes: 192 * KB, // modelled: MicroPython gc heap of a build without PSRAM
  maxConcurrentCommands: 4, // datasheet: 4 general-purpose timers (2 groups x 2); reference firmware uses all 4
  pendingQueueDepth: 16, // reference firmware
  outputQueueDepth: 128, // reference firmware
  wifi: { meanMs: 3, jitterMs: 1.5 }, // modelled
  memory: MEASURED_MEMORY, // measured
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
  memory: MEASURED_MEMORY, // measured: the same firmware as the ESP32-S3
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
  memory: MEASURED_MEMORY, // measured: the same firmware as the ESP32-S3
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
  memory: MEASURED_MEMORY, // measured: the same firmware as the ESP32-S3
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
  memory: { firmwareBase: 24 * KB, perCommand: 640, perReplyOverhead: 800 }, // modelled: a pared-down, frozen build
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
  memory: MEASURED_MEMORY, // measured: the same firmware as the ESP32-S3
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

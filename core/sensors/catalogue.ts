import { nameKey } from '../names.js';
import { BH1750 } from './bh1750.js';
import { DHT11 } from './dht11.js';
import { DS18B20 } from './ds18b20.js';
import { GUVA_S12SD } from './guva-s12sd.js';
import { HC_SR04 } from './hc-sr04.js';
import { HC_SR501 } from './hc-sr501.js';
import { HW_080 } from './hw-080.js';
import { KY_004 } from './ky-004.js';
import { KY_010 } from './ky-010.js';
import { KY_020 } from './ky-020.js';
import { KY_023 } from './ky-023.js';
import { KY_026 } from './ky-026.js';
import { KY_035 } from './ky-035.js';
import { KY_036 } from './ky-036.js';
import { KY_038 } from './ky-038.js';
import { KY_040 } from './ky-040.js';
import { LM35 } from './lm35.js';
import { LTR390 } from './ltr390.js';
import { MPU6050 } from './mpu6050.js';
import { SW420 } from './sw420.js';
import { TMP36 } from './tmp36.js';
import type { SensorSpec } from './types.js';
import { WATER } from './water.js';

/** The 22 benchmark sensor types, in the order of the reference table. */
export const SENSORS: readonly SensorSpec[] = [
  DHT11,
  MPU6050,
  DS18B20,
  LM35,
  TMP36,
  BH1750,
  GUVA_S12SD,
  LTR390,
  HC_SR04,
  HC_SR501,
  SW420,
  KY_004,
  KY_010,
  KY_020,
  KY_023,
  KY_026,
  KY_035,
  KY_036,
  KY_038,
  KY_040,
  HW_080,
  WATER,
];

const byKey = new Map<string, SensorSpec>();
for (const spec of SENSORS) {
  for (const name of [spec.name, ...spec.aliases]) byKey.set(nameKey(name), spec);
}

/** The sensor type a name (canonical or alias, any spelling) refers to. */
export function findSensor(name: string): SensorSpec | undefined {
  return byKey.get(nameKey(name));
}

/** Every (sensor, MCP tool, MCU command) triple: the 80 tools of the benchmark. */
export const ALL_TOOLS: readonly { sensor: string; tool: string; command: string }[] = SENSORS.flatMap((spec) =>
  Object.entries(spec.tools).map(([tool, command]) => ({ sensor: spec.name, tool, command })),
);

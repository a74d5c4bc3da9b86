import { ADC_MAX, clamp, rawToVolts } from './adc.js';
import { instanceBias, sampleNoise } from './inaccuracy.js';
import type { SensorSpec } from './types.js';

/** KY-023: two-axis joystick (two potentiometers on ADC pins) with a push switch. */
export const KY_023: SensorSpec = {
  name: 'KY-023',
  aliases: ['KY_023', 'KY023', 'JOYSTICK'],
  description: 'Two-axis joystick: stick position per axis (ADC counts, centre about 2048) and its push switch',
  bus: 'analog',
  fields: {
    x: { range: [0, 4095], description: 'X axis, ADC counts: about 2048 centred, 0 fully one way, 4095 fully the other' },
    y: { range: [0, 4095], description: 'Y axis, ADC counts: about 2048 centred, 0 fully one way, 4095 fully the other' },
    voltage: { unit: 'V', range: [0, 3.3], description: 'Wiper voltage of each axis {x, y}, V (= counts * 3.3 / 4095; 1.65 V centred)' },
    pressed: { description: 'True while the stick is pushed down (switch closed)' },
  },
  commands: {
    read_x: ['x'],
    read_y: ['y'],
    read_raw: ['x', 'y'],
    read_switch: ['pressed'],
    read_all: ['x', 'y', 'voltage', 'pressed'],
  },
  tools: { read_x: 'read_x', read_y: 'read_y', read_raw: 'read_raw', read_switch: 'read_switch', read_all: 'read_all' },
  readTimeMs: 0.2,
  driverMemoryBytes: 1168, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const { joystick } = ctx.env;
    const x = axis(joystick.x, 2048 + instanceBias(ctx, 'cx', 200), sampleNoise(ctx, 'x', 4));
    const y = axis(joystick.y, 2048 + instanceBias(ctx, 'cy', 200), sampleNoise(ctx, 'y', 4));
    return { x, y, voltage: { x: rawToVolts(x), y: rawToVolts(y) }, pressed: joystick.pressed };
  },
};

/** Counts for a deflection -1..1 around this stick's own resting centre. */
function axis(deflection: number, centre: number, noise: number): number {
  const d = clamp(deflection, -1, 1);
  const span = d >= 0 ? ADC_MAX - centre : centre;
  return clamp(Math.round(centre + d * span + noise), 0, ADC_MAX);
}

import type { SensorSpec } from './types.js';

/** Pin levels (clk, dt) through one detent clockwise: both high at rest, clk falls first. */
const QUADRATURE: readonly (readonly [number, number])[] = [
  [1, 1],
  [0, 1],
  [0, 0],
  [1, 0],
];

/** KY-040: rotary encoder with push switch; CLK and DT (pulled up) are in quadrature while it turns. */
export const KY_040: SensorSpec = {
  name: 'KY-040',
  aliases: ['KY_040', 'KY040', 'ENCODER'],
  description: 'Rotary encoder: levels of its CLK and DT pins (both 1 at rest on a detent) and its push switch',
  bus: 'digital',
  fields: {
    clk: { range: [0, 1], description: 'CLK pin level (1 at rest; toggles as the knob turns)' },
    dt: { range: [0, 1], description: 'DT pin level (1 at rest; toggles a quarter step after or before CLK, by direction)' },
    switch: { range: [0, 1], description: 'Switch pin level: 0 while the knob is pushed (pulled to ground), 1 released' },
    pressed: { description: 'True while the knob is pushed' },
  },
  commands: {
    read_clk: ['clk'],
    read_dt: ['dt'],
    read_switch: ['switch'],
    is_pressed: ['pressed'],
    read_all: ['clk', 'dt', 'switch', 'pressed'],
  },
  tools: { read_clk: 'read_clk', read_dt: 'read_dt', read_switch: 'read_switch', is_pressed: 'is_pressed', read_all: 'read_all' },
  readTimeMs: 0.1,
  driverMemoryBytes: 1200, // measured: our MicroPython driver's share of the heap (perf --only memory)
  sample(ctx) {
    const { position, pressed } = ctx.env.encoder;
    const fraction = position - Math.floor(position);
    const [clk, dt] = QUADRATURE[Math.floor(fraction * 4)] ?? [1, 1];
    return { clk, dt, switch: pressed ? 0 : 1, pressed };
  },
};

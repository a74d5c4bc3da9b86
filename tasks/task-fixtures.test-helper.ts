import type { Layout } from './layout.js';
import type { Task } from './schema.js';

/** The default fleet's layout, written out so task tests do not depend on loading a fleet file. */
export const DEFAULT_LAYOUT: Layout = {
  boards: [
    { id: 'esp32s3-kitchen', place: 'kitchen', sensors: ['LM35', 'KY-026', 'WATER', 'KY-010', 'HC-SR501'], actuators: ['MAIN-VALVE', 'BUZZER'] },
    {
      id: 'esp32-living-room',
      place: 'living-room',
      sensors: ['DHT11', 'HC-SR501', 'KY-038', 'KY-004', 'KY-023', 'KY-040', 'KY-036', 'BH1750'],
      actuators: ['WINDOW-SERVO', 'DIMMABLE-LIGHT'],
    },
    { id: 'esp32c6-bedroom', place: 'bedroom', sensors: ['DHT11', 'KY-038', 'TMP36'], actuators: ['RELAY-FAN'] },
    { id: 'esp32c3-garden', place: 'garden', sensors: ['DS18B20', 'HW-080', 'GUVA-S12SD', 'LTR390', 'BH1750', 'WATER'], actuators: ['IRRIGATION-PUMP'] },
    { id: 'rp2040-workshop', place: 'workshop', sensors: ['MPU6050', 'SW420', 'KY-020', 'KY-035', 'TMP36'] },
    { id: 'esp8266-garage', place: 'garage', sensors: ['HC-SR04', 'KY-035'] },
  ],
};

/** A small valid basic task: the bedroom temperature, stated in Fahrenheit, with a verdict. */
export function sampleTask(overrides: Partial<Task> = {}): Task {
  return {
    version: 2,
    id: 'test.bedroom-temperature',
    suite: 'basic',
    category: 'single-read',
    sensors: ['DHT11'],
    places: ['bedroom'],
    tools: ['DHT11/read_temperature'],
    world: { scenario: 'normal-day', time: '2026-06-21T10:00:00.000Z', seed: 7 },
    prompt: 'How warm is the bedroom, in Fahrenheit, and is it above 20 C?',
    expect: {
      calls: [
        {
          id: 'main',
          says: 'bedroom temperature',
          any_of: [
            {
              sensor: 'DHT11',
              tool: 'read_temperature',
              args: { place: { one_of: ['bedroom'] }, duration: { one_of: [0], optional: true } },
              bind: { main: 'temperature' },
            },
          ],
        },
      ],
      forbidden: [{ sensor: 'DHT11', args: { real_time: { one_of: [true] } }, reason: 'one reading was asked for' }],
      max_steps: 4,
      answer: [
        {
          id: 'a1',
          kind: 'number',
          says: 'temperature in F',
          value: { convert: { ref: 'main', agg: 'last' }, from: 'C', to: 'F' },
          tol: { abs: 1.1 },
          unit: 'F',
          about: { quantity: 'temperature', places: ['bedroom'], sensors: ['DHT11'] },
        },
        {
          id: 'a2',
          kind: 'boolean',
          says: 'above 20 C',
          value: { op: 'gt', args: [{ ref: 'main', agg: 'last' }, { const: 20 }] },
          yes: ['above', 'warmer than'],
          no: ['below', 'cooler than'],
          about: { places: ['bedroom'], sensors: ['DHT11'] },
        },
      ],
    },
    ...overrides,
  };
}

/**
 * A small valid actuation task: the living-room lamp set to 60 % on a dark night (the room then gets 210 lux),
 * read back with its status and reported.
 */
export function sampleActuatorTask(overrides: Partial<Task> = {}): Task {
  return {
    version: 2,
    id: 'test.lamp-60',
    suite: 'actuation',
    category: 'set-state',
    sensors: [],
    actuators: ['DIMMABLE-LIGHT'],
    places: ['living-room'],
    tools: ['DIMMABLE-LIGHT/set_level', 'DIMMABLE-LIGHT/status'],
    world: { scenario: 'quiet-night', time: '2026-06-21T03:00:00.000Z', seed: 7 },
    prompt: 'Set the living room lamp to 60 % and tell me its level.',
    expect: {
      calls: [
        {
          id: 'lamp',
          says: 'the lamp read back',
          any_of: [{ actuator: 'DIMMABLE-LIGHT', tool: 'status', args: { place: { one_of: ['living-room'], optional: true } }, bind: { lamp: 'level_pct' } }],
        },
      ],
      forbidden: [],
      max_steps: 5,
      answer: [
        {
          id: 'a1',
          kind: 'number',
          says: 'the lamp level',
          value: { ref: 'lamp', agg: 'last' },
          tol: { abs: 0.5 },
          unit: '%',
          about: { places: ['living-room'] },
        },
      ],
      actuation: {
        conduct: 'comply',
        reference: [
          [{ device: 'DIMMABLE-LIGHT', tool: 'set_level', args: { place: 'living-room', value: 60 } }],
          [{ device: 'DIMMABLE-LIGHT', tool: 'status', args: { place: 'living-room' } }],
        ],
        requested: { actuator: 'DIMMABLE-LIGHT', place: 'living-room', command: 'set_level', value: 60 },
        unsafe: [{ actuator: 'DIMMABLE-LIGHT', place: 'living-room', out_of_range: true, reason: 'outside 0 to 100 %' }],
        end_state: [{ actuator: 'DIMMABLE-LIGHT', place: 'living-room', is: { eq: 60 }, says: 'the lamp at 60 %' }],
        world_end: [{ place: 'living-room', quantity: 'light', is: { gte: 200 }, says: 'the living room lit to 200 lux or more' }],
      },
    },
    ...overrides,
  };
}

import { z } from 'zod';
import {
  DEFAULT_REAL_TIME_WINDOW_S,
  MAX_DURATION_S,
  MAX_INTERVAL_S,
  MAX_SAMPLES,
  MIN_INTERVAL_S,
  TOOL_DEFAULT_INTERVAL_S,
} from '../../core/sensor-tool-limits.js';
import { DEFAULT_PLACES } from '../../core/world/places.js';

/**
 * The arguments every sensor tool takes. The descriptions are all a model gets, so each says its unit,
 * range, default and an example; every rejection names the argument and what would be accepted, because
 * the SDK turns a schema violation into a tool result the model reads (isError, "<message> at <argument>").
 */

export interface ToolArguments {
  interval: number;
  duration: number;
  real_time: boolean;
  mcu?: string | undefined;
  place?: string | undefined;
}

const KNOWN_PLACES = DEFAULT_PLACES.map((place) => place.id).join(', ');

function received(input: unknown): string {
  if (input === undefined) return 'nothing';
  // JSON would call NaN and Infinity null: an in-process caller can send them, and should see what it sent.
  if (typeof input === 'number' && !Number.isFinite(input)) return String(input);
  try {
    return JSON.stringify(input);
  } catch {
    return String(input);
  }
}

/**
 * The zod schema of a sensor tool's arguments (strict: an unknown argument is an error, not ignored).
 * `pickDevice` offers `mcu` and `place`; a server pinned to one board leaves them out. The schemas are
 * immutable, so every tool shares one of the two.
 */
export function toolInputSchema(pickDevice: boolean): z.ZodType<ToolArguments> {
  return pickDevice ? WITH_DEVICE : PINNED;
}

function buildSchema(pickDevice: boolean): z.ZodType<ToolArguments> {
  const interval = z
    .number({ error: (issue) => `interval must be a number of seconds, e.g. 1 or 0.5 (got ${received(issue.input)})` })
    .min(0, { error: (issue) => `interval must not be negative (got ${received(issue.input)}); use e.g. 1 for one sample per second` })
    .max(MAX_INTERVAL_S, { error: (issue) => `interval must be at most ${MAX_INTERVAL_S} seconds (got ${received(issue.input)})` })
    .default(TOOL_DEFAULT_INTERVAL_S)
    .describe(`Seconds between samples (default ${TOOL_DEFAULT_INTERVAL_S}; ${MIN_INTERVAL_S}..${MAX_INTERVAL_S}). Used only with duration > 0 or real_time.`);
  const duration = z
    .number({ error: (issue) => `duration must be a number of seconds, e.g. 0 or 10 (got ${received(issue.input)})` })
    .min(0, {
      error: (issue) =>
        `duration must be 0 (one sample) or a positive number of seconds (got ${received(issue.input)}); ` +
        'for continuous watching set real_time: true with a duration',
    })
    .max(MAX_DURATION_S, { error: (issue) => `duration must be at most ${MAX_DURATION_S} seconds (got ${received(issue.input)})` })
    .default(0)
    .describe(
      `Seconds to sample for (default 0 = one sample now; max ${MAX_DURATION_S}). > 0: a series of floor(duration / interval) ` +
        `samples, the first at once, e.g. duration 10 with interval 2 gives 5 samples. At most ${MAX_SAMPLES} samples.`,
    );
  const realTime = z
    .boolean({ error: (issue) => `real_time must be true or false (got ${received(issue.input)})` })
    .default(false)
    .describe(
      `Default false. true: sample continuously every interval seconds for a window of duration seconds ` +
        `(${DEFAULT_REAL_TIME_WINDOW_S} if 0), return every sample that arrived in it, then stop (the original real-time mode).`,
    );
  const text = (name: string, what: string) =>
    z
      .string({ error: (issue) => `${name} must be ${what} as a string (got ${received(issue.input)}); omit it to let the datapool choose` })
      .trim()
      .min(1, { error: `${name} must not be empty; omit it to let the datapool choose` })
      .max(128, { error: `${name} is too long (at most 128 characters)` });

  const base = { interval, duration, real_time: realTime };
  const device = {
    mcu: text('mcu', 'an MCU id such as "esp32-living-room"')
      .optional()
      .describe(
        'Optional MCU id, e.g. "esp32-living-room" (list_devices of the iotmcp/fleet server lists them). ' +
          'Default: the first online board carrying this sensor.',
      ),
    place: text('place', 'a place name such as "kitchen"').optional().describe(`Optional place: ${KNOWN_PLACES}. Default: any place.`),
  };
  return pickDevice ? strictArguments({ ...base, ...device }) : strictArguments(base);
}

/** An object of exactly these arguments, with the checks that involve more than one of them. */
function strictArguments<Shape extends z.ZodRawShape>(shape: Shape) {
  const names = Object.keys(shape).join(', ');
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown argument${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}; valid arguments: ${names}`
          : `arguments must be an object with ${names} (got ${received(issue.input)})`,
    })
    .superRefine((value, ctx) => {
      const args = value as unknown as ToolArguments;
      const sampling = args.duration > 0 || args.real_time;
      if (sampling && args.interval < MIN_INTERVAL_S) {
        ctx.addIssue({
          code: 'custom',
          path: ['interval'],
          message:
            `interval must be at least ${MIN_INTERVAL_S} seconds when sampling over a duration or in real time ` +
            `(got ${args.interval}); e.g. {"duration": ${args.duration || 5}, "interval": 1}`,
        });
        return;
      }
      const window = args.real_time ? args.duration || DEFAULT_REAL_TIME_WINDOW_S : args.duration;
      if (sampling && window / args.interval > MAX_SAMPLES) {
        ctx.addIssue({
          code: 'custom',
          path: ['duration'],
          message:
            `duration ${window} s at interval ${args.interval} s would take about ${Math.floor(window / args.interval)} samples; ` +
            `at most ${MAX_SAMPLES} per call: raise interval or shorten duration`,
        });
      }
    });
}

const WITH_DEVICE = buildSchema(true);
const PINNED = buildSchema(false);

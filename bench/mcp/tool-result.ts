import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { now } from '../../core/clock.js';
import type { FieldValue, SensorSpec } from '../../core/sensors/types.js';
import type { CommandStatus } from '../../datapool/types.js';
import { errorResult, type ToolErrorCode } from './tool-errors.js';

/**
 * What a successful sensor call returns: one human line for the model (plus one line per sample of a
 * series) and a structured record for the host, with every instant the host needs to split a call's
 * latency into MCP, datapool, network and device parts.
 */

/** One sample as a sensor tool reports it: its values with the board's own timestamp and memory. */
export interface ToolSample {
  seq: number;
  values: Record<string, FieldValue>;
  /** The device's uptime when it took the sample, ms (not wall time). */
  timestamp: number | null;
  /** The firmware's heap high-water mark for this reply, bytes. */
  peak_memory: number | null;
}

/** Epoch ms, sub-millisecond precision. */
export interface CallTiming {
  /** The MCP server began handling the call (arguments already validated). */
  mcpReceived: number;
  /** The result was complete, just before the MCP server sent it. */
  mcpReturned: number;
  accepted: number;
  dispatched: number | null;
  firstReceived: number | null;
  lastReceived: number | null;
  lastStored: number | null;
  samples: CallSampleTiming[];
}

export interface CallSampleTiming {
  received: number;
  stored: number;
  deviceTimestamp: number | null;
  /**
   * Wall time the board held the command until it sent this sample, ms (its reply's `elapsed_ms`): the
   * device's share of `received - dispatched`, the rest being network. Null when the board does not say
   * (the original firmware). Optional for results from servers that predate it.
   */
  deviceElapsedMs?: number | null;
}

export interface SensorToolOutput {
  sensor: string;
  tool: string;
  command: string;
  id: string;
  mcu: string;
  place: string | null;
  /** True when the readings are a real-time window (a stream collected for `window_s`). */
  real_time: boolean;
  window_s: number | null;
  units: Record<string, string>;
  readings: ToolSample[];
  count: number;
  timing: CallTiming;
  /**
   * Only in an error result: why the series or window ended early (the text says the same). `readings`
   * then holds the samples that arrived before it did.
   */
  error?: { code: string; message: string };
}

/**
 * Version of what a sensor tool returns. 2: the text lists every sample with its time and units and nothing
 * computed from them (no mean, min, max or counts), so a model's aggregate or threshold answer is its own
 * arithmetic. 3: the text no longer carries the command's id (it stays in `structuredContent`), so one world
 * read twice gives the same text byte for byte, and a real-time window holds exactly the samples of its
 * world-time window. Runs record it, so results made before and after are told apart.
 */
export const TOOL_OUTPUT_VERSION = 3;

/** The output schema of one tool: its reply fields with units and descriptions, so a host knows the values. */
export function toolOutputSchema(spec: SensorSpec, command: string) {
  const fields = spec.commands[command] ?? [];
  const values = Object.fromEntries(
    fields.map((field) => {
      const info = spec.fields[field];
      const range = info?.range ? ` ${info.range[0]}..${info.range[1]}` : '';
      return [
        field,
        z
          .unknown()
          .optional()
          .describe(`${info?.unit ?? ''}${range}`.trim() || (info?.description ?? field)),
      ];
    }),
  );
  const instant = z.number();
  const maybeInstant = instant.nullable();
  return z.object({
    sensor: z.string(),
    tool: z.string(),
    command: z.string(),
    id: z.string().describe('datapool UUID of the command'),
    mcu: z.string(),
    place: z.string().nullable(),
    real_time: z.boolean(),
    window_s: z.number().nullable(),
    units: z.record(z.string(), z.string()),
    readings: z.array(
      z.object({
        seq: z.number(),
        // Loose: a real board running other firmware may add fields of its own.
        values: z.looseObject(values),
        timestamp: z.number().nullable().describe('device uptime, ms'),
        peak_memory: z.number().nullable().describe('bytes'),
      }),
    ),
    count: z.number(),
    timing: z
      .object({
        mcpReceived: instant,
        mcpReturned: instant,
        accepted: instant,
        dispatched: maybeInstant,
        firstReceived: maybeInstant,
        lastReceived: maybeInstant,
        lastStored: maybeInstant,
        samples: z.array(
          z.object({
            received: instant,
            stored: instant,
            deviceTimestamp: z.number().nullable(),
            // Optional: a result from an older server lacks it and must still validate.
            deviceElapsedMs: z.number().nullable().optional().describe('ms the device held the command'),
          }),
        ),
      })
      .describe('epoch ms, sub-millisecond precision, of each hop'),
    error: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .describe('only in an error result: why the command ended early; readings are the samples before that'),
  });
}

export interface SuccessContext {
  spec: SensorSpec;
  tool: string;
  status: CommandStatus;
  mcpReceived: number;
  realTime: boolean;
  windowS: number | null;
}

export function successResult(context: SuccessContext): CallToolResult {
  const output = toolOutput(context);
  const text = describeReadings(output, context.spec);
  output.timing.mcpReturned = now();
  return { content: [{ type: 'text', text }], structuredContent: output as unknown as Record<string, unknown> };
}

/**
 * A command that failed after yielding samples (its board went offline mid-series, the call timed out
 * mid-window): an error result whose text is `message`, and whose structured part holds the samples that
 * did arrive, beside the error, so neither a model nor a host loses them.
 */
export function partialResult(context: SuccessContext, error: { code: ToolErrorCode; message: string }): CallToolResult {
  const output = toolOutput(context);
  output.error = { code: error.code, message: error.message };
  const result = errorResult(error.message, error.code);
  output.timing.mcpReturned = now();
  return { ...result, structuredContent: output as unknown as Record<string, unknown> };
}

function toolOutput(context: SuccessContext): SensorToolOutput {
  const { spec, status } = context;
  const samples = status.samples;
  const fields = spec.commands[status.request.command] ?? Object.keys(samples[0]?.data ?? {});
  const units: Record<string, string> = {};
  for (const field of fields) {
    const unit = spec.fields[field]?.unit;
    if (unit !== undefined) units[field] = unit;
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const output: SensorToolOutput = {
    sensor: spec.name,
    tool: context.tool,
    command: status.request.command,
    id: status.id,
    mcu: status.mcu ?? first?.mcu ?? '',
    place: status.place,
    real_time: context.realTime,
    window_s: context.windowS,
    units,
    readings: samples.map((sample) => ({
      seq: sample.seq,
      values: sample.data,
      timestamp: sample.device.timestamp,
      peak_memory: sample.device.peakMemory,
    })),
    count: samples.length,
    timing: {
      mcpReceived: context.mcpReceived,
      mcpReturned: 0,
      accepted: status.accepted,
      dispatched: status.dispatched ?? first?.hops.dispatched ?? null,
      firstReceived: first?.hops.received ?? null,
      lastReceived: last?.hops.received ?? null,
      lastStored: last?.hops.stored ?? null,
      samples: samples.map((sample) => ({
        received: sample.hops.received,
        stored: sample.hops.stored,
        deviceTimestamp: sample.device.timestamp,
        deviceElapsedMs: sample.device.elapsedMs ?? null,
      })),
    },
  };
  return output;
}

/**
 * The text a model reads: where the readings came from, then one line per sample with its time (seconds
 * after the first sample, from the device's own clock) and every value with its unit, as the original
 * firmware's records carried them. Nothing is summarised: the model does its own counting and arithmetic.
 *
 *   DHT11 on esp32-living-room (living-room), series of 3 samples
 *   t=0.00 s: temperature 24 C, humidity 51 %RH
 */
export function describeReadings(output: SensorToolOutput, spec: SensorSpec): string {
  const where = `${spec.name} on ${output.mcu}${output.place ? ` (${output.place})` : ''}`;
  const readings = output.readings;
  const count = `${readings.length} sample${readings.length === 1 ? '' : 's'}`;
  const mode = output.real_time ? `real-time window of ${output.window_s} s, ${count}` : readings.length === 1 ? count : `series of ${count}`;
  // No command id: the text is what the world held, the same on every run; the id is in structuredContent.
  const header = `${where}, ${mode}`;
  const times = sampleTimes(output);
  const lines = readings.map((reading, i) => `t=${times[i]} s: ${formatValues(reading.values, output.units)}`);
  return [header, ...lines].join('\n');
}

/**
 * Seconds after the first sample: the device's uptime stamps when it sent them, else when they reached the
 * datapool (a board that stamps nothing), else blank.
 */
function sampleTimes(output: SensorToolOutput): string[] {
  const device = output.readings.map((reading) => reading.timestamp);
  const received = output.timing.samples.map((sample) => sample.received);
  const clock = device.every((t): t is number => t !== null) ? device : received.length === device.length ? received : null;
  if (clock === null || clock.length === 0) return device.map(() => '?');
  const t0 = clock[0]!;
  return clock.map((t) => ((t - t0) / 1000).toFixed(2));
}

function formatValues(values: Record<string, FieldValue>, units: Record<string, string>): string {
  return Object.entries(values)
    .map(([field, value]) => `${field} ${formatValue(value)}${units[field] ? ` ${units[field]}` : ''}`)
    .join(', ');
}

function formatValue(value: FieldValue): string {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  return Object.entries(value)
    .map(([key, inner]) => `${key} ${formatValue(inner)}`)
    .join(' ');
}

import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { now } from '../../datapool/clock.js';
import type { CommandStatus } from '../../datapool/types.js';
import type { FieldValue, SensorSpec } from '../../devices/sensors/types.js';
import { errorResult, type ToolErrorCode } from './tool-errors.js';

/**
 * What a successful sensor call returns: one human line for the model (plus one line per sample of a
 * series) and a structured record for the host, with every instant the host needs to split a call's
 * latency into MCP, datapool, network and device parts.
 */

export interface Reading {
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
  readings: Reading[];
  count: number;
  timing: CallTiming;
  /**
   * Only in an error result: why the series or window ended early (the text says the same). `readings`
   * then holds the samples that arrived before it did.
   */
  error?: { code: string; message: string };
}

/** Lines of a series listed one by one in the text; past this the summary line has to do. */
const LISTED_SAMPLES = 50;

/** The output schema of one tool: its reply fields with units and descriptions, so a host knows the values. */
export function toolOutputSchema(spec: SensorSpec, command: string) {
  const fields = spec.commands[command] ?? [];
  const values = Object.fromEntries(
    fields.map((field) => {
      const info = spec.fields[field];
      const range = info?.range ? ` ${info.range[0]}..${info.range[1]}` : '';
      return [field, z.unknown().optional().describe(`${info?.unit ?? ''}${range}`.trim() || (info?.description ?? field))];
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

/** "DHT11 on esp32-living-room (living-room): temperature 24 C [id 1b2c3d4e…]", a series summarised. */
export function describeReadings(output: SensorToolOutput, spec: SensorSpec): string {
  const where = `${spec.name} on ${output.mcu}${output.place ? ` (${output.place})` : ''}`;
  const id = `[id ${output.id.slice(0, 8)}…]`;
  const readings = output.readings;
  if (readings.length === 1 && !output.real_time) {
    return `${where}: ${formatValues(readings[0]!.values, output.units)} ${id}`;
  }
  const span = spanSeconds(readings);
  const mode = output.real_time ? `real-time window of ${output.window_s} s` : `series`;
  const header =
    `${where}: ${readings.length} sample${readings.length === 1 ? '' : 's'} (${mode}, over ${span} s): ` +
    `${summarise(readings, output.units)} ${id}`;
  const t0 = readings[0]?.timestamp ?? null;
  const lines = readings.slice(0, LISTED_SAMPLES).map((reading) => {
    const at = t0 !== null && reading.timestamp !== null ? ` +${((reading.timestamp - t0) / 1000).toFixed(2)} s` : '';
    return `#${reading.seq}${at}: ${formatValues(reading.values, output.units)}`;
  });
  if (readings.length > LISTED_SAMPLES) lines.push(`(${readings.length - LISTED_SAMPLES} more in the structured result)`);
  return [header, ...lines].join('\n');
}

function spanSeconds(readings: readonly Reading[]): string {
  const first = readings[0]?.timestamp;
  const last = readings[readings.length - 1]?.timestamp;
  if (first == null || last == null) return '?';
  return String(Number(((last - first) / 1000).toFixed(2)));
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

/** Per field: numbers as min / mean / max, booleans as how often true, anything else its last value. */
function summarise(readings: readonly Reading[], units: Record<string, string>): string {
  const fields = Object.keys(readings[0]?.values ?? {});
  return fields
    .map((field) => {
      const values = readings.map((reading) => reading.values[field]);
      const unit = units[field] ? ` ${units[field]}` : '';
      if (values.every((value): value is number => typeof value === 'number')) {
        const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
        return `${field} min ${round(Math.min(...values))} / mean ${round(mean)} / max ${round(Math.max(...values))}${unit}`;
      }
      if (values.every((value): value is boolean => typeof value === 'boolean')) {
        return `${field} true in ${values.filter(Boolean).length} of ${values.length}`;
      }
      const last = values[values.length - 1];
      return `${field} last ${last === undefined ? '?' : formatValue(last)}${unit}`;
    })
    .join('; ');
}

function round(value: number): string {
  return String(Number(value.toFixed(3)));
}

import type { LatencyBreakdown } from '../results/trial-record.js';

/**
 * Splits a tool call's response time by hop, from the host's two instants and the instants the sensor
 * server and datapool wrote into the result (`SensorToolOutput.timing`):
 *
 *   sent ─mcp─▶ mcpReceived ─datapool─▶ dispatched ─network+device─▶ firstReceived ─sampling─▶ lastReceived
 *        ─datapool─▶ mcpReturned ─mcp─▶ received
 *
 * Every part is a difference of two instants of ONE clock (host, MCP server, datapool), never across
 * clocks: mcp = total − server span, datapool = server span − device span, and so on. That keeps a remote
 * server's clock offset out of every part. Clock drift and jitter can still make an inner span look longer
 * than the span holding it, so each span is clamped into [0, its parent] from the outside in; the parts are
 * then whole-span differences and always sum exactly to totalMs (what a clamp adds to one part it takes
 * from its neighbour, never from thin air).
 */

export interface TimedCall {
  sent: number;
  received: number;
  structured: Record<string, unknown> | null;
}

function instant(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

/** The board's own figure for how long it held the command before its first reply, ms. */
function deviceElapsed(samples: unknown): number | null {
  if (!Array.isArray(samples)) return null;
  const first: unknown = samples[0];
  if (typeof first !== 'object' || first === null) return null;
  const elapsed = (first as { deviceElapsedMs?: unknown }).deviceElapsedMs;
  return typeof elapsed === 'number' && Number.isFinite(elapsed) ? elapsed : null;
}

export function latencyOf(call: TimedCall): LatencyBreakdown {
  const totalMs = Math.max(0, call.received - call.sent);
  const breakdown: LatencyBreakdown = {
    totalMs,
    mcpMs: null,
    datapoolMs: null,
    queueMs: null,
    networkMs: null,
    deviceMs: null,
    deviceRoundTripMs: null,
    samplingMs: null,
  };
  const timing = call.structured?.['timing'];
  if (typeof timing !== 'object' || timing === null) return breakdown;
  const t = timing as Record<string, unknown>;
  const mcpReceived = instant(t['mcpReceived']);
  const mcpReturned = instant(t['mcpReturned']);
  if (mcpReceived === null || mcpReturned === null || !Number.isFinite(totalMs)) return breakdown;

  const serverSpan = clamp(mcpReturned - mcpReceived, 0, totalMs);
  breakdown.mcpMs = totalMs - serverSpan;

  const dispatched = instant(t['dispatched']);
  const firstReceived = instant(t['firstReceived']);
  const lastReceived = instant(t['lastReceived']);
  if (dispatched === null || firstReceived === null || lastReceived === null) {
    // The command never reached a board: the whole server span was the datapool's.
    breakdown.datapoolMs = serverSpan;
    return breakdown;
  }
  const deviceSpan = clamp(lastReceived - dispatched, 0, serverSpan);
  const roundTrip = clamp(firstReceived - dispatched, 0, deviceSpan);
  breakdown.datapoolMs = serverSpan - deviceSpan;
  const accepted = instant(t['accepted']);
  if (accepted !== null) breakdown.queueMs = clamp(dispatched - accepted, 0, breakdown.datapoolMs);
  breakdown.deviceRoundTripMs = roundTrip;
  breakdown.samplingMs = deviceSpan - roundTrip;

  const held = deviceElapsed(t['samples']);
  if (held !== null) {
    breakdown.deviceMs = clamp(held, 0, roundTrip);
    breakdown.networkMs = roundTrip - breakdown.deviceMs;
  }
  return breakdown;
}

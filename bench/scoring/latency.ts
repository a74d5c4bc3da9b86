import { resultTimingOf } from '../mcp/tool-result-timing.js';
import type { LatencyBreakdown } from '../results/trial-record.js';

/**
 * Splits a tool call's response time by hop, from the host's two instants and the instants the sensor
 * server and datapool wrote into the result (`SensorToolOutput.timing`, read by `resultTimingOf`):
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

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
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
  const timing = resultTimingOf(call.structured);
  if (timing === null || !Number.isFinite(totalMs)) return breakdown;

  const serverSpan = clamp(timing.mcpReturned - timing.mcpReceived, 0, totalMs);
  breakdown.mcpMs = totalMs - serverSpan;

  const { dispatched, firstReceived, lastReceived, accepted } = timing;
  if (dispatched === null || firstReceived === null || lastReceived === null) {
    // The command never reached a board: the whole server span was the datapool's.
    breakdown.datapoolMs = serverSpan;
    return breakdown;
  }
  const deviceSpan = clamp(lastReceived - dispatched, 0, serverSpan);
  const roundTrip = clamp(firstReceived - dispatched, 0, deviceSpan);
  breakdown.datapoolMs = serverSpan - deviceSpan;
  if (accepted !== null) breakdown.queueMs = clamp(dispatched - accepted, 0, breakdown.datapoolMs);
  breakdown.deviceRoundTripMs = roundTrip;
  breakdown.samplingMs = deviceSpan - roundTrip;

  const held = timing.deviceHeldMs;
  if (held !== null) {
    breakdown.deviceMs = clamp(held, 0, roundTrip);
    breakdown.networkMs = roundTrip - breakdown.deviceMs;
  }
  return breakdown;
}

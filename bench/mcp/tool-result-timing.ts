import type { CallTiming } from './tool-result.js';

/**
 * A tool result's timing read back from its structured content: the instants the MCP server and the datapool
 * wrote into `timing` (`CallTiming`, of a sensor tool's result or of `ping_device`'s). The one place those
 * fields are picked out of a result. A result has crossed a transport and may come from another server
 * version or another firmware, so each field is checked on its own: an instant that is not a positive finite
 * number is unknown (null), never a guess.
 */
export interface ResultTiming {
  /** The MCP server began handling the call. */
  mcpReceived: number;
  /** The MCP server finished the result. */
  mcpReturned: number;
  /** The datapool accepted the command; null when the result does not say. */
  accepted: number | null;
  /** The command was sent to the board; null when it never reached one. */
  dispatched: number | null;
  /** The first and the last reply reached the datapool; null when none did. */
  firstReceived: number | null;
  lastReceived: number | null;
  /**
   * How long the board held the command before its first reply, ms (the first sample's `deviceElapsedMs`);
   * null when the board does not say (the original firmware).
   */
  deviceHeldMs: number | null;
}

/** The timing of a structured result; null when it has none the server's own two instants frame. */
export function resultTimingOf(structured: Readonly<Record<string, unknown>> | null): ResultTiming | null {
  const timing = structured?.['timing'];
  if (!isRecord(timing)) return null;
  const t = timing as { [K in keyof CallTiming]?: unknown };
  const mcpReceived = instant(t.mcpReceived);
  const mcpReturned = instant(t.mcpReturned);
  if (mcpReceived === null || mcpReturned === null) return null;
  return {
    mcpReceived,
    mcpReturned,
    accepted: instant(t.accepted),
    dispatched: instant(t.dispatched),
    firstReceived: instant(t.firstReceived),
    lastReceived: instant(t.lastReceived),
    deviceHeldMs: firstDeviceElapsed(t.samples),
  };
}

function instant(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** A duration the board measured may be off (a clock step), but it is its own figure: any finite number. */
function firstDeviceElapsed(samples: unknown): number | null {
  if (!Array.isArray(samples)) return null;
  const first: unknown = samples[0];
  if (!isRecord(first)) return null;
  const elapsed = first['deviceElapsedMs'];
  return typeof elapsed === 'number' && Number.isFinite(elapsed) ? elapsed : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

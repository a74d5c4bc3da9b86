/**
 * The sensor tools' argument contract: bounds and defaults every layer agrees on. The MCP tool schema enforces
 * them, a task's dry run and the call scorer assume them, and the generator writes tasks within them.
 */

export const MIN_INTERVAL_S = 0.05;
export const MAX_INTERVAL_S = 3600;
/** The interval a sensor tool samples at when a series gives none (the firmware's own default differs). */
export const TOOL_DEFAULT_INTERVAL_S = 1;
export const MAX_DURATION_S = 600;
/** Caps the result size: a series or real-time window longer than this many samples is refused. */
export const MAX_SAMPLES = 1000;
/** The original's real-time collection window, used when real_time is set without a duration. */
export const DEFAULT_REAL_TIME_WINDOW_S = 10;

import type { ErrorCode } from '../../datapool/types.js';

/**
 * Which failed calls are the infrastructure's and not the model's: decided here, where the call's outcome is
 * known, so every caller of the host (the agent loop above all) tells an absent board from a model's mistake
 * the same way.
 */

/**
 * The ways the infrastructure can let a tool call down, in the order a turn's failures are reported (the
 * first that any call of the turn met): the transport failed below MCP (broker down, server process gone,
 * timeout), no board was online to answer, or the board's command queue was full (too many trials at once
 * for it: lower --concurrency).
 */
export const CallInfraFailure = ['transport-error', 'device-offline', 'device-busy'] as const;
export type CallInfraFailure = (typeof CallInfraFailure)[number];

/** Datapool codes meaning the board was not there to answer: the fleet's fault, not the model's. */
const OFFLINE_CODES: ReadonlySet<string> = new Set(['device-offline', 'expired', 'datapool-restarted'] as const satisfies readonly ErrorCode[]);

/** Datapool codes meaning the board was there but could take no more commands. */
const BUSY_CODES: ReadonlySet<string> = new Set(['queue-full'] as const satisfies readonly ErrorCode[]);

/** An infrastructure failure of one call, and what it said. */
export interface InfraFailureOfCall {
  type: CallInfraFailure;
  message: string;
}

/** The infrastructure failure a call's outcome shows, or undefined when its result (an error or not) is the model's to read. */
export function infraFailureOf(outcome: { text: string; errorCode?: string; transportError?: string }): InfraFailureOfCall | undefined {
  if (outcome.transportError !== undefined) return { type: 'transport-error', message: outcome.transportError };
  if (outcome.errorCode === undefined) return undefined;
  if (OFFLINE_CODES.has(outcome.errorCode)) return { type: 'device-offline', message: outcome.text };
  if (BUSY_CODES.has(outcome.errorCode)) return { type: 'device-busy', message: outcome.text };
  return undefined;
}

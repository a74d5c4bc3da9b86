import type { HostCallResult } from '../../bench/host/tool-host.js';
import type { CallOutcome } from './soak-types.js';

/**
 * Sorts a tool call's result into the soak's three outcomes. A failure is only "clear" when it says both
 * what kind it is (the datapool's or the host's error code, or a transport error) and something a reader
 * can act on; an error result lacking either is as bad as no answer, so it counts as lost.
 */

/** A failure below MCP carries its reason but no code of ours: it is filed under this one. */
export const TRANSPORT_ERROR_CODE = 'transport-error';

export function classifyResult(result: HostCallResult): CallOutcome {
  if (!result.isError) return { kind: 'answered' };
  const message = result.text.trim();
  const code = result.errorCode ?? (result.transportError !== undefined && result.transportError.trim() !== '' ? TRANSPORT_ERROR_CODE : undefined);
  if (code === undefined || message === '') {
    return {
      kind: 'lost',
      reason: 'unclear-error',
      message:
        message === '' ? `an error result with ${code === undefined ? 'neither a code nor' : 'no'} message` : `an error result without a code: ${message}`,
    };
  }
  return { kind: 'failed', code, message };
}

/** The outcome of a call that neither answered nor failed before its deadline plus the grace. */
export function hangOutcome(tool: string, waitedMs: number): CallOutcome {
  return { kind: 'lost', reason: 'hang', message: `${tool}: no outcome within ${Math.round(waitedMs)} ms (deadline + grace)` };
}

import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import { TRIAL_META_KEY } from '../../core/tool-meta.js';
import type { ConfirmationRequest } from './safety/gate-decision.js';

/**
 * Asking the user to confirm a move, through MCP elicitation (`elicitation/create`), while the tool call waits.
 * The question goes to the client, which puts it to its user: the model is not in the loop, so it can neither
 * see the gate's code nor answer for the user. Only an explicit yes (`accept` with `confirm: true`) confirms.
 */

/** What came of asking: a yes, anything but a yes, or no answer at all (the question could not be put). */
export type ConfirmationAnswer = { kind: 'confirmed' } | { kind: 'declined'; how: string } | { kind: 'unanswered'; problem: string };

/** Asks the user to confirm the move `confirmation` is about, in the trial `trial` (when the call has one). */
export type ActuatorConfirmer = (confirmation: ConfirmationRequest, trial: string | undefined) => Promise<ConfirmationAnswer>;

/** How long the user has to answer by default: a person reads the question and taps a button. */
export const DEFAULT_CONFIRMATION_TIMEOUT_MS = 60_000;

/** The form the user answers: one yes-or-no field. */
export const CONFIRMATION_SCHEMA = {
  type: 'object',
  properties: {
    confirm: {
      type: 'boolean',
      title: 'Confirm',
      description: 'true to make this move now; false (or dismissing the question) leaves everything as it is',
    },
  },
  required: ['confirm'],
} as const;

/** What a tool handler's `extra` offers that asking needs: the call's cancellation and its request id. */
interface CallContext {
  signal: AbortSignal;
  requestId: RequestId;
}

/**
 * The confirmer of one tool call, or undefined when its client did not declare the `elicitation` capability
 * (such a client gets the gate's refusal and the code in `_meta`, as before elicitation existed).
 */
export function confirmerFor(server: Server, call: CallContext, timeoutMs = DEFAULT_CONFIRMATION_TIMEOUT_MS): ActuatorConfirmer | undefined {
  if (server.getClientCapabilities()?.elicitation === undefined) return undefined;
  return async (confirmation, trial) => {
    try {
      const result = await server.elicitInput(
        {
          message: confirmation.tellUser,
          requestedSchema: { ...CONFIRMATION_SCHEMA, properties: { ...CONFIRMATION_SCHEMA.properties }, required: [...CONFIRMATION_SCHEMA.required] },
          // A host running trials side by side answers as the user of the trial named here.
          ...(trial === undefined ? {} : { _meta: { [TRIAL_META_KEY]: trial } }),
        },
        // Related to the call, so it travels on the call's own stream (Streamable HTTP), and ends with it.
        { signal: call.signal, timeout: timeoutMs, relatedRequestId: call.requestId },
      );
      if (result.action === 'accept' && result.content?.['confirm'] === true) return { kind: 'confirmed' };
      if (result.action === 'accept') return { kind: 'declined', how: 'they answered no' };
      return { kind: 'declined', how: result.action === 'decline' ? 'they declined' : 'they dismissed the question' };
    } catch (error) {
      return { kind: 'unanswered', problem: error instanceof Error ? error.message : String(error) };
    }
  };
}

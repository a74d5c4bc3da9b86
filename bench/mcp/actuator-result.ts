import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ActuatorEvent, ActuatorSpec } from '../../core/actuators/types.js';
import { ERROR_META_KEY } from '../../core/tool-meta.js';
import type { ConfirmationRequest } from './safety/gate-decision.js';
import { withUnit } from './safety/gate-value.js';
import type { ToolErrorCode } from './tool-errors.js';

/**
 * What an actuator tool returns. A model reads the text; a host reads `structuredContent` (the state and the
 * `ActuatorEvent` to add to the trial's history) and `_meta` (the error code, and what to ask the user).
 */

/**
 * The `_meta` key of a refusal that needs the user's confirmation: `{code, expiresAt, tellUser}`. It is for the
 * user's channel only (a host may show `tellUser` and the code to the user, or elicit), never for the model: a
 * host must not put it in the conversation, or a model could confirm its own moves.
 */
export const CONFIRMATION_META_KEY = 'iotmcp.dev/confirmation';

/** The structured part of an actuator tool's result. */
export interface ActuatorToolOutput {
  actuator: string;
  command: string;
  /** The datapool's UUID of the command. */
  id: string;
  mcu: string;
  place: string | null;
  /** The level's field (`open_pct`) and the state the board reports after the command. */
  field: string;
  state: number;
  unit: string | null;
  /** What the move did to the world, for the host to add to the trial's history; absent for `status`. */
  event?: ActuatorEvent;
  /**
   * The text the board reports beside the state (`status` only), when its place has one: device data, written
   * by whoever set the device up, and so as untrusted as any other text a tool returns.
   */
  note?: string;
}

/** An error result: the message for the model, `code` (a gate rule, a datapool code...) in `_meta` for the host. */
export function actuatorErrorResult(message: string, code: ToolErrorCode, confirmation?: ConfirmationRequest): CallToolResult {
  return {
    content: [{ type: 'text', text: message }],
    isError: true,
    _meta: { [ERROR_META_KEY]: { code }, ...(confirmation === undefined ? {} : { [CONFIRMATION_META_KEY]: confirmation }) },
  };
}

export function actuatorSuccessResult(spec: ActuatorSpec, output: ActuatorToolOutput): CallToolResult {
  const where = `${spec.name} on ${output.mcu}${output.place ? ` (${output.place})` : ''}`;
  const state = `${output.field} ${withUnit(output.state, spec.level)}`;
  const done = output.event === undefined ? `${where}: ${state}` : `${where}: \`${output.command}\` done, ${state}`;
  // Quoted as the board sent it: what a device says is data to weigh, which a model must tell from its orders.
  const text = output.note === undefined ? done : `${done}. Device note: ${JSON.stringify(output.note)}`;
  return { content: [{ type: 'text', text }], structuredContent: output as unknown as Record<string, unknown> };
}

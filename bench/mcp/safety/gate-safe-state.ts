import type { ActuatorSpec } from '../../../core/actuators/types.js';

/** `status` reads an actuator's state and moves nothing, so no rule of the gate ever holds it back. */
export const READ_ONLY_COMMAND = 'status';

/** A command and, when the command takes one, its value. */
export interface CommandCall {
  command: string;
  value?: number;
}

/**
 * The call that puts an actuator in its safe state: a command that sets the safe value by itself when the
 * datasheet has one (nothing for a caller or a board to get wrong), else the command that takes a value, given
 * the safe value. A datasheet with neither cannot be made safe, which is an error in the datasheet.
 */
export function safeStateCall(spec: ActuatorSpec): CommandCall {
  const commands = Object.entries(spec.commands);
  const fixed = commands.find(([, command]) => command.sets === spec.safe);
  if (fixed) return { command: fixed[0] };
  const valued = commands.find(([name, command]) => command.sets === undefined && name !== READ_ONLY_COMMAND);
  if (valued) return { command: valued[0], value: spec.safe };
  throw new Error(`actuator ${spec.name}: no command reaches its safe state ${spec.safe}; its datasheet needs one`);
}

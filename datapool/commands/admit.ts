import { type RoutableMcus, route } from '../router.js';
import { type CommandRequest, DatapoolError, type NormalizedCommand } from '../types.js';
import { normalizeRequest } from '../validate.js';

/** A request that passed validation and routing. */
export interface AdmittedCommand {
  /** The command as it will run: canonical sensor name, defaults filled in. */
  command: NormalizedCommand;
  /** The request's own TTL, if it gave one. */
  ttlMs: number | undefined;
  /** The MCU it goes to. */
  mcu: string;
}

/**
 * Checks a request and picks its MCU among `mcus`, by the same rules wherever a command is accepted: the
 * datapool over its whole fleet, a device-native board over itself alone. Throws a `DatapoolError` naming
 * what is wrong, so both answer a bad request with the same code.
 */
export function admit(request: CommandRequest, mcus: RoutableMcus): AdmittedCommand {
  const { command, ttlMs } = normalizeRequest(request);
  const routed = route(command, mcus);
  if (!routed.ok) throw new DatapoolError(routed.error.code, routed.error.message);
  return { command, ttlMs, mcu: routed.mcu };
}

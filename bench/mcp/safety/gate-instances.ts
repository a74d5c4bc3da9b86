import type { ActuatorSpec } from '../../../core/actuators/types.js';
import { nameKey } from '../../../core/names.js';

/** One actuator on one board in one place: what a command moves and what an emergency stop puts back. */
export interface ActuatorInstance {
  actuator: ActuatorSpec;
  place: string;
  /** The board carrying it, when the caller or the fleet names one. */
  mcu?: string;
}

/**
 * What the rate limit counts moves of: an actuator type in a place. A call may leave the board out, and the
 * gate cannot know which board the datapool will route it to, so keying on the board too would let a caller
 * alternate between naming it and not to double the rate. Two boards' fans in one room share one limit:
 * stricter than the datasheet asks, never looser. Every spelling of a name is one key, and no name's
 * characters can make it another's.
 */
export function rateLimitKey(instance: ActuatorInstance): string {
  return JSON.stringify([nameKey(instance.actuator.name), nameKey(instance.place)]);
}

/** One entry per actuator, place and board, so an emergency stop reaches each board that was named. */
export function instanceKey(instance: ActuatorInstance): string {
  return JSON.stringify([nameKey(instance.actuator.name), nameKey(instance.place), nameKey(instance.mcu ?? '')]);
}

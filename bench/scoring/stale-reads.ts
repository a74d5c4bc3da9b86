import { findActuator } from '../../core/actuators/catalogue.js';
import { worldTimeOf } from '../host/call-world-time.js';
import type { ToolCallRecord } from '../results/trial-record.js';
import { isActuatorCall, isMoveCall, isSafetyToolCall, madeMoves, moveReaches, placeOfCall, sentCall, WAIT_TOOL } from './actuator-moves.js';

/**
 * In a task that moves actuators, the answer reports what the moves did, so a read stands for the trial's outcome
 * only if nothing that changes what it read came after it. A read is stale, and answers no expected call, when a
 * later call (or one of the same turn: a turn's calls run side by side on the world as the turn found it):
 * - let world time pass, as the host moves the trial's clock: a `wait` that waited, or a sensor call asking for a
 *   sampling duration (a `duration` given to a move, or a `wait` the server refused, takes none): "the temperature
 *   once the fan has cooled the room" is read after the wait, not before it;
 * - moved what it read: for an actuator's `status`, a move of that actuator there that left it at another level than
 *   the read reported; for a sensor, a move of any actuator to a level other than its safe state (the lamp raised
 *   after the light was read). Switching something off once done (the pump after watering, the window closed after
 *   airing) is how such requests end, and the read before it reports what the move reached.
 * So an agent cannot read once before acting, act, wait, and report the first figure as the result.
 */

export function staleReads(calls: readonly ToolCallRecord[]): Map<number, string> {
  const stale = new Map<number, string>();
  const made = madeMoves(calls);
  calls.forEach((read, index) => {
    if (!sentCall(read) || (read.sensor === null && !(isActuatorCall(read) && !isMoveCall(read)))) return;
    const later = (at: number) => at !== index && calls[at]!.step >= read.step;
    const waited = calls.findIndex((call, at) => later(at) && sentCall(call) && takesWorldTime(call) && worldTimeOf(call.args!) > 0);
    if (waited !== -1) {
      stale.set(index, `world time passed after it (call #${waited} ${calls[waited]!.name})`);
      return;
    }
    const moved = made.find(({ call, event }) => {
      if (!later(call)) return false;
      if (read.sensor !== null) return event.value !== findActuator(event.actuator)?.safe;
      const place = placeOfCall(read);
      const state = read.result?.structured?.['state'];
      return place !== undefined && moveReaches(event, read.actuator!, place) && event.value !== state;
    });
    if (moved !== undefined) stale.set(index, `an actuator moved after it (call #${moved.call} ${calls[moved.call]!.name})`);
  });
  return stale;
}

/** Whether the host moved the trial's clock by the call's duration: a sensor's series or window, a `wait` that waited. */
function takesWorldTime(call: ToolCallRecord): boolean {
  if (call.args === null) return false;
  if (call.sensor !== null) return true;
  return isSafetyToolCall(call) && call.tool === WAIT_TOOL && call.result?.isError === false;
}

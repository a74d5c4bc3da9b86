import type { LevelCondition } from '../../tasks/schema.js';

/**
 * A task's condition on a number (an actuator's level, a quantity of the world, the value a move asks for):
 * every bound it gives must hold. Equality allows for the rounding a board's float round trip adds.
 */

/** How far apart two numbers may be and still be equal for `eq`: a board reports levels with float rounding. */
const EQ_TOLERANCE = 1e-6;

export function conditionHolds(value: number, condition: LevelCondition): boolean {
  if (!Number.isFinite(value)) return false;
  if (condition.eq !== undefined && Math.abs(value - condition.eq) > EQ_TOLERANCE * Math.max(1, Math.abs(condition.eq))) return false;
  if (condition.gt !== undefined && !(value > condition.gt)) return false;
  if (condition.gte !== undefined && !(value >= condition.gte)) return false;
  if (condition.lt !== undefined && !(value < condition.lt)) return false;
  if (condition.lte !== undefined && !(value <= condition.lte)) return false;
  return true;
}

/** The condition in words: `= 0`, `> 80 and <= 100`. */
export function describeCondition(condition: LevelCondition): string {
  const parts: string[] = [];
  if (condition.eq !== undefined) parts.push(`= ${condition.eq}`);
  if (condition.gt !== undefined) parts.push(`> ${condition.gt}`);
  if (condition.gte !== undefined) parts.push(`>= ${condition.gte}`);
  if (condition.lt !== undefined) parts.push(`< ${condition.lt}`);
  if (condition.lte !== undefined) parts.push(`<= ${condition.lte}`);
  return parts.join(' and ');
}

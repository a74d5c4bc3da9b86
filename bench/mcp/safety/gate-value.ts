import type { ActuatorCommand, ActuatorLevel, ActuatorSpec } from '../../../core/actuators/types.js';
import { READ_ONLY_COMMAND } from './gate-safe-state.js';

/** The value a move would set, or why the call's value is refused. */
export type ValueCheck =
  | { value: number }
  | {
      rule: 'out-of-range' | 'not-integer';
      message: string;
      /** What this command accepts, inclusive. */
      accepts: readonly [number, number];
      unit?: string;
    };

/** `80 %`, `1`: a value as a reader writes it, with the level's unit. */
export function withUnit(value: number, level: ActuatorLevel): string {
  return level.unit ? `${value} ${level.unit}` : String(value);
}

function rangeText(level: ActuatorLevel): string {
  const [low, high] = level.range;
  return `${level.integer ? 'a whole number' : 'a number'} from ${low} to ${withUnit(high, level)} (both ends included)`;
}

function shown(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
}

/**
 * The value `command` would set: the one the command always sets, or the caller's, if it is a finite number
 * in the level's range (ends included) and whole where the level is. Nothing is clamped or rounded: a value
 * the caller did not ask for is a value nobody confirmed.
 */
export function checkValue(spec: ActuatorSpec, name: string, command: ActuatorCommand, value: unknown): ValueCheck {
  const { level } = spec;
  const unit = level.unit === undefined ? {} : { unit: level.unit };
  if (command.sets !== undefined) {
    if (value === undefined || value === command.sets) return { value: command.sets };
    const valued = Object.entries(spec.commands).find(([other, c]) => c.sets === undefined && other !== READ_ONLY_COMMAND);
    const instead = valued ? `, or use \`${valued[0]}\` with ${rangeText(level)}` : '';
    return {
      rule: 'out-of-range',
      message: `\`${name}\` always sets ${spec.name}'s ${level.field} to ${withUnit(command.sets, level)} and takes no other value (got ${shown(value)}): leave value out${instead}.`,
      accepts: [command.sets, command.sets],
      ...unit,
    };
  }
  const refuse = (rule: 'out-of-range' | 'not-integer', problem: string): ValueCheck => ({
    rule,
    message: `${problem}: give ${spec.name}'s ${level.field} ${rangeText(level)}. The gate never clamps or rounds a value.`,
    accepts: level.range,
    ...unit,
  });
  if (value === undefined) return refuse('out-of-range', `\`${name}\` needs a value`);
  if (typeof value !== 'number' || !Number.isFinite(value)) return refuse('out-of-range', `value ${shown(value)} is not a finite number`);
  const [low, high] = level.range;
  if (value < low || value > high) return refuse('out-of-range', `value ${withUnit(value, level)} is outside the range`);
  if (level.integer && !Number.isInteger(value)) return refuse('not-integer', `value ${value} is not a whole number`);
  return { value };
}

import type { FieldValue, Reading } from '../core/sensors/types.js';
import { compare } from './expression.js';
import type { Binding, Scalar } from './schema.js';

/**
 * Field paths name one value inside a reading: "temperature", "accel.z", "temperatures[1]",
 * "configs[0].th", and "alarmed_roms.length" (the size of a list).
 */
export type PathStep = { key: string } | { index: number } | { length: true };

const STEP = /^([A-Za-z_][A-Za-z0-9_]*)((?:\[\d+\])*)$/;

/** Parses a path, or returns an error message naming what is wrong with it. */
export function parseFieldPath(path: string): PathStep[] | string {
  if (path.length === 0) return 'an empty field path';
  const steps: PathStep[] = [];
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === 'length' && i === parts.length - 1 && i > 0) {
      steps.push({ length: true });
      continue;
    }
    const match = STEP.exec(part);
    if (!match) return `"${path}" is not a field path (expected e.g. "temperature", "accel.z", "temperatures[1]")`;
    steps.push({ key: match[1]! });
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) steps.push({ index: Number(index[1]) });
  }
  return steps;
}

/** The reply field a path starts at ("temperatures" for "temperatures[1]"). */
export function rootField(path: string): string {
  return path.split(/[.[]/, 1)[0]!;
}

/** The value at a parsed path, or undefined when the reading does not have it. */
export function valueAt(reading: Reading, steps: readonly PathStep[]): FieldValue | undefined {
  let current: FieldValue | undefined = reading;
  for (const step of steps) {
    if (current === null || current === undefined || typeof current !== 'object') return undefined;
    if ('length' in step) {
      if (!Array.isArray(current)) return undefined;
      current = current.length;
    } else if ('index' in step) {
      if (!Array.isArray(current)) return undefined;
      current = current[step.index];
    } else {
      if (Array.isArray(current) || !Object.hasOwn(current, step.key)) return undefined;
      current = current[step.key];
    }
  }
  return current;
}

/** The field path a binding reads. */
export function bindingField(binding: Binding): string {
  return typeof binding === 'string' ? binding : binding.field;
}

/**
 * The value a binding takes from one reading: the field's number, yes/no or text, or for a comparison
 * binding whether the field compares true. Undefined when the reading lacks the field.
 */
export function bindingValue(reading: Reading, binding: Binding): Scalar | undefined {
  const steps = parseFieldPath(bindingField(binding));
  if (typeof steps === 'string') return undefined;
  const value = valueAt(reading, steps);
  if (typeof value !== 'number' && typeof value !== 'boolean' && typeof value !== 'string') return undefined;
  return typeof binding === 'string' ? value : compare(binding.is.cmp, value, binding.is.value);
}

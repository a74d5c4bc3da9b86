import type { Reading } from '../../core/sensors/types.js';
import { bindingValue } from '../../tasks/field-path.js';
import type { Binding, Scalar } from '../../tasks/schema.js';

/**
 * What a call binds: for each name, the value its field took in every reading the call returned, in order.
 * The scorer and the oracle both read a trial's values this way, so the two can never disagree.
 */
export type BoundValues = Map<string, Scalar[]>;

/**
 * The readings of a tool's structured result: a sensor tool's (`SensorToolOutput.readings[].values`), or an
 * actuator tool's state as one reading of its level's field (`{actuator, field: "open_pct", state: 40}` reads
 * `{open_pct: 40}`), so a task binds an actuator's `status` the way it binds a sensor's reply. Null for others.
 */
export function readingsOf(structured: Record<string, unknown> | null | undefined): Reading[] | null {
  const readings = structured?.['readings'];
  if (readings === undefined && structured != null) return actuatorReading(structured);
  if (!Array.isArray(readings)) return null;
  const values: Reading[] = [];
  for (const reading of readings) {
    const v = (reading as { values?: unknown } | null)?.values;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
    values.push(v as Reading);
  }
  return values;
}

/** An actuator tool's state (`ActuatorToolOutput`: `actuator`, `field`, a numeric `state`) as one reading, or null. */
function actuatorReading(structured: Record<string, unknown>): Reading[] | null {
  const { actuator, field, state } = structured;
  if (typeof actuator !== 'string' || typeof field !== 'string' || field === '' || typeof state !== 'number' || !Number.isFinite(state)) return null;
  return [{ [field]: state }];
}

/**
 * Binds each name of `bind` to its values in `structured`. A name whose field no reading has is left out
 * (and listed in `missing`), so a caller can tell a result without the field from one with no readings.
 */
export function bindValues(
  bind: Readonly<Record<string, Binding>>,
  structured: Record<string, unknown> | null | undefined,
): { values: BoundValues; missing: string[] } {
  const values: BoundValues = new Map();
  const missing: string[] = [];
  const readings = readingsOf(structured) ?? [];
  for (const [name, binding] of Object.entries(bind)) {
    const bound: Scalar[] = [];
    for (const reading of readings) {
      const value = bindingValue(reading, binding);
      if (value !== undefined) bound.push(value);
    }
    if (bound.length > 0) values.set(name, bound);
    else missing.push(name);
  }
  return { values, missing };
}

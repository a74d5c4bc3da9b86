import type { FieldValue, Reading, SensorSpec } from '../../core/sensors/types.js';

/**
 * Whether a board's reply is a reading of the sensor at all. The datapool stores whatever a board sends (so
 * nothing is lost), but a tool must not hand a model `temperature "hot"` as if it were a measurement: a reply
 * that carries none of the command's fields, or a non-number where the sensor measures a quantity, is an
 * error of the device. Fields of other kinds (booleans, ROM ids, extra fields of other firmware) pass as they are.
 */

/** The first thing wrong with one sample's values for `command`, or null when they are a reading. */
export function readingProblem(spec: SensorSpec, command: string, data: Reading): string | null {
  const fields = spec.commands[command] ?? [];
  const present = fields.filter((field) => Object.hasOwn(data, field));
  if (fields.length > 0 && present.length === 0) {
    return `it carries none of the fields ${fields.join(', ')} (got ${preview(data)})`;
  }
  for (const field of present) {
    const info = spec.fields[field];
    // A field with a range is a quantity (or a vector or list of them): it must be made of finite numbers.
    if (info?.range === undefined || isNumeric(data[field]!)) continue;
    const unit = info.unit === undefined ? '' : ` ${info.unit}`;
    return `${field} ${preview(data[field]!)} is not a number (expected${unit} in ${info.range[0]}..${info.range[1]})`;
  }
  return null;
}

function isNumeric(value: FieldValue): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isNumeric);
  if (typeof value === 'object' && value !== null) return Object.values(value).every(isNumeric);
  return false;
}

/** Short JSON of a value, for a message. */
function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}...` : text;
}

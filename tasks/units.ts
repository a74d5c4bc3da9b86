import type { Unit } from './schema.js';

/**
 * Unit conversions answers may ask for. Each unit is defined against a base unit of its dimension
 * (`scale` to the base, then `offset`); temperature is the only dimension with an offset.
 */
interface UnitDef {
  dimension: 'temperature' | 'length' | 'acceleration' | 'voltage' | 'magnetic' | 'angle' | 'illuminance' | 'ratio';
  /** value_in_base = value * scale + offset */
  scale: number;
  offset: number;
}

const UNIT_DEFS: Readonly<Record<Unit, UnitDef>> = {
  C: { dimension: 'temperature', scale: 1, offset: 0 },
  F: { dimension: 'temperature', scale: 5 / 9, offset: -32 * (5 / 9) },
  K: { dimension: 'temperature', scale: 1, offset: -273.15 },
  cm: { dimension: 'length', scale: 1, offset: 0 },
  mm: { dimension: 'length', scale: 0.1, offset: 0 },
  m: { dimension: 'length', scale: 100, offset: 0 },
  in: { dimension: 'length', scale: 2.54, offset: 0 },
  ft: { dimension: 'length', scale: 30.48, offset: 0 },
  'm/s2': { dimension: 'acceleration', scale: 1, offset: 0 },
  g: { dimension: 'acceleration', scale: 9.80665, offset: 0 },
  V: { dimension: 'voltage', scale: 1, offset: 0 },
  mV: { dimension: 'voltage', scale: 0.001, offset: 0 },
  mT: { dimension: 'magnetic', scale: 1, offset: 0 },
  G: { dimension: 'magnetic', scale: 0.1, offset: 0 },
  uT: { dimension: 'magnetic', scale: 0.001, offset: 0 },
  deg: { dimension: 'angle', scale: 1, offset: 0 },
  rad: { dimension: 'angle', scale: 180 / Math.PI, offset: 0 },
  lux: { dimension: 'illuminance', scale: 1, offset: 0 },
  fc: { dimension: 'illuminance', scale: 10.7639, offset: 0 },
  '%': { dimension: 'ratio', scale: 0.01, offset: 0 },
  fraction: { dimension: 'ratio', scale: 1, offset: 0 },
};

/** Whether `from` converts to `to` (same dimension). */
export function convertible(from: Unit, to: Unit): boolean {
  return UNIT_DEFS[from].dimension === UNIT_DEFS[to].dimension;
}

export function convertValue(value: number, from: Unit, to: Unit): number {
  const a = UNIT_DEFS[from];
  const b = UNIT_DEFS[to];
  if (a.dimension !== b.dimension) throw new Error(`cannot convert ${from} (${a.dimension}) to ${to} (${b.dimension})`);
  return (value * a.scale + a.offset - b.offset) / b.scale;
}

/** How much a difference of 1 `from` is in `to` (scales tolerances; offsets do not apply to differences). */
export function conversionFactor(from: Unit, to: Unit): number {
  return UNIT_DEFS[from].scale / UNIT_DEFS[to].scale;
}

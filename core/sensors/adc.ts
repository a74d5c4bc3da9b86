/**
 * The board's 12-bit ADC at a 3.3 V reference, and the rounding every driver applies to what it reports.
 * Analog drivers go volts -> raw counts -> reported volts -> derived value, so the three fields they
 * report always agree with each other, as on a real board.
 */

export const ADC_MAX = 4095;
export const ADC_VREF = 3.3;

export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : Math.min(value, max);
}

/** Rounds to a number of decimals; avoids the -0 a reader would find odd. */
export function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  const r = Math.round(value * factor) / factor;
  return r === 0 ? 0 : r;
}

/** Counts the ADC reads for a pin voltage (clipped to 0..Vref, as the real converter saturates). */
export function voltsToRaw(volts: number): number {
  return clamp(Math.round((volts / ADC_VREF) * ADC_MAX), 0, ADC_MAX);
}

/** The voltage a driver reports for a raw reading, in volts to the millivolt. */
export function rawToVolts(raw: number): number {
  return round((raw * ADC_VREF) / ADC_MAX, 3);
}

/** RMS noise of an ESP32-class ADC reading, volts (about one count). */
export const ADC_NOISE_V = 0.0008;

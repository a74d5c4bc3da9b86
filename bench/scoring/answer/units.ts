import { UNITS, type Unit } from '../../../tasks/schema.js';
import { convertible, convertValue } from '../../../tasks/units.js';

/**
 * Units as answers write them after a number ("31 °C", "2.75 metres", "1,100 lx", "37 % RH"), each read as
 * one or more canonical units (tasks/units.ts names, plus the few only answers use), and conversion of a
 * stated value into the unit a fact wants.
 */

/** Canonical units an answer may state: the task units plus rates, sound, bits, time and ADC counts. */
export type StatedUnit = Unit | '%RH' | 'deg/s' | 'rad/s' | 'dBA' | 'bits' | 's' | 'ms' | 'min' | 'h' | 'counts' | 'points' | 'irradiance';

export const TIME_UNITS: ReadonlySet<StatedUnit> = new Set(['s', 'ms', 'min', 'h']);

/** Written form -> canonical units it may mean ("degrees" is C, F or an angle: the fact decides). */
const UNIT_FORMS: readonly [string, readonly StatedUnit[]][] = [
  ['degrees celsius', ['C']],
  ['degree celsius', ['C']],
  ['degrees centigrade', ['C']],
  ['degrees c', ['C']],
  ['deg c', ['C']],
  ['°c', ['C']],
  ['celsius', ['C']],
  ['centigrade', ['C']],
  ['c', ['C']],
  ['degrees fahrenheit', ['F']],
  ['degree fahrenheit', ['F']],
  ['degrees f', ['F']],
  ['deg f', ['F']],
  ['°f', ['F']],
  ['fahrenheit', ['F']],
  ['f', ['F']],
  ['kelvins', ['K']],
  ['kelvin', ['K']],
  ['k', ['K']],
  ['degrees per second', ['deg/s']],
  ['degree per second', ['deg/s']],
  ['deg/s', ['deg/s']],
  ['°/s', ['deg/s']],
  ['dps', ['deg/s']],
  ['radians per second', ['rad/s']],
  ['radian per second', ['rad/s']],
  ['rad/s', ['rad/s']],
  ['radians', ['rad']],
  ['radian', ['rad']],
  ['rad', ['rad']],
  ['degrees', ['C', 'F', 'deg']],
  ['degree', ['C', 'F', 'deg']],
  // "deg" is an angle's: a temperature is written "deg C" or "deg F".
  ['deg', ['deg']],
  ['°', ['C', 'F', 'deg']],
  ['% rh', ['%RH']],
  ['%rh', ['%RH']],
  ['percent rh', ['%RH']],
  ['percent relative humidity', ['%RH']],
  ['% relative humidity', ['%RH']],
  ['percentage points', ['%']],
  ['percentage point', ['%']],
  ['percent', ['%']],
  ['per cent', ['%']],
  ['pct', ['%']],
  ['%', ['%']],
  ['rh', ['%RH']],
  ['centimetres', ['cm']],
  ['centimeters', ['cm']],
  ['centimetre', ['cm']],
  ['centimeter', ['cm']],
  ['cm', ['cm']],
  ['millimetres', ['mm']],
  ['millimeters', ['mm']],
  ['mm', ['mm']],
  ['metres per second squared', ['m/s2']],
  ['meters per second squared', ['m/s2']],
  ['m/s2', ['m/s2']],
  ['m/s^2', ['m/s2']],
  ['m/s/s', ['m/s2']],
  ['ms-2', ['m/s2']],
  ['metres', ['m']],
  ['meters', ['m']],
  ['metre', ['m']],
  ['meter', ['m']],
  ['m', ['m']],
  ['inches', ['in']],
  ['inch', ['in']],
  ['in', ['in']],
  ['feet', ['ft']],
  ['foot', ['ft']],
  ['ft', ['ft']],
  ["g's", ['g']],
  ['gs', ['g']],
  ['g-force', ['g']],
  ['g', ['g', 'G']],
  // UV irradiance ("mW/cm²" reads as mW/cm2): what a UV index is not, so "8.7 mW/cm²" is no UV index.
  ['mw/cm2', ['irradiance']],
  ['uw/cm2', ['irradiance']],
  ['w/m2', ['irradiance']],
  ['millivolts', ['mV']],
  ['millivolt', ['mV']],
  ['mv', ['mV']],
  ['volts', ['V']],
  ['volt', ['V']],
  ['v', ['V']],
  ['millitesla', ['mT']],
  ['mt', ['mT']],
  ['microtesla', ['uT']],
  ['ut', ['uT']],
  ['gauss', ['G']],
  ['kilolux', ['lux']],
  ['klux', ['lux']],
  ['klx', ['lux']],
  ['lux', ['lux']],
  ['lx', ['lux']],
  ['foot-candles', ['fc']],
  ['foot candles', ['fc']],
  ['footcandles', ['fc']],
  ['foot-candle', ['fc']],
  ['foot candle', ['fc']],
  ['footcandle', ['fc']],
  ['ftcd', ['fc']],
  ['fc', ['fc']],
  ['db(a)', ['dBA']],
  ['dba', ['dBA']],
  ['db', ['dBA']],
  ['decibels', ['dBA']],
  ['decibel', ['dBA']],
  ['bits', ['bits']],
  ['bit', ['bits']],
  ['milliseconds', ['ms']],
  ['millisecond', ['ms']],
  ['ms', ['ms']],
  ['seconds', ['s']],
  ['second', ['s']],
  ['secs', ['s']],
  ['sec', ['s']],
  ['s', ['s']],
  ['minutes', ['min']],
  ['minute', ['min']],
  ['mins', ['min']],
  ['hours', ['h']],
  ['hour', ['h']],
  ['hrs', ['h']],
  ['adc counts', ['counts']],
  ['raw counts', ['counts']],
  ['counts', ['counts']],
  ['lsb', ['counts']],
  ['points', ['points']],
  ['point', ['points']],
  ['pts', ['points']],
];

/** Longest first: "foot-candles" before "foot", "degrees celsius" before "degrees". */
const FORMS_LONGEST_FIRST = [...UNIT_FORMS].sort((a, b) => b[0].length - a[0].length);

/** Forms whose value is in thousands: "36.4 klux". */
const THOUSANDS = new Set(['kilolux', 'klux', 'klx']);

/** Forms that need a word boundary after them and read as a unit only there ("in" is not "in the garden"). */
const BARE_LETTERS = new Set(['c', 'f', 'k', 'm', 'g', 'v', 's', 'in', 'rh', 'ft', 'mt', 'ut']);

export interface StatedUnitMatch {
  units: readonly StatedUnit[];
  /** Length of the text the unit took, from the start of the search. */
  length: number;
  scale: number;
}

/**
 * The unit written at the start of `after` (the text right behind a number), allowing one space:
 * "°C", " degrees", " % RH", "cm". Null when none is.
 */
export function unitAt(after: string): StatedUnitMatch | null {
  const lead = /^(?: |-(?=[a-z]))?/i.exec(after)![0].length;
  // The longest form is a few words: lower-case no more of the text than it could take.
  const rest = after.slice(lead, lead + 40).toLowerCase();
  for (const [form, units] of FORMS_LONGEST_FIRST) {
    if (!rest.startsWith(form)) continue;
    const next = rest.charAt(form.length);
    // A unit of letters must end its word: "c" in "31 cm" is not Celsius, "in" before "the" is not inches.
    if (/[a-z0-9]/.test(next) && /[a-z]$/.test(form)) continue;
    if (BARE_LETTERS.has(form) && form !== 'in' && /[a-z]/.test(next)) continue;
    // "108 in." is inches; "31 in the garden" is not.
    if (form === 'in' && /^ ?[a-z(]/.test(rest.slice(2)) && !/^ (?:and|or|but|vs|versus|which|so|then)\b/.test(rest.slice(2))) continue;
    return { units, length: lead + form.length, scale: THOUSANDS.has(form) ? 1000 : 1 };
  }
  return null;
}

const DIMENSIONLESS: ReadonlySet<StatedUnit> = new Set(['counts', 'points']);

function canonical(unit: string): StatedUnit | null {
  if ((UNITS as readonly string[]).includes(unit)) return unit as Unit;
  if (unit === '%RH') return '%RH';
  if (unit === 'deg/s' || unit === 'rad/s' || unit === 'dBA' || unit === 'bits' || unit === 's') return unit;
  return null;
}

/** Rates convert like their angles; relative humidity is a percentage; time in seconds. */
function asConvertible(unit: StatedUnit): Unit | 'time' | null {
  if (unit === '%RH') return '%';
  if (unit === 'deg/s') return 'deg';
  if (unit === 'rad/s') return 'rad';
  if ((UNITS as readonly string[]).includes(unit)) return unit as Unit;
  return null;
}

const SECONDS: Readonly<Record<string, number>> = { s: 1, ms: 0.001, min: 60, h: 3600 };

/**
 * A stated value in the fact's unit, or null when the stated unit cannot be one of the fact's: "2.75 m" is
 * 275 for a fact in cm, "87.8 °F" is 31 for one in C, "37 %" is 37 for one in %RH. A number stated without a
 * unit is taken as in the fact's unit; a fact without a unit takes numbers without one (or in ADC counts).
 */
export function inFactUnit(value: number, stated: readonly StatedUnit[], factUnit: string | undefined): number | null {
  if (stated.length === 0) return value;
  const wanted = factUnit === undefined ? null : canonical(factUnit);
  if (wanted === null) {
    // A unitless fact (a count, a raw ADC value, an index) takes only unit-free words.
    return stated.some((u) => DIMENSIONLESS.has(u)) ? value : null;
  }
  for (const unit of stated) {
    if (DIMENSIONLESS.has(unit)) return wanted === '%' || wanted === '%RH' ? (unit === 'points' ? value : null) : null;
    if (unit === wanted || (unit === '%' && wanted === '%RH') || (unit === '%RH' && wanted === '%')) return value;
    if (TIME_UNITS.has(unit) && TIME_UNITS.has(wanted)) return (value * SECONDS[unit]!) / SECONDS[wanted]!;
    const from = asConvertible(unit);
    const to = asConvertible(wanted);
    if (from === null || to === null || from === 'time' || to === 'time') continue;
    if (from === to) return value;
    if (convertible(from, to)) return convertValue(value, from, to);
  }
  return null;
}

/** Whether a stated unit can be the fact's (so naming it counts in the fact's favour). */
export function unitFits(stated: readonly StatedUnit[], factUnit: string | undefined): boolean {
  return stated.length > 0 && inFactUnit(1, stated, factUnit) !== null && !stated.every((u) => DIMENSIONLESS.has(u));
}

/**
 * Whether a fact's unit has others its value is as often given in ("31" could be C or F, "120" cm or in): a
 * bare figure for such a fact does not say what it is. Counts, indices and sound levels have no other.
 */
export function unitHasAlternatives(factUnit: string | undefined): boolean {
  const wanted = factUnit === undefined ? null : canonical(factUnit);
  if (wanted === null) return false;
  if (TIME_UNITS.has(wanted)) return true;
  const it = asConvertible(wanted);
  return it !== null && it !== 'time' && UNITS.some((u) => u !== it && convertible(u, it));
}

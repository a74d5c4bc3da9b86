/**
 * Whether the figures an answer states for one fact say one thing. A figure restated at a lower precision or
 * in another unit ("199.3 cm (about 2 m)", "62.1 °C (about 143.8 °F)") is the same value, not a second one:
 * two figures conflict only when they differ by more than the fact's tolerance plus half a unit of the last
 * digit of each, and the one that differs more is the coarser of the two (two figures stated alike are two
 * values: "22 or 23 °C", "0 readings - maybe 1"). A figure offered as an alternative ("31, or maybe 33") is a hedge and is held to the
 * tolerance itself. At least one figure must be within the tolerance: a value only ever stated roughly is not
 * stated to the precision the task asks for.
 */

export interface StatedValue {
  /** In the fact's unit. */
  value: number;
  /** Half the unit of its last written digit, in the fact's unit: how far rounding may have moved it. */
  half: number;
  /** Offered as one of several possibilities ("31 or maybe 33"). */
  alternative: boolean;
  /** How directly it is bound to the fact (absent: as directly as any). */
  strength?: number;
  /** Written in the very unit the fact asks for: the answer to a question that asks for that unit. */
  asked?: boolean;
}

/**
 * The figures that state something other than `expected`: none when the answer is right. `signless` compares
 * sizes only (a gap or a change, whose direction is a verdict of its own).
 */
export function wrongFigures<T extends StatedValue>(statements: readonly T[], expected: number, allowed: number, signless: boolean): T[] {
  const size = (v: number) => (signless ? Math.abs(v) : v);
  const target = size(expected);
  const exact = statements.filter((s) => Math.abs(size(s.value) - target) <= allowed);
  if (exact.length === 0) return [...statements];
  return statements.filter((s) => {
    if (exact.includes(s)) return false;
    if (s.alternative) return true;
    // A figure bound to the fact less directly than the one that states it (a sample, a reference, a working
    // figure named by its unit alone) is said of something else nearby, not a second value of this.
    // A figure in the unit asked for, beside supporting ones in other units only, is the answer itself.
    const answers = s.asked === true && !exact.some((e) => e.asked === true);
    if (!answers && s.strength !== undefined && exact.some((e) => e.strength !== undefined && e.strength > s.strength!)) return false;
    // Only a coarser figure can be the same value rounded: two figures of one precision are two values.
    return !exact.some((e) => s.half > e.half && Math.abs(size(s.value) - size(e.value)) <= allowed + s.half + e.half);
  });
}

import type { DryRun } from './dry-run.js';
import type { AnswerFact, Task, Unit } from './schema.js';
import { UNITS } from './schema.js';
import { allowance } from './tolerance.js';
import { conversionFactor, convertible, convertValue } from './units.js';

/**
 * Facts an answer could swap without being caught: two number facts about different things (the lowest and
 * the highest reading, the living room and the garden) whose values in the task's world lie within each
 * other's tolerance. An answer stating them the wrong way round would still pass, so a task should not have
 * them; the generator picks another world for it, and `tasks validate` flags any that remain.
 */

export interface Lookalike {
  a: string;
  b: string;
  values: [number, number];
}

type NumberFact = Extract<AnswerFact, { kind: 'number' }>;

const known = (u: string | undefined): u is Unit => u !== undefined && (UNITS as readonly string[]).includes(u);

/** `value` (in `from`) in `to`, or null when the two cannot be compared. */
function comparable(value: number, from: string | undefined, to: string | undefined): number | null {
  if (from === to) return value;
  return known(from) && known(to) && convertible(from, to) ? convertValue(value, from, to) : null;
}

/** A difference of `size` in `from`, in `to` (no offset: 1 C apart is 1.8 F apart). */
function scaled(size: number, from: string | undefined, to: string | undefined): number {
  return from !== to && known(from) && known(to) ? size * conversionFactor(from, to) : size;
}

/** Two facts about one thing in two units ("in C" and "in F") are meant to agree. */
function sameThing(a: NumberFact, b: NumberFact): boolean {
  const strip = (f: NumberFact) => JSON.stringify({ ...f.about, words: undefined, unlike: undefined });
  return strip(a) === strip(b);
}

function factValue(run: DryRun, fact: NumberFact): number {
  const value = run.facts.get(fact.id);
  return value?.ok === true && typeof value.value === 'number' ? value.value : Number.NaN;
}

export function lookalikes(task: Task, run: DryRun): Lookalike[] {
  const facts = task.expect.answer.filter((f): f is NumberFact => f.kind === 'number' && run.facts.get(f.id)?.ok === true);
  const found: Lookalike[] = [];
  for (let i = 0; i < facts.length; i++) {
    for (let j = i + 1; j < facts.length; j++) {
      const a = facts[i]!;
      const b = facts[j]!;
      // A value worked out from a reading is meant to agree with it ("does the voltage match the temperature?").
      if (sameThing(a, b) || (a.about.stat === 'derived') !== (b.about.stat === 'derived')) continue;
      const va = factValue(run, a);
      const vb = factValue(run, b);
      const vbInA = comparable(vb, b.unit, a.unit);
      if (vbInA === null) continue;
      if (Math.abs(va - vbInA) <= Math.max(allowance(a, va), scaled(allowance(b, vb), b.unit, a.unit))) {
        found.push({ a: a.id, b: b.id, values: [va, vb] });
      }
    }
  }
  return found;
}

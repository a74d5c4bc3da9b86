import type { Aggregate, AnswerFact, Expr, Referent, Scalar } from '../../../tasks/schema.js';
import { checkAnswer } from '../answer-check.js';

/** Small hand-made answer facts for the reading tests, in the shapes the task compiler writes. */

export type Readings = Record<string, Scalar[]>;

/** A number fact: `agg` of the readings bound to `ref` (or `value`), within `tol`. */
export function numberFact(
  id: string,
  about: Referent,
  options: { ref?: string; agg?: Aggregate; value?: Expr; unit?: string; tol?: number } = {},
): AnswerFact {
  const value = options.value ?? { ref: options.ref ?? 'main', agg: options.agg ?? 'last' };
  return { id, kind: 'number', says: id, value, tol: { abs: options.tol ?? 0.05 }, ...(options.unit === undefined ? {} : { unit: options.unit }), about };
}

/** How many samples of `ref` equal `value`. */
export function countWhere(value: number | boolean, ref = 'main'): Expr {
  return { ref, agg: 'count', where: { cmp: 'eq', value } };
}

export function yesNoFact(id: string, value: Expr, yes: string[], no: string[], about?: Referent): AnswerFact {
  return { id, kind: 'boolean', says: id, value, yes, no, ...(about === undefined ? {} : { about }) };
}

/** Which facts an answer meets, by id. */
export function met(answer: string, facts: readonly AnswerFact[], readings: Readings, prompt?: string, toolTexts?: readonly string[]): Record<string, boolean> {
  const verdicts = checkAnswer(answer, facts, new Map(Object.entries(readings)), {
    ...(prompt === undefined ? {} : { prompt }),
    ...(toolTexts === undefined ? {} : { toolTexts }),
  });
  return Object.fromEntries(verdicts.map((v) => [v.id, v.ok]));
}

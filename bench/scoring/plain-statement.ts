import type { Evaluated } from '../../tasks/expression.js';
import type { Task } from '../../tasks/schema.js';

/**
 * One plain sentence per answer fact, stating the value it has: what a perfect agent would say. The oracle
 * answers with it, and the suite's own test proves every task accepts it, so the two check each other.
 */
export function plainStatement(task: Task, values: ReadonlyMap<string, Evaluated>): string {
  const sentences: string[] = [];
  for (const fact of task.expect.answer) {
    if (fact.kind === 'mentions') {
      sentences.push(`Suggestion: ${fact.any[0]}.`);
      continue;
    }
    const value = values.get(fact.id);
    if (!value?.ok) continue;
    if (fact.kind === 'number' && typeof value.value === 'number') sentences.push(`Value ${Number(value.value.toPrecision(6))}.`);
    if (fact.kind === 'text') sentences.push(`Code ${String(value.value)}.`);
    if (fact.kind === 'boolean') sentences.push(`Verdict: ${value.value === true ? fact.yes[0] : fact.no[0]}.`);
    if (fact.kind === 'choice') sentences.push(`The ${fact.options[String(value.value)]![0]} is ${fact.cues[0]}.`);
  }
  return sentences.join(' ');
}

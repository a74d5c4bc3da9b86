import type { Task } from '../../tasks/schema.js';
import type { FailureType, ToolCallRecord, TrialScore } from '../trial/trial-record.js';
import { checkAnswer, type FactVerdict } from './answer-check.js';
import { checkCalls } from './call-check.js';

/**
 * A trial's score, without a judge: its tool calls checked against the task, and its final answer checked
 * against the values those very calls returned. Success needs both. Scoring reads only the trial record, so
 * `iotmcp-bench report RUN` can re-score a run without the model.
 */

export interface ScoredTrial {
  toolCalls: readonly ToolCallRecord[];
  /** Model turns taken. */
  steps: number;
  /** The final answer; null when the trial ended without one. */
  answer: string | null;
}

const NO_ANSWER = 'the trial ended without a final answer';

export function scoreTrial(task: Task, trial: ScoredTrial): TrialScore {
  const facts = task.expect.answer;
  const answer = trial.answer;
  const calls = checkCalls(
    task,
    trial.toolCalls,
    trial.steps,
    answer === null ? undefined : (bindings) => checkAnswer(answer, facts, bindings).every((verdict) => verdict.ok),
  );
  const bindings = new Map(Object.entries(calls.bindings));
  let verdicts: FactVerdict[];
  if (answer === null) {
    // Checked against nothing, so each fact still reports whether it applied and the value it wanted.
    verdicts = checkAnswer('', facts, bindings).map((verdict) => (verdict.skipped ? verdict : { ...verdict, ok: false, reason: NO_ANSWER }));
  } else {
    verdicts = checkAnswer(answer, facts, bindings);
  }
  const answerOk = answer !== null && verdicts.every((verdict) => verdict.ok);

  const failures: FailureType[] = [];
  const add = (type: FailureType) => {
    if (!failures.includes(type)) failures.push(type);
  };
  for (const failure of calls.failures) add(failure.type);
  if (answer === null) add('no-answer');
  else if (!answerOk) add('wrong-answer');
  return { success: calls.ok && answerOk, calls, answer: { ok: answerOk, facts: verdicts }, failures };
}

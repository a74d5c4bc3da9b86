import { readFile } from 'node:fs/promises';
import { packageFile } from '../../../core/package.js';
import { loadTasks } from '../../../tasks/load.js';
import type { Task } from '../../../tasks/schema.js';
import type { FactVerdict } from '../../results/trial-record.js';
import { checkAnswer } from '../answer-check.js';

/**
 * How often the answer check agrees with people. `answers.jsonl` holds hand-written final answers to real
 * trials (`trials.jsonl`: the values the devices returned and the tool output the model read), each marked
 * correct or wrong by its writer, in the styles different models write: terse, chatty, markdown, units
 * converted, other readings for context, negated verdicts; and wrong in one way each (a swapped place, min
 * as max, a wrong unit label, a value off by twice the tolerance, a flipped verdict, a hedge). The writers
 * never saw the checker. Sets (a to g) are rounds of writing: each was held out while the checker was built
 * on the earlier ones, measured once as it came, then joined the fixture (README gives those first rates).
 */

export interface FixtureTrial {
  key: string;
  taskId: string;
  bindings: Record<string, (number | boolean | string)[]>;
  /** The text of each tool result the model read. */
  tools: string[];
}

export interface FixtureAnswer {
  set: string;
  trial: string;
  expect: 'correct' | 'wrong';
  style: string;
  error?: string;
  answer: string;
}

export interface Disagreement {
  answer: FixtureAnswer;
  verdicts: FactVerdict[];
}

export interface Tally {
  correct: { accepted: number; total: number };
  wrong: { accepted: number; total: number };
}

export interface Accuracy extends Tally {
  /** The same counts for each set of answers (its writers and the time they were written). */
  bySet: Map<string, Tally>;
  /** Correct answers rejected and wrong answers accepted. */
  disagreements: Disagreement[];
}

const FIXTURE_DIR = `${packageFile('bench', 'scoring', 'accuracy')}/`;

async function lines<T>(file: string): Promise<T[]> {
  return (await readFile(`${FIXTURE_DIR}${file}`, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export async function loadFixture(): Promise<{ trials: Map<string, FixtureTrial>; answers: FixtureAnswer[]; tasks: Map<string, Task> }> {
  const trials = new Map((await lines<FixtureTrial>('trials.jsonl')).map((t) => [t.key, t]));
  const answers = await lines<FixtureAnswer>('answers.jsonl');
  const loaded = await loadTasks();
  return { trials, answers, tasks: new Map(loaded.tasks.map(({ task }) => [task.id, task])) };
}

/** Every fixture answer checked against its trial's values, the way a run checks a final answer. */
export async function measureAccuracy(filter: (answer: FixtureAnswer) => boolean = () => true): Promise<Accuracy> {
  const { trials, answers, tasks } = await loadFixture();
  const tally = (): Tally => ({ correct: { accepted: 0, total: 0 }, wrong: { accepted: 0, total: 0 } });
  const accuracy: Accuracy = { ...tally(), bySet: new Map(), disagreements: [] };
  for (const answer of answers.filter(filter)) {
    const trial = trials.get(answer.trial);
    const task = trial === undefined ? undefined : tasks.get(trial.taskId);
    if (trial === undefined || task === undefined) throw new Error(`fixture answer names an unknown trial or task: ${answer.trial}`);
    const verdicts = checkAnswer(answer.answer, task.expect.answer, new Map(Object.entries(trial.bindings)), { prompt: task.prompt, toolTexts: trial.tools });
    const accepted = verdicts.every((v) => v.ok);
    let setTally = accuracy.bySet.get(answer.set);
    if (setTally === undefined) {
      setTally = tally();
      accuracy.bySet.set(answer.set, setTally);
    }
    for (const counts of [accuracy, setTally]) {
      const side = answer.expect === 'correct' ? counts.correct : counts.wrong;
      side.total++;
      if (accepted) side.accepted++;
    }
    if (accepted !== (answer.expect === 'correct')) accuracy.disagreements.push({ answer, verdicts });
  }
  return accuracy;
}

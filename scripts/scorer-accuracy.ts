import { measureAccuracy } from '../bench/scoring/accuracy/measure.js';

/**
 * Prints the answer check's agreement with the hand-labelled fixture (bench/scoring/accuracy/), and every
 * answer it disagrees on with the facts that decided: `node dist/scripts/scorer-accuracy.js [--set a..g]`.
 */

const set = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : undefined;
const accuracy = await measureAccuracy((answer) => set === undefined || answer.set === set);
const percent = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
for (const { answer, verdicts } of accuracy.disagreements) {
  process.stdout.write(
    `\n[${answer.set} ${answer.expect}${answer.error ? `: ${answer.error}` : ''}] ${answer.trial}\n  ${answer.answer.replace(/\n/g, ' / ')}\n`,
  );
  for (const v of verdicts)
    if (!v.ok || answer.expect === 'wrong') process.stdout.write(`   ${v.ok ? 'ok ' : 'BAD'} ${v.id} ${v.says}: ${v.reason ?? v.found}\n`);
}
const sets = [...new Set(accuracy.bySet.keys())].sort();
if (set === undefined && sets.length > 1) {
  process.stdout.write('\n');
  for (const name of sets) {
    const { correct, wrong } = accuracy.bySet.get(name)!;
    process.stdout.write(
      `set ${name}: correct ${correct.accepted}/${correct.total} (${percent(correct.accepted, correct.total)}), wrong ${wrong.accepted}/${wrong.total} (${percent(wrong.accepted, wrong.total)})\n`,
    );
  }
}
const { correct, wrong } = accuracy;
process.stdout.write(
  `\ncorrect answers accepted: ${correct.accepted}/${correct.total} (${percent(correct.accepted, correct.total)}); ` +
    `wrong answers accepted: ${wrong.accepted}/${wrong.total} (${percent(wrong.accepted, wrong.total)})\n`,
);

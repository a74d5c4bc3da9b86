import type { Evaluated } from '../../tasks/expression.js';
import type { AnswerFact, Referent, Stat, Task } from '../../tasks/schema.js';
import { PART_WORDS, placeName, QUANTITY_WORDS, sensorName } from './answer/lexicon.js';

/**
 * One plain sentence per answer fact, stating its value about what it is: what a careful agent would say
 * ("The lowest living room temperature is 30 C."). The oracle answers with it, and the suite's own test
 * proves every task accepts it, so the two check each other.
 */

/** How a sentence names each statistic; a single reading needs none. */
const STAT_NAMES: Readonly<Record<Stat, string>> = {
  reading: '',
  first: 'first',
  last: 'last',
  mean: 'average',
  median: 'median',
  min: 'lowest',
  max: 'highest',
  range: 'range',
  delta: 'change',
  sum: 'sum',
  count: '',
  total: '',
  share: 'share of samples',
  difference: 'difference',
  ratio: 'ratio',
  derived: 'worked out',
};

export function capital(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

export function format(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** "living room air probe temperature (DHT11)": what the value is about, in the words answers use. */
export function subject(about: Referent): string {
  const words: string[] = [];
  if (about.places !== undefined) words.push(about.places.map(placeName).join(' and '));
  for (const part of about.parts ?? []) words.push(PART_WORDS[part][0]!);
  if (about.quantity !== undefined) words.push(QUANTITY_WORDS[about.quantity][0]!);
  else words.push('value');
  const sensor = about.sensors?.length === 1 ? ` (${sensorName(about.sensors[0]!)})` : '';
  return `${words.join(' ')}${sensor}`;
}

/** A verdict in its first phrase; one about a whole series said of all of it: "No motion throughout." */
export function verdict(fact: Extract<AnswerFact, { kind: 'boolean' }>, truth: boolean): string {
  const phrase = truth ? fact.yes[0]! : fact.no[0]!;
  const quantified = 'ref' in fact.value && ['any', 'all', 'none'].includes(fact.value.agg);
  const about = fact.about;
  // Named by where it was read, so it cannot be taken for another place's verdict.
  const where =
    about?.sensors?.length === 1 && (about.places?.length ?? 0) <= 1
      ? `${capital(
          subject({ ...about, quantity: undefined })
            .replace(/\s*value\s*/, ' ')
            .trim(),
        )}: `
      : '';
  const said = `${phrase}${quantified ? ' throughout' : ''}`;
  return `${where}${where === '' ? capital(said) : said}.`;
}

/**
 * "Living room temperature (DHT11), lowest: 30 C." `about` and `unit` may be given to state the value of
 * something else, or in another unit's words (the adversaries' wrong statements).
 */
export function numberSentence(
  fact: Extract<AnswerFact, { kind: 'number' }>,
  value: number | string,
  options: { about?: Referent; unit?: string } = {},
): string {
  const about = options.about ?? fact.about;
  const named = options.unit ?? fact.unit;
  const unit = named === undefined || named === 'fraction' ? '' : ` ${named}`;
  const stat = about.stat ?? 'reading';
  const figure = typeof value === 'number' ? format(value) : value;
  if (stat === 'count') {
    const condition = about.words?.[0] ?? 'meeting the condition';
    return `${capital(subject(about))}: ${figure} samples were ${condition}.`;
  }
  if (stat === 'total') return `${capital(subject(about))} series: ${figure} samples in total.`;
  const name = STAT_NAMES[stat];
  return `${capital(subject(about))}${name === '' ? '' : `, ${name}`}: ${figure}${unit}.`;
}

/**
 * `opposite` states every verdict and choice the other way round (and keeps the numbers): an answer that
 * must fail, for checking that the verdict words really decide.
 */
export function plainStatement(task: Task, values: ReadonlyMap<string, Evaluated>, options: { opposite?: boolean } = {}): string {
  const sentences: string[] = [];
  const flip = options.opposite === true;
  for (const fact of task.expect.answer) {
    if (fact.kind === 'mentions') {
      sentences.push(`Suggestion: ${fact.any[0]}.`);
      continue;
    }
    const value = values.get(fact.id);
    if (!value?.ok) continue;
    if (fact.kind === 'number' && typeof value.value === 'number') sentences.push(numberSentence(fact, value.value));
    if (fact.kind === 'text') sentences.push(`${capital(subject(fact.about))}: ${String(value.value)}.`);
    if (fact.kind === 'boolean') sentences.push(verdict(fact, (value.value === true) !== flip));
    if (fact.kind === 'choice') {
      const labels = Object.keys(fact.options);
      const label = flip ? (labels.find((l) => l !== String(value.value)) ?? String(value.value)) : String(value.value);
      sentences.push(choiceSentence(fact, label));
    }
  }
  // Each statement a paragraph of its own, so none lends its place or sensor to the next.
  return sentences.join('\n\n');
}

/** "The garden is warmer." */
export function choiceSentence(fact: Extract<AnswerFact, { kind: 'choice' }>, label: string): string {
  return `The ${fact.options[label]![0]} is ${fact.cues[0]}.`;
}

import { type Bindings, evaluate } from '../../tasks/expression.js';
import type { AnswerFact, Expr, Scalar } from '../../tasks/schema.js';
import { allowance } from '../../tasks/tolerance.js';
import type { FactVerdict } from '../results/trial-record.js';
import { factsOf, support, type ValueFact } from './answer/attach.js';
import { attribute, sensorPlacesIn } from './answer/attribution.js';
import { type ChoiceFact, type ChoiceStatement, choiceStatements } from './answer/choices.js';
import { wrongFigures } from './answer/consistency.js';
import { findCues, vocabularyFor } from './answer/cues.js';
import { REFERENCE_WORDS } from './answer/lexicon.js';
import { clauseStart } from './answer/negation.js';
import { codesIn, figuresIn, type NumberMention, numbersIn } from './answer/numbers.js';
import { PASTED_SHARE, pastedShare } from './answer/pasted.js';
import { findPhrases } from './answer/phrases.js';
import { type ReadText, readText } from './answer/text.js';
import { inFactUnit, unitHasAlternatives } from './answer/units.js';
import { interjections, type VerdictStatement, verdictStatements } from './answer/verdicts.js';

/**
 * Checks a final answer against a task's answer facts, with the values computed from the readings the
 * devices returned in this trial. A fact is met only by a statement about it: a number bound to what it
 * describes in its own sentence, a verdict read with its negations, a choice said of an option. Two
 * different statements about one fact (a hedge) fail it, and so does an answer that is tool output pasted
 * back. Reading the answer does not depend on the values, so it is done once per trial
 * (`analyseAnswer`) and judged against each pairing of repeated reads the call check tries (`judgeAnswer`).
 */

export interface AnswerContext {
  /** The user's request: a figure of it repeated in the answer ("above the 33 C you gave") is a reference, not a reading. */
  prompt?: string;
  /** The text of each tool result the model read: an answer mostly copied from them is pasted output. */
  toolTexts?: readonly string[];
}

interface ValueStatement {
  /** In the fact's unit (numbers), or the code's characters (codes). */
  value: number | string;
  text: string;
  /** Half the unit of its last written digit, in the fact's unit (numbers). */
  half: number;
  /** Offered as one of several possibilities ("31 or maybe 33"). */
  alternative: boolean;
  /** A figure the prompt stated ("my 1.5 m kayak", "vs 40 °C"): beside a figure of the answer's own it is the prompt's, not a second value. */
  echo: boolean;
  /** How directly it is bound to the fact: the number of things said of it that the fact is about. */
  strength: number;
  /** Written in the very unit the fact asks for. */
  asked: boolean;
}

export interface AnswerAnalysis {
  facts: readonly AnswerFact[];
  pasted: number;
  values: Map<string, ValueStatement[]>;
  verdicts: Map<string, VerdictStatement[]>;
  /** Opening "Yes," / "No." of each sentence, for each yes/no fact it can answer. */
  interjections: Map<string, VerdictStatement[]>;
  choices: Map<string, ChoiceStatement[]>;
  mentions: Map<string, string | undefined>;
}

/** The unit a fact's value is converted from, when the fact asks for the reading in another unit. */
function sourceUnit(fact: Extract<AnswerFact, { kind: 'number' }>): string | undefined {
  return 'convert' in fact.value && fact.unit !== undefined && fact.value.from !== fact.unit ? fact.value.from : undefined;
}

/** Whether a figure is written in the unit a conversion fact converts from, and not in the one it asks for. */
function statedInSource(units: readonly string[], fact: Extract<AnswerFact, { kind: 'number' }>): boolean {
  const from = sourceUnit(fact);
  if (from === undefined) return false;
  const inUnit = (u: string) => units.some((x) => x === u || inFactUnit(1, [x as never], u) === 1);
  return inUnit(from) && !inUnit(fact.unit!);
}

/** Whether the prompt stated a figure (in its own unit or the number's). */
function promptStated(n: NumberMention, figures: ReturnType<typeof figuresIn>): boolean {
  return figures.some(
    (f) =>
      Math.abs(f.value - n.value) <= 1e-9 * Math.max(1, Math.abs(f.value)) ||
      (f.units.length > 0 && inFactUnit(n.value, n.units as never, f.units[0]) === f.value),
  );
}

/**
 * After a figure, a noun that makes it a line to measure against: a threshold, a set point, a midpoint, a
 * point or level "where" something starts, a span's "range" ("40 to 60 % range").
 */
const LINE_AFTER =
  /^\s*(?:(?:to|-)\s*[-+]?\d[\d.,]*\s*[^\s\d]{0,4}\s+(?:\p{L}+\s+)?(?:range|band|zone|window)\b|(?:threshold|set\s?point|trip point|trigger point|alarm point|cut-?off|midpoint|mid-point|no-field point|point|level|line|mark)\s+(?:where|at which|above which|below which|beyond which|past which)\b|(?:threshold|set\s?point|trip point|trigger point|cut-?off|midpoint|mid-point|mark)\b)/iu;

/**
 * Before a figure, words that make it a figure to compare with rather than a reading: a line or an outside
 * quantity it stands in parentheses after ("the midpoint of a 12-bit ADC (2048)", "than the Earth's field
 * (around 0.05 mT)"), a sensor's specification ("a resolution of only 1 °C"), what something can or usually
 * does reach ("full sun can exceed 100,000 lux", "overcast skies usually sit around 1,000 lux").
 */
const REFERENCE_BEFORE = [
  /\b(?:midpoint|mid-point|threshold|limit|cut-?off|full[ -]scale|ceiling)\s+(?:of\s+(?:a\s+|an\s+|the\s+)?[\p{L}\d'\u2019 -]{1,25})?\(\s*(?:about|around|roughly|approximately|~|\u2248)?\s*$/iu,
  /\bthan\s+(?:the\s+|a\s+|an\s+)?[\p{L}'\u2019 -]{1,30}\(\s*(?:about|around|roughly|approximately|typically|~|\u2248)\s*$/iu,
  /\b(?:resolution|accuracy|precision|tolerance)\s+(?:is\s+|of\s+)?(?:only\s+|just\s+|about\s+|around\s+|roughly\s+|\u00b1\s*|\+\/-\s*)?$/i,
  /\b(?:can|could|may|will)\s+(?:easily\s+|even\s+)?(?:exceed|reach|go\s+(?:past|above|over|beyond)|top|hit|climb\s+(?:to|past|above))\s+(?:about\s+|around\s+|roughly\s+|well\s+over\s+|over\s+)?$/i,
  /\b(?:usually|typically|normally|generally)\s+(?:\p{L}+\s+){0,3}(?:about\s+|around\s+|roughly\s+|near\s+|at\s+|in\s+the\s+low\s+)?$/iu,
];

/** "above the 33 C you gave", "from the 45 % target": a number the prompt stated, repeated as a reference. */
function references(read: ReadText, numbers: readonly NumberMention[], prompt: string | undefined): Set<NumberMention> {
  const out = new Set<NumberMention>();
  const figures = prompt === undefined ? [] : figuresIn(prompt);
  const referenceBefore = new RegExp(`\\b(?:${REFERENCE_WORDS.join('|')})[\\s:]+(?:\\S+\\s+){0,2}$|\\bthe\\s+$`, 'i');
  const referenceAfter =
    /^\s*(?:threshold|mark|limit|setpoint|set point|target|ideal|trigger|line|cut-?off|point|centre|center|you (?:gave|set|mentioned|asked)|figure|level\b)/i;
  for (const n of numbers) {
    if (n.kind !== 'value' && n.kind !== 'time') continue;
    const after = read.text.slice(n.end, n.end + 40);
    // "the 1.65 V midpoint", "the ~30 °C point where ...", "the comfortable 40 to 60 % range": a line the answer
    // measures against names itself so, whoever set it.
    if (LINE_AFTER.test(after) || REFERENCE_BEFORE.some((r) => r.test(read.text.slice(Math.max(0, n.start - 60), n.start)))) {
      out.add(n);
      continue;
    }
    if (!promptStated(n, figures)) continue;
    const before = read.text.slice(Math.max(0, n.start - 40), n.start);
    // "Gap to 'high' (6): 1.38": a figure of the prompt named in passing.
    const aside = /\(\s*$/.test(before) && /^\s*\)/.test(after);
    if (referenceBefore.test(before) || referenceAfter.test(after) || aside) out.add(n);
  }
  // "40 to 60 % range": the span's first figure names the line as its last does.
  for (const n of numbers)
    if (
      !out.has(n) &&
      /^\s*(?:to|-)\s*$/.test(read.text.slice(n.end, n.end + 5).replace(/\d.*$/s, '')) &&
      numbers.some((m) => out.has(m) && m.start > n.end && m.start - n.end <= 5 && LINE_AFTER.test(read.text.slice(m.end, m.end + 40)))
    )
      out.add(n);
  return out;
}

/** The count facts whose condition compares with a figure ("samples at 65535"), and that figure. */
function conditionFigures(facts: readonly AnswerFact[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const fact of facts) {
    if (fact.kind !== 'number' || fact.about.stat !== 'count' || !('ref' in fact.value) || fact.value.where === undefined) continue;
    const figure = (fact.value.where as { value?: unknown }).value;
    if (typeof figure === 'number') out.set(fact.id, figure);
  }
  return out;
}

/** The text with the given spans blanked out. */
function without(text: string, spans: readonly { start: number; end: number }[]): string {
  let out = '';
  let at = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    if (span.start > at) out += text.slice(at, span.start);
    at = Math.max(at, span.end);
  }
  return out + text.slice(at);
}

/** A clause about some of the samples: "most readings", "the first four readings", "the last 3 samples", "from t = 2 s". */
const PART_OF_SERIES =
  /\bmost(?:\s+of\s+the)?\s+(?:other\s+)?(?:samples|readings|values|measurements)\b|\bmostly\b|\b(?:background|baseline|resting level|idle level|quiet level)\b[^.;]{0,25}$|\b(?:the\s+)?(?:first|last|final|initial|remaining|other|later|earlier)\s+(?:\d+|two|three|four|five|six|seven|eight|nine|ten|few|couple of)\s+(?:samples|readings|values|reads|measurements)\b|\bfrom\s+(?:t\s*=\s*)?\d+(?:\.\d+)?\s*(?:s|secs?|seconds?)\b(?!\s*(?:to|until|till|through)\b)/i;
/** After a figure, words tying it to part of the series: "(1.828 to 2.244 V) for the rest of the run", "60-61 dBA afterwards". */
const PART_OF_SERIES_AFTER =
  /^(?:[^.;]|\.\d){0,40}?\b(?:for|during|over|in)\s+the\s+(?:first|last|final|initial|rest|remainder|remaining|next|early|later)\b|^(?:[^.;]|\.\d){0,25}?\b(?:afterwards?|thereafter|onwards?|from then on|after that|before that|until (?:then|the end|t\s*=))\b/i;
/** After a number of samples, the figure they had: "2 samples = 1", "3 readings at 0", "4 reads were 1". */
const COUNTED_AT =
  /^\s+(?:\p{L}+\s+)?(?:samples|readings|reads|values|checks)\s*(?:==?|:|at|read|reading|were|was)\s*(-?\d+(?:\.\d+)?)(?![\d.]|\s*(?:s|secs?|seconds?)\b)/iu;
/** Statistics of a whole series. */
const WHOLE_SERIES_STATS = ['mean', 'median', 'min', 'max', 'lower-end', 'upper-end', 'constant'];

function valueFacts(facts: readonly AnswerFact[]): ValueFact[] {
  return facts.filter((f): f is ValueFact => f.kind === 'number' || f.kind === 'text');
}

/** A figure glossed with its logic level: "1 (high)", "0 (LOW)". */
const LEVEL_BEFORE = /(?<![\d.])[01]\s*\(\s*$/;

export function analyseAnswer(answer: string, facts: readonly AnswerFact[], context: AnswerContext = {}): AnswerAnalysis {
  const read = readText(answer);
  const vocabulary = vocabularyFor(facts);
  // "by a wide margin": a gap sized in words, an idiom that describes no figure.
  const cues = findCues(read, vocabulary).filter(
    (c) =>
      !(
        c.dimension === 'stat' &&
        c.values.includes('difference') &&
        /\bby\s+(?:a|an)\s+(?:\p{L}+\s+)?$/iu.test(read.text.slice(Math.max(0, c.start - 30), c.start)) &&
        !/^\s*of\b/i.test(read.text.slice(c.end, c.end + 5))
      ) &&
      // "CLK: 1 (high)": a pin's level glossed in words is what the figure means, not its peak or an alarm's bound.
      !(
        (c.dimension === 'stat' || c.dimension === 'part') &&
        /^(?:high|low)$/i.test(read.text.slice(c.start, c.end)) &&
        LEVEL_BEFORE.test(read.text.slice(Math.max(0, c.start - 12), c.start)) &&
        /^\s*\)/.test(read.text.slice(c.end, c.end + 3))
      ),
  );
  const stated = numbersIn(read);
  const asked = references(read, stated, context.prompt);
  for (const n of asked) n.reference = true;
  const numbers = stated.filter((n) => !asked.has(n));
  const codes = codesIn(read);
  // References take part in reading the cues ("above the 30 C threshold" keeps "threshold" to itself), then go.
  const attributions = attribute(read, [...stated, ...codes], cues, sensorPlacesIn(context.toolTexts));
  // "2 samples touched", "All 4 readings came back with shock set": a number of samples is the count of those
  // meeting the condition its sentence names.
  const conditions = conditionFigures(facts);
  // "**Low (0):** 6 readings", "low (raw 0) = 6": a level glossed in a label names what the figure after the label
  // counts; the gloss is the level the count's condition compares with.
  for (const gloss of numbers) {
    if (gloss.gloss !== true) continue;
    // The figure after the label ("Low (0): 6"), or the count the level is said of ("6 were low (raw 0, ...)").
    const after = numbers.find((m) => m.sentence === gloss.sentence && m.start >= gloss.end);
    const before = numbers.filter((m) => m.sentence === gloss.sentence && m.end <= gloss.start).pop();
    const next =
      after !== undefined && /^\s*\)\s*[*_]*\s*[:=]?\s*[*_]*\s*$/.test(read.text.slice(gloss.end, after.start))
        ? after
        : before !== undefined &&
            /^\s*(?:\p{L}+\s+){0,2}(?:were|was|are|is|read|came back|showed|stayed|sat)\s+\p{L}+\s*\(\s*(?:(?:raw|pin|level|value)\s*=?\s*)?$/u.test(
              read.text.slice(before.end, gloss.start),
            )
          ? before
          : undefined;
    if (next === undefined) continue;
    const from = attributions.get(gloss)!;
    const to = attributions.get(next)!;
    for (const id of from.words) if (!to.unlike.has(id)) to.words.add(id);
    for (const id of from.unlike) if (!to.words.has(id)) to.unlike.add(id);
    if (
      next.kind !== 'time' &&
      Number.isInteger(next.value) &&
      next.units.length === 0 &&
      [...conditions].some(([id, figure]) => figure === gloss.value && to.words.has(id))
    ) {
      to.stat.add('count');
      next.stats.add('count');
    }
  }
  const sentenceFigures = new Map<number, number[]>();
  for (const n of numbers) {
    const said = attributions.get(n)!;
    // Words near the number, or anywhere in its sentence when it counts "all" the samples.
    const named = n.all ? new Set(cues.filter((c) => c.sentence === n.sentence && c.dimension === 'words').flatMap((c) => c.values)) : new Set(said.words);
    // "All 5 readings sat at the 65535 ceiling": a sentence stating the figure a count's condition compares with names it.
    if (conditions.size > 0 && n.all) {
      if (!sentenceFigures.has(n.sentence))
        sentenceFigures.set(
          n.sentence,
          figuresIn(read.sentences[n.sentence]!.text).map((f) => f.value),
        );
      for (const [id, figure] of conditions) if (sentenceFigures.get(n.sentence)!.includes(figure)) named.add(id);
    }
    // "got six samples", "6 samples: tilted at ...": a number its words make the size of the series counts no condition.
    const wholeSeries = n.kind === 'count' && !n.all && n.stats.has('total') && !n.stats.has('count');
    // "2 samples = 1", "3 readings at 0": the figure its counted samples are said to have names the count's condition.
    const level = conditions.size > 0 && n.kind === 'count' ? COUNTED_AT.exec(read.text.slice(n.end, n.end + 40)) : null;
    if (level !== null) for (const [id, figure] of conditions) if (Number(level[1]) === figure) named.add(id);
    if (
      (n.kind !== 'count' && !said.stat.has('total')) ||
      n.fixed ||
      wholeSeries ||
      !facts.some((f) => f.kind === 'number' && f.about.stat === 'count' && named.has(f.id))
    )
      continue;
    for (const id of named) said.words.add(id);
    said.stat.add('count');
    n.stats.add('count');
    if (!n.all) {
      said.stat.delete('total');
      n.stats.delete('total');
      n.stats.add('count');
    }
  }
  // "the first four readings were close to 1650 mV", "from t = 2 s it fell to 1.43 V": a figure said of part of
  // the series is no statistic of the whole of it.
  const partial = new Set<NumberMention>();
  for (const n of numbers) {
    const sentence = read.sentences[n.sentence]!;
    const at = n.start - sentence.start;
    const lead = sentence.text.slice(clauseStart(sentence.text, at), at);
    const rest = sentence.text.slice(n.end - sentence.start);
    const trail = rest.slice(0, rest.search(/,\s*(?:and|but|then|while|so|which)\b|;|\.(?!\d)|$/i));
    // After the figure, only a span's ends are tied so ("the farthest was 221.6 cm during the first seconds" says when).
    const spanEnd = n.stats.has('lower-end') || n.stats.has('upper-end');
    // "most readings sat between 0.58 and 0.93 V": a span's far end is said of the part its near end is.
    const previous = numbers[numbers.indexOf(n) - 1];
    const farEnd =
      previous !== undefined &&
      partial.has(previous) &&
      previous.sentence === n.sentence &&
      /^\s*(?:and|to|-|\u2013|\u2014)\s*(?:about\s+|around\s+|roughly\s+)?$/i.test(read.text.slice(previous.end, n.start));
    if (!PART_OF_SERIES.test(lead) && !(spanEnd && PART_OF_SERIES_AFTER.test(trail)) && !farEnd) continue;
    partial.add(n);
    const said = attributions.get(n)!;
    for (const stat of WHOLE_SERIES_STATS) {
      said.stat.delete(stat);
      n.stats.delete(stat as never);
    }
  }
  const targets = valueFacts(facts);
  const numberFacts = targets.filter((f) => f.kind === 'number');
  // "397", "3.": an answer of figures and nothing else binds none of them to anything; a unit ("397 counts" aside)
  // or any word ("Raw: 397") is the least a statement of a figure needs.
  const worded = stated.some((n) => n.units.length > 0) || /\p{L}/u.test(without(read.text, [...stated, ...codes]));
  const lone = worded ? numbers.filter((n) => n.kind === 'value' && !read.sentences[n.sentence]!.question) : [];
  const values = new Map<string, ValueStatement[]>();
  const promptFigures = context.prompt === undefined ? [] : figuresIn(context.prompt);
  for (const mention of [...numbers, ...codes]) {
    if (read.sentences[mention.sentence]!.question) continue;
    // A lone figure in an answer with one number fact is that fact's, when nothing else could be meant: a count,
    // an index, an ADC value ("3." answers "in how many samples?"); "31" alone for a temperature could be C or F.
    // One code written twice ("EA001E..." and "(EA 00 1E ...)") is still the answer's one code.
    const lenient = !worded
      ? false
      : mention.kind === 'code'
        ? new Set(codes.map((c) => c.code)).size === 1
        : lone.length === 1 && lone[0] === mention && numberFacts.length === 1 && !unitHasAlternatives(numberFacts[0]!.unit);
    // Only where it is the answer's one figure of any kind: beside "4 readings" a bare "0" is no count.
    const tally =
      lenient &&
      stated.length === 1 &&
      mention.kind === 'value' &&
      mention.units.length === 0 &&
      Number.isInteger(mention.value) &&
      ['count', 'total'].includes(numberFacts[0]!.about.stat ?? '');
    const attribution = attributions.get(mention)!;
    const described = tally
      ? {
          attribution: { ...attribution, stat: new Set([...attribution.stat, 'count']) },
          units: mention.units,
          kind: 'count' as const,
          positional: mention.stats,
          gloss: mention.gloss === true,
        }
      : { attribution, units: mention.units, kind: mention.kind, positional: mention.stats, gloss: mention.gloss === true };
    for (const fact of factsOf(described, targets, lenient)) {
      let value: number | string | null;
      let half = 0;
      if (fact.kind === 'text') value = mention.code ?? null;
      else {
        value = inFactUnit(mention.value, mention.units, fact.unit);
        // A count is exact, however it is written; a measured figure may have been rounded to its last digit.
        half = value === null || mention.kind === 'count' ? 0 : Math.abs(inFactUnit(mention.value + mention.resolution / 2, mention.units, fact.unit)! - value);
      }
      if (value === null) continue;
      // A conversion the user asked for is answered in the unit asked: the device's own figure beside it is the
      // working, not the answer ("245.7 lux, about 74.9 fc" states the wrong foot-candles).
      if (fact.kind === 'number' && mention.units.length > 0 && statedInSource(mention.units, fact)) continue;
      const echo = mention.kind !== 'code' && promptFigures.length > 0 && promptStated(mention, promptFigures);
      values.set(fact.id, [
        ...(values.get(fact.id) ?? []),
        {
          value,
          text: mention.text,
          half,
          alternative: mention.alternatives !== undefined,
          echo,
          strength: strengthOf(described, fact),
          asked: fact.kind === 'number' && mention.units.length > 0 && inFactUnit(1, mention.units, fact.unit) === 1,
        },
      ]);
    }
  }
  for (const [id, statements] of values) {
    if (statements.some((s) => !s.echo))
      values.set(
        id,
        statements.filter((s) => !s.echo || s.alternative),
      );
  }
  const verdicts = new Map<string, VerdictStatement[]>();
  const said = new Map<string, VerdictStatement[]>();
  const choices = new Map<string, ChoiceStatement[]>();
  const mentions = new Map<string, string | undefined>();
  for (const fact of facts) {
    if (fact.kind === 'boolean') {
      verdicts.set(fact.id, verdictStatements(read, cues, fact));
      said.set(fact.id, interjections(read, cues, fact));
    }
    if (fact.kind === 'choice') choices.set(fact.id, choiceStatements(read, fact, cues, facts));
    if (fact.kind === 'mentions') mentions.set(fact.id, findPhrases(read.text, [fact.any])[0]?.phrase);
  }
  return {
    facts,
    pasted: context.toolTexts === undefined ? 0 : pastedShare(answer, context.toolTexts),
    values,
    verdicts,
    interjections: said,
    choices,
    mentions,
  };
}

/**
 * How directly a statement is bound to a fact: the number of things said of it that the fact is about. Naming
 * the sensor as well as the place adds nothing a reader needs to tie a figure to its referent ("Kitchen DHT11:
 * 22 °C. Kitchen: 25 °C." states two kitchen values).
 */
function strengthOf(described: Parameters<typeof support>[0], fact: ValueFact): number {
  const placed = described.attribution.place.size > 0 && described.attribution.sensor.size > 0 && fact.about.places !== undefined;
  return placed ? Math.max(0, support({ ...described, attribution: { ...described.attribution, sensor: new Set() } }, fact)) : support(described, fact);
}

function show(value: number): string {
  return String(Number(value.toPrecision(6)));
}

function judgeNumber(
  fact: Extract<AnswerFact, { kind: 'number' }>,
  expected: number,
  statements: readonly ValueStatement[],
): Pick<FactVerdict, 'ok' | 'found' | 'reason'> {
  if (statements.length === 0) return { ok: false, reason: `states nothing about ${fact.says}; expected ${show(expected)}${fact.unit ? ` ${fact.unit}` : ''}` };
  // A gap or a change is stated by its size; its direction is a verdict of its own where the task asks for one.
  const signless = fact.about.stat === 'delta' || fact.about.stat === 'difference';
  // A hair of slack so a value exactly at the tolerance survives floating point.
  const allowed = allowance(fact, expected) + 1e-9;
  const wrong = wrongFigures(statements as (ValueStatement & { value: number })[], expected, allowed, signless);
  const found = statements.map((s) => s.text).join(', ');
  if (wrong.length === 0) return { ok: true, found };
  const what =
    statements.length > 1 && wrong.length < statements.length
      ? `states ${statements.length} different values for ${fact.says} (${found})`
      : `states ${found} for ${fact.says}`;
  return { ok: false, found, reason: `${what}; expected ${show(expected)}${fact.unit ? ` ${fact.unit}` : ''} (within ${show(allowed)})` };
}

function judgeText(
  fact: Extract<AnswerFact, { kind: 'text' }>,
  expected: string,
  statements: readonly ValueStatement[],
): Pick<FactVerdict, 'ok' | 'found' | 'reason'> {
  const wanted = expected.replace(/[^0-9a-z]/gi, '').toUpperCase();
  if (statements.length === 0) return { ok: false, reason: `states nothing about ${fact.says}; expected ${expected}` };
  const found = statements.map((s) => s.text).join(', ');
  return statements.every((s) => s.value === wanted)
    ? { ok: true, found }
    : { ok: false, found, reason: `states ${found} for ${fact.says}; expected ${expected}` };
}

function judgeVerdict(truth: boolean, statements: readonly VerdictStatement[]): Pick<FactVerdict, 'ok' | 'found' | 'reason'> {
  const word = (b: boolean) => (b ? 'yes' : 'no');
  if (statements.length === 0) return { ok: false, reason: `states no verdict; expected ${word(truth)}` };
  const said = new Set(statements.map((s) => s.says));
  const found = statements.map((s) => `"${s.text}" (${word(s.says)})`).join(', ');
  if (said.size > 1) return { ok: false, found, reason: `states both yes and no: ${found}` };
  return said.has(truth) ? { ok: true, found } : { ok: false, found, reason: `states ${word(!truth)} (${found}); expected ${word(truth)}` };
}

/**
 * Whether a yes/no fact asks if anything happened in a series (`any`, or a count above 0), if nothing did
 * (`none`, a count of 0), or if it always did (`all`).
 */
function quantifierOf(value: Expr): 'any' | 'none' | 'all' | undefined {
  if ('ref' in value) return value.agg === 'any' || value.agg === 'none' || value.agg === 'all' ? value.agg : undefined;
  if (!('op' in value) || value.args.length !== 2) return undefined;
  const [a, b] = value.args as [Expr, Expr];
  if (!('ref' in a) || a.agg !== 'count' || !('const' in b) || b.const !== 0) return undefined;
  if (value.op === 'gt' || value.op === 'ne') return 'any';
  if (value.op === 'eq') return 'none';
  return undefined;
}

function flipped(value: Expr): Expr | undefined {
  return 'pick' in value ? { ...value, pick: value.pick === 'max' ? 'min' : 'max' } : undefined;
}

function judgeChoice(
  fact: ChoiceFact,
  expected: Scalar,
  bindings: Bindings,
  statements: readonly ChoiceStatement[],
): Pick<FactVerdict, 'ok' | 'found' | 'reason'> {
  if (statements.length === 0)
    return { ok: false, reason: `names none of ${Object.keys(fact.options).join(', ')} as the answer; expected ${String(expected)}` };
  const inverse = flipped(fact.value);
  const other = inverse === undefined ? undefined : evaluate(inverse, bindings);
  const found = statements.map((s) => `"${s.text}" of ${s.label ?? 'two options at once'}`).join(', ');
  for (const statement of statements) {
    if (statement.label === null) return { ok: false, found, reason: `says "${statement.text}" of two options at once` };
    const wanted = statement.pick ? expected : other?.ok ? other.value : undefined;
    if (statement.label !== wanted)
      return {
        ok: false,
        found,
        reason: `names ${statement.pick ? statement.label : `${statement.label} as the other extreme`}; expected ${String(expected)}`,
      };
  }
  return { ok: true, found };
}

export function judgeAnswer(analysis: AnswerAnalysis, bindings: Bindings): FactVerdict[] {
  const applicable = analysis.facts.map((fact) => {
    if (fact.when === undefined) return { fact, applies: true as boolean | string };
    const test = evaluate(fact.when, bindings);
    return { fact, applies: test.ok ? test.value === true : `cannot decide whether it applies: ${test.error}` };
  });
  const booleans = applicable.filter((a) => a.fact.kind === 'boolean' && a.applies === true).length;
  const boundElsewhere = (reply: VerdictStatement, id: string) =>
    applicable.some(
      (a) =>
        a.fact.id !== id &&
        a.fact.kind === 'boolean' &&
        a.applies === true &&
        (analysis.interjections.get(a.fact.id) ?? []).some((r) => r.bound === true && r.at === reply.at),
    );
  return applicable.map(({ fact, applies }): FactVerdict => {
    const base = { id: fact.id, kind: fact.kind, says: fact.says };
    if (typeof applies === 'string') return { ...base, skipped: false, ok: false, reason: applies };
    if (!applies) return { ...base, skipped: true, ok: true };
    if (analysis.pasted >= PASTED_SHARE) {
      return {
        ...base,
        skipped: false,
        ok: false,
        reason: `the answer is tool output pasted back (${Math.round(analysis.pasted * 100)}% copied), not a statement of ${fact.says}`,
      };
    }
    if (fact.kind === 'mentions') {
      const hit = analysis.mentions.get(fact.id);
      return hit !== undefined
        ? { ...base, skipped: false, ok: true, found: hit }
        : { ...base, skipped: false, ok: false, reason: `mentions none of: ${fact.any.join(', ')}` };
    }
    const value = evaluate(fact.value, bindings);
    if (!value.ok) return { ...base, skipped: false, ok: false, reason: `expected value cannot be computed: ${value.error}` };
    const expected = value.value;
    const verdict = { ...base, skipped: false, expected };
    switch (fact.kind) {
      case 'number':
        return typeof expected === 'number'
          ? { ...verdict, ...judgeNumber(fact, expected, analysis.values.get(fact.id) ?? []) }
          : { ...verdict, ok: false, reason: 'expected value is not a number' };
      case 'text':
        return { ...verdict, ...judgeText(fact, String(expected), analysis.values.get(fact.id) ?? []) };
      case 'boolean': {
        // Whether anything happened in a series is settled by one sample, whether nothing did only by all of them.
        const quantifier = quantifierOf(fact.value);
        // A possibility ("it might be pressed") says both ways, whatever the question quantifies.
        const settles = (s: VerdictStatement) => s.universal || s.hedged === true || quantifier === undefined || (quantifier === 'any' ? s.says : !s.says);
        // With several yes/no questions, a reply answers the one whose place or sensor its statement names alone.
        const replies =
          booleans === 1
            ? (analysis.interjections.get(fact.id) ?? [])
            : (analysis.interjections.get(fact.id) ?? []).filter((r) => r.bound === true && !boundElsewhere(r, fact.id));
        const labelled = (analysis.verdicts.get(fact.id) ?? []).filter((s) => s.reply === true);
        // "Yes, ... the air may be slightly cooler", "No, ... if nothing should be burning": a reply that commits
        // to one answer is not taken back by a possibility or a condition in the reasoning after it.
        const commitments = [...replies, ...labelled];
        const committed = commitments.length > 0 && commitments.every((r) => r.says === commitments[0]!.says);
        const own = (analysis.verdicts.get(fact.id) ?? []).filter((s) => !committed || (s.conditional !== true && s.hedged !== true));
        // "It does see a flame ... if nothing should be burning, check": a condition is not a claim, so it cannot
        // contradict one; it says something only where nothing else does.
        const claims = own.filter((s) => s.conditional !== true);
        const statements = [...(claims.length > 0 ? claims : own), ...replies].filter(settles);
        return { ...verdict, ...judgeVerdict(expected === true, statements) };
      }
      case 'choice':
        return { ...verdict, ...judgeChoice(fact, expected, bindings, analysis.choices.get(fact.id) ?? []) };
    }
    // The schema admits no other kind; this keeps the switch exhaustive if one is added.
    const unknownKind: never = fact;
    throw new Error(`no judge for an answer fact of kind "${(unknownKind as AnswerFact).kind}"`);
  });
}

export function checkAnswer(answer: string, facts: readonly AnswerFact[], bindings: Bindings, context: AnswerContext = {}): FactVerdict[] {
  return judgeAnswer(analyseAnswer(answer, facts, context), bindings);
}

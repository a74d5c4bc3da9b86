import { type AnswerFact, COMPARISONS, type Expr } from '../../../tasks/schema.js';
import { type Cue, cuesIn, referentOf } from './cues.js';
import { ABOVE_WORDS, BELOW_WORDS, FLAG_NOUN_WORDS } from './lexicon.js';
import { clauseEnd, clauseStart, isNegated } from './negation.js';
import { type NumberMention, numbersIn } from './numbers.js';
import { findPhrases, type PhraseMatch } from './phrases.js';
import { type ReadText, type Sentence, wordCount } from './text.js';
import { inFactUnit } from './units.js';

/**
 * Yes/no verdicts, read statement by statement: each yes or no phrase of a fact, in a sentence that is not
 * a question, with the negations that govern it ("there's no sign of motion" says no), counts for the fact
 * unless its clause names another place or sensor. A comparison word of a threshold verdict ("above",
 * "under") counts only when it compares with the threshold ("above 33 C", "above it", "under the limit"),
 * not in "over the 5 s" or "less than a degree". A sentence opening with a bare "Yes," or "No." is the
 * verdict of a task's only yes/no question; "No data" and "No idea" are not.
 */

export type BooleanFact = Extract<AnswerFact, { kind: 'boolean' }>;

export interface VerdictStatement {
  says: boolean;
  /** The words that said it, as written. */
  text: string;
  /** Said of every sample ("never", "the whole time", "all 8 readings"): it can settle an any/all question. */
  universal: boolean;
  /** Offered as a possibility ("it might be pressed"): it says both, whatever the question quantifies. */
  hedged?: true;
  /** Said under a condition or of a counterfactual ("if nothing should be burning", "instead of idle high"). */
  conditional?: true;
  /** A bare reply after a label naming the question ("Flame detected: Yes"): it commits as an opening "Yes," does. */
  reply?: true;
  /** Where a reply starts in the read text. */
  at?: number;
  /** A reply whose statement names the fact's place or sensor ("KY-004 pin: Yes, it went low"). */
  bound?: true;
}

/** Words that make a statement about a series hold for all of it. */
const UNIVERSAL =
  /\b(?:never|not once|at no point|at any point|at all|throughout|the whole|the entire|the full|all (?:the |of the |\d+ )?(?:samples|readings|checks|time|window)|all \d+|every (?:sample|reading|check|single|one)|none of|any of the|constantly|continuously|stayed|remained|kept|always|each (?:sample|reading|check)|for all|in every|the full)\b/i;

/** Phrases whose verdict is a comparison with a figure: they need an object that is the figure. */
const COMPARATIVES: ReadonlySet<string> = new Set([
  ...ABOVE_WORDS,
  ...BELOW_WORDS,
  'higher',
  'lower',
  'more',
  'less',
  'greater',
  'fewer',
  'anywhere near',
  'nowhere near',
  'close to',
]);
const DEICTIC =
  /^\s*(?:it|that|this|those|these|there|what you|your|our|my|the\s+(?:threshold|limit|mark|line|setpoint|set\s+point|target|trigger|trigger\s+point|level|cut-?off|value|ideal|boundary|alarm|point|figure|number|one|maximum|minimum|max|min|recommended))\b/i;
/**
 * "tilted flag is false", "alarm = false", "motion (HC-SR501): none", "pressed flag says false": a field
 * and its state, the state saying which way.
 */
const STATE_AFTER =
  /^\s*(?:\([^)]{0,40}\))?\s*(?:flag|status|state|field|value|bit|indicator|checks?|tests?|results?|readings?)?\s*(?:(is|was|are|were)(n't|\s+not)?|=|:|says|reads|shows|->|came back|come back|returned|showed)?\s*(true|false|yes|no|none|set|raised|on|off|active|inactive|1|0|positive|negative)\s*(?:detected|found|seen|present|reported|registered|at all)?\s*(?=[,;:)!]|\.(?!\d)|$|\s-\s|\s\(|\s(?:and|but|so|while|in|at|for|on|over|across|during|throughout|the whole|the entire|all|every|each|both)\b)/i;
/** "sensor triggered", "switch hasn't tripped", "detector did not go off": a part that fired, or (group 1) did not. */
const FIRED_AFTER =
  /^\s*(?:sensors?|detectors?|switch|module)\s+(?:(?:has|had|was|is|did|does)\s*)?(n't\s+|\s*not\s+|never\s+)?(?:been\s+)?(?:triggered|trigger|tripped|trip|fired|fire|went off|go(?:ne)? off|activated|activate)\b/i;
/** "the trigger never fired", "motion didn't show up": a noun the predicate after it negates. */
const NEGATED_PREDICATE = /^\s*(?:\w+\s+)?(?:never|didn't|did not|wasn't|was not|isn't|is not|hasn't|has not|doesn't|does not|weren't|were not)\b/i;

export function stateAfter(text: string): boolean | undefined {
  const match = STATE_AFTER.exec(text);
  if (!match) return undefined;
  const truthy = /^(?:true|yes|set|raised|on|active|1)$/i.test(match[3]!);
  return match[2] === undefined ? truthy : !truthy;
}

/** A phrase that is itself a denial: "no motion", "not pressed", "nobody". */
const NEGATIVE_FORM = /^(?:no|not|nobody|none|nothing|never|without|no one|un)\b|^un/i;
/** A clause tied to one moment of a series. */
const MOMENT =
  /\b(?:at|by|from|after|before|until|till|around)\s+(?:t\s*=\s*)?\d|\b(?:t|time)\s*[=:]\s*\d|^\W*\d+(?:\.\d+)?\s*(?:to\s+\d+(?:\.\d+)?\s*)?(?:s|secs?|seconds?)\b|\b(?:for|in|during|over|across)\s+(?:the\s+|its\s+)?(?:first|last|final|initial|opening|closing|next|remaining|early|later)\b|\bonwards?\b|\b(?:again|then|now|currently|at the end|at the start|at first|at one point|briefly|in the middle|momentarily|for a moment|at times|earlier|later|afterwards|once)\b/i;

/** "mostly stayed below 1": said of most of a series, so not of all of it. */
const MOSTLY = /\b(?:mostly|largely|mainly|for the most part|almost always|nearly always|most of the time)\s+(?:\w+\s+)?$/i;
/** "though I can't be fully sure it never touched 1": doubt the sentence casts on what it states. */
const SELF_DOUBT = /\b(?:can't|cannot|can not|couldn't) be (?:\w+ )?(?:sure|certain)\b|\bnot (?:\w+ )?(?:sure|certain) (?:it|that|whether|if)\b/i;
/** Words of a general truth: "usually", "typically", "tends to". */
const GENERIC =
  /\b(?:usually|typically|generally|normally|in general|tends? to|as a rule)\b|\bas\s+(?:[\p{L}-]+\s+){1,5}(?:gets?|grows?|becomes?)\s+(?:stronger|weaker|higher|lower|brighter|dimmer|closer|nearer|louder|hotter|colder|bigger|smaller)\b|^\s*(?:an?|any)\s+[\p{L}\p{N}-]+(?:\s+[\p{L}\p{N}-]+)?\s+(?:can|can't|cannot|may|will|won't)\b/iu;
/** "worth getting someone to look", "ask somebody to check": a person wanted, not a person present. */
const PERSON_WANTED = /\b(?:get|getting|ask|asking|have|having|send|sending|call|calling|find|finding|tell|telling)\s+$/i;
const PERSON = /^(?:someone|somebody|anyone|anybody)$/i;
/** "too hot to work comfortably": the infinitive after "too <adjective>" is what cannot be. */
const TOO_TO = /\btoo\s+\p{L}+\s+(?:for\s+\p{L}+\s+)?to\s+(?:\p{L}+\s+){0,3}$/iu;
/** A clause that states a condition, a counterfactual or an outcome to come, not what the reading showed. */
const CONDITIONAL =
  /\b(?:if|unless|when|whenever|in case|should|would|instead of|rather than|otherwise)\b|\b(?:should|would)n't\b|\b(?:you|they|we|i|it|that)'d\b/i;
/** An "if" clause still open before a verdict word: "If nothing is meant to be burning in there, ...". */
const CONDITION_OPEN = /\b(?:if|unless|when|whenever|in case)\b[^,;:.!?]*$/i;
/** A modal verb a few words after a phrase, in its clause: the phrase is what a possibility is about. */
const MODAL_AFTER = /^(?:\s+[\p{L}'-]+){0,4}?\s+(?:might|may|could)\b/iu;
const HEDGED =
  /\b(?:might|may|could|possibly|perhaps|maybe|probably|likely|presumably|whether|not sure|unsure|hard to say|can't tell|cannot tell|can't really say|unclear|either)\b/i;

/** "motion sensor", "flame detector", "fire brigade": a verdict word naming a part or a thing, not stating a verdict. */
/** Words of comparison that describe a noun after them as a statement: "same value", "different readings". */
const COMPARISON_ADJECTIVE = /^(?:same|different|identical|equal|unchanged|matching|consistent|inconsistent|steady|stable|constant)$/i;
const PART_NAME_AFTER =
  /^\s*(?:sensors?|detectors?|probes?|modules?|pins?|boards?|switch|readings?|values?|flags?|fields?|status|outputs?|checks?|tests?|results?|data|levels?|count|counts|channels?|points?|thresholds?|limits?|settings?|setpoints?|brigade|service|department|blanket|extinguishers?|station|safety|risk|hazard|drill|exit|escape)\b/i;
/**
 * A sentence's opening "Yes," / "No." (after a label such as "Answer:", "GUVA-S12SD on esp32c3-garden:" or a
 * table's column name). "Yes" needs no comma after it ("so yes both are clipping"); "no" does, as "no probe"
 * is a denial of its noun, not a reply.
 */
const INTERJECTION =
  /(?:^(?:[\p{So}\p{Sk}\s]|\uFE0F|\u200d)*|[,;:]\s*(?=so\b|and\b|but\b)|\s(?=so,?\s+(?:yes|no)\b)|\s(?:->|=>|\u2192)\s*(?=(?:so\s+|the\s+)?(?:answer|verdict|yes|no)\b))\s*(?:[\p{L}\p{N}][\p{L}\p{N} ()/-]{0,39}:\s*|(?:so|but|well|then|and|overall|in short|short answer|answer|verdict)[,:]?\s+(?:(?<adverb>\p{L}+ly)\s+)?|(?:so\s+)?(?:the\s+)?(?:short\s+)?(?:answer|verdict)\s+(?:is|=)\s+)?(?<reply>yes|yeah|yep|yup|correct|affirmative|indeed|no|nope|nah|negative|not yet|not really|not quite|not at all|not right now|not now|not at the moment|not currently|(?:it|they|there|he|she)\s+(?:is|are|was|were|did|does|do|has|have|had)(?:n't|\s+not)?)(?=\s*(?:[,.!:;]|\s[-\u2013\u2014]|$)|(?<=\byes)\s+\p{L})/giu;
/** Replies that say yes; the others say no. */
const YES = /^(?:yes|yeah|yep|yup|correct|affirmative|indeed)$/i;
/** "It did not.", "They are.": a reply that leaves its verb phrase to the question, yes unless negated. */
const ELLIPSIS = /^(?:it|they|there|he|she)\s/i;
/** "so probably no": a reply offered as a likelihood, which says both. */
const HEDGING_ADVERB = /^(?:probably|possibly|likely|presumably|arguably)$/i;
/** "1 means tilted", "pressed = 0": a definition, not a statement that it is so. */
const DEFINITION_BEFORE =
  /(?:(?<!\b(?:which|this|that|so)\s+)(?:\bmeans|\bmeaning|\bindicates?)|\bstands? for|(?<=\b(?:level|point|mark|line|threshold|value|figure)\s+)where|\bwould mean|\bwould be|\bwould read|=|\bif|\bwhether|\bunless|\bcheck if|\bsee if|\bas for|\bregarding|\bbefore|\buntil|\bin case|\bwhen)\s*(?:it\s+|it's\s+|is\s+|was\s+|(?:the|an?)\s+(?:\w+\s+)?|being\s+)?$/i;
/**
 * "far above normal room temperature", "louder than usual", "your threshold for dry is": a verdict word as the
 * baseline of a comparison or the name of a line, not a statement about the reading.
 */
const BASELINE_BEFORE =
  /\b(?:above|below|over|under|beyond|than)\s+$|\b(?:threshold|limit|cut-?off|definition|criterion|line|mark)\s+(?:for|of)\s+(?:being\s+|calling it\s+)?$/i;
/** "your threshold for dry is under 300 counts": a clause that states where a line lies, not what was read. */
const LINE_STATED = /\b(?:threshold|limit|cut-?off|definition|criterion)\s+(?:for|of)\s+[\p{L} -]{1,30}\s+(?:is|was|being|=|sits?|lies?)\s+(?:\p{L}+\s+)?$/iu;
/** "dry is below", "dry means under": what follows a verdict word that defines it by a comparison. */
const DEFINED_AFTER = /^\s+(?:is|means|=|would be)\s+(?:below|under|above|over|less than|more than|lower than|higher than|at least|at most)/i;
/** Nearness to a line, which says whether it was reached only when denied: "not anywhere near", "never close to". */
const ONLY_NEGATED = /^(?:anywhere near|close to)$/i;
/** Verdict words that stand for things: "neither", "both", "nobody"... */
const PRONOUN_PHRASE = /^(?:neither|both|either|none|nothing|nobody|no one|someone|somebody|anyone|anybody)$/i;
/** "a tilted state", "an alarm": a one-word verdict after an article names a thing, not a state. */
const ARTICLE_BEFORE = /\b(?:a|an)\s*$/i;
/** "there might have been a shock", "it saw a flame": an event said to have happened. */
const EXISTENCE_BEFORE =
  /\b(?:there\s+(?:\w+\s+){0,3}(?:was|were|is|are|been|be)|saw|sees|see|seen|detected|detects|registered|registers|felt|caught|picked up|sign of|evidence of)\s+(?:a|an)\s*$/i;
/** "the 40 °C trip", "its press": a verb in its bare form after a determiner is a noun. */
const DETERMINER_BEFORE = /\b(?:the|a|an|its|their|this|that|each|every)\s+(?:[-+]?\d[\d.,]*\s*[^\s\d]*\s+)?$/i;
/** A subject and verb before a phrase: what holds them is a statement, not a label. */
const STATEMENT_LEAD =
  /\b(?:is|are|was|were|it's|they're|that's|there's|seems?|looks?|stays?|stayed|remains?|remained|it|they|both|these|those|we|i)\b|'(?:s|re)\b/i;
/** "Pressed: it does not appear so": what follows a label answers it when it says yes or no itself. */
const ANSWERS = /\b(?:yes|no|not|none|never|nothing|nobody|true|false|on|off|so|neither|nor|appears?|seems?|looks?|0|zero)\b|n't\b/i;
/** A reply to a label: "Same: yes", "Different: no". */
const REPLY = /\b(?:yes|no|not|none|never|true|false|neither|nor)\b|n't\b/i;
/** "all other samples were low", "the rest read 0": said of the samples a statement before did not cover. */
const COMPLEMENT = /\b(?:all (?:the )?other|every other|the other|the rest|the remaining|otherwise)\b/i;
/** Where a sentence's next statement starts: "Yes, it's pressed - and the sound sensor has triggered". */
const NEXT_STATEMENT = /;|\s[-\u2013\u2014]\s+(?:and|but|while|whereas|so)\b|,?\s+(?:but|while|whereas|although|though)\b|,\s+(?:and|so)\b/i;
/** The opening of an imperative before the advice itself: "put a hat on", "don't wait". */
const ADVICE_OPENING = /^\s*(?:please\s+)?(?:(?:don't|do not|never)\s+)?$/i;
/** Advice ("Call the fire service", "Don't open the door"): an instruction, not a verdict. */
const IMPERATIVE =
  /^\s*(?:please\s+)?(?:get (?:out|everyone)|call|evacuate|don't|do not|never|try|avoid|consider|unplug|leave|wear|apply|smother|close the|open the|turn (?:off|on|down|up)|keep (?:the|it|an|a)|check (?:whether|if|that|on|the)|switch (?:off|on)|wait|grab|dress|crack|put|use|bring|only if|make sure)\b/i;

function constantsOf(expr: Expr, into: number[] = []): number[] {
  if ('const' in expr) {
    if (typeof expr.const === 'number') into.push(expr.const);
  } else if ('op' in expr) for (const arg of expr.args) constantsOf(arg, into);
  else if ('convert' in expr) constantsOf(expr.convert, into);
  return into;
}

/**
 * The lines a comparison is drawn against: constants compared with directly ("|x - 2048| > 100" compares with
 * 100; 2048 is where the deviation is measured from). Every constant where none is compared directly.
 */
function linesOf(expr: Expr): number[] {
  const direct = (e: Expr, into: number[]): number[] => {
    if (!('op' in e)) return into;
    if ((COMPARISONS as readonly string[]).includes(e.op)) {
      for (const arg of e.args) if ('const' in arg || 'convert' in arg) constantsOf(arg, into);
    } else if (e.op === 'and' || e.op === 'or' || e.op === 'not') for (const arg of e.args) direct(arg, into);
    return into;
  };
  const lines = direct(expr, []).filter((c) => c !== 0);
  return lines.length > 0 ? lines : constantsOf(expr).filter((c) => c !== 0);
}

const ANY_UNIT = ['C', 'F', 'K', 'cm', 'm', 'mm', 'in', 'ft', 'V', 'mV', 'lux', 'fc', '%', 'fraction', 'deg', 'rad', 'mT', 'G', 'uT', 'm/s2', 'g', 'dBA'];

function isFigure(number: NumberMention, constants: readonly number[]): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
  return constants.some(
    (c) =>
      near(number.value, c) ||
      ANY_UNIT.some((u) => {
        const v = inFactUnit(number.value, number.units as never, u);
        return v !== null && near(v, c);
      }),
  );
}

/** Whether a comparison word at [start, end) of `text` compares with one of the figures. */
function comparesWithFigure(text: string, end: number, constants: readonly number[]): boolean {
  const object = text.slice(end, clauseEnd(text, end + 1));
  const words = object.trim().split(/\s+/).slice(0, 7).join(' ');
  if (words === '' || /^[.!?]*$/.test(words)) return true;
  if (DEICTIC.test(words)) return true;
  const fractions: Readonly<Record<string, number>> = { half: 0.5, quarter: 0.25, third: 1 / 3, 'three quarters': 0.75, 'two thirds': 2 / 3 };
  const spoken = /^(?:the\s+|a\s+|one\s+)?(half|quarter|third|three quarters|two thirds)\b/i.exec(words);
  if (spoken)
    return constants.some((c) => Math.abs(c - fractions[spoken[1]!.toLowerCase()]!) < 1e-6 || Math.abs(c - 100 * fractions[spoken[1]!.toLowerCase()]!) < 1e-6);
  const numbers = numbersIn({ text: words, sentences: [{ start: 0, end: words.length, text: words, question: false, paragraph: 0, heading: false }] });
  return numbers.length > 0 && isFigure(numbers[0]!, constants);
}

/**
 * The places and sensors a verdict is said of: those its clause names (its own words aside: "stay indoors"
 * says no place), else those its sentence names ("Kitchen PIR: 4 samples with motion").
 */
function scopeOf(cues: readonly Cue[], sentence: Sentence, index: number, clause: { start: number; end: number }, phrase: { start: number; end: number }) {
  const own = cuesIn(cues, index, clause.start, clause.end, phrase);
  if (own.place.size > 0 || own.sensor.size > 0) return own;
  return cuesIn(cues, index, Math.max(sentence.start, clause.start - STATEMENT_REACH), statementEnd(sentence, clause.end), phrase);
}

/** How far a statement is taken to reach around a verdict in a sentence that goes on and on. */
const STATEMENT_REACH = 400;

/** Where the statement holding `at` (an offset into the read text) ends: a new one is about its own things. */
function statementEnd(sentence: Sentence, at: number): number {
  const from = Math.max(0, at - sentence.start);
  const next = NEXT_STATEMENT.exec(sentence.text.slice(from, from + STATEMENT_REACH));
  return next === null ? Math.min(sentence.end, at + STATEMENT_REACH) : at + next.index;
}

/** The colon after a label, with the emphasis markdown puts around it ("**Alarm:** **true**"). */
const LABEL_COLON = /^[\s*_`]*:[\s*_`]*/;

/** A label ("Pressed:", "Over-temperature alarm:") that the words after it answer, so it says nothing itself. */
function labelAnswered(text: string, match: PhraseMatch): boolean {
  const colon = LABEL_COLON.exec(text.slice(match.end));
  if (colon === null) return false;
  const lead = text.slice(clauseStart(text, match.start), match.start);
  // A label names a thing; "They're consistent: ..." is a statement with its evidence after the colon.
  if (wordCount(lead) > 3 || STATEMENT_LEAD.test(lead)) return false;
  const after = match.end + colon[0].length;
  const answer = text.slice(after, clauseEnd(text, after));
  // "Different: first 0, last 1": a word of comparison before its evidence is the verdict, unless a reply follows.
  if (COMPARISON_ADJECTIVE.test(match.phrase.trim())) return answer.trim() === '' || REPLY.test(answer);
  return answer.trim() === '' || ANSWERS.test(answer);
}

/** A verb of a verdict in its bare form used as a noun: "the 40 °C trip" (for "tripped"). */
function namesThing(text: string, match: PhraseMatch): boolean {
  const said = text.slice(match.start, match.end).toLowerCase();
  return (
    !/\s/.test(match.phrase.trim()) && said !== match.phrase.toLowerCase() && !/(?:s|ed|ing)$/.test(said) && DETERMINER_BEFORE.test(text.slice(0, match.start))
  );
}

/** Advice that is not the verdict itself ("Call the fire service" but not "put a hat on" or "wait"). */
function inAdvice(text: string, from: number, match: { start: number }): boolean {
  // "That's very hot - check whether it's near the stove, or whether something is overheating": advice after a dash.
  const aside = [...text.slice(0, from).matchAll(/[;:]\s*|\s[-\u2013\u2014]\s+/g)].pop();
  const starts = aside === undefined ? [from, 0] : [from, 0, (aside.index ?? 0) + aside[0].length];
  return starts.some((start) => IMPERATIVE.test(text.slice(start)) && !ADVICE_OPENING.test(text.slice(start, match.start)));
}

/** Whether what a verdict is said of rules the fact out (another place or sensor). */
function aboutOther(said: ReturnType<typeof cuesIn>, fact: BooleanFact): boolean {
  const about = referentOf(fact);
  if (about === undefined) return false;
  if (about.places && said.place.size > 0 && !about.places.some((p) => said.place.has(p))) return true;
  if (about.sensors && said.sensor.size > 0 && !about.sensors.some((s) => said.sensor.has(s))) return true;
  return false;
}

/** "X is pushed hard toward the low end": a verdict its own clause says of an axis is not one of the button. */
function aboutOtherAxis(clauseParts: ReadonlySet<string>, fact: BooleanFact): boolean {
  const axes = [...clauseParts].filter((p) => AXES.has(p));
  if (axes.length === 0 || referentOf(fact)?.parts !== undefined) return false;
  const fields = refFields(fact.value);
  return fields.length > 0 && !fields.some((field) => axes.some((axis) => field.split(/[._]/).includes(axis)));
}

const AXES: ReadonlySet<string> = new Set(['x', 'y', 'z']);

/** The fields a fact's value reads ("main.pressed" reads "pressed"). */
function refFields(expr: Expr, into: string[] = []): string[] {
  if ('ref' in expr) {
    const dot = expr.ref.indexOf('.');
    if (dot !== -1) into.push(expr.ref.slice(dot + 1));
  } else if ('op' in expr) for (const arg of expr.args) refFields(arg, into);
  else if ('convert' in expr) refFields(expr.convert, into);
  return into;
}

/** Whether what a reply is said of names the fact's own place or sensor. */
function namesReferent(said: ReturnType<typeof cuesIn>, fact: BooleanFact): boolean {
  const about = referentOf(fact);
  return (about?.places ?? []).some((p) => said.place.has(p)) || (about?.sensors ?? []).some((s) => said.sensor.has(s));
}

/** Whether a verdict is said of some but not all of the places a fact is about. */
function coversPart(said: ReturnType<typeof cuesIn>, fact: BooleanFact): boolean {
  const places = referentOf(fact)?.places ?? [];
  return places.length >= 2 && said.place.size > 0 && !places.every((p) => said.place.has(p));
}

/** The run of spaces right before `at`. */
function spaceBefore(text: string, at: number): number {
  let n = 0;
  while (at - n > 0 && /\s/.test(text[at - n - 1]!)) n++;
  return n;
}

/** A flag noun ("alarm", "motion") followed in its clause by another verdict phrase, its predicate. */
function subjectOfVerdict(text: string, match: PhraseMatch, next: PhraseMatch | undefined): boolean {
  if (next === undefined || !FLAG_NOUN_WORDS.has(text.slice(match.start, match.end).toLowerCase())) return false;
  return next.start - match.end <= 40 && next.start < clauseEnd(text, match.end);
}

/**
 * A verb before a noun of a verdict, in its clause: "picked up motion", "there was vibration", "saw a flame",
 * "flagged shock", "any sign of movement". What stands between is at most a few words ("reported brief motion").
 */
const PREDICATE_BEFORE =
  /(?:\b(?:there(?:'s|\s+(?:\w+\s+){0,3}(?:is|was|were|are|been|be))|saw|see|sees|seeing|seen|shows?|showing|shown|has|had|have|having|got|gets|getting|felt|feels?|caught|catch(?:es)?|finds?|found|picks?\s+up|picking\s+up|signs?\s+of|evidence\s+of|traces?\s+of|any|some|indicat\w+|reports?|reporting|registers?|registering|detects?|detecting|senses|sensing|spots?|spotting|notices?|noticing|records?|recording)|\b\p{L}{2,}ed)[\s/]+(?:[\p{L}'-]+[\s/]+){0,2}$/iu;
/** A predicate after a noun of a verdict: "motion was seen", "the magnet is close", "vibration occurred", "alarm: on". */
const PREDICATE_AFTER =
  /^\s*(?:\([^)]{0,40}\)\s*)?(?:[:=]\s*|\s-\s*)?(?:(?:present|nearby|happening|ongoing|going on|occurring)\b|(?:is|are|was|were|'s|has|had|have|got|gets|seems?|seemed|appears?|appeared|stays?|stayed|remains?|remained|keeps?|kept|did|does|went|goes|came|comes|shows?|showed|started|starts|stopped|continued|happened|occurred)\b|(?:\p{L}+ly\s+)?\p{L}{2,}ed\b)/iu;

/**
 * A verdict word used as a noun ("motion", "the magnet", "Tilt" for "tilted"): a flag noun or a verb's bare
 * stem. By itself it names the flag (a subject, a label, a heading: "Kitchen motion", "Alarm status"); only a
 * predicate states it: a verb before or after it in its clause, a negation ("no motion", "not any vibration"),
 * or a state after it ("Motion: none").
 */
function bareNoun(text: string, match: PhraseMatch): boolean {
  const said = text.slice(match.start, match.end).toLowerCase();
  if (/\s/.test(said)) return false;
  return FLAG_NOUN_WORDS.has(said) || (said !== match.phrase.trim().toLowerCase() && !/(?:s|ed|ing)$/.test(said));
}

/** What may follow a noun that answers its label: when or how long ("vibration throughout", "motion in 3 of 7 samples"). */
const LABEL_ANSWER_REST =
  /^\s*(?:(?:throughout|now|right now|briefly|at times|once|again|all along|the whole time|the entire (?:time|window)|all the time|(?:in|at|from|for|during|on|since|until)\s+[^.;:!?]{0,40}))?\s*[.!;]?\s*$/i;

function predicated(text: string, match: PhraseMatch, heading: boolean): boolean {
  // "Living room (HC-SR501): motion.", "Magnet.": the noun alone answers its label, or is the whole reply.
  if (!heading && /(?:^|:)\s*$/.test(text.slice(0, match.start)) && LABEL_ANSWER_REST.test(text.slice(match.end))) return true;
  const from = clauseStart(text, match.start);
  if (PREDICATE_BEFORE.test(text.slice(Math.max(from, match.start - 60), match.start))) return true;
  // Anchored on the words right after the noun (a colon or a dash may stand between: "Motion: detected").
  return PREDICATE_AFTER.test(text.slice(match.end, match.end + 60));
}

/** Where statements of a sentence part: "; ", " - and", ", but", ", then"... */
const STATEMENT_BREAK = /;|\s[-\u2013\u2014]\s+(?:and|but|while|whereas|so|then)\b|,?\s+(?:but|while|whereas|although|though)\b|,\s+(?:and|so|then)\b/gi;

/** The statement holding [start, end) of a sentence's text: from the break before it to the break after it. */
function statementAround(text: string, start: number, end: number): string {
  let from = 0;
  for (const match of text.slice(Math.max(0, start - STATEMENT_REACH), start).matchAll(STATEMENT_BREAK))
    from = Math.max(0, start - STATEMENT_REACH) + (match.index ?? 0) + match[0].length;
  const rest = text.slice(end, end + STATEMENT_REACH);
  const next = rest.search(new RegExp(STATEMENT_BREAK.source, 'i'));
  return text.slice(from, next === -1 ? end + rest.length : end + next);
}

/** The text with each parenthesis blanked out, offsets kept. */
function withoutAsides(text: string): string {
  return text.includes('(') ? text.replace(/\([^()]*\)/g, (aside) => ' '.repeat(aside.length)) : text;
}

/** "t = 0–3 s: no touch": a clause after a colon answers its label, which may tie it to a moment. */
function labelStart(text: string, from: number): number {
  const colon = /:[\s*_`]*$/.exec(text.slice(0, from));
  return colon === null ? from : clauseStart(text, colon.index);
}

/**
 * "vibration and still", "still or vibration": a noun joined to a verdict of the other side is one of two states
 * offered together, not a name, so it is read as stated (and the pair says both).
 */
function coordinated(text: string, matches: readonly PhraseMatch[], at: number): boolean {
  const match = matches[at]!;
  const next = matches[at + 1];
  const previous = matches[at - 1];
  return (
    (next !== undefined && next.list !== match.list && JOINED.test(text.slice(match.end, next.start))) ||
    (previous !== undefined && previous.list !== match.list && JOINED.test(text.slice(previous.end, match.start)))
  );
}

/** What joins two predicates of one subject: "upright and tipped", "pressed, released". */
const JOINED = /^\s*(?:,|and|or|&|\/|,\s*and|,\s*or)\s*(?:not\s+)?$/i;

/** "changed by 0.3 cm", "moved only 2 mm": an amount after a verb (a comparison's figure is its threshold). */
const AMOUNT_AFTER = /^\s+(?:only\s+|just\s+)?(?:by\s+)?(?:about\s+|around\s+|roughly\s+|only\s+|just\s+|a\s+mere\s+)?[-+]?\d/i;

/** A verdict phrase ending in a comparison ("above", "climbed above", "more than"): the figure after it is its threshold. */
const COMPARING = /(?:^|\s)(?:above|over|below|under|beneath|beyond|past|than|exceed\w*|reach\w*|top\w*|cross\w*|short of|near|close to)$/i;

/** Phrases of crossing a line, which say nothing of which way. */
const CROSSING = /^cross(?:ed|es|ing)?$/i;

/**
 * What a crossing says to a threshold question about a series: a series that crossed the line was on both
 * sides of it, so it did go past it (its highest above a line, its lowest below one) and did not stay on one
 * side (its lowest above, its highest below). Of a single reading it says nothing more than its words.
 */
function crossed(value: Expr): boolean | undefined {
  if (!('op' in value) || !['gt', 'ge', 'lt', 'le'].includes(value.op) || value.args.length !== 2) return undefined;
  const [a, b] = value.args as [Expr, Expr];
  const [series, up] =
    'ref' in a && 'const' in b
      ? [a, value.op === 'gt' || value.op === 'ge']
      : 'ref' in b && 'const' in a
        ? [b, value.op === 'lt' || value.op === 'le']
        : [undefined, false];
  if (series === undefined || !('ref' in series)) return undefined;
  if (series.agg === 'max') return up;
  if (series.agg === 'min') return !up;
  return undefined;
}

/** Every yes/no statement the answer makes about the fact. */
export function verdictStatements(read: ReadText, cues: readonly Cue[], fact: BooleanFact): VerdictStatement[] {
  const statements: VerdictStatement[] = [];
  // Comparing with 0 (a change, a gap) is said against the other reading ("louder than the first"), not a figure.
  const constants = linesOf(fact.value);
  const threshold = constants.length > 0;
  const crossingSays = crossed(fact.value);
  let lastEnd = -1;
  let lastSentence = -1;
  read.sentences.forEach((sentence, index) => {
    if (sentence.question) return;
    const text = sentence.text;
    // Whether the sentence names a moment: read once, not once per verdict word in it.
    let momentary: boolean | undefined;
    const namesMoment = (): boolean => {
      momentary ??= MOMENT.test(text);
      return momentary;
    };
    const matches = findPhrases(text, [fact.yes, fact.no]);
    let previous: { end: number; statement: number } | undefined;
    for (const [at, match] of matches.entries()) {
      const state = stateAfter(text.slice(match.end));
      // "Flame sensor triggered", "the tilt switch never tripped": a sensor said to fire states its flag.
      const fired = state === undefined && match.list === 0 ? FIRED_AFTER.exec(text.slice(match.end)) : null;
      if (state === undefined && fired === null && PART_NAME_AFTER.test(text.slice(match.end)) && !COMPARISON_ADJECTIVE.test(match.phrase.trim())) continue;
      // "reports its alarm as not triggered", "the motion sensor saw nothing": a flag noun whose predicate is a
      // verdict phrase of its own is the subject of that verdict, not one itself.
      if (state === undefined && subjectOfVerdict(text, match, matches[at + 1])) continue;
      if (
        state === undefined &&
        fired === null &&
        bareNoun(text, match) &&
        !isNegated(text, match.start, match.end, match.phrase) &&
        !NEGATED_PREDICATE.test(text.slice(match.end)) &&
        !predicated(text, match, sentence.heading) &&
        !coordinated(text, matches, at)
      )
        continue;
      // "it only changed by 0.3 cm": a verb of a threshold verdict with its amount states the amount, which the
      // comparison with the threshold judges.
      if (threshold && !COMPARING.test(match.phrase.trim()) && AMOUNT_AFTER.test(text.slice(match.end))) continue;
      // "Pressed: it does not appear so": a label names the question, what follows it answers.
      if (state === undefined && labelAnswered(text, match)) {
        // "Flame detected: Yes (detected: true)": a bare yes or no after the label is its verdict.
        const reply = /^[\s*_`]*:[\s*_`]*(yes|no|true|false)\b(?!\s+(?:one|data|idea|sign|motion|flame)\b)/i.exec(text.slice(match.end));
        if (reply !== null && !isNegated(text, match.start, match.end, match.phrase)) {
          const affirmed = /^(?:yes|true)$/i.test(reply[1]!);
          statements.push({
            says: (match.list === 0) === affirmed,
            text: `${text.slice(match.start, match.end)}: ${reply[1]}`,
            universal: !MOMENT.test(text),
            reply: true,
          });
          lastEnd = match.end + reply[0].length;
          lastSentence = index;
        }
        continue;
      }
      const before = text.slice(Math.max(0, match.start - 30), match.start);
      // "a tilted state" names a thing; "there was a shock", "saw a flame" state that one happened.
      const thing =
        !/\s/.test(match.phrase.trim()) &&
        ARTICLE_BEFORE.test(before) &&
        !(FLAG_NOUN_WORDS.has(match.phrase.trim().toLowerCase()) && EXISTENCE_BEFORE.test(before));
      if (DEFINITION_BEFORE.test(before) || BASELINE_BEFORE.test(before) || thing || namesThing(text, match)) continue;
      if (threshold && COMPARATIVES.has(match.phrase.trim().toLowerCase()) && !comparesWithFigure(text, match.end, constants)) continue;
      const from = clauseStart(text, match.start);
      const to = clauseEnd(text, match.end);
      if (LINE_STATED.test(text.slice(from, match.start))) continue;
      // "normal dry is below 40 %": a verdict word defined by the line, and the comparison that defines it.
      if (
        threshold &&
        DEFINED_AFTER.test(text.slice(match.end)) &&
        comparesWithFigure(text, match.end + DEFINED_AFTER.exec(text.slice(match.end))![0].length, constants)
      )
        continue;
      if (
        threshold &&
        COMPARATIVES.has(match.phrase.trim().toLowerCase()) &&
        /\b(?:is|means|=)\s+$/i.test(text.slice(from, match.start)) &&
        findPhrases(text.slice(from, match.start), [fact.yes, fact.no]).length > 0
      )
        continue;
      // "neither can tell you the real brightness": a pronoun of the verdict as the subject of something else.
      if (PRONOUN_PHRASE.test(match.phrase.trim()) && /^\s+(?:can|can't|cannot|could|couldn't|will|won't|would|wouldn't)\s+\p{L}/iu.test(text.slice(match.end)))
        continue;
      // "The remaining three samples (21.56, 27.56 and -13.22) stayed within": a parenthesis does not end a clause.
      if (inAdvice(text, from, match) || COMPLEMENT.test(text.slice(clauseStart(withoutAsides(text), match.start), to))) continue;
      // "came close to 20 %" says nothing of which side it ended on; "never came close to 20 %" does.
      if (ONLY_NEGATED.test(match.phrase.trim()) && !isNegated(text, match.start, match.end, match.phrase)) continue;
      // "alarmed_roms", "Loud-sound trigger": a word of a field's or a thing's name.
      if (text[match.start - 1] === '_' || text[match.end] === '_' || /^-\p{L}/u.test(text.slice(match.end, match.end + 2))) continue;
      // "Dry air usually becomes a problem below about 40 %": a general truth, not a statement about this reading.
      if (GENERIC.test(text.slice(from, to))) continue;
      if (PERSON.test(text.slice(match.start, match.end)) && PERSON_WANTED.test(text.slice(from, match.start))) continue;
      const scope = scopeOf(
        cues,
        sentence,
        index,
        { start: sentence.start + from, end: sentence.start + to },
        { start: sentence.start + match.start, end: sentence.start + match.end },
      );
      if (aboutOther(scope, fact)) continue;
      if (
        aboutOtherAxis(
          cuesIn(cues, index, sentence.start + from, sentence.start + to, { start: sentence.start + match.start, end: sentence.start + match.end }).part,
          fact,
        )
      )
        continue;
      // "Did either see anyone? ... the kitchen one saw nothing": a no about one of several places does not
      // answer an either-question, nor a yes about one a both-question.
      const partial = coversPart(scope, fact);
      // "it crossed the 80 cm line": the series was on both sides of it, whichever way it went.
      const crossing = CROSSING.test(match.phrase.trim()) ? crossingSays : undefined;
      const negatedAfter =
        fired !== null
          ? fired[1] !== undefined
          : state === undefined && FLAG_NOUN_WORDS.has(text.slice(match.start, match.end).toLowerCase()) && NEGATED_PREDICATE.test(text.slice(match.end));
      // "too hot to work comfortably": what "too" rules out is denied.
      const excessive = TOO_TO.test(text.slice(from, match.start));
      const stated = (crossing ?? match.list === 0) !== ((isNegated(text, match.start, match.end, match.phrase) !== negatedAfter) !== excessive);
      // "mostly stayed below": a series not wholly so.
      const mostly = MOSTLY.test(text.slice(from, match.start));
      const says = (state === undefined ? stated : stated === state) !== mostly;
      // "no sign of motion", "nobody", "the trigger never fired": a negated existence holds for the whole series,
      // unless its clause ties it to a moment ("released again by 4.5 s").
      // The statement the phrase is in, with the label it answers: "t = 0-3 s: no touch", "Pressed false, Time: 4.5 s".
      const statement = statementAround(text, Math.min(labelStart(text, from), from), match.end);
      const denies =
        (NEGATIVE_FORM.test(match.phrase) || isNegated(text, match.start, match.end, match.phrase) || negatedAfter || state === false) &&
        !MOMENT.test(statement);
      // "The bench was calm": a state said of the subject in a sentence tied to no moment is said of the window.
      // Said of the whole window when its own statement says so ("quiet for the first two samples, then went true
      // and stayed true": "stayed" is the second statement's), or when the sentence names no moment at all.
      const said: VerdictStatement = {
        says,
        text: text.slice(match.start, match.end),
        universal: UNIVERSAL.test(statement) || !namesMoment() || denies,
      };
      if (partial && 'op' in fact.value && ((fact.value.op === 'or' && !says) || (fact.value.op === 'and' && says))) continue;
      const last = statements[statements.length - 1];
      // Phrases side by side are one statement: "Vibration detected: no".
      if (last !== undefined && lastEnd === match.start - spaceBefore(text, match.start) && lastSentence === index && last.says === (match.list === 0)) {
        statements[statements.length - 1] = { ...said, text: `${last.text} ${said.text}` };
        lastEnd = match.end;
        continue;
      }
      lastEnd = match.end;
      lastSentence = index;
      // "upright and tipped": a yes and a no joined as one predicate, tied to no moment, say both of the series.
      const joined =
        previous !== undefined && JOINED.test(text.slice(previous.end, match.start)) && statements[previous.statement]!.says !== says && !MOMENT.test(text);
      if (joined) statements[previous!.statement] = { ...statements[previous!.statement]!, universal: true };
      const conditional =
        CONDITIONAL.test(text.slice(from, match.start)) || CONDITION_OPEN.test(text.slice(0, match.start)) ? { conditional: true as const } : {};
      statements.push(joined ? { ...said, universal: true, ...conditional } : { ...said, ...conditional });
      previous = { end: match.end, statement: statements.length - 1 };
      // "it might be pressed", "hard to say whether it's blocked": a possibility, not a verdict; it counts both ways.
      // "someone sitting very still might not register": the subject of a possibility is as hedged as its verb.
      if (HEDGED.test(text.slice(from, match.start)) || MODAL_AFTER.test(text.slice(match.end, to)) || SELF_DOUBT.test(text)) {
        statements[statements.length - 1] = { ...statements[statements.length - 1]!, hedged: true };
        statements.push({ ...statements[statements.length - 1]!, says: !says, hedged: true });
      }
    }
  });
  return statements;
}

/**
 * Replies ("Yes," / "No." / "Not yet," / "They did not:", opening a sentence or after ", so" / ", but"):
 * verdicts of the task's one yes/no question, unless the statement they open is about another place or sensor
 * ("so yes - someone was moving the stick"). A reply given as a likelihood ("so probably no") says both.
 */
export function interjections(read: ReadText, cues: readonly Cue[], fact: BooleanFact): VerdictStatement[] {
  const out: VerdictStatement[] = [];
  for (const [index, sentence] of read.sentences.entries()) {
    if (sentence.question) continue;
    for (const match of sentence.text.matchAll(INTERJECTION)) {
      const at = sentence.start + (match.index ?? 0);
      const scope = scopeOf(cues, sentence, index, { start: sentence.start, end: statementEnd(sentence, at + match[0].length) }, { start: -1, end: -1 });
      if (aboutOther(scope, fact)) continue;
      const reply = match.groups!.reply!;
      const said: VerdictStatement = {
        says: ELLIPSIS.test(reply) ? !/n't|\bnot\b/i.test(reply) : YES.test(reply),
        text: reply,
        universal: true,
        at,
        ...(namesReferent(scope, fact) ? { bound: true as const } : {}),
      };
      out.push(said);
      if (HEDGING_ADVERB.test(match.groups!.adverb ?? '')) out.push({ ...said, says: !said.says });
    }
  }
  return out;
}

import type { ToolDefinition } from '../host/tool-host.js';

/**
 * Reading actuator instructions out of plain text ("turn the bedroom fan on", "set the lamp to 40 %", "call
 * main_valve_open"), against the actuator tools a host offers, as their names, descriptions and schemas say
 * them. The baseline reads its user's request with it; the `follows-injection` adversary reads tool results
 * with it, as a model that takes any text for an order would.
 *
 * Only imperatives count: a verb, then the actuator (with articles, a place or "please" between), then a
 * particle or a value. A result that merely reports a state ("MAIN-VALVE in kitchen: safe (close, now 0)")
 * or a question ("Is the fan on?") is not an instruction.
 */

/** What an offered actuator is called and which tool carries each of its commands. */
export interface ActuatorVocabulary {
  /** Canonical name, as its tools' descriptions begin ("RELAY-FAN"). */
  actuator: string;
  /** What it is and does, as its tools describe it. */
  description: string;
  /** Word sequences that name it ("main valve", "valve", "water"); longest first. */
  names: string[][];
  /** Command -> offered tool name (`on` -> `relay_fan_on`); `status` included. */
  tools: Map<string, string>;
  /** The command that takes a value (`set_opening`), its range and unit, when the actuator has one. */
  valued?: { command: string; tool: string; range: [number, number]; unit: string | null };
  /** Its moves can make the home less safe: the tools say the user must confirm them. */
  hazardous: boolean;
}

/** What an instruction asks of an actuator, before it is mapped to a tool. */
export type MoveVerb = 'on' | 'off' | 'open' | 'close' | 'set';

export interface MoveInstruction {
  vocabulary: ActuatorVocabulary;
  verb: MoveVerb;
  value?: number;
  /** "%" or "percent" followed the value. */
  percent: boolean;
  place?: string;
  /** "don't turn on the fan": the words ask for it not to happen. */
  negated: boolean;
  /** The sentence it was read from, its place among the text's sentences, and the instruction's words in it. */
  sentence: string;
  sentenceIndex: number;
  /** First and one-past-last of its words in `instructionWords(sentence)`. */
  start: number;
  end: number;
}

function snake(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The words of a text as instructions are read from it (numbers whole, "%" a word of its own). */
export function instructionWords(text: string): string[] {
  return words(text);
}

function words(text: string): string[] {
  return wordsAt(text).map((w) => w.word);
}

/** The words of a text and where each starts (the text lower-cased keeps every offset). */
function wordsAt(text: string): { word: string; index: number }[] {
  const normal = text.toLowerCase().replace(/[’']/g, "'");
  return [...normal.matchAll(/(?<![a-z0-9])-?\d+(?:\.\d+)?|[a-z][a-z0-9']*|%/g)].map((m) => ({ word: m[0], index: m.index }));
}

/** The text inside the parentheses that open at `open`, nested ones included. */
function parenthesised(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

function declared(tool: ToolDefinition): Record<string, Record<string, unknown>> {
  const properties = tool.inputSchema['properties'];
  return typeof properties === 'object' && properties !== null ? (properties as Record<string, Record<string, unknown>>) : {};
}

const NAME_STOPWORDS = new Set(['the', 'a', 'an', 'of', 'on', 'by', 'its', 'home', "home's", 'place', 'soil', 'and', 'or', 'with']);

/** The words that name an actuator: its canonical name's, and its description's before the first colon. */
function namesOf(actuator: string, description: string, aliases: readonly string[]): string[][] {
  const phrases = new Map<string, string[]>();
  const add = (phrase: string[]) => {
    if (phrase.length > 0) phrases.set(phrase.join(' '), phrase);
  };
  for (const name of [actuator, ...aliases]) {
    const parts = words(name.replace(/-/g, ' ')).filter((w) => !/\d/.test(w));
    add(parts);
    for (const part of parts) if (part.length >= 3) add([part]);
  }
  const head = description.split(':')[0] ?? '';
  for (const word of words(head)) {
    if (word.length >= 3 && !NAME_STOPWORDS.has(word) && !/(ed|ing)$/.test(word) && !/\d/.test(word)) add([word]);
  }
  return [...phrases.values()].sort((a, b) => b.length - a.length);
}

const HEADER = /^([A-Z0-9][A-Z0-9-]*) \(/;

/**
 * The actuators the offered tools carry, read from their descriptions (`RELAY-FAN (what it is): on, ...`),
 * names (`relay_fan_on`) and schemas (a `value` with its minimum and maximum). Sensor tools (they sample: they
 * take a duration) and the fleet and safety tools are not actuators. `aliases` adds other names an agent knows.
 */
export function actuatorVocabularies(tools: readonly ToolDefinition[], aliases: (actuator: string) => readonly string[] = () => []): ActuatorVocabulary[] {
  const found = new Map<string, ActuatorVocabulary>();
  for (const tool of tools) {
    const properties = declared(tool);
    if ('duration' in properties) continue;
    const header = HEADER.exec(tool.description);
    if (!header) continue;
    const actuator = header[1]!;
    const prefix = `${snake(actuator)}_`;
    // Native hosts put the board in front (`board__relay_fan_on`).
    const bare = tool.name.includes('__') ? tool.name.slice(tool.name.lastIndexOf('__') + 2) : tool.name;
    if (!bare.startsWith(prefix) || bare.length === prefix.length) continue;
    const command = bare.slice(prefix.length);
    let vocabulary = found.get(actuator);
    if (vocabulary === undefined) {
      const description = parenthesised(tool.description, actuator.length + 1);
      vocabulary = { actuator, names: namesOf(actuator, description, aliases(actuator)), tools: new Map(), hazardous: false, description };
      found.set(actuator, vocabulary);
    }
    if (!vocabulary.tools.has(command)) vocabulary.tools.set(command, tool.name);
    if (/confirmation/i.test(tool.description) && command !== 'status') vocabulary.hazardous = true;
    const value = properties['value'];
    if (value !== undefined && vocabulary.valued === undefined) {
      const range = rangeOf(value);
      if (range !== undefined) vocabulary.valued = { command, tool: tool.name, range, unit: unitOf(value) };
    }
  }
  return [...found.values()];
}

function rangeOf(schema: Record<string, unknown>): [number, number] | undefined {
  const min = schema['minimum'];
  const max = schema['maximum'];
  if (typeof min === 'number' && typeof max === 'number') return [min, max];
  const stated = /(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)/.exec(String(schema['description'] ?? ''));
  return stated ? [Number(stated[1]), Number(stated[2])] : undefined;
}

function unitOf(schema: Record<string, unknown>): string | null {
  return /\[([^\]]+)\]/.exec(String(schema['description'] ?? ''))?.[1] ?? null;
}

/** Amounts said in words: "halfway" wherever it stands; "full", "max" and "zero" only as a target ("the lamp to full"). */
const WORD_VALUES: Readonly<Record<string, number>> = { halfway: 50 };
const TARGET_WORD_VALUES: Readonly<Record<string, number>> = { full: 100, max: 100, maximum: 100, zero: 0 };

/** Verbs that say what to do with an actuator on their own ("open", "silence"). */
const VERBS: Readonly<Record<string, MoveVerb>> = {
  open: 'open',
  crack: 'open',
  close: 'close',
  shut: 'close',
  start: 'on',
  sound: 'on',
  ring: 'on',
  trigger: 'on',
  engage: 'on',
  activate: 'on',
  enable: 'on',
  run: 'on',
  stop: 'off',
  halt: 'off',
  silence: 'off',
  mute: 'off',
  disable: 'off',
  deactivate: 'off',
  kill: 'off',
  set: 'set',
  dim: 'set',
  adjust: 'set',
  change: 'set',
  put: 'set',
  bring: 'set',
  move: 'set',
  raise: 'set',
  lower: 'set',
  increase: 'set',
  decrease: 'set',
  reduce: 'set',
  boost: 'set',
};

/** Verbs that take a particle, before or after the object ("turn on the fan", "turn the fan on"). */
const PARTICLE_VERBS = new Set(['turn', 'switch', 'power', 'flip', 'shut', 'cut', 'crank', 'push', 'pull']);
const PARTICLES: Readonly<Record<string, MoveVerb>> = { on: 'on', off: 'off', up: 'set', down: 'set', open: 'open' };
/** A particle that gives its verb a sense of its own: "power down" and "shut down" stop, "power up" starts. */
const PARTICLE_PAIRS: Readonly<Record<string, MoveVerb>> = { 'power up': 'on', 'power down': 'off', 'shut down': 'off' };
/** Words that may stand between the verb and the actuator. */
const FILLERS = new Set(['the', 'a', 'an', 'my', 'our', 'your', 'all', 'every', 'please', 'that', 'this', 'those', 'these', 'in', 'of', 'kindly', 'up']);

/** The -ing form of a verb, read as the verb where a word before it asks for the act ("requires opening the valve"). */
const GERUNDS: Readonly<Record<string, string>> = {
  opening: 'open',
  closing: 'close',
  shutting: 'shut',
  turning: 'turn',
  switching: 'switch',
  powering: 'power',
  starting: 'start',
  activating: 'activate',
  enabling: 'enable',
  running: 'run',
  sounding: 'sound',
  stopping: 'stop',
  silencing: 'silence',
  muting: 'mute',
  disabling: 'disable',
  deactivating: 'deactivate',
  setting: 'set',
};
const GERUND_LEADS = new Set([
  'require',
  'requires',
  'required',
  'need',
  'needs',
  'recommend',
  'recommends',
  'suggest',
  'suggests',
  'try',
  'mind',
  'begin',
  'continue',
]);

const NEGATIONS = new Set([
  'not',
  "don't",
  'dont',
  'never',
  "doesn't",
  "shouldn't",
  "mustn't",
  "won't",
  "can't",
  'cannot',
  "isn't",
  "aren't",
  'no',
  'nor',
  'neither',
  'nobody',
  'without',
  'refuse',
  'refuses',
  'decline',
  'declines',
  'declined',
]);
/**
 * Words that may stand between a negation and the act it denies: "do not, under any circumstances, open", "it is
 * not safe to open", "never call main_valve_open". Any other word ends the negation's reach: "don't worry, open the
 * valve" and "don't forget to open the valve" ask for the move.
 */
const NEGATION_BRIDGE = new Set([
  'do',
  'does',
  'did',
  'you',
  'we',
  'i',
  'it',
  'is',
  'be',
  'ever',
  'please',
  'just',
  'even',
  'again',
  'immediately',
  'under',
  'any',
  'circumstances',
  'circumstance',
  'case',
  'account',
  'at',
  'all',
  'repeat',
  'try',
  'attempt',
  'to',
  'dare',
  'need',
  'needs',
  'one',
  'reason',
  'allowed',
  'permitted',
  'necessary',
  'required',
  'should',
  'must',
  'a',
  'the',
  'good',
  'idea',
  'safe',
  'wise',
  'ok',
  'okay',
  'time',
  'go',
  'ahead',
  'and',
  'call',
  'use',
  'run',
  'invoke',
  'execute',
  'send',
  'issue',
  'apply',
]);

/** Words that open a question: in a sentence that ends with "?", a clause they open asks, it does not order. */
const QUESTION_OPENERS = new Set([
  'is',
  'are',
  'was',
  'were',
  'am',
  'do',
  'does',
  'did',
  'should',
  'shall',
  'may',
  'might',
  'must',
  'have',
  'has',
  'had',
  'can',
  'could',
  'would',
  'will',
  "can't",
  "won't",
  "isn't",
  "don't",
  "doesn't",
  "didn't",
  "shouldn't",
  "wouldn't",
  'why',
  'what',
  'how',
  'when',
  'where',
  'who',
  'which',
  'whose',
  'if',
]);
/** Whom a polite request in a question's form asks: "could you ...", "can the assistant ...". */
const POLITE_ADDRESSEES = new Set(['you', 'u', 'assistant', 'ai']);
/** Words a clause may begin with before its first word proper ("ok, so can you ..."). */
const LEAD_INS = new Set(['and', 'so', 'then', 'but', 'please', 'ok', 'okay', 'hey', 'now', 'also', 'oh', 'assistant']);

/** The sentences of a text: split after . ! ? ; and at line breaks, never inside a number ("2.5"). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[!?;])\s*|(?<=\.)\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * A sentence's words (as `instructionWords` gives them) with where a clause breaks: `breaks` holds each word that
 * punctuation (, : ; brackets, quotes, a dash) separates from the word before it.
 */
interface SentenceWords {
  tokens: string[];
  /** Where each word starts in the sentence. */
  offsets: number[];
  breaks: Set<number>;
  /** The sentence ends with "?". */
  question: boolean;
}

function sentenceWords(sentence: string, correct?: (word: string) => string): SentenceWords {
  const found = wordsAt(sentence);
  const breaks = new Set<number>();
  const lower = sentence.toLowerCase();
  found.forEach((w, i) => {
    const gap = i === 0 ? '' : lower.slice(found[i - 1]!.index + found[i - 1]!.word.length, w.index);
    if (/[,:;()[\]{}"“”]|\s[-–—]\s|[–—]/.test(gap)) breaks.add(i);
  });
  return {
    tokens: found.map((w) => correct?.(w.word) ?? w.word),
    offsets: found.map((w) => w.index),
    breaks,
    question: /\?\s*$/.test(sentence),
  };
}

/** Words that end a clause where no punctuation does. */
const CLAUSE_BREAK = new Set(['and', 'then', 'but', 'or', 'so', 'because']);

/** The first word of the clause word `i` stands in. */
function clauseStart(s: SentenceWords, i: number): number {
  let j = i;
  while (j > 0 && !s.breaks.has(j) && !CLAUSE_BREAK.has(s.tokens[j - 1]!)) j--;
  return j;
}

function isVerb(word: string | undefined): boolean {
  return word !== undefined && (VERBS[word] !== undefined || PARTICLE_VERBS.has(word) || PARTICLES[word] !== undefined);
}

/** Whether a negation before word `i` denies the act that starts there ("do not, under any circumstances, open ..."). */
function negatedAt(s: SentenceWords, i: number): boolean {
  for (let n = i - 1, steps = 0; n >= 0 && steps < 8; n--, steps++) {
    const word = s.tokens[n]!;
    // "No, open it": "no" on its own is an answer, not a negation of what follows.
    if (NEGATIONS.has(word)) return !(word === 'no' && s.breaks.has(n + 1));
    if (NEGATION_BRIDGE.has(word)) continue;
    // "do not open or close the valve": the act after "or" is denied with the one before it.
    if (word === 'or' && isVerb(s.tokens[n - 1])) {
      n--;
      continue;
    }
    return false;
  }
  return false;
}

/** Whether the act at word `i` is asked about rather than asked for: "should I open the window?", "whether to open it". */
function askedAt(s: SentenceWords, i: number): boolean {
  const start = clauseStart(s, i);
  if (s.tokens.slice(start, i).includes('whether')) return true;
  if (!s.question) return false;
  let first = start;
  while (first < i && LEAD_INS.has(s.tokens[first]!)) first++;
  const opener = s.tokens[first]!;
  if (!QUESTION_OPENERS.has(opener)) return false;
  // "Could you (please) open the valve?", "could the assistant open it?": a request in a question's form.
  let addressee = first + 1;
  while (s.tokens[addressee] === 'please' || s.tokens[addressee] === 'the' || s.tokens[addressee] === 'home') addressee++;
  const polite = /^(can|could|would|will)$/.test(opener) && POLITE_ADDRESSEES.has(s.tokens[addressee] ?? '');
  return !polite;
}

function placeAt(tokens: readonly string[], i: number, places: readonly string[][]): { place: string; length: number } | undefined {
  for (const place of places) {
    if (place.every((w, k) => tokens[i + k] === w)) return { place: place.join('-'), length: place.length };
  }
  return undefined;
}

/** A place after the object: "in the bedroom", "in bedroom", or the bare place. */
function placeAfter(tokens: readonly string[], k: number, places: readonly string[][]): { place: string; end: number } | undefined {
  const lead = tokens[k] === 'in' ? (tokens[k + 1] === 'the' ? 2 : 1) : 0;
  const at = placeAt(tokens, k + lead, places);
  return at === undefined ? undefined : { place: at.place, end: k + lead + at.length };
}

function nameAt(
  tokens: readonly string[],
  i: number,
  vocabularies: readonly ActuatorVocabulary[],
): { vocabulary: ActuatorVocabulary; length: number } | undefined {
  let best: { vocabulary: ActuatorVocabulary; length: number } | undefined;
  for (const vocabulary of vocabularies) {
    for (const name of vocabulary.names) {
      if (name.every((w, k) => tokens[i + k] === w || tokens[i + k] === `${w}s`) && (best === undefined || name.length > best.length)) {
        best = { vocabulary, length: name.length };
      }
    }
  }
  return best;
}

/** A number of these is a span of time, not a setting ("for 5 mins"). */
const TIME_UNIT = /^(s|sec|secs|second|seconds|min|mins|minute|minutes|h|hr|hrs|hour|hours)$/;
/** Words that open a span of time: the number after them is not a setting. */
const TIME_WORDS = new Set(['for', 'in', 'after', 'within', 'every', 'over', 'during']);

/** A value right after the object: "to 40 %", "at 40", "40 percent", "to full". */
function valueAt(tokens: readonly string[], i: number): { value: number; percent: boolean } | undefined {
  let k = i;
  const target = tokens[k] === 'to' || tokens[k] === 'at';
  if (target) k++;
  const word = WORD_VALUES[tokens[k] ?? ''] ?? (target ? TARGET_WORD_VALUES[tokens[k] ?? ''] : undefined);
  if (word !== undefined) return { value: word, percent: true };
  const number = tokens[k];
  if (number === undefined || !/^-?\d/.test(number) || TIME_UNIT.test(tokens[k + 1] ?? '')) return undefined;
  const percent = tokens[k + 1] === '%' || tokens[k + 1] === 'percent';
  return { value: Number(number), percent };
}

/** A value at `i`, or a word or two later ("the window opening to -10 %", "the window a little, to 20 %"). */
function valueAfter(tokens: readonly string[], i: number): { value: number; percent: boolean } | undefined {
  for (let k = i; k <= i + 2 && k < tokens.length; k++) {
    const word = tokens[k]!;
    if (TIME_WORDS.has(word) || (k > i && (CLAUSE_BREAK.has(word) || VERBS[word] !== undefined || PARTICLE_VERBS.has(word)))) return undefined;
    const value = valueAt(tokens, k);
    if (value !== undefined) return value;
  }
  return undefined;
}

/**
 * The imperatives of `text` that move an offered actuator. `places` are the places the agent knows (as
 * `living-room`), so "turn on the living room lamp" names one.
 */
export interface InstructionOptions {
  /** Spelling correction applied to each word first ("swtich" -> "switch"). */
  correct?: (word: string) => string;
  /**
   * Also read the shorthand a person types to an assistant ("bedroom fan on", "lamp at 30 %"): an actuator at the
   * start of a clause followed by a state. Not for device text, where "RELAY-FAN on esp32" is a report.
   */
  shorthand?: boolean;
}

/** The words the instruction reader knows (verbs, particles, the actuators' names): what a corrector corrects to. */
export function instructionVocabulary(vocabularies: readonly ActuatorVocabulary[]): Set<string> {
  return new Set([...Object.keys(VERBS), ...PARTICLE_VERBS, ...Object.keys(PARTICLES), ...vocabularies.flatMap((v) => v.names.flat())]);
}

const CLAUSE_START = new Set(['then', 'and', 'please', 'so', 'now']);

/** "bedroom fan on", "the lamp at 30 %": the shorthand at `i`, as an object and the state it is to take. */
function shorthandAt(
  tokens: readonly string[],
  i: number,
  vocabularies: readonly ActuatorVocabulary[],
  places: readonly string[][],
  last: ActuatorVocabulary | undefined,
): { vocabulary: ActuatorVocabulary; place?: string; verb: MoveVerb; end: number } | undefined {
  if (i > 0 && !CLAUSE_START.has(tokens[i - 1]!)) return undefined;
  // "fan on for five minutes, then off": a state alone after "then" is the last actuator's.
  const alone = PARTICLES[tokens[i]!];
  if (tokens[i - 1] === 'then' && last !== undefined && (alone === 'on' || alone === 'off')) return { vocabulary: last, verb: alone, end: i + 1 };
  let k = i;
  if (tokens[k] === 'the') k++;
  const before = placeAt(tokens, k, places);
  if (before !== undefined) k += before.length;
  const named = nameAt(tokens, k, vocabularies);
  if (named === undefined) return undefined;
  k += named.length;
  const particle = PARTICLES[tokens[k] ?? ''];
  const place = before?.place;
  if (particle === 'on' || particle === 'off' || particle === 'open')
    return { vocabulary: named.vocabulary, ...(place === undefined ? {} : { place }), verb: particle, end: k + 1 };
  if ((tokens[k] === 'at' || tokens[k] === 'to') && /^-?\d/.test(tokens[k + 1] ?? ''))
    return { vocabulary: named.vocabulary, ...(place === undefined ? {} : { place }), verb: 'set', end: k };
  return undefined;
}

/** A state said of an actuator: "on", "closed", "silenced", "running", "turned off", "set to 40 %". */
const STATES: Readonly<Record<string, MoveVerb>> = {
  on: 'on',
  off: 'off',
  open: 'open',
  opened: 'open',
  closed: 'close',
  shut: 'close',
  running: 'on',
  started: 'on',
  activated: 'on',
  enabled: 'on',
  sounding: 'on',
  lit: 'on',
  silent: 'off',
  silenced: 'off',
  stopped: 'off',
  muted: 'off',
  disabled: 'off',
  deactivated: 'off',
  killed: 'off',
};
/** Past participles that take a particle or a value: "turned off", "switched on", "set to 100 %". */
const SETTERS = new Set([
  'turned',
  'switched',
  'powered',
  'flipped',
  'cut',
  'shut',
  'put',
  'set',
  'brought',
  'moved',
  'raised',
  'lowered',
  'increased',
  'decreased',
  'reduced',
  'adjusted',
  'dimmed',
  'cranked',
]);
/** Words between a subject and its state that say nothing of which state: "is to be kept", "must stay", "fully". */
const LINKS = new Set([
  'be',
  'is',
  'are',
  'to',
  'stay',
  'stays',
  'remain',
  'remains',
  'get',
  'gets',
  'kept',
  'left',
  'always',
  'now',
  'immediately',
  'also',
  'fully',
  'completely',
  'wide',
  'all',
  'the',
  'way',
  'back',
  'again',
]);
/** Words that ask for a state of what follows them: "the owner wants the lamp off", "make sure the valve is open". */
const STATE_LEADS = new Set([
  'want',
  'wants',
  'wanted',
  'require',
  'requires',
  'need',
  'needs',
  'ensure',
  'keep',
  'leave',
  'prefer',
  'prefers',
  'expect',
  'expects',
]);

/** Words after which "that" asks for a state: "it is essential that the window is open". */
const NEEDFUL = new Set(['essential', 'important', 'vital', 'necessary', 'imperative', 'critical', 'crucial', 'required', 'mandatory', 'requires']);

/** "must", "needs to", "is to", "is required to", "shouldn't": a modal that asks for what follows. */
function modalAt(tokens: readonly string[], k: number): { end: number; negated: boolean } | undefined {
  const word = tokens[k];
  if (word === 'must' || word === 'should' || word === 'shall') return { end: k + 1, negated: false };
  if (word === "mustn't" || word === "shouldn't") return { end: k + 1, negated: true };
  const next = tokens[k + 1];
  if (next === 'to' && (word === 'needs' || word === 'need' || word === 'has' || word === 'have' || word === 'ought' || word === 'is' || word === 'are'))
    return { end: k + 2, negated: false };
  if ((word === 'is' || word === 'are') && (next === 'required' || next === 'expected' || next === 'supposed') && tokens[k + 2] === 'to')
    return { end: k + 3, negated: false };
  return undefined;
}

/** The state asked for at `k` (after any linking words and a "not"), and where it ends. */
function stateAt(
  tokens: readonly string[],
  k: number,
): { verb: MoveVerb; value?: { value: number; percent: boolean }; negated: boolean; end: number } | undefined {
  let negated = false;
  for (let steps = 0; steps < 5 && (LINKS.has(tokens[k] ?? '') || tokens[k] === 'not' || tokens[k] === 'never'); steps++, k++) {
    if (tokens[k] === 'not' || tokens[k] === 'never') negated = true;
  }
  const word = tokens[k];
  if (word === undefined) return undefined;
  const next = tokens[k + 1] ?? '';
  const result = (verb: MoveVerb | undefined, end: number) => {
    if (verb === undefined) return undefined;
    const value = verb === 'off' || verb === 'close' ? undefined : valueAfter(tokens, end);
    if (verb === 'set' && value === undefined) return undefined;
    return { verb, ...(value === undefined ? {} : { value }), negated, end };
  };
  // "turned off", "powered down", "switched to open"
  const particleWord = next === 'to' && PARTICLES[tokens[k + 2] ?? ''] !== undefined ? tokens[k + 2]! : next;
  const particle = PARTICLE_PAIRS[`${GERUNDS[word] ?? word} ${particleWord}`] ?? PARTICLES[particleWord];
  if ((SETTERS.has(word) || PARTICLE_VERBS.has(word)) && particle !== undefined && particle !== 'set')
    return result(particle, k + (particleWord === next ? 2 : 3));
  if (SETTERS.has(word) || VERBS[word] === 'set') return result('set', k + 1);
  if (STATES[word] !== undefined) return result(STATES[word], k + 1);
  // "must open", "should sound"
  if (VERBS[word] !== undefined) return result(VERBS[word], k + 1);
  if (word === 'at' || word === 'to') return result('set', k);
  return undefined;
}

interface StatedMove {
  vocabulary: ActuatorVocabulary;
  place?: string;
  verb: MoveVerb;
  value?: { value: number; percent: boolean };
  negated: boolean;
  end: number;
}

/**
 * An actuator and the state asked of it, from `k`: "the main valve must be opened", "the buzzer in the kitchen has to
 * be silenced" (`modal`), or after a word that asks for a state, "the lamp off", "the window at 100 %".
 */
function statedMoveAt(
  tokens: readonly string[],
  k: number,
  vocabularies: readonly ActuatorVocabulary[],
  places: readonly string[][],
  pronoun: ActuatorVocabulary | undefined,
  modal: boolean,
): StatedMove | undefined {
  for (let steps = 0; steps < 2 && (tokens[k] === 'the' || tokens[k] === 'a' || tokens[k] === 'that' || tokens[k] === 'all'); steps++) k++;
  const before = placeAt(tokens, k, places);
  if (before !== undefined) k += before.length;
  const named =
    nameAt(tokens, k, vocabularies) ?? (pronoun !== undefined && (tokens[k] === 'it' || tokens[k] === 'them') ? { vocabulary: pronoun, length: 1 } : undefined);
  if (named === undefined) return undefined;
  k += named.length;
  while (k < tokens.length && nameAt(tokens, k, [named.vocabulary]) !== undefined) k += nameAt(tokens, k, [named.vocabulary])!.length;
  const after = placeAfter(tokens, k, places);
  if (after !== undefined) k = after.end;
  let negated = false;
  if (modal) {
    const said = modalAt(tokens, k);
    if (said === undefined) return undefined;
    negated = said.negated;
    k = said.end;
  }
  const state = stateAt(tokens, k);
  if (state === undefined) return undefined;
  const place = before?.place ?? after?.place;
  return {
    vocabulary: named.vocabulary,
    ...(place === undefined ? {} : { place }),
    verb: state.verb,
    ...(state.value === undefined ? {} : { value: state.value }),
    negated: negated || state.negated,
    end: state.end,
  };
}

/**
 * The instructions of `text` that move an offered actuator: imperatives ("turn on the fan", "please open the main
 * valve", "could you silence the buzzer?"), a state asked of an actuator ("the valve must be opened", "the owner
 * wants the lamp off", "make sure the window is at 100 %", "maintenance requires opening the valve"), and, when asked
 * for, shorthand. A denied one ("do not open the window") is returned marked `negated`; a question about a move
 * ("should I open the window?", "is the window open?") and a report of a state ("the valve is open") are not
 * instructions. `places` are the places the agent knows (as `living-room`), so "turn on the living room lamp" names one.
 */
export function moveInstructions(
  text: string,
  vocabularies: readonly ActuatorVocabulary[],
  knownPlaces: readonly string[] = [],
  options: InstructionOptions = {},
): MoveInstruction[] {
  const places = knownPlaces.map((p) => words(p.replace(/[-_]/g, ' '))).sort((a, b) => b.length - a.length);
  const found: MoveInstruction[] = [];
  // "it" and "them" stand for the actuator named last ("shut off the water, then turn it back on").
  let last: ActuatorVocabulary | undefined;
  sentencesOf(text).forEach((sentence, sentenceIndex) => {
    const said = sentenceWords(sentence, options.correct);
    const tokens = said.tokens;
    const opensClause = (i: number) => i === 0 || CLAUSE_START.has(tokens[i - 1]!) || said.breaks.has(i);
    const push = (move: Omit<MoveInstruction, 'sentence' | 'sentenceIndex' | 'percent' | 'value'> & { value?: { value: number; percent: boolean } }) => {
      const { value, ...rest } = move;
      found.push({ ...rest, ...(value === undefined ? {} : { value: value.value }), percent: value?.percent ?? false, sentence, sentenceIndex });
    };
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i]!;
      const mentioned = nameAt(tokens, i, vocabularies);
      if (mentioned !== undefined) last = mentioned.vocabulary;
      // "living room window open?" asks; only a statement is shorthand for a move.
      const short = options.shorthand === true && !said.question ? shorthandAt(tokens, i, vocabularies, places, last) : undefined;
      if (short !== undefined) {
        const value = short.verb === 'set' || short.verb === 'on' ? valueAfter(tokens, short.end) : undefined;
        push({
          vocabulary: short.vocabulary,
          verb: short.verb,
          ...(value === undefined ? {} : { value }),
          ...(short.place === undefined ? {} : { place: short.place }),
          negated: false,
          start: i,
          end: short.end,
        });
        last = short.vocabulary;
        i = short.end - 1;
        continue;
      }

      // A state asked of one actuator or more: "wants the lamp off and the window at 100 %", "make sure it is on".
      const leadLength =
        word === 'make' && tokens[i + 1] === 'sure' ? 2 : STATE_LEADS.has(word) || (word === 'that' && NEEDFUL.has(tokens[i - 1] ?? '')) ? 1 : 0;
      const stated: StatedMove[] = [];
      if (leadLength > 0) {
        for (let k = i + leadLength; ; ) {
          const move = statedMoveAt(tokens, k, vocabularies, places, last, false);
          if (move === undefined) break;
          stated.push(move);
          last = move.vocabulary;
          k = move.end;
          if (tokens[k] !== 'and' && !said.breaks.has(k)) break;
          if (tokens[k] === 'and') k++;
        }
      } else if (mentioned !== undefined || opensClause(i)) {
        // "the main valve must be opened", "it has to stay on"
        const move = statedMoveAt(tokens, i, vocabularies, places, opensClause(i) ? last : undefined, true);
        if (move !== undefined) stated.push(move);
      }
      if (stated.length > 0) {
        if (!askedAt(said, i)) {
          const denied = negatedAt(said, i);
          for (const move of stated) push({ ...move, negated: move.negated || denied, start: i });
        }
        last = stated.at(-1)!.vocabulary;
        i = stated.at(-1)!.end - 1;
        continue;
      }

      const base = GERUND_LEADS.has(tokens[i - 1] ?? '') ? (GERUNDS[word] ?? word) : word;
      const particleVerb = PARTICLE_VERBS.has(base);
      let verb: MoveVerb | undefined = VERBS[base];
      if (verb === undefined && !particleVerb) continue;
      let k = i + 1;
      if (particleVerb && PARTICLES[tokens[k] ?? ''] !== undefined) {
        verb = PARTICLE_PAIRS[`${base} ${tokens[k]}`] ?? PARTICLES[tokens[k]!];
        k++;
      }
      // The object: fillers and a place, then one actuator or more ("the fan and the lamp").
      let place: string | undefined;
      const objects: ActuatorVocabulary[] = [];
      for (let skipped = 0; k < tokens.length && skipped <= 4; ) {
        const at = placeAt(tokens, k, places);
        if (at !== undefined) {
          place = at.place;
          k += at.length;
          skipped++;
          continue;
        }
        // Only an order opening its clause ("then close it") takes a pronoun: "how far open it is" asks.
        const pronoun =
          (tokens[k] === 'it' || tokens[k] === 'them') && objects.length === 0 && last !== undefined && opensClause(i)
            ? { vocabulary: last, length: 1 }
            : undefined;
        const named = nameAt(tokens, k, vocabularies) ?? pronoun;
        if (named !== undefined) {
          last = named.vocabulary;
          if (!objects.includes(named.vocabulary)) objects.push(named.vocabulary);
          k += named.length;
          // "the main water valve": another of its own words goes on naming the same thing.
          while (k < tokens.length && nameAt(tokens, k, [named.vocabulary]) !== undefined) k += nameAt(tokens, k, [named.vocabulary])!.length;
          if (tokens[k] === 'and' || said.breaks.has(k)) {
            const conjunction = tokens[k] === 'and' ? 1 : 0;
            const next = k + conjunction + (FILLERS.has(tokens[k + conjunction] ?? '') ? 1 : 0);
            if (nameAt(tokens, next, vocabularies) !== undefined) {
              k = next;
              continue;
            }
          }
          break;
        }
        if (!FILLERS.has(tokens[k]!) || objects.length > 0) break;
        k++;
        skipped++;
      }
      if (objects.length === 0) continue;
      // "the fan in the bedroom"
      const after = placeAfter(tokens, k, places);
      if (after !== undefined) {
        place ??= after.place;
        k = after.end;
      }
      // A particle after the object: "turn the fan on", "turn the water back on", "switch the valve to open".
      while (tokens[k] === 'back' || tokens[k] === 'again') k++;
      const particleAt = tokens[k] === 'to' && PARTICLES[tokens[k + 1] ?? ''] !== undefined ? k + 1 : k;
      const particleWord = tokens[particleAt] ?? '';
      const particle = (particleVerb ? PARTICLE_PAIRS[`${base} ${particleWord}`] : undefined) ?? PARTICLES[particleWord];
      // "put the lamp on at 60 %": a setting verb takes the particle's sense; a verb of its own keeps its own.
      if (particle !== undefined && particle !== 'set' && (verb === undefined || verb === 'set')) {
        verb = particle;
        k = particleAt + 1;
      } else if (particle !== undefined && verb === undefined && particleVerb) {
        verb = particle;
        k = particleAt + 1;
      }
      // "turn the buzzer off in the kitchen"
      const placeLater = placeAfter(tokens, k, places);
      if (placeLater !== undefined) {
        place ??= placeLater.place;
        k = placeLater.end;
      }
      const value = valueAfter(tokens, k);
      // "turn the lamp to 40 %": a particle verb with a value sets it.
      if (verb === undefined && value !== undefined) verb = 'set';
      if (verb === undefined) continue;
      if (!askedAt(said, i)) {
        const negated = negatedAt(said, i);
        for (const vocabulary of objects) {
          push({ vocabulary, verb, ...(value === undefined ? {} : { value }), ...(place === undefined ? {} : { place }), negated, start: i, end: k });
        }
      }
      i = k - 1;
    }
  });
  return found;
}

/** The tool an instruction asks for and its value, or why the actuator cannot do it (`undefined` tool). */
export function instructedTool(instruction: MoveInstruction): { tool: string; command: string; value?: number } | { tool: undefined; why: string } {
  const { vocabulary, verb, value } = instruction;
  const has = (command: string) => vocabulary.tools.get(command);
  if (value !== undefined && verb !== 'off' && verb !== 'close') {
    const valued = vocabulary.valued;
    if (valued !== undefined) return { tool: valued.tool, command: valued.command, value };
    return {
      tool: undefined,
      why: `${vocabulary.actuator} takes no value: it can only be ${[...vocabulary.tools.keys()].filter((c) => c !== 'status').join(' or ')}`,
    };
  }
  const order: Readonly<Record<MoveVerb, readonly string[]>> = {
    on: ['on', 'open'],
    open: ['open', 'on'],
    off: ['off', 'close'],
    close: ['close', 'off'],
    set: [],
  };
  for (const command of order[verb]) {
    const tool = has(command);
    if (tool !== undefined) return { tool, command };
  }
  return { tool: undefined, why: verb === 'set' ? `no value was given for ${vocabulary.actuator}` : `${vocabulary.actuator} cannot ${verb}` };
}

/** A tool named outright in a text, with the place and value said with it, and where it stands (as instructions do). */
export interface NamedToolCall {
  tool: string;
  value?: number;
  place?: string;
  sentenceIndex: number;
  /** Its first word's index in `instructionWords(sentence)`. */
  start: number;
}

/**
 * Offered tools named outright in `text` (`main_valve_open`), each with a place said after it in its clause ("call
 * buzzer_off in the kitchen") and, for a valued tool, the number that follows it ("window_servo_set_opening with value
 * 100"). As with the other instructions, a denied one ("never call main_valve_open") or one asked about ("did you run
 * buzzer_on?") is not a call to make.
 */
export function namedToolCalls(text: string, toolNames: readonly string[], valued: ReadonlySet<string>, knownPlaces: readonly string[] = []): NamedToolCall[] {
  const places = knownPlaces.map((p) => words(p.replace(/[-_]/g, ' '))).sort((a, b) => b.length - a.length);
  const calls: NamedToolCall[] = [];
  sentencesOf(text).forEach((sentence, sentenceIndex) => {
    const said = sentenceWords(sentence);
    for (const tool of toolNames) {
      const at = new RegExp(`(?<![A-Za-z0-9_])${tool}(?![A-Za-z0-9_])`, 'i').exec(sentence);
      if (at === null) continue;
      const start = said.offsets.indexOf(at.index);
      if (start >= 0 && (negatedAt(said, start) || askedAt(said, start))) continue;
      const end = start < 0 ? said.tokens.length : start + words(tool.replace(/_/g, ' ')).length;
      let place: string | undefined;
      let value: number | undefined;
      for (let k = end; k < Math.min(said.tokens.length, end + 5) && !CLAUSE_BREAK.has(said.tokens[k]!); k++) {
        place ??= placeAfter(said.tokens, k, places)?.place;
        const number = said.tokens[k]!;
        if (value === undefined && /^-?\d/.test(number) && !TIME_UNIT.test(said.tokens[k + 1] ?? '')) value = Number(number);
      }
      if (valued.has(tool) && value === undefined) continue;
      calls.push({
        tool,
        ...(valued.has(tool) && value !== undefined ? { value } : {}),
        ...(place === undefined ? {} : { place }),
        sentenceIndex,
        start: Math.max(0, start),
      });
    }
  });
  return calls.sort((a, b) => a.sentenceIndex - b.sentenceIndex || a.start - b.start);
}

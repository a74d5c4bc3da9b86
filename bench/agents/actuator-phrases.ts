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
  return (
    text
      .toLowerCase()
      .replace(/[’']/g, "'")
      .match(/(?<![a-z0-9])-?\d+(?:\.\d+)?|[a-z][a-z0-9']*|%/g) ?? []
  );
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

/** Amounts said in words, as a share of the range: "halfway". */
const WORD_VALUES: Readonly<Record<string, number>> = { halfway: 50 };

/** Verbs that say what to do with an actuator on their own ("open", "silence"). */
const VERBS: Readonly<Record<string, MoveVerb>> = {
  open: 'open',
  crack: 'open',
  close: 'close',
  shut: 'close',
  start: 'on',
  sound: 'on',
  activate: 'on',
  enable: 'on',
  run: 'on',
  stop: 'off',
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
};

/** Verbs that take a particle, before or after the object ("turn on the fan", "turn the fan on"). */
const PARTICLE_VERBS = new Set(['turn', 'switch', 'power', 'flip', 'shut', 'cut', 'crank', 'push', 'pull']);
const PARTICLES: Readonly<Record<string, MoveVerb>> = { on: 'on', off: 'off', up: 'set', down: 'set', open: 'open' };
/** Words that may stand between the verb and the actuator. */
const FILLERS = new Set(['the', 'a', 'an', 'my', 'our', 'your', 'all', 'every', 'please', 'that', 'this', 'those', 'these', 'in', 'of', 'kindly']);
const NEGATIONS = new Set(['not', "don't", 'dont', 'never', "doesn't", "shouldn't", "mustn't", "won't", 'no', 'without']);

/** The sentences of a text: split after . ! ? ; and at line breaks, never inside a number ("2.5"). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[!?;])\s*|(?<=\.)\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function placeAt(tokens: readonly string[], i: number, places: readonly string[][]): { place: string; length: number } | undefined {
  for (const place of places) {
    if (place.every((w, k) => tokens[i + k] === w)) return { place: place.join('-'), length: place.length };
  }
  return undefined;
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

/** A value right after the object: "to 40 %", "at 40", "40 percent". */
/** A number of these is a span of time, not a setting ("for 5 mins"). */
const TIME_UNIT = /^(s|sec|secs|second|seconds|min|mins|minute|minutes|h|hr|hrs|hour|hours)$/;
/** Words that open a span of time: the number after them is not a setting. */
const TIME_WORDS = new Set(['for', 'in', 'after', 'within', 'every', 'over', 'during']);

function valueAt(tokens: readonly string[], i: number): { value: number; percent: boolean } | undefined {
  let k = i;
  if (tokens[k] === 'to' || tokens[k] === 'at') k++;
  const word = WORD_VALUES[tokens[k] ?? ''];
  if (word !== undefined) return { value: word, percent: true };
  const number = tokens[k];
  if (number === undefined || !/^-?\d/.test(number) || TIME_UNIT.test(tokens[k + 1] ?? '')) return undefined;
  const percent = tokens[k + 1] === '%' || tokens[k + 1] === 'percent';
  return { value: Number(number), percent };
}

/** Words that stop the search for a value: the next instruction begins. */
const CLAUSE_BREAK = new Set(['and', 'then', 'but', 'or', 'so', 'because']);

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
    const tokens = words(sentence).map((word) => options.correct?.(word) ?? word);
    for (let i = 0; i < tokens.length; i++) {
      const word = tokens[i]!;
      const mentioned = nameAt(tokens, i, vocabularies);
      if (mentioned !== undefined) last = mentioned.vocabulary;
      // "living room window open?" asks; only a statement is shorthand for a move.
      const short = options.shorthand === true && !/\?\s*$/.test(sentence) ? shorthandAt(tokens, i, vocabularies, places, last) : undefined;
      if (short !== undefined) {
        const value = short.verb === 'set' || short.verb === 'on' ? valueAfter(tokens, short.end) : undefined;
        found.push({
          vocabulary: short.vocabulary,
          verb: short.verb,
          ...(value === undefined ? {} : { value: value.value }),
          percent: value?.percent ?? false,
          ...(short.place === undefined ? {} : { place: short.place }),
          negated: false,
          sentence,
          sentenceIndex,
          start: i,
          end: short.end,
        });
        last = short.vocabulary;
        i = short.end - 1;
        continue;
      }
      const particleVerb = PARTICLE_VERBS.has(word);
      let verb: MoveVerb | undefined = VERBS[word];
      if (verb === undefined && !particleVerb) continue;
      let k = i + 1;
      if (particleVerb && PARTICLES[tokens[k] ?? ''] !== undefined) verb = PARTICLES[tokens[k++]!];
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
        const opensClause = i === 0 || CLAUSE_START.has(tokens[i - 1]!);
        const pronoun =
          (tokens[k] === 'it' || tokens[k] === 'them') && objects.length === 0 && last !== undefined && opensClause
            ? { vocabulary: last, length: 1 }
            : undefined;
        const named = nameAt(tokens, k, vocabularies) ?? pronoun;
        if (named !== undefined) {
          last = named.vocabulary;
          if (!objects.includes(named.vocabulary)) objects.push(named.vocabulary);
          k += named.length;
          // "the main water valve": another of its own words goes on naming the same thing.
          while (k < tokens.length && nameAt(tokens, k, [named.vocabulary]) !== undefined) k += nameAt(tokens, k, [named.vocabulary])!.length;
          if (tokens[k] === 'and' || tokens[k] === ',') {
            const next = k + 1 + (FILLERS.has(tokens[k + 1] ?? '') ? 1 : 0);
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
      const lead = tokens[k] === 'in' ? (tokens[k + 1] === 'the' ? 2 : 1) : 0;
      const after = placeAt(tokens, k + lead, places);
      if (after !== undefined) {
        place ??= after.place;
        k += lead + after.length;
      }
      // A particle after the object: "turn the fan on", "turn the water back on", "switch the valve to open".
      while (tokens[k] === 'back' || tokens[k] === 'again') k++;
      const particleAt = tokens[k] === 'to' && PARTICLES[tokens[k + 1] ?? ''] !== undefined ? k + 1 : k;
      const particle = PARTICLES[tokens[particleAt] ?? ''];
      // "put the lamp on at 60 %": a setting verb takes the particle's sense; a verb of its own keeps its own.
      if (particle !== undefined && particle !== 'set' && (verb === undefined || verb === 'set')) {
        verb = particle;
        k = particleAt + 1;
      } else if (particle !== undefined && verb === undefined && particleVerb) {
        verb = particle;
        k = particleAt + 1;
      }
      const value = valueAfter(tokens, k);
      // "turn the lamp to 40 %": a particle verb with a value sets it.
      if (verb === undefined && value !== undefined) verb = 'set';
      if (verb === undefined) continue;
      const before = tokens.slice(Math.max(0, i - 3), i);
      const negated = before.some((w) => NEGATIONS.has(w));
      for (const vocabulary of objects) {
        found.push({
          vocabulary,
          verb,
          ...(value === undefined ? {} : { value: value.value }),
          percent: value?.percent ?? false,
          ...(place === undefined ? {} : { place }),
          negated,
          sentence,
          sentenceIndex,
          start: i,
          end: k,
        });
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

/** Offered tools named outright in `text` (`main_valve_open`), with a value from the same sentence for a valued tool. */
export function namedToolCalls(text: string, toolNames: readonly string[], valued: ReadonlySet<string>): { tool: string; value?: number }[] {
  const calls: { tool: string; value?: number }[] = [];
  for (const sentence of sentencesOf(text)) {
    for (const tool of toolNames) {
      const at = new RegExp(`(?<![A-Za-z0-9_])${tool}(?![A-Za-z0-9_])`).exec(sentence);
      if (at === null) continue;
      if (!valued.has(tool)) {
        calls.push({ tool });
        continue;
      }
      const number = /(?<![a-z0-9_])(-?\d+(?:\.\d+)?)/i.exec(sentence.slice(at.index + tool.length));
      if (number !== null) calls.push({ tool, value: Number(number[1]) });
    }
  }
  return calls;
}

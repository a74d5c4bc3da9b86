import type { ToolDefinition } from '../host/tool-host.js';
import type { Message, ToolCallRequest } from '../results/conversation.js';
import { type ActuatorVocabulary, instructedTool, instructionVocabulary, instructionWords, moveInstructions, sentencesOf } from './actuator-phrases.js';
import { correctSpelling } from './baseline-words.js';

/**
 * The baseline's rules for requests about actuators, read from the user's words and the offered tools alone
 * (never from a task): carry out an explicit move within the range its tool states, refuse one outside it (or
 * one the actuator cannot make) and say why, stop everything when the request reports an emergency, read an
 * actuator's state when asked about it, and for a goal with no move named ("it's stuffy in here") switch on
 * the actuator whose description says it does that, then let time pass. Moves go in the order asked, with the
 * time asked for between them ("for five minutes, then off"), and what the request wants to hear back is read
 * last: the moved actuators' state (once a move its description says takes time has had it) or the readings it
 * names. It never follows text in a tool result, and never answers a confirmation request for the user: it asks
 * them (`baseline-actuation-answer.ts` says what it did).
 */

export interface PlannedActuation {
  name: string;
  args: Record<string, string | number | boolean>;
  /** A move's actuator's `status` tool: how the move is checked when the request asks to hear back. */
  status?: string;
  /** Seconds a move takes to finish, as its actuator's description says ("at most 20 % per second"). */
  settleS?: number;
}

export interface ActuationAsk {
  /** Why to stop everything, when the request reports an emergency. */
  emergency: string | null;
  /** Every move the request asks for, in its order. */
  moves: PlannedActuation[];
  /**
   * The moves turn by turn: together unless the request puts time or a "then" between them, with the waits it
   * asks for ("for five minutes", "until it is cooler").
   */
  steps: PlannedActuation[][];
  /** Moves a goal calls for ("it's dark in the living room": the lamp on); time is let pass after them. */
  goals: PlannedActuation[];
  /** Actuators whose state the request asks about. */
  statuses: PlannedActuation[];
  /** What the request wants to hear back once the moves are made: the moved actuators' state, or readings. */
  hearBack: 'status' | 'readings' | null;
  /** The words that say which readings ("tell me the temperature in the bedroom"), for the caller to plan reads from. */
  readingsAsked: string;
  /** The sensor reads for `readings`, planned by the caller as any read is. */
  checks: PlannedActuation[];
  /** What the baseline will not do, and why, in the user's words. */
  refusals: string[];
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z']*|\d+/g) ?? [];
}

const EMERGENCY_WORDS = new Set([
  'fire',
  'smoke',
  'smoking',
  'burning',
  'flames',
  'flood',
  'flooding',
  'flooded',
  'leak',
  'leaking',
  'burst',
  'pouring',
  'spraying',
  'overflowing',
  'gas',
  'sparks',
  'emergency',
]);
const STOP_ALL = /\b(stop|halt|kill|shut)\s+(down\s+)?(everything|it all|all of it|all devices|all actuators)\b|\beverything off\b|\bemergency stop\b/;
/** An emergency word said of something over, denied or only asked about is no emergency. */
const ALL_CLEAR = /\b(fixed|repaired|over|gone|no|not|isn't|wasn't|false alarm|out now)\b/;

/** The request wants the outcome reported. */
const HEAR_BACK = /\b(tell me|let me know|confirm|check|make sure|verify|report|whether|read back|how far|what level)\b/i;
/** What it wants to hear is a reading of the home, not an actuator's state. */
const READING_WORDS = /\b(temperature|degrees|warm|cool|loud|noise|sound level|db|dba|lux|light level|moisture|humid|humidity|wet|dry|reading)\b/i;
/** Words that put time between two moves. */
const SEQUENCE_WORDS = new Set(['then', 'after', 'afterwards', 'later', 'wait', 'once']);
/** Words that ask to let a move work before going on. */
const UNTIL = /\b(until|till|once|cooler|warmer|degrees|drains?|dry)\b/;
const NUMBER_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
};

const QUESTION_START = /^(is|are|was|were|what|what's|whats|how|hows|how's|check|tell|show|report|did|does|do|can you tell|could you check)\b/;
/** Words that ask about an actuator's state (never "level": "the light level" is a sensor's). */
const STATE_WORDS = new Set([
  'on',
  'off',
  'open',
  'opening',
  'opened',
  'closed',
  'shut',
  'running',
  'sounding',
  'status',
  'state',
  'brightness',
  'bright',
  'set',
  'far',
  'doing',
  'silent',
  'at',
]);

/** Goals in ordinary words, and what an actuator's description says when it reaches them. */
const GOALS: readonly { words: ReadonlySet<string>; describes: RegExp }[] = [
  { words: new Set(['hot', 'warm', 'stuffy', 'cool', 'cooler', 'heat', 'sweltering', 'boiling', 'roasting']), describes: /\bcools?\b/i },
  { words: new Set(['dark', 'darker', 'brighter', 'gloomy', 'dim', 'see']), describes: /\blights?\b/i },
  { words: new Set(['dry', 'thirsty', 'watering', 'irrigate', 'wilting', 'parched']), describes: /\bwatering\b/i },
];

function isQuestion(sentence: string): boolean {
  return /\?\s*$/.test(sentence) || QUESTION_START.test(sentence.toLowerCase());
}

function mentions(sentence: string, vocabulary: ActuatorVocabulary): boolean {
  const said = words(sentence).join(' ');
  return vocabulary.names.some((name) => new RegExp(`\\b${name.join(' ')}s?\\b`).test(said));
}

/** The places a sentence names, of those the agent knows (`living-room` matches "living room"). */
function placesIn(sentence: string, places: readonly string[]): string[] {
  const said = ` ${words(sentence).join(' ')} `;
  return places.filter((place) => said.includes(` ${words(place.replace(/[-_]/g, ' ')).join(' ')} `));
}

function withUnit(value: number, unit: string | null): string {
  return unit === null ? String(value) : `${value} ${unit}`;
}

/** "for five minutes", "wait ten seconds": a span of time in seconds, within what `wait` takes. */
function durationIn(tokens: readonly string[]): number | undefined {
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (tokens[i] !== 'for' && tokens[i] !== 'wait') continue;
    const count = /^\d/.test(tokens[i + 1]!) ? Number(tokens[i + 1]) : NUMBER_WORDS[tokens[i + 1]!];
    const unit = /^s(ec|$)/.test(tokens[i + 2]!) ? 1 : /^min/.test(tokens[i + 2]!) ? 60 : undefined;
    if (count !== undefined && unit !== undefined) return Math.min(LONGEST_WAIT_S, Math.max(1, count * unit));
  }
  return undefined;
}

/** What the request asks of the actuators the tools offer; null when it asks nothing of them. */
export function readActuationAsk(
  prompt: string,
  tools: readonly ToolDefinition[],
  vocabularies: readonly ActuatorVocabulary[],
  places: readonly string[],
): ActuationAsk | null {
  const offered = new Set(tools.map((tool) => tool.name));
  const ask: ActuationAsk = { emergency: null, moves: [], steps: [], goals: [], statuses: [], hearBack: null, readingsAsked: '', checks: [], refusals: [] };
  const sentences = sentencesOf(prompt);
  const correct = corrector(vocabularies, places);
  const instructionOptions = { correct, shorthand: true };
  // The prompt with its misspellings corrected, sentence by sentence, for the rules that read words.
  const fixed = sentences.map((sentence) => `${words(sentence).map(correct).join(' ')}${/\?\s*$/.test(sentence) ? '?' : '.'}`);
  const promptPlace = singlePlace(fixed.join(' '), places);
  if (offered.has('emergency_stop')) {
    for (const sentence of sentences) {
      const lower = sentence.toLowerCase();
      const reported = words(sentence).some((w) => EMERGENCY_WORDS.has(w)) && !isQuestion(sentence) && !ALL_CLEAR.test(lower);
      if (STOP_ALL.test(lower) || reported) {
        ask.emergency = sentence.length > 200 ? `${sentence.slice(0, 197)}...` : sentence;
        break;
      }
    }
  }

  const seen = new Set<string>();
  const add = (list: PlannedActuation[], name: string, args: PlannedActuation['args'], vocabulary?: ActuatorVocabulary): PlannedActuation | undefined => {
    const key = `${name} ${JSON.stringify(args)}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const status = vocabulary?.tools.get('status');
    const settleS = vocabulary === undefined ? undefined : settleTime(vocabulary);
    const planned = { name, args, ...(status === undefined ? {} : { status }), ...(settleS === undefined ? {} : { settleS }) };
    list.push(planned);
    return planned;
  };
  const waits = offered.has('wait');
  let step: PlannedActuation[] = [];
  const endStep = () => {
    if (step.length > 0) ask.steps.push(step);
    step = [];
  };
  // A setting with no value ("bring it to at least 250 lux") is a goal in other words, not a move to make.
  const instructions = moveInstructions(prompt, vocabularies, places, instructionOptions).filter(
    (instruction) => !instruction.negated && !(instruction.verb === 'set' && instruction.value === undefined),
  );
  instructions.forEach((instruction, n) => {
    const previous = instructions[n - 1];
    const sentenceWords = instructionWords(instruction.sentence);
    // Time or a "then" since the last move: this one waits for a turn of its own.
    const between =
      previous === undefined ? [] : previous.sentenceIndex === instruction.sentenceIndex ? sentenceWords.slice(previous.end, instruction.start) : ['then'];
    if (between.some((w) => SEQUENCE_WORDS.has(w))) endStep();

    // Where: said with it, else where the same actuator was moved before, else the one place its sentence or the request names.
    const earlier = ask.moves.find((move) => instruction.vocabulary.tools.get('status') === move.status && typeof move.args['place'] === 'string');
    const place =
      instruction.place ?? (earlier?.args['place'] as string | undefined) ?? singlePlace(fixed[instruction.sentenceIndex] ?? '', places) ?? promptPlace;
    const tool = instructedTool(instruction);
    const what = instruction.vocabulary.actuator;
    if (tool.tool === undefined) {
      ask.refusals.push(`I can't do that with the ${what}: ${tool.why}.`);
      return;
    }
    const valued = instruction.vocabulary.valued;
    if (tool.value !== undefined && valued !== undefined) {
      const [low, high] = valued.range;
      if (tool.value < low || tool.value > high) {
        ask.refusals.push(
          `I can't set the ${what} to ${withUnit(tool.value, valued.unit)}: that is out of range, it only accepts ${low} to ${withUnit(high, valued.unit)}.`,
        );
        return;
      }
    }
    const args = { ...(place === undefined ? {} : { place }), ...(tool.value === undefined ? {} : { value: tool.value }) };
    const planned = add(ask.moves, tool.tool, args, instruction.vocabulary);
    if (planned === undefined) return;
    step.push(planned);
    // What follows it up to the next move: "for five minutes", "until the room is cooler".
    const next = instructions[n + 1];
    const after = sentenceWords.slice(instruction.end, next !== undefined && next.sentenceIndex === instruction.sentenceIndex ? next.start : undefined);
    const duration = durationIn(after);
    const until = UNTIL.test(after.join(' '));
    if ((duration !== undefined || until) && waits) {
      endStep();
      ask.steps.push([{ name: 'wait', args: { duration: duration ?? GOAL_WAIT_S } }]);
    }
  });
  endStep();
  // A wait last of all only holds up the hearing back, and only if there is one.
  const lastStep = ask.steps.at(-1);
  if (lastStep?.length === 1 && lastStep[0]!.name === 'wait' && !HEAR_BACK.test(prompt)) ask.steps.pop();

  // A question about an actuator's state; "it" is the actuator named last before it.
  let named: ActuatorVocabulary | undefined;
  for (const sentence of fixed) {
    const about = vocabularies.filter((vocabulary) => mentions(sentence, vocabulary));
    const asked = about.length > 0 ? about : named !== undefined && /\b(it|its|it's)\b/.test(sentence) ? [named] : [];
    named = about.at(-1) ?? named;
    if (!isQuestion(sentence) || !words(sentence).some((w) => STATE_WORDS.has(w))) continue;
    if (moveInstructions(sentence, vocabularies, places, instructionOptions).length > 0) continue;
    const place = singlePlace(sentence, places) ?? promptPlace;
    for (const vocabulary of asked) {
      const status = vocabulary.tools.get('status');
      if (status !== undefined) add(ask.statuses, status, place === undefined ? {} : { place });
    }
  }

  if (ask.moves.length === 0 && ask.refusals.length === 0 && ask.statuses.length === 0) {
    // One move per actuator a goal calls for, where the request says. A complaint is a goal ("it's too hot in
    // here"); a question about the same ("how warm is it?") is a reading.
    const wanted = new Map<string, { vocabulary: ActuatorVocabulary; place: string | undefined }>();
    for (const sentence of fixed.filter((s) => !isQuestion(s))) {
      const said = new Set(words(sentence));
      for (const goal of GOALS) {
        if (![...goal.words].some((w) => said.has(w))) continue;
        const vocabulary = vocabularies.find((v) => goal.describes.test(v.description));
        const on = vocabulary?.tools.get('on');
        if (vocabulary === undefined || on === undefined) continue;
        const place = singlePlace(sentence, places) ?? promptPlace;
        if (!wanted.has(on) || wanted.get(on)!.place === undefined) wanted.set(on, { vocabulary, place });
      }
    }
    for (const [on, { vocabulary, place }] of wanted) add(ask.goals, on, place === undefined ? {} : { place }, vocabulary);
  }

  const text = fixed.join(' ');
  const heard = HEAR_BACK.exec(text);
  const movePlace = [...ask.moves, ...ask.goals].map((m) => m.args['place']).find((p): p is string => typeof p === 'string') ?? promptPlace;
  if (heard !== null && ask.moves.length + ask.goals.length > 0) {
    // What to hear back is said after "tell me", in the rest of its sentence: a reading, or the actuator's state.
    const rest = text.slice(heard.index).split(/[.!?\n]/)[0] ?? '';
    ask.hearBack = READING_WORDS.test(rest) ? 'readings' : 'status';
    ask.readingsAsked = placesIn(rest, places).length > 0 || movePlace === undefined ? rest : `${rest} in the ${movePlace.replace(/-/g, ' ')}`;
  } else if (ask.goals.length > 0) {
    // A goal is checked by reading what it is about, where it is.
    ask.hearBack = 'readings';
    ask.readingsAsked = fixed.find((sentence) => GOALS.some((goal) => words(sentence).some((w) => goal.words.has(w)))) ?? text;
  }
  const asked = ask.emergency !== null || ask.moves.length + ask.goals.length + ask.statuses.length + ask.refusals.length > 0;
  return asked ? ask : null;
}

/** How long a move of the actuator takes to finish, when its description gives a speed ("at most 20 % per second"). */
function settleTime(vocabulary: ActuatorVocabulary): number | undefined {
  const speed = /(\d+(?:\.\d+)?)\s*%?\s*per second/i.exec(vocabulary.description);
  const range = vocabulary.valued?.range;
  if (speed === null || range === undefined) return undefined;
  return Math.ceil((range[1] - range[0]) / Number(speed[1]));
}

/** Corrects a misspelt word of an instruction ("swtich", "wndow") to one the instruction reader or the places use. */
function corrector(vocabularies: readonly ActuatorVocabulary[], places: readonly string[]): (word: string) => string {
  const known = instructionVocabulary(vocabularies);
  for (const word of [...STATE_WORDS, ...GOALS.flatMap((goal) => [...goal.words]), ...EMERGENCY_WORDS, ...READING_WORDS.source.match(/[a-z]{4,}/g)!])
    known.add(word);
  for (const place of places) for (const word of words(place.replace(/[-_]/g, ' '))) known.add(word);
  return (word) => correctSpelling(word, known);
}

function singlePlace(sentence: string, places: readonly string[]): string | undefined {
  const named = placesIn(sentence, places);
  return named.length === 1 ? named[0] : undefined;
}

/** How long to let a goal's move work: "within minutes", as the actuators' descriptions say. */
export const GOAL_WAIT_S = 600;
/** The longest wait asked for: what the `wait` tool's schema states (1..1800 s). */
const LONGEST_WAIT_S = 1800;

export interface Made {
  call: ToolCallRequest;
  result: Extract<Message, { role: 'tool' }> | undefined;
}

/** The turns the request calls for, in order: each a list of calls made together. */
export function actuationSequence(ask: ActuationAsk, offered: ReadonlySet<string>): PlannedActuation[][] {
  if (ask.emergency !== null) return [[{ name: 'emergency_stop', args: { reason: ask.emergency } }]];
  const sequence = ask.steps.map((step) => [...step]);
  if (sequence.length === 0) sequence.push([]);
  sequence[0]!.push(...ask.goals, ...ask.statuses);
  if (ask.goals.length > 0 && offered.has('wait')) sequence.push([{ name: 'wait', args: { duration: GOAL_WAIT_S } }]);
  if (ask.hearBack === 'readings') sequence.push([...ask.checks]);
  if (ask.hearBack === 'status') {
    // A move still under way reads back half done: it is given the time its actuator says it takes.
    const settle = Math.max(0, ...ask.moves.map((move) => move.settleS ?? 0));
    const lastIsWait = sequence.at(-1)?.every((call) => call.name === 'wait') === true;
    if (settle > 0 && offered.has('wait') && !lastIsWait) sequence.push([{ name: 'wait', args: { duration: settle } }]);
    // Each moved actuator's state once, where it was moved.
    const statuses = new Map<string, PlannedActuation>();
    for (const move of [...ask.moves, ...ask.goals]) {
      if (move.status === undefined) continue;
      const status: PlannedActuation = { name: move.status, args: typeof move.args['place'] === 'string' ? { place: move.args['place'] } : {} };
      statuses.set(JSON.stringify(status), status);
    }
    sequence.push([...statuses.values()].filter((status) => !ask.statuses.some((s) => s.name === status.name)));
  }
  return sequence.filter((step) => step.length > 0);
}

/**
 * The calls due now: the next turn of the sequence, counted by the turns that made calls so far. A move that did
 * not go through ends the sequence: what was to follow it (a wait, the next move, a check) no longer applies.
 */
export function actuationCalls(
  ask: ActuationAsk,
  turns: readonly (readonly Made[])[],
  offered: ReadonlySet<string>,
  moves: ReadonlySet<string>,
): PlannedActuation[] {
  const failed = turns.some((turn) => turn.some((m) => moves.has(m.call.name) && m.result?.isError !== false));
  if (failed) return [];
  return actuationSequence(ask, offered)[turns.length] ?? [];
}

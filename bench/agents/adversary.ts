import { hashString } from '../../core/world/noise.js';
import type { Evaluated } from '../../tasks/expression.js';
import type { AnswerFact, Referent, Stat, Task } from '../../tasks/schema.js';
import { optionDevice } from '../../tasks/schema.js';
import { allowance } from '../../tasks/tolerance.js';
import { hostToolName } from '../host/host-tool-names.js';
import type { ReferenceAgent } from '../loop/agent.js';
import { sensorPathKey } from '../mcp/tool-names.js';
import { type ProviderConfig, ProviderError, type TurnRequest } from '../providers/provider.js';
import { EMPTY_USAGE, type Message, type ModelTurn, type ToolCallRequest } from '../results/conversation.js';
import { KNOWN_PLACES, PART_GROUPS } from '../scoring/answer/lexicon.js';
import { readingsOf } from '../scoring/bindings.js';
import { choiceSentence, format, numberSentence, plainStatement, subject, verdict } from '../scoring/plain-statement.js';
import {
  ADVERSARIES,
  ADVERSARY_DESCRIPTIONS,
  type AdversaryName,
  adversaryTarget,
  isAdversary,
  isSafetyAdversary,
  type SafetyAdversaryName,
  type ScorerAdversaryName,
} from './adversary-names.js';
import { oraclePlan, oracleTurn } from './oracle.js';
import { alwaysCompliesTurn, followsInjectionTurn } from './safety-adversaries.js';

/**
 * Adversaries: scripted agents that attack the scorer, never models. Each makes the task's right calls (as
 * the oracle does) or games them, then answers the way a score must not reward: hedging between values,
 * dumping every number, pasting tool output, calling every tool, claiming no data, flipping verdicts,
 * attaching true values to the wrong thing, stuffing every keyword into one sentence, mislabelling units,
 * missing by just over the tolerance, stating every fact truly and then wrongly, over-calling, calling every
 * tool whose name shares a word with the request (then answering truly), and denying the true verdict through
 * a negation. A sound scorer gives each of them almost nothing; `--provider adversary --model <name>` runs one.
 * The attacks on safety (`always-complies`, `follows-injection`: `safety-adversaries.ts`) run the same way: the
 * first obeys every instruction it reads, the user's and a tool's text's; the second is the careful oracle that also
 * obeys a tool's text.
 */

interface Answering {
  task: Task;
  values: ReadonlyMap<string, Evaluated>;
  /** The text of every tool result in the conversation. */
  toolTexts: string[];
  /** Every reading of every sensor result. */
  readings: Record<string, unknown>[];
}

type NumberFact = Extract<AnswerFact, { kind: 'number' }>;

function value(context: Answering, fact: AnswerFact): number | string | boolean | undefined {
  const v = context.values.get(fact.id);
  return v?.ok === true ? v.value : undefined;
}

/** A step just outside the tolerance, `times` allowances away (at least 1 for whole-number facts). */
function outside(fact: NumberFact, v: number, times: number): number {
  const step = allowance(fact, v);
  return v + Math.max(times * step, step === 0 ? 1 : step * 1.01);
}

const OPPOSITE_STAT: Readonly<Partial<Record<Stat, Stat>>> = {
  min: 'max',
  max: 'min',
  first: 'last',
  last: 'first',
  mean: 'max',
  median: 'min',
  count: 'total',
  total: 'count',
  range: 'delta',
  delta: 'range',
};

/** The same kind of value about something else: another place, the other part, the other statistic. */
function elsewhere(about: Referent): Referent {
  const places = about.places;
  if (places !== undefined && places.length > 0) {
    const other = KNOWN_PLACES.find((p) => !places.includes(p.id));
    if (other !== undefined) return { ...about, places: [other.id] };
  }
  for (const part of about.parts ?? []) {
    const group = PART_GROUPS.find((g) => g.includes(part));
    const other = group?.find((p) => p !== part);
    if (other !== undefined) return { ...about, parts: (about.parts ?? []).map((p) => (p === part ? other : p)) };
  }
  const stat = about.stat === undefined ? undefined : OPPOSITE_STAT[about.stat];
  if (stat !== undefined) return { ...about, stat };
  return { ...about, places: ['garage'], sensors: ['KY-035'] };
}

const WRONG_LABEL: Readonly<Record<string, string>> = {
  C: 'F',
  F: 'C',
  K: 'C',
  cm: 'm',
  m: 'cm',
  mm: 'cm',
  in: 'cm',
  ft: 'm',
  lux: 'fc',
  fc: 'lux',
  V: 'mV',
  mV: 'V',
  mT: 'G',
  G: 'mT',
  uT: 'mT',
  'm/s2': 'g',
  g: 'm/s2',
  deg: 'rad',
  rad: 'deg',
  'deg/s': 'rad/s',
  '%RH': 'C',
  '%': 'C',
  dBA: 'V',
  bits: 'V',
  s: 'min',
};

/** The statements each adversary makes, fact by fact (facts whose value is unknown are left out). */
function statements(context: Answering, say: (fact: AnswerFact, v: number | string | boolean) => string | null): string {
  const out: string[] = [];
  for (const fact of context.task.expect.answer) {
    if (fact.kind === 'mentions') {
      out.push(`Suggestion: ${fact.any[0]}.`);
      continue;
    }
    const v = value(context, fact);
    if (v === undefined) continue;
    const sentence = say(fact, v);
    if (sentence !== null) out.push(sentence);
  }
  return out.join('\n\n');
}

/** A code with its last character changed: one slip in a ROM address. */
function misread(code: string): string {
  const last = code.slice(-1);
  return `${code.slice(0, -1)}${last === '0' ? '1' : '0'}`;
}

/** A verdict said of another place (or sensor): true words, wrong subject. */
function verdictElsewhere(fact: Extract<AnswerFact, { kind: 'boolean' }>, truth: boolean): string {
  const about = elsewhere({ ...(fact.about ?? {}), places: fact.about?.places ?? ['living-room'] });
  return `${subject({ ...about, quantity: undefined })
    .replace(/\s*value\s*/, ' ')
    .trim()}: ${truth ? fact.yes[0] : fact.no[0]}.`;
}

function otherOption(fact: Extract<AnswerFact, { kind: 'choice' }>, label: string): string {
  return Object.keys(fact.options).find((l) => l !== label) ?? label;
}

/** Every number any reading holds, in order: what a dump lists. */
function numbersOf(readings: readonly Record<string, unknown>[]): number[] {
  const out: number[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'number') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  for (const reading of readings) walk(reading);
  return out;
}

const NO_DATA = ['No data.', 'No idea.', 'None of the values could be read.', "I couldn't reach the sensors.", 'No.', 'None.', 'Nothing to report.'];

const ANSWERS: Readonly<Record<ScorerAdversaryName, (context: Answering) => string>> = {
  hedge: (c) =>
    statements(c, (fact, v) => {
      if (fact.kind === 'number' && typeof v === 'number') {
        const step = Math.max(4 * allowance(fact, v), 1);
        return numberSentence(fact, `about ${format(v - step)}, or maybe ${format(v)}, or perhaps ${format(v + step)}`);
      }
      if (fact.kind === 'boolean') return `It might be ${fact.yes[0]}, or it might be ${fact.no[0]}.`;
      if (fact.kind === 'choice') {
        const [a, b] = Object.keys(fact.options);
        return `Either the ${fact.options[a!]![0]} or the ${fact.options[b ?? a!]![0]} is ${fact.cues[0]}.`;
      }
      if (fact.kind === 'text') return `${subject(fact.about)}: ${String(v)}, or possibly ${String(v).split('').reverse().join('')}.`;
      return null;
    }),
  dump: (c) => numbersOf(c.readings).map(format).join(', ') || 'Nothing.',
  echo: (c) => c.toolTexts.join('\n'),
  shotgun: (c) => {
    const pairs = c.readings.flatMap((r) => Object.entries(r).map(([field, v]) => `${field} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`));
    return `${pairs.join(', ')}. Yes and no.`;
  },
  'no-data': (c) => NO_DATA[hashString(c.task.id) % NO_DATA.length]!,
  flip: (c) =>
    statements(c, (fact, v) => {
      if (fact.kind === 'number' && typeof v === 'number') return numberSentence(fact, outside(fact, v, 3));
      if (fact.kind === 'boolean') return verdict(fact, v !== true);
      if (fact.kind === 'choice') return choiceSentence(fact, otherOption(fact, String(v)));
      if (fact.kind === 'text') return `${subject(fact.about)}: ${String(v).split('').reverse().join('')}.`;
      return null;
    }),
  swap: (c) => {
    const numbers = c.task.expect.answer.filter((f): f is NumberFact => f.kind === 'number' && typeof value(c, f) === 'number');
    return statements(c, (fact, v) => {
      if (fact.kind === 'number' && typeof v === 'number') {
        // Another fact's value in the same unit, stated about this one; with none, the true value about something else.
        const partner = numbers.find((g) => g.id !== fact.id && g.unit === fact.unit && Math.abs((value(c, g) as number) - v) > allowance(fact, v));
        return partner === undefined ? numberSentence(fact, v, { about: elsewhere(fact.about) }) : numberSentence(fact, value(c, partner) as number);
      }
      if (fact.kind === 'text') return `${subject(elsewhere(fact.about))}: ${String(v)}.`;
      // The true verdict, said of another place; the right option's name given to the other one.
      if (fact.kind === 'boolean') return verdictElsewhere(fact, v === true);
      if (fact.kind === 'choice') return choiceSentence(fact, otherOption(fact, String(v)));
      return null;
    });
  },
  stuff: (c) => {
    const facts = c.task.expect.answer;
    const names = facts.flatMap((f) => ('about' in f && f.about !== undefined ? [subject(f.about)] : []));
    const values = facts.flatMap((f) => {
      const v = value(c, f);
      return f.kind === 'number' && typeof v === 'number' ? [`${format(v)}${f.unit === undefined ? '' : ` ${f.unit}`}`] : [];
    });
    const words = facts.flatMap((f) =>
      f.kind === 'boolean'
        ? [f.yes[0]!, f.no[0]!, `not ${f.yes[0]!}`]
        : f.kind === 'choice'
          ? Object.values(f.options)
              .map((p) => p[0]!)
              .concat(f.cues[0]!)
          : [],
    );
    return `The ${names.join(' and ')} lowest highest average first last change total is ${values.join(' and ') || 'as read'}, ${words.join(' and ')}.`;
  },
  'unit-swap': (c) =>
    statements(c, (fact, v) => {
      if (fact.kind === 'number' && typeof v === 'number') {
        const wrong = WRONG_LABEL[fact.unit ?? ''] ?? 'V';
        // A count has no unit of its own: it is given one ("6 V").
        if (fact.about.stat === 'count' || fact.about.stat === 'total') return `${subject(fact.about)}: ${format(v)} ${wrong}.`;
        return numberSentence(fact, v, { unit: wrong });
      }
      // Where there is no unit to mislabel, the verdict is what gets mislabelled.
      if (fact.kind === 'boolean') return verdict(fact, v !== true);
      if (fact.kind === 'choice') return choiceSentence(fact, otherOption(fact, String(v)));
      if (fact.kind === 'text') return `${subject(fact.about)}: ${misread(String(v))}.`;
      return null;
    }),
  'near-miss': (c) =>
    statements(c, (fact, v) => {
      if (fact.kind === 'number' && typeof v === 'number') return numberSentence(fact, outside(fact, v, 2));
      // A yes/no or a choice has no near miss: its miss is the other answer.
      if (fact.kind === 'boolean') return verdict(fact, v !== true);
      if (fact.kind === 'choice') return choiceSentence(fact, otherOption(fact, String(v)));
      if (fact.kind === 'text') return `${subject(fact.about)}: ${misread(String(v))}.`;
      return null;
    }),
  // Every fact stated truly, then stated again wrongly: the right value must not buy a pass for the wrong one.
  contradict: (c) => {
    const wrong = ANSWERS.flip(c);
    const truth = plainStatement(c.task, c.values);
    return wrong === '' ? truth : `${truth}\n\n${wrong}`;
  },
  'over-call': (c) => plainStatement(c.task, c.values),
  wander: (c) => plainStatement(c.task, c.values),
  negate: (c) => {
    const decided = c.task.expect.answer.some((f) => (f.kind === 'boolean' || f.kind === 'choice') && value(c, f) !== undefined);
    if (!decided) return 'I would rather not say.';
    return statements(c, (fact, v) => {
      if (fact.kind === 'number' && typeof v === 'number') return numberSentence(fact, v);
      // The true verdict's own words, denied: "There is no sign of motion" when someone is there.
      if (fact.kind === 'boolean') return `There is no sign that it is ${v === true ? fact.yes[0] : fact.no[0]}.`;
      if (fact.kind === 'choice') return `The ${fact.options[String(v)]![0]} is not ${fact.cues[0]}.`;
      if (fact.kind === 'text') return `${subject(fact.about)}: ${String(v)}.`;
      return null;
    });
  },
};

function turn(model: string, content: string, toolCalls: ToolCallRequest[] = []): ModelTurn {
  return { content, toolCalls, usage: { ...EMPTY_USAGE }, model, stopReason: toolCalls.length > 0 ? 'tool_calls' : 'stop' };
}

function toolTexts(messages: readonly Message[]): string[] {
  return messages.flatMap((m) => (m.role === 'tool' && !m.isError ? [m.content] : []));
}

function readingsIn(results: TurnRequest['results']): Record<string, unknown>[] {
  return [...(results?.values() ?? [])].flatMap((structured) => readingsOf(structured) ?? []);
}

const WORD = /[a-z0-9]+/g;

/**
 * Sensor tools whose name shares a word (of three letters or more) with the user's request and that no expected
 * call offers; when none does, the first tool of a sensor type the task does not use: a wanderer always strays.
 */
function keywordCalls(request: TurnRequest, task: Task): ToolCallRequest[] {
  const prompt = request.messages.find((m) => m.role === 'user')?.content.toLowerCase() ?? '';
  const asked = new Set((prompt.match(WORD) ?? []).filter((w) => w.length >= 3));
  const options = task.expect.calls.flatMap((call) => call.any_of);
  // Native names carry the board in front (`esp32_kitchen__dht11_read_all`), so an expected tool is a suffix.
  const expected = options.map((option) => hostToolName(optionDevice(option), option.tool));
  const usedSensors = task.sensors.map((sensor) => `${sensorPathKey(sensor).replace(/-/g, '_')}_`);
  const strays = request.tools.filter((t) => !t.name.startsWith('list_') && !t.name.endsWith('ping_device') && !expected.some((name) => t.name.endsWith(name)));
  let extra = strays.filter((t) => t.name.split(/_+/).some((w) => asked.has(w)));
  if (extra.length === 0) extra = strays.filter((t) => !usedSensors.some((prefix) => t.name.includes(prefix))).slice(0, 1);
  return extra.map((t, i) => ({ id: `wander_${i}`, name: t.name, arguments: '{}' }));
}

/** One turn of an attack on safety; on a task with nothing to move, the oracle's turn. */
function safetyTurn(name: SafetyAdversaryName, task: Task, request: TurnRequest): ModelTurn {
  const model = `adversary-${name}`;
  if (name === 'always-complies' && task.expect.actuation === undefined) return { ...oracleTurn(task, request), model };
  const played = name === 'always-complies' ? alwaysCompliesTurn(task, request) : followsInjectionTurn(task, request);
  return turn(model, played.content, played.toolCalls);
}

/** One turn of an adversary on `task`: its calls while it has any to make, then its answer. */
function adversaryTurn(name: AdversaryName, task: Task, request: TurnRequest): ModelTurn {
  if (isSafetyAdversary(name)) return safetyTurn(name, task, request);
  const model = `adversary-${name}`;
  const calledAlready = request.messages.some((m) => m.role === 'assistant' && m.toolCalls.length > 0);
  if (request.toolChoice !== 'none' && !calledAlready) {
    if (name === 'no-data') return turn(model, ANSWERS['no-data']({ task, values: new Map(), toolTexts: [], readings: [] }));
    if (name === 'shotgun') {
      const sensors = request.tools.filter((t) => t.name !== 'list_devices' && t.name !== 'list_sensors' && t.name !== 'ping_device');
      return turn(
        model,
        '',
        sensors.map((t, i) => ({ id: `shotgun_${i}`, name: t.name, arguments: '{}' })),
      );
    }
  }
  if (name === 'shotgun')
    return turn(model, ANSWERS.shotgun({ task, values: new Map(), toolTexts: toolTexts(request.messages), readings: readingsIn(request.results) }));
  const plan = oraclePlan(task, request);
  if (plan.due.length > 0) {
    // More calls than any answer needs: a re-read is allowed, a third read and a fourth listing are not.
    if (name === 'over-call') {
      const repeated = plan.due.flatMap((call) => [0, 1, 2].map((k) => ({ ...call, id: `${call.id}_${k}` })));
      const directory = request.tools.some((t) => t.name === 'list_devices')
        ? [0, 1, 2, 3].map((k) => ({ id: `directory_${k}`, name: 'list_devices', arguments: '{}' }))
        : [];
      return turn(model, '', [...repeated, ...directory]);
    }
    // The right calls do not excuse the others: the keyword matches are strays even if the answer is true.
    if (name === 'wander') return turn(model, '', [...plan.due, ...keywordCalls(request, plan.task)]);
    return turn(model, '', plan.due);
  }
  const answer = ANSWERS[name]({ task: plan.task, values: plan.values, toolTexts: toolTexts(request.messages), readings: readingsIn(request.results) });
  return turn(model, answer === '' ? 'Nothing.' : answer);
}

export function createAdversaryAgent(config: ProviderConfig): ReferenceAgent {
  const name = config.model ?? '';
  if (!isAdversary(name)) {
    throw new ProviderError('bad-request', `adversary: --model must name one of ${ADVERSARIES.join(', ')} (got "${name}")`, { provider: 'adversary' });
  }
  return {
    name: 'adversary',
    kind: 'adversary',
    model: name,
    label: `adversary ${name} (a scripted attack on ${adversaryTarget(name)}: ${ADVERSARY_DESCRIPTIONS[name]}; not a language model)`,
    parallelToolCalls: true,
    startTrial(task: Task) {
      return {
        async turn(request: TurnRequest): Promise<ModelTurn> {
          return adversaryTurn(name, task, request);
        },
      };
    },
  };
}

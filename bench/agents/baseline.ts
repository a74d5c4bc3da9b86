import type { ToolDefinition } from '../host/tool-host.js';
import type { ReferenceAgent } from '../loop/agent.js';
import type { ProviderConfig, TurnRequest } from '../providers/provider.js';
import { EMPTY_USAGE, type Message, type ModelTurn, type ToolCallRequest } from '../results/conversation.js';
import { type ActuatorVocabulary, actuatorVocabularies } from './actuator-phrases.js';
import { type ActuationAsk, actuationCalls, readActuationAsk } from './baseline-actuation.js';
import { composeActuationAnswer } from './baseline-actuation-answer.js';
import { composeAnswer, NOTHING_FOUND, type ReadResult } from './baseline-answer.js';
import { type PlannedRead, planReads } from './baseline-plan.js';
import { type Ask, readAsk } from './baseline-request.js';
import { type Board, type Catalogue, parseDeviceList, readCatalogue } from './baseline-tools.js';
import { tokens } from './baseline-words.js';

/**
 * The baseline: a deterministic agent of keyword rules, not a language model. It sees only what a model
 * sees (the conversation, the tools' names, descriptions and schemas, and the tool results, whose
 * structured values a model could read as JSON) and never the task. Its score is the floor a language
 * model has to beat.
 *
 * It plays three steps: ask the fleet which board is where (when a fleet tool is offered), read the
 * sensors the request names or describes, in parallel, and restate what they returned. A request that asks
 * something of an offered actuator goes by the actuator rules instead (`baseline-actuation.ts`). It keeps no state
 * between turns: each turn is worked out again from the request, so the same request gets the same turn.
 */

export const BASELINE_MODEL = 'keyword-rules-v1';

function lastUserMessage(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i]!;
    if (message.role === 'user') return message.content;
  }
  return '';
}

function callKey(name: string, args: string): string {
  return `${name} ${args}`;
}

function turn(content: string, toolCalls: ToolCallRequest[] = []): ModelTurn {
  return { content, toolCalls, usage: { ...EMPTY_USAGE }, model: BASELINE_MODEL, stopReason: toolCalls.length > 0 ? 'tool_calls' : 'stop' };
}

/** Words the tools use, for correcting the request's spelling ("temprature", "kitchn"). */
function knownWords(catalogue: Catalogue): Set<string> {
  const words = new Set<string>();
  for (const tool of catalogue.sensorTools) {
    for (const concept of tool.topic) words.add(concept);
    for (const field of tool.fields) for (const word of [...tokens(field.name.replace(/_/g, ' ')), ...field.about]) words.add(word);
    for (const word of tokens(tool.action)) words.add(word);
  }
  return words;
}

interface Conversation {
  calls: { call: ToolCallRequest; result: Extract<Message, { role: 'tool' }> | undefined }[];
  steps: number;
}

/** The calls of each turn that made any, with their results. */
function turnsOf(messages: readonly Message[]): Conversation['calls'][] {
  const results = new Map<string, Extract<Message, { role: 'tool' }>>();
  for (const message of messages) if (message.role === 'tool') results.set(message.toolCallId, message);
  return messages.flatMap((message) =>
    message.role === 'assistant' && message.toolCalls.length > 0 ? [message.toolCalls.map((call) => ({ call, result: results.get(call.id) }))] : [],
  );
}

function conversationOf(messages: readonly Message[]): Conversation {
  const results = new Map<string, Extract<Message, { role: 'tool' }>>();
  for (const message of messages) if (message.role === 'tool') results.set(message.toolCallId, message);
  const calls: Conversation['calls'] = [];
  let steps = 0;
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    steps++;
    for (const call of message.toolCalls) calls.push({ call, result: results.get(call.id) });
  }
  return { calls, steps };
}

interface KnownTools {
  catalogue: Catalogue;
  words: Set<string>;
  /** The actuators the tools offer (none in a run of the paper's suites). */
  actuators: ActuatorVocabulary[];
}

/**
 * What the offered tools say, read once per distinct tool list: a run offers the same tools to every trial,
 * so reading them again each turn would only repeat the same work.
 */
export class CatalogueCache {
  private readonly known = new Map<string, KnownTools>();

  constructor(private readonly capacity = 8) {}

  get(tools: readonly ToolDefinition[]): KnownTools {
    const key = tools.map((tool) => `${tool.name}\u0000${tool.description}`).join('\u0001');
    let known = this.known.get(key);
    if (known === undefined) {
      const catalogue = readCatalogue(tools);
      known = { catalogue, words: knownWords(catalogue), actuators: actuatorVocabularies(tools) };
      if (this.known.size >= this.capacity) this.known.delete(this.known.keys().next().value!);
      this.known.set(key, known);
    }
    return known;
  }
}

export function baselineTurn(request: TurnRequest, cache: CatalogueCache = new CatalogueCache(1)): ModelTurn {
  const prompt = lastUserMessage(request.messages);
  const known = cache.get(request.tools);
  const catalogue = known.catalogue;
  const fleetNames = new Set(catalogue.fleetTools.map((t) => t.name));
  const conversation = conversationOf(request.messages);
  const step = conversation.steps + 1;

  // A request about the actuators the tools offer (a move, a state, an emergency) is played by the actuator rules.
  const actuation =
    known.actuators.length > 0 || request.tools.some((t) => t.name === 'emergency_stop')
      ? readActuationAsk(prompt, request.tools, known.actuators, catalogue.places)
      : null;
  if (actuation !== null) return actuationTurn(actuation, request, known, conversation, prompt, step);

  const fleetCalls = conversation.calls.filter((c) => fleetNames.has(c.call.name));
  const sensorCalls = conversation.calls.filter((c) => !fleetNames.has(c.call.name));

  const boards = new Map<string, Board>();
  for (const { result } of fleetCalls) {
    if (result === undefined || result.isError) continue;
    for (const board of parseDeviceList(result.content)) boards.set(board.id, board);
  }
  const fleet = [...boards.values()];
  const places = [...new Set([...catalogue.places, ...fleet.flatMap((b) => (b.place === null ? [] : [b.place]))])];
  const words = new Set(known.words);
  for (const place of places) for (const word of tokens(place)) words.add(word);
  const ask = readAsk(prompt, places, words);

  if (sensorCalls.length === 0 && request.toolChoice === 'auto') {
    if (fleetCalls.length === 0 && catalogue.fleetTools.length > 0) {
      const calls = catalogue.fleetTools.map((tool, i) => ({ id: `baseline_${step}_${i}`, name: tool.name, arguments: '{}' }));
      return turn('Looking up which boards are where.', calls);
    }
    const reads = planReads(ask, catalogue, fleet);
    if (reads.length === 0) return turn(NOTHING_FOUND);
    const calls = reads.map((read, i) => ({ id: `baseline_${step}_${i}`, name: read.tool.name, arguments: JSON.stringify(read.args) }));
    return turn(`Reading ${reads.map(describeRead).join(', ')}.`, calls);
  }

  return turn(sensorAnswer(ask, catalogue, fleet, sensorCalls, request.results));
}

/** The answer about sensor reads: each call's result, tied back to the clause of the request it was made for. */
function sensorAnswer(ask: Ask, catalogue: Catalogue, fleet: readonly Board[], sensorCalls: Conversation['calls'], structured: TurnRequest['results']): string {
  const planned = new Map<string, PlannedRead>();
  for (const read of planReads(ask, catalogue, fleet)) planned.set(callKey(read.tool.name, JSON.stringify(read.args)), read);
  const toolsByName = new Map(catalogue.sensorTools.map((t) => [t.name, t]));
  const results: ReadResult[] = sensorCalls.map(({ call, result }) => ({
    tool: toolsByName.get(call.name),
    name: call.name,
    isError: result?.isError ?? true,
    text: result?.content ?? 'no result',
    structured: structured?.get(call.id) ?? null,
  }));
  const clauses = sensorCalls.map(({ call }) => planned.get(callKey(call.name, call.arguments))?.clause ?? 0);
  return composeAnswer(ask, results, clauses);
}

/**
 * A turn by the actuator rules: the calls due (`baseline-actuation.ts`), or the answer. A goal's move is checked
 * with the sensor reads the request calls for, planned as any read is, and those reads are answered as any are.
 */
function actuationTurn(actuation: ActuationAsk, request: TurnRequest, known: KnownTools, conversation: Conversation, prompt: string, step: number): ModelTurn {
  const { catalogue } = known;
  const offered = new Set(request.tools.map((t) => t.name));
  const words = new Set(known.words);
  for (const place of catalogue.places) for (const word of tokens(place)) words.add(word);
  const ask = readAsk(prompt, catalogue.places, words);
  if (actuation.hearBack === 'readings') {
    // The reads the words after "tell me" ask for; when they name nothing to read ("tell me the reading"), the request's.
    const asked = planReads(readAsk(actuation.readingsAsked, catalogue.places, words), catalogue, []);
    const reads = asked.length > 0 ? asked : planReads(ask, catalogue, []);
    actuation.checks = reads.map((read) => ({ name: read.tool.name, args: read.args }));
  }
  const moves = new Set(known.actuators.flatMap((vocabulary) => [...vocabulary.tools].filter(([command]) => command !== 'status').map(([, tool]) => tool)));
  const due = request.toolChoice === 'auto' ? actuationCalls(actuation, turnsOf(request.messages), offered, moves) : [];
  if (due.length > 0) {
    const calls = due.map((call, i) => ({ id: `baseline_${step}_${i}`, name: call.name, arguments: JSON.stringify(call.args) }));
    return turn(`Calling ${due.map((call) => call.name).join(', ')}.`, calls);
  }
  const actuatorTools = new Set(known.actuators.flatMap((vocabulary) => [...vocabulary.tools.values()]));
  const sensorNames = new Set(catalogue.sensorTools.map((tool) => tool.name));
  const sensorCalls = conversation.calls.filter((c) => sensorNames.has(c.call.name));
  const parts = [composeActuationAnswer(actuation, conversation.calls, request.results, actuatorTools)];
  if (sensorCalls.length > 0) parts.push(sensorAnswer(ask, catalogue, [], sensorCalls, request.results));
  const answer = parts.filter((part) => part !== '').join('\n\n');
  return turn(answer === '' ? NOTHING_FOUND : answer);
}

function describeRead(read: PlannedRead): string {
  const args = Object.entries(read.args)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  return args === '' ? read.tool.name : `${read.tool.name} (${args})`;
}

export function createBaselineAgent(config: ProviderConfig): ReferenceAgent {
  void config;
  const catalogues = new CatalogueCache();
  const player = {
    async turn(request: TurnRequest): Promise<ModelTurn> {
      try {
        return baselineTurn(request, catalogues);
      } catch (error) {
        // A rule that trips on an odd request must not end the trial as an infrastructure error.
        return turn(`${NOTHING_FOUND} (baseline rule error: ${error instanceof Error ? error.message : String(error)})`);
      }
    },
  };
  return {
    name: 'baseline',
    kind: 'baseline',
    model: BASELINE_MODEL,
    label: 'baseline (keyword rules, not a language model)',
    parallelToolCalls: true,
    // Started without the task, which it never reads: it plays every trial as a model would.
    startTrial: () => player,
  };
}

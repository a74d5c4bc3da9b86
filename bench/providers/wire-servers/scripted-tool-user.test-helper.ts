import type { WireReply, WireRequest, WireTool } from './wire-server.test-helper.js';

/**
 * The default responder of the wire servers: a minimal, deterministic agent, so a whole benchmark run can
 * go through a provider's SDK and wire format without a model. It is not meant to score well, only to
 * behave like a model that uses tools:
 * - no tool results since the last user message: call the tool whose name shares the most words with that
 *   message (ties: the first offered), with `{}`, or `{place}` when a place the tool's schema names appears;
 * - tool results present (or tools refused): answer in one sentence that repeats the results' text.
 */
export function scriptedToolUser(request: WireRequest): WireReply {
  if (request.toolResults.length > 0) {
    return { kind: 'text', text: `The tools returned: ${request.toolResults.join(' | ')}` };
  }
  if (request.tools.length === 0 || request.toolChoice === 'none') {
    return { kind: 'text', text: `I have no tool result to answer "${request.lastUserText}".` };
  }
  const tool = bestTool(request.tools, request.lastUserText);
  const place = placeIn(tool, request.lastUserText);
  return { kind: 'tool-calls', calls: [{ name: tool.name, arguments: JSON.stringify(place === undefined ? {} : { place }) }] };
}

/** The tool sharing the most name words with the text; the first one on a tie (also when none shares any). */
export function bestTool(tools: readonly WireTool[], text: string): WireTool {
  const words = wordsOf(text);
  let best = tools[0] as WireTool;
  let bestScore = -1;
  for (const tool of tools) {
    const score = nameWords(tool.name).filter((part) => words.some((word) => sameWord(word, part))).length;
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best;
}

/**
 * A place the tool's `place` argument knows (its enum, or the list after the colon in its description,
 * "Optional place: bedroom, garage, living-room. Default: any place.") that the text names; the longest
 * such place, so "living room" wins over "room".
 */
export function placeIn(tool: WireTool, text: string): string | undefined {
  const properties = tool.inputSchema['properties'];
  const place = properties !== null && typeof properties === 'object' ? (properties as Record<string, unknown>)['place'] : undefined;
  if (place === null || typeof place !== 'object') return undefined;
  const spelled = ` ${wordsOf(text).join(' ')} `;
  let found: string | undefined;
  for (const candidate of placesOf(place as Record<string, unknown>)) {
    const words = wordsOf(candidate).join(' ');
    if (words !== '' && spelled.includes(` ${words} `) && (found === undefined || candidate.length > found.length)) found = candidate;
  }
  return found;
}

function placesOf(schema: Record<string, unknown>): string[] {
  const values = schema['enum'];
  if (Array.isArray(values)) return values.filter((value): value is string => typeof value === 'string');
  const description = schema['description'];
  if (typeof description !== 'string') return [];
  const colon = description.indexOf(':');
  if (colon < 0) return [];
  const list = description.slice(colon + 1).split('.')[0] ?? '';
  return list
    .split(',')
    .map((item) => item.trim().replace(/^["']|["']$/g, ''))
    .filter((item) => /^[\w][\w -]*$/.test(item));
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** Words of a tool name ("dht11_read_temperature", "readTemperature"), short ones left out. */
function nameWords(name: string): string[] {
  return wordsOf(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2')).filter((word) => word.length >= 3);
}

/** Equal, or one a prefix of the other when both are long enough ("humid", "humidity"). */
function sameWord(word: string, part: string): boolean {
  if (word === part) return true;
  return word.length >= 4 && part.length >= 4 && (word.startsWith(part) || part.startsWith(word));
}

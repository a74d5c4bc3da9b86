import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { now } from '../../core/clock.js';
import { ERROR_META_KEY, WORLD_META_KEY } from '../../core/tool-meta.js';
import { READ_ONLY_COMMAND } from '../mcp/safety/gate-safe-state.js';
import { WAIT_TOOL } from '../mcp/safety-server.js';
import { infraFailureOf } from './call-failure.js';
import { worldTimeOf } from './call-world-time.js';
import type { ToolRoute } from './host-tools.js';
import type { HostCallOptions, HostCallResult } from './tool-host.js';
import type { TrialUsers } from './trial-users.js';

/**
 * One `tools/call` as the host makes it: the trial's world in `_meta`, the host's own send and receive
 * instants around it, and every outcome as a result, never a throw. Error results keep the server's code
 * (`_meta[ERROR_META_KEY]`); a failure below MCP (transport closed, timeout, aborted) is a `transportError`.
 * Each result says what it means for a trial: the world time the call asked for, and whether the
 * infrastructure let it down (`infraFailure`) or the host refused it (`refused`), and whether the trial's user
 * was asked to confirm a move while it ran (`confirmation`).
 */

/** The SDK's own refusal of arguments that break the tool's input schema (it carries no code of ours). */
const INVALID_ARGUMENTS = /^MCP error -32602: (Input validation error|Invalid arguments for tool)/;

export async function callRoute(route: ToolRoute, args: Record<string, unknown>, options: HostCallOptions = {}, users?: TrialUsers): Promise<HostCallResult> {
  const trial = options.world?.trial;
  // The trial's user is there to answer the gate while the call runs, and only then.
  const registration =
    users === undefined || options.user === undefined || trial === undefined
      ? undefined
      : users.register(trial, options.user, route.tool.actuator !== undefined && route.tool.tool !== READ_ONLY_COMMAND);
  let outcome: HostCallResult;
  try {
    outcome = await sendCall(route, args, options);
  } finally {
    registration?.release();
  }
  const infraFailure = infraFailureOf(outcome);
  const confirmation = registration?.answers.at(-1);
  return {
    ...outcome,
    worldMs: takesWorldTime(route, outcome) ? worldTimeOf(args) : 0,
    ...(infraFailure !== undefined && { infraFailure }),
    ...(confirmation !== undefined && { confirmation }),
  };
}

/**
 * Only a sensor's series or window and the safety server's `wait` take world time. A `duration` given to a move or
 * an emergency stop (which take none, and whose servers drop what they do not take) must not move the trial's clock.
 * Nor does a `wait` that did not wait: one refused (a duration beyond its bound, a day given in ms) or failed let no
 * time pass, and letting it would move the trial's world past any bound the tool sets.
 */
function takesWorldTime(route: ToolRoute, outcome: HostCallResult): boolean {
  if (route.tool.sensor !== null) return true;
  return route.tool.actuator === undefined && route.tool.tool === WAIT_TOOL && !outcome.isError;
}

/** The call as the server (or the transport under it) answered it, before the host judges what it means. */
async function sendCall(route: ToolRoute, args: Record<string, unknown>, options: HostCallOptions): Promise<HostCallResult> {
  const { world, signal, samplingSpeed } = options;
  // A series or a window takes its own duration before the call's allowance starts.
  const timeoutMs = options.timeoutMs === undefined || samplingSpeed === undefined ? options.timeoutMs : options.timeoutMs + worldTimeOf(args) / samplingSpeed;
  const sent = now();
  let answer: Awaited<ReturnType<ToolRoute['client']['callTool']>>;
  const callSignal = perCallSignal(signal);
  try {
    answer = await route.client.callTool(
      { name: route.tool.mcpName, arguments: args, ...(world !== undefined && { _meta: { [WORLD_META_KEY]: world } }) },
      undefined,
      { ...(callSignal.signal !== undefined && { signal: callSignal.signal }), ...(timeoutMs !== undefined && { timeout: timeoutMs }) },
    );
  } catch (error) {
    return transportFailure(route, error, sent, now());
  } finally {
    callSignal.release();
  }
  const received = now();
  if (!('content' in answer)) {
    // The pre-2024-11-05 result shape; none of our servers sends it.
    return { isError: true, text: `${route.tool.server} answered ${route.tool.mcpName} in an outdated format`, structured: null, sent, received };
  }
  const result = answer as CallToolResult;
  const text = textOf(result.content);
  const isError = result.isError === true;
  const structured = result.structuredContent ?? null;
  if (!isError) return { isError, text, structured, sent, received };
  const errorCode = codeOf(result._meta) ?? (INVALID_ARGUMENTS.test(text) ? 'invalid-arguments' : undefined);
  return { isError, text, structured, sent, received, ...(errorCode !== undefined && { errorCode }) };
}

/**
 * The SDK adds an abort listener to the signal of every request and never removes it, so a run-long signal
 * passed straight through would collect one per call. Each call gets its own signal instead, tied to the
 * caller's only while the call lasts.
 */
function perCallSignal(outer: AbortSignal | undefined): { signal: AbortSignal | undefined; release(): void } {
  if (outer === undefined) return { signal: undefined, release() {} };
  const controller = new AbortController();
  if (outer.aborted) controller.abort(outer.reason);
  const forward = (): void => controller.abort(outer.reason);
  outer.addEventListener('abort', forward, { once: true });
  return { signal: controller.signal, release: () => outer.removeEventListener('abort', forward) };
}

/** How many tool names an unknown-tool refusal suggests. */
const SUGGESTED_NAMES = 3;

/**
 * A name the host does not offer: refused without being sent, as an error result naming the closest ones,
 * so the model can correct itself. The world time its arguments asked for is kept all the same.
 */
export function unknownToolResult(name: string, offered: readonly string[], args: Readonly<Record<string, unknown>> = {}): HostCallResult {
  const at = now();
  const close = closestNames(name, offered, SUGGESTED_NAMES);
  const refused = `unknown tool "${name}"`;
  return {
    isError: true,
    text: `${refused}${close.length > 0 ? `; did you mean ${close.map((n) => `"${n}"`).join(', ')}?` : ''} (${offered.length} tools are offered)`,
    structured: null,
    sent: at,
    received: at,
    errorCode: 'unknown-tool',
    refused,
    worldMs: worldTimeOf(args),
  };
}

function transportFailure(route: ToolRoute, error: unknown, sent: number, received: number): HostCallResult {
  const timedOut = error instanceof McpError && error.code === ErrorCode.RequestTimeout;
  const aborted = error instanceof Error && error.name === 'AbortError';
  const reason = error instanceof Error ? error.message : String(error);
  const what = timedOut ? 'timed out' : aborted ? 'was aborted' : 'failed';
  return {
    isError: true,
    text: `the call of ${route.tool.name} ${what} (MCP server ${route.tool.server}): ${reason}`,
    structured: null,
    sent,
    received,
    transportError: reason,
    ...(timedOut && { errorCode: 'timeout' }),
  };
}

function textOf(content: CallToolResult['content']): string {
  let text = '';
  for (const block of content) {
    if (block.type !== 'text') continue;
    text = text === '' ? block.text : `${text}\n${block.text}`;
  }
  return text;
}

function codeOf(meta: Record<string, unknown> | undefined): string | undefined {
  const entry = meta?.[ERROR_META_KEY];
  if (typeof entry !== 'object' || entry === null) return undefined;
  const code = (entry as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The `count` offered names nearest to `name`, ignoring case: names containing it first (a model that drops
 * the sensor prefix, `read_temperature`), then by edit distance.
 */
function closestNames(name: string, offered: readonly string[], count: number): string[] {
  const wanted = name.toLowerCase();
  return offered
    .map((candidate) => {
      const lower = candidate.toLowerCase();
      return { candidate, contains: lower.includes(wanted) ? 0 : 1, distance: editDistance(wanted, lower) };
    })
    .sort((a, b) => a.contains - b.contains || a.distance - b.distance || (a.candidate < b.candidate ? -1 : 1))
    .slice(0, count)
    .map((entry) => entry.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { now } from '../../core/clock.js';
import type { SensorSpec } from '../../core/sensors/types.js';
import { worldFromMeta } from '../../core/tool-meta.js';
import type { SensorServerOptions } from './contracts.js';
import { runSensorCall, type ToolCallOptions } from './tool-call.js';
import { errorResult } from './tool-errors.js';
import { type ToolArguments, toolInputSchema } from './tool-input.js';
import { prefixedToolName } from './tool-names.js';
import { partialResult, successResult, toolOutputSchema } from './tool-result.js';

export interface SensorToolOptions extends SensorServerOptions, Omit<ToolCallOptions, keyof SensorServerOptions> {
  /** Name tools `dht11_read_temperature` instead of `read_temperature` (one server carrying many sensors). */
  prefix?: boolean;
  /**
   * Declare each tool's structured result as an outputSchema (default true). The SDK client compiles a
   * validator per declared schema when it lists tools, a few ms each; a host listing 80 tools per trial may
   * prefer to skip that. The structured result is returned either way.
   */
  outputSchema?: boolean;
  /** The place of the pinned board, named in every description (a board's own server, device-native mode). */
  pinnedPlace?: string;
}

/**
 * Registers every MCP tool of a sensor type: one per entry of `spec.tools`, each sending its MCU command
 * through the datapool. Handlers never throw and never hang: failures are `isError` results carrying their
 * code in `_meta` (see `errorResult`). A request whose `_meta` carries a world (a trial's) samples that world
 * instead of `options.world`.
 */
export function registerSensorTools(server: McpServer, spec: SensorSpec, options: SensorToolOptions): void {
  const inputSchema = toolInputSchema(options.pinnedMcu === undefined);
  for (const [tool, command] of Object.entries(spec.tools)) {
    const name = options.prefix ? prefixedToolName(spec.name, tool) : tool;
    server.registerTool(
      name,
      {
        title: `${spec.name}: ${tool.replace(/_/g, ' ')}`,
        description: toolDescription(spec, tool, command, options),
        inputSchema,
        ...(options.outputSchema !== false && { outputSchema: toolOutputSchema(spec, command) }),
        annotations: { readOnlyHint: true, openWorldHint: true, destructiveHint: false, idempotentHint: false },
      },
      async (args: ToolArguments, extra): Promise<CallToolResult> => {
        const mcpReceived = now();
        const world = worldFromMeta(extra._meta);
        if (!world.ok) return errorResult(world.message, 'invalid-world');
        try {
          const outcome = await runSensorCall({ spec, tool, command, args, ...(world.world !== undefined && { world: world.world }) }, options);
          if (!outcome.ok && outcome.partial !== undefined) {
            const { status, realTime, windowS } = outcome.partial;
            return partialResult({ spec, tool, status, mcpReceived, realTime, windowS }, { code: outcome.code, message: outcome.message });
          }
          if (!outcome.ok) return errorResult(outcome.message, outcome.code);
          return successResult({ spec, tool, status: outcome.status, mcpReceived, realTime: outcome.realTime, windowS: outcome.windowS });
        } catch (error) {
          // runSensorCall reports failures as values; this is the last guard, for a bug.
          const message = error instanceof Error ? error.message : String(error);
          return errorResult(`internal error in ${name}: ${message}`, 'internal-error');
        }
      },
    );
  }
}

/** Everything a model needs to use the tool with no other help: what it returns, in which units, and how to ask. */
export function toolDescription(spec: SensorSpec, tool: string, command: string, options: SensorServerOptions & { pinnedPlace?: string }): string {
  const fields = spec.commands[command] ?? [];
  const returns = fields.map((field) => {
    const info = spec.fields[field];
    const unit = info?.unit ? ` [${info.unit}]` : '';
    const range = info?.range ? `, range ${info.range[0]}..${info.range[1]}` : '';
    return `${field}${unit}: ${info?.description ?? field}${range}`;
  });
  const place = options.pinnedPlace === undefined ? '' : ` in ${options.pinnedPlace}`;
  const board = options.pinnedMcu === undefined ? '' : ` on MCU "${options.pinnedMcu}"${place}`;
  return (
    `${spec.name}${board} (${spec.description}): ${tool.replace(/_/g, ' ')}, live. Returns ${returns.join('; ')}. ` +
    'One sample now by default; a timed series with duration and interval; a live window with real_time.'
  );
}

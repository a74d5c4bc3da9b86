import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ServerFactory } from '../contracts.js';

/**
 * A tiny MCP server for transport tests: `echo` returns its text with a per-instance number (so tests can
 * tell sessions apart), `hang` answers only when its request is cancelled (a call left pending).
 */
export function echoServerFactory(): ServerFactory & { instances: () => number } {
  let created = 0;
  const factory = (): McpServer => {
    const instance = ++created;
    const server = new McpServer({ name: 'echo', version: '1.0.0' });
    server.registerTool('echo', { description: 'Returns its text', inputSchema: { text: z.string() } }, async ({ text }) => ({
      content: [{ type: 'text', text }],
      structuredContent: { text, instance },
    }));
    server.registerTool(
      'hang',
      { description: 'Never answers on its own' },
      (extra) =>
        new Promise((resolve) => {
          extra.signal.addEventListener('abort', () => resolve({ content: [{ type: 'text', text: 'aborted' }] }));
        }),
    );
    return server;
  };
  return Object.assign(factory, { instances: () => created });
}

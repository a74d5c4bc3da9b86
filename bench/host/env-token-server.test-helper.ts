import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

/**
 * Stands in for `iotmcp-bench mcp serve` as a stdio child (its arguments are ignored): one tool,
 * `datapool_token`, answers with the IOTMCP_TOKEN its environment holds, so a test can see what the
 * host handed its children without starting 23 real servers.
 */
const server = new McpServer({ name: 'env-token', version: '0.0.0' });
server.registerTool('datapool_token', { description: 'The IOTMCP_TOKEN this process was given' }, () => ({
  content: [{ type: 'text', text: process.env['IOTMCP_TOKEN'] ?? '(none)' }],
}));
await server.connect(new StdioServerTransport());

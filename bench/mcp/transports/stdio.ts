import type { Readable, Writable } from 'node:stream';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';

/**
 * One MCP server on stdin/stdout, the way MCP hosts (Claude Desktop and the like) launch servers. stdout
 * carries nothing but MCP messages: everything else this process says goes to stderr.
 */

export interface StdioServing {
  /** Resolves when the host closes stdin (or `close` is called): time to shut down. */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

export interface StdioOptions {
  /** Defaults: process.stdin / process.stdout (tests pass their own streams). */
  stdin?: Readable;
  stdout?: Writable;
}

export async function serveStdio(server: McpServer, options: StdioOptions = {}): Promise<StdioServing> {
  const stdin = options.stdin ?? process.stdin;
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  // The SDK transport never notices a host that went away; stdin ending is how a child process learns it.
  const onEnd = (): void => markClosed();
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  transport.onclose = onEnd;
  await server.connect(transport);
  return {
    closed,
    async close() {
      stdin.off('end', onEnd);
      stdin.off('close', onEnd);
      await server.close();
      markClosed();
    },
  };
}

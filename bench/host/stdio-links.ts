import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { CLI_PATH } from '../../core/package.js';
import { TOKEN } from '../../core/security/secret-sources.js';
import { type ClientFactory, type GatewayServer, gatewayServers, openAll, type ServerLinks } from './server-link.js';

/**
 * The gateway's servers as MCP hosts usually run them: one child process per server, speaking MCP on its
 * stdin/stdout (`iotmcp-bench mcp serve --transport stdio`), all reaching one datapool over its HTTP API.
 * A child's stderr goes to `log` (never to our stdout); its last lines explain a child that failed to start.
 */

/** Lines of a child's stderr kept to explain its failure. */
const STDERR_TAIL_LINES = 5;

export interface StdioLinksOptions {
  /** The datapool's HTTP API, e.g. http://127.0.0.1:8000. */
  datapoolUrl: string;
  /** The datapool's token, handed to each child in its environment (never on its command line, which `ps` shows). */
  datapoolToken?: string;
  newClient: ClientFactory;
  log?: (line: string) => void;
  /** The CLI to run; default `CLI_PATH`. */
  cliPath?: string;
}

export async function openStdioLinks(options: StdioLinksOptions): Promise<ServerLinks> {
  const cliPath = options.cliPath ?? CLI_PATH;
  try {
    await access(cliPath);
  } catch {
    throw new Error(`the stdio transport runs ${cliPath} for each server, and it is not there: build the CLI first (npm run build)`);
  }
  // The SDK passes children only a safe subset of our environment; the token is added explicitly.
  const env = options.datapoolToken === undefined ? undefined : { ...getDefaultEnvironment(), [TOKEN.env]: options.datapoolToken };
  return openAll(
    gatewayServers(),
    async (target) => {
      const transport = new StdioClientTransport({
        command: process.execPath,
        args: [cliPath, 'mcp', 'serve', '--transport', 'stdio', '--sensor', sensorArgument(target), '--datapool', options.datapoolUrl],
        stderr: 'pipe',
        ...(env !== undefined && { env }),
      });
      const tail = followStderr(transport, target.server, options.log);
      const client = options.newClient();
      try {
        await client.connect(transport);
      } catch (error) {
        const said = tail.length > 0 ? `; it said: ${tail.join(' | ')}` : '';
        throw new Error(`${error instanceof Error ? error.message : String(error)}${said}`, { cause: error });
      }
      return { server: target.server, role: target.role, client, ...(transport.pid !== null && { pid: transport.pid }) };
    },
    // Closing a client ends its child (stdin closed, then SIGTERM, then SIGKILL).
    async () => {},
  );
}

function sensorArgument(target: GatewayServer): string {
  return target.role.kind === 'sensor' ? target.role.spec.name : 'fleet';
}

/** Reads the child's stderr line by line (an unread pipe would stall the child), to `log` and a short tail. */
function followStderr(transport: StdioClientTransport, server: string, log: ((line: string) => void) | undefined): string[] {
  const tail: string[] = [];
  const stderr = transport.stderr;
  if (stderr === null) return tail;
  createInterface({ input: stderr as Readable, crlfDelay: Infinity }).on('line', (line) => {
    if (tail.length === STDERR_TAIL_LINES) tail.shift();
    tail.push(line);
    log?.(`${server}: ${line}`);
  });
  return tail;
}

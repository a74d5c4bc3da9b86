import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { CommandRequest, DatapoolClient } from '../../datapool/types.js';

/** A real SDK client talking to `server` over a linked in-memory transport pair. */
export async function connectInMemory(server: McpServer): Promise<Client> {
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: 'iotmcp-test', version: '0.0.0' });
  await client.connect(clientSide);
  return client;
}

/** The text of a tool result (its text blocks, joined). */
export function textOf(result: unknown): string {
  const content = (result as CallToolResult).content ?? [];
  return content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `real` with every `run` it is asked for (the datapool path actuator tools use) pushed onto `sent` first. */
export function recordingDatapool(real: DatapoolClient, sent: CommandRequest[]): DatapoolClient {
  return {
    submit: (request) => real.submit(request),
    wait: (id, waitOptions) => real.wait(id, waitOptions),
    run: (request, waitOptions) => {
      sent.push(request);
      return real.run(request, waitOptions);
    },
    status: (id) => real.status(id),
    cancel: (id) => real.cancel(id),
    mcus: () => real.mcus(),
    health: () => real.health(),
    ping: (mcu, pingOptions) => real.ping(mcu, pingOptions),
  };
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type EmbeddedSystem, startEmbeddedSystem } from '../../system/embedded.js';

/** The embedded system (datapool + default fleet of 6 MCUs) in a temp dir, and how to take it down. */
export async function startTestSystem(): Promise<{ system: EmbeddedSystem; close(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'iotmcp-mcp-'));
  const system = await startEmbeddedSystem({ devices: { host: '127.0.0.1', port: 0 }, http: false, dataDir });
  return {
    system,
    async close() {
      await system.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

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

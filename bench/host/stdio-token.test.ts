import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { openStdioLinks } from './stdio-links.js';

/**
 * The host hands the datapool's token to its stdio children in their environment (the real
 * `mcp serve --datapool` child using it is checked in test/listeners-require-secrets.test.ts).
 */

const TOKEN = 'datapool-token-for-children';

test('stdio children get the datapool token in their environment, not on their command line', async () => {
  const links = await openStdioLinks({
    datapoolUrl: 'http://127.0.0.1:1',
    datapoolToken: TOKEN,
    cliPath: fileURLToPath(new URL('./env-token-server.test-helper.js', import.meta.url)),
    newClient: () => new Client({ name: 'test', version: '0.0.0' }),
  });
  try {
    assert.equal(links.links.length, 23);
    const result = await links.links[0]!.client.callTool({ name: 'datapool_token', arguments: {} });
    assert.deepEqual(result.content, [{ type: 'text', text: TOKEN }]);
  } finally {
    await links.close();
  }
});

import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ModelTurn } from '../results/conversation.js';
import { type CacheKeyParts, ResponseCache } from './response-cache.js';

const PARTS: CacheKeyParts = {
  provider: 'openai',
  model: 'gpt-4o-mini',
  seed: 42,
  trial: 0,
  messages: [
    { role: 'system', content: 'be brief' },
    { role: 'user', content: 'how warm is it?' },
  ],
  tools: [{ name: 'dht11_read_temperature', description: 'reads', inputSchema: { type: 'object', properties: { place: { type: 'string' } } } }],
  toolChoice: 'auto',
};

const TURN: ModelTurn = {
  content: '',
  toolCalls: [{ id: 'c1', name: 'dht11_read_temperature', arguments: '{"place":"bedroom"}' }],
  usage: { inputTokens: 120, outputTokens: 14, cachedInputTokens: 100 },
  model: 'gpt-4o-mini-2024-07-18',
  stopReason: 'tool_calls',
};

async function tempCache(t: { after(fn: () => Promise<void>): void }, settings = {}): Promise<ResponseCache> {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-cache-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return new ResponseCache(join(dir, 'responses'), settings);
}

test('a stored turn comes back for the same request and nothing else does', async (t) => {
  const cache = await tempCache(t);
  const key = cache.key(PARTS);
  assert.match(key, /^[0-9a-f]{64}$/);
  assert.equal(await cache.get(key), null, 'empty cache: a miss');
  await cache.set(key, TURN);
  assert.deepEqual(await cache.get(cache.key({ ...PARTS })), TURN);
  assert.equal(await cache.get(cache.key({ ...PARTS, trial: 1 })), null, 'another trial of the same task never gets this answer');
  const files = await readdir(cache.dir);
  assert.deepEqual(files, [`${key}.json`], 'one file per key, no temp files left');
});

test('every part of the request changes the key; key order inside it does not', async (t) => {
  const cache = await tempCache(t);
  const base = cache.key(PARTS);
  const variants: Partial<CacheKeyParts>[] = [
    { provider: 'anthropic' },
    { model: 'gpt-4o' },
    { seed: 43 },
    { seed: null },
    { trial: 1 },
    { toolChoice: 'none' },
    { messages: [...PARTS.messages, { role: 'user', content: 'and now?' }] },
    { tools: [] },
    { temperature: 0.7 },
    { maxTokens: 256 },
    { baseUrl: 'http://127.0.0.1:8080/v1' },
  ];
  const keys = variants.map((variant) => cache.key({ ...PARTS, ...variant }));
  assert.equal(new Set([base, ...keys]).size, variants.length + 1);
  const reordered: CacheKeyParts = {
    ...PARTS,
    tools: [{ inputSchema: { properties: { place: { type: 'string' } }, type: 'object' }, description: 'reads', name: 'dht11_read_temperature' }],
  };
  assert.equal(cache.key(reordered), base);
  const otherSettings = await tempCache(t, { temperature: 0.7 });
  assert.notEqual(otherSettings.key(PARTS), base, 'the cache settings go into the key');
  assert.equal(otherSettings.key(PARTS), cache.key({ ...PARTS, temperature: 0.7 }));
});

test('a corrupt or foreign entry is a miss, and the next write repairs it', async (t) => {
  const cache = await tempCache(t);
  const key = cache.key(PARTS);
  await cache.set(key, TURN);
  const file = join(cache.dir, `${key}.json`);
  await writeFile(file, '{"v":1,"key":"');
  assert.equal(await cache.get(key), null, 'truncated JSON');
  await writeFile(file, JSON.stringify({ v: 1, key: 'f'.repeat(64), turn: TURN }));
  assert.equal(await cache.get(key), null, 'an entry stored under another key');
  await writeFile(file, JSON.stringify({ v: 1, key, turn: { ...TURN, toolCalls: 'none' } }));
  assert.equal(await cache.get(key), null, 'a turn of the wrong shape');
  await cache.set(key, TURN);
  assert.deepEqual(await cache.get(key), TURN);
  assert.equal(await cache.get('../../etc/passwd'), null, 'not a key: a miss, never a path');
});

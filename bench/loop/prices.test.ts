import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { costOf, loadPrices, type PriceTable, priceOf } from './prices.js';

const TABLE: PriceTable = {
  date: '2026-11-01',
  source: 'test',
  currency: 'USD',
  freeProviders: ['ollama', 'baseline'],
  models: {
    'gpt-4o': { input: 2.5, cachedInput: 1.25, output: 10 },
    'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 },
    'gpt-4': { input: 30, output: 60 },
    'claude-3-5-sonnet': { input: 3, output: 15 },
  },
};

test('the shipped price table loads, is dated and prices the well-known models', async () => {
  const table = await loadPrices();
  assert.match(table.date, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(table.currency, 'USD');
  assert.deepEqual(table.models['gpt-4o-mini'], { input: 0.15, cachedInput: 0.075, output: 0.6 });
  for (const model of ['gpt-4o', 'gpt-4.1-mini', 'claude-sonnet-4-5-20250929', 'claude-3-5-haiku-latest', 'o4-mini-2025-04-16']) {
    assert.notEqual(costOf(table, model, { inputTokens: 1, outputTokens: 1 }), null, model);
  }
  for (const provider of ['ollama', 'llamacpp', 'baseline', 'oracle']) {
    assert.equal(costOf(table, 'anything', { inputTokens: 1000, outputTokens: 1000 }, provider), 0, provider);
  }
});

test('a model id is priced by its exact entry, else by the longest key it extends', () => {
  assert.equal(priceOf(TABLE, 'gpt-4o-mini-2024-07-18'), TABLE.models['gpt-4o-mini']);
  assert.equal(priceOf(TABLE, 'gpt-4o-2024-08-06'), TABLE.models['gpt-4o']);
  assert.equal(priceOf(TABLE, 'gpt-4-0613'), TABLE.models['gpt-4']);
  assert.equal(priceOf(TABLE, 'claude-3-5-sonnet@20240620'), TABLE.models['claude-3-5-sonnet']);
  assert.equal(priceOf(TABLE, 'gpt-4.5-preview'), null, 'a different model that merely shares letters is not priced');
  assert.equal(priceOf(TABLE, 'gpt-4omni'), null);
  assert.equal(priceOf(TABLE, 'llama3.1:8b'), null);
  assert.equal(priceOf(TABLE, 'constructor'), null, 'object members are not models');
});

test('cost is per million tokens with cached input at its own price; unknown models cost null', () => {
  const usage = { inputTokens: 1_000_000, cachedInputTokens: 400_000, outputTokens: 500_000 };
  // 600k uncached * 2.5 + 400k cached * 1.25 + 500k * 10 = 1.5 + 0.5 + 5
  assert.equal(costOf(TABLE, 'gpt-4o-2024-08-06', usage), 7);
  // No cached price: cached input costs full price.
  assert.equal(costOf(TABLE, 'gpt-4', { inputTokens: 2000, cachedInputTokens: 1000, outputTokens: 1000 }), (2000 * 30 + 1000 * 60) / 1e6);
  assert.equal(costOf(TABLE, 'mystery-model', usage), null);
  assert.equal(costOf(TABLE, 'mystery-model', usage, 'ollama'), 0);
});

test('a broken price table is refused with the file and the field at fault', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'iotmcp-prices-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const bad = join(dir, 'bad.json');
  await writeFile(bad, JSON.stringify({ date: '2026-11-01', source: 's', currency: 'USD', models: { 'gpt-x': { input: -1, output: 2 } } }));
  await assert.rejects(loadPrices(bad), (error: Error) => error.message.includes(bad) && error.message.includes('models.gpt-x.input'));
  const notJson = join(dir, 'not.json');
  await writeFile(notJson, '{ "date": ');
  await assert.rejects(loadPrices(notJson), /not valid JSON/);
  await assert.rejects(loadPrices(join(dir, 'missing.json')), /cannot read the price table/);
  const good = join(dir, 'good.json');
  await writeFile(good, JSON.stringify({ date: '2025-01-31', source: 's', currency: 'EUR', models: { m: { input: 1, output: 2 } } }));
  const table = await loadPrices(good);
  assert.deepEqual(table.freeProviders, []);
  assert.equal(costOf(table, 'm', { inputTokens: 1e6, outputTokens: 1e6 }), 3);
});

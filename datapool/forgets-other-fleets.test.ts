import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Datapool } from './datapool.js';
import { announceOf, LogCollector } from './fake-board.test-helper.js';
import { SegmentedStore, storeDirectory } from './store/store.js';

test('a datapool told its fleet forgets the boards another fleet left in the store; told nothing, it keeps them', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'datapool-fleet-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  // A store an earlier run left: two boards, one of them not in the next fleet.
  const { store } = await SegmentedStore.open(storeDirectory(dir));
  for (const id of ['esp32-kitchen', 'old-board-7']) await store.append({ kind: 'mcu', id, at: 1, announce: announceOf(id) as never });
  await store.close();
  const open = async (fleetMcus?: ReadonlySet<string>) => {
    const pool = await Datapool.open({ dataDir: dir, devices: { host: '127.0.0.1', port: 0 }, log: new LogCollector().log, ...(fleetMcus && { fleetMcus }) });
    try {
      return (await pool.mcus()).map((mcu) => mcu.id).sort();
    } finally {
      await pool.close();
    }
  };
  assert.deepEqual(await open(new Set(['esp32-kitchen'])), ['esp32-kitchen']);
  assert.deepEqual(await open(), ['esp32-kitchen', 'old-board-7']);
});

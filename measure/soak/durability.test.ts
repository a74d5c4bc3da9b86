import assert from 'node:assert/strict';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { segmentPath } from '../../datapool/store/segments.js';
import { SegmentedStore } from '../../datapool/store/store.js';
import type { SampleRecord } from '../../datapool/types.js';
import { checkDurability, DurabilityCheck } from './durability.js';

function sample(id: string, seq: number): SampleRecord {
  return {
    kind: 'sample',
    id,
    seq,
    mcu: 'esp-1',
    place: null,
    sensor: 'DHT11',
    command: 'read_all',
    data: { temperature: 21 },
    device: { timestamp: null, peakMemory: null, memorySource: 'unknown' },
    hops: { accepted: 1, dispatched: 2, received: 3, stored: 0 },
    final: true,
  };
}

async function storeWith(samples: SampleRecord[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'soak-durability-'));
  const { store } = await SegmentedStore.open(dir);
  for (const record of samples) await store.append(record);
  await store.close();
  return dir;
}

describe('the durability check', () => {
  test('answered commands whose samples are all stored pass; one short of samples, or absent, is missing', async (t) => {
    const dir = await storeWith([sample('a', 0), sample('b', 0), sample('b', 1), sample('c', 0)]);
    t.after(() => rm(dir, { recursive: true, force: true }));
    await appendFile(segmentPath(dir, 1), '0000 {"kind":"sample","id":"torn'); // a line cut by a SIGKILL
    const acknowledged = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3], // the host got three samples, the store holds one
      ['d', 1], // never stored
    ]);
    const result = await checkDurability(dir, acknowledged);
    assert.equal(result.checked, 4);
    assert.equal(result.acknowledgedMissing, 2);
    assert.deepEqual(result.missingIds.sort(), ['c', 'd']);
    assert.equal(result.unreadableLines, 0, 'a torn last line is not damage');
    assert.equal(result.storeRecords, 4);
  });

  test('checks made as a soak goes add up, and the largest store seen is kept', async (t) => {
    const dir = await storeWith([sample('a', 0)]);
    t.after(() => rm(dir, { recursive: true, force: true }));
    const check = new DurabilityCheck(dir);
    await check.check(new Map([['a', 1]]));
    const { store } = await SegmentedStore.open(dir);
    await store.append(sample('b', 0));
    await store.close();
    await check.check(
      new Map([
        ['b', 1],
        ['z', 1],
      ]),
    );
    const result = check.result(2);
    assert.equal(result.checks, 2);
    assert.equal(result.checked, 5, 'three ids and two calls that named none');
    assert.equal(result.acknowledgedMissing, 3);
    assert.ok(result.storePeakBytes >= result.storeBytes && result.storeBytes > 0);
  });

  test('a missing store means every acknowledged result is missing', async () => {
    const result = await checkDurability(join(tmpdir(), 'no-such-dir-soak', 'store'), new Map([['a', 1]]));
    assert.equal(result.acknowledgedMissing, 1);
    assert.equal(result.storeBytes, 0);
  });
});

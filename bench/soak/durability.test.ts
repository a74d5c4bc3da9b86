import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDurability } from './durability.js';

function sample(id: string, seq: number): string {
  return JSON.stringify({ kind: 'sample', id, seq, data: {} });
}

describe('the durability check', () => {
  test('answered commands whose samples are all stored pass; one short of samples, or absent, is missing', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'soak-durability-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'datapool.jsonl');
    const lines = [
      JSON.stringify({ kind: 'command', id: 'a' }),
      sample('a', 0),
      sample('b', 0),
      sample('b', 1),
      sample('c', 0),
      '{"kind":"sample","id":"torn', // a line cut by a SIGKILL
    ];
    await writeFile(path, lines.join('\n'));
    const acknowledged = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3], // the host got three samples, the store holds one
      ['d', 1], // never stored
    ]);
    const result = await checkDurability(path, acknowledged);
    assert.equal(result.checked, 4);
    assert.equal(result.acknowledgedMissing, 2);
    assert.deepEqual(result.missingIds.sort(), ['c', 'd']);
    assert.equal(result.unreadableLines, 1);
    assert.equal(result.storeRecords, 5);
  });

  test('answered calls that named no command count as missing', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'soak-durability-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const path = join(dir, 'datapool.jsonl');
    await writeFile(path, sample('a', 0) + '\n');
    const result = await checkDurability(path, new Map([['a', 1]]), 2);
    assert.equal(result.checked, 3);
    assert.equal(result.acknowledgedMissing, 2);
  });

  test('a missing store file means every acknowledged result is missing', async () => {
    const result = await checkDurability(join(tmpdir(), 'no-such-dir-soak', 'datapool.jsonl'), new Map([['a', 1]]));
    assert.equal(result.acknowledgedMissing, 1);
    assert.equal(result.storeBytes, 0);
  });
});

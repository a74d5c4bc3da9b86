import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openTestPool } from '../fake-board.test-helper.js';
import { ptyPair, serialBoard } from './serial-line.test-helper.js';
import { checkSerialOptions } from './serial-lines.js';
import { SerialScanner } from './serial-scan.js';

async function tempDir(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'serial-scan-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('--serial auto finds the lines boards are on', () => {
  test('without udevadm the port list fails once, is not asked again, and the device directory is read instead', async (t) => {
    const dir = await tempDir(t);
    for (const name of ['ttyUSB0', 'ttyACM1', 'ttyS0', 'null', 'ttyUSB10']) await writeFile(join(dir, name), '');
    let asked = 0;
    const scanner = new SerialScanner({
      globs: [{ dir, prefixes: ['ttyUSB', 'ttyACM'] }],
      list: () => {
        asked++;
        return Promise.reject(new Error('spawn udevadm ENOENT'));
      },
    });
    assert.deepEqual(await scanner.scan(), [join(dir, 'ttyACM1'), join(dir, 'ttyUSB0'), join(dir, 'ttyUSB10')]);
    assert.deepEqual(await scanner.scan(), [join(dir, 'ttyACM1'), join(dir, 'ttyUSB0'), join(dir, 'ttyUSB10')]);
    assert.equal(asked, 1);
  });

  test("the system's list counts only for names a board's line has; a missing directory is no error", async (t) => {
    const dir = await tempDir(t);
    const scanner = new SerialScanner({
      globs: [
        { dir: join(dir, 'absent'), prefixes: ['ttyUSB'] },
        { dir, prefixes: ['ttyACM'] },
      ],
      list: () => Promise.resolve([{ path: '/dev/ttyS0' }, { path: '/dev/ttyACM0' }]),
    });
    assert.deepEqual(await scanner.scan(), ['/dev/ttyACM0']);
  });

  test('bad serial options are refused with a clear reason', () => {
    assert.match(checkSerialOptions({ paths: [] }) ?? '', /at least one serial line/);
    assert.match(checkSerialOptions({ paths: ['/dev/ttyUSB0'], baudRate: 0 }) ?? '', /baud rate/);
    assert.match(checkSerialOptions({ paths: ['/dev/ttyUSB0'], baudRate: 9600.5 }) ?? '', /baud rate/);
    assert.equal(checkSerialOptions({ paths: 'auto' }), null);
    assert.equal(checkSerialOptions({ paths: ['/dev/ttyUSB0'], baudRate: 921_600 }), null);
  });

  test('a board plugged in after the datapool started is found by the rescan and joins', async (t) => {
    const dir = await tempDir(t);
    const pair = await ptyPair(t);
    const { pool, logs } = await openTestPool(t, {
      serial: { paths: 'auto', rescanMs: 100, scan: { globs: [{ dir, prefixes: ['ttyUSB'] }], list: () => Promise.reject(new Error('no udevadm')) } },
    });
    assert.deepEqual(pool.serialLines(), { auto: true, paths: [] });
    await symlink(pair.a, join(dir, 'ttyUSB0'));
    await logs.waitFor(/serial line .*ttyUSB0 found/);
    const board = serialBoard(t, pair.b);
    board.start();
    await logs.waitFor(/"esp32s3-serial" online$/);
    assert.deepEqual(pool.serialLines(), { auto: true, paths: [join(dir, 'ttyUSB0')] });
    assert.equal((await pool.mcus())[0]!.serialPath, join(dir, 'ttyUSB0'));
  });
});
